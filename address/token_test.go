package address

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc/fold"
)

// TestDecodeRune checks decodeRune against utf8.DecodeRuneInString on
// every rune and on every two-byte prefix of a non-ASCII byte followed by
// a sample of third bytes (truncated, overlong, surrogate and invalid
// sequences included).
func TestDecodeRune(t *testing.T) {
	check := func(s string) {
		t.Helper()
		r, n := decodeRune(s, 0)
		wr, wn := utf8.DecodeRuneInString(s)
		if r != wr || n != wn {
			t.Fatalf("decodeRune(%q) = %U, %d; want %U, %d", s, r, n, wr, wn)
		}
	}
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		check(string(r) + "x")
	}
	for c0 := 0x80; c0 < 0x100; c0++ {
		check(string([]byte{byte(c0)}))
		for c1 := range 0x100 {
			check(string([]byte{byte(c0), byte(c1)}))
			for _, c2 := range []byte{0, 'A', 0x80, 0xbf, 0xc0, 0xff} {
				check(string([]byte{byte(c0), byte(c1), c2}))
			}
		}
	}
}

// TestTokenizeAgrees checks the tokenizer against tokenizeRef on random
// texts made of the pieces addresses are made of: ASCII and Vietnamese
// letters (precomposed and with combining marks), digits, every kind of
// separator, apostrophes, dashes and invalid UTF-8.
func TestTokenizeAgrees(t *testing.T) {
	pieces := []string{"a", "B", "y", "Y", "z", "q", "0", "7", "09", "00", " ", "  ", ",", ";", "-", "|", "(", ")", "\n", "\t", "/", ".", ":",
		"'", "’", "`", "–", "—", "\u00a0", "à", "Ấ", "ỹ", "Ý", "đ", "Đ", "ư", "ơ", "ă", "\u0301", "\u0323", "e\u0302\u0301", "ﬁ", "€", "中",
		"\xff", "\xc3", "\xe1", "\xe1\xba", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "P.", "Q1", "F07", "TP.HCM", "Thị xã", "Phường"}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 200000 {
		b.Reset()
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		got, gbuf, gvalid := tokenizeValid(s, nil, nil)
		want, wbuf, wvalid := tokenizeRef(s, nil, nil)
		if !slices.Equal(got, want) || string(gbuf) != string(wbuf) || gvalid != wvalid {
			t.Fatalf("tokenize(%q) =\n%+v %q %v\nwant\n%+v %q %v", s, got, gbuf, gvalid, want, wbuf, wvalid)
		}
		// the parser reads the folded text of consecutive tokens in one piece
		for i := 1; i < len(got); i++ {
			if got[i].fs != got[i-1].fe {
				t.Fatalf("tokenize(%q): token %d starts at %d in the folded text, the one before ends at %d", s, i, got[i].fs, got[i-1].fe)
			}
		}
	}
	// the separators the tokenizer notes are separators to fold
	for c, k := range asciiPunct {
		if k != 0 && fold.KeyByte(rune(c)) != fold.Sep {
			t.Errorf("%q is noted as punctuation but folds to %q", rune(c), fold.KeyByte(rune(c)))
		}
	}
	for _, r := range "–—" {
		if fold.KeyByte(r) != fold.Sep {
			t.Errorf("%q is noted as punctuation but folds to %q", r, fold.KeyByte(r))
		}
	}
}

// tokenizeRef is the tokenizer as first written, rune by rune: the
// reference the fast one must agree with.
func tokenizeRef(s string, toks []token, buf []byte) ([]token, []byte, bool) {
	valid := true
	in := false
	digits := false // current token is all digits so far
	lastDigit := false
	punct := false
	strong := false
	var cur token
	for i := 0; i < len(s); {
		c := s[i]
		n := 1
		var f byte
		if c < utf8.RuneSelf {
			f = fold.KeyByte(rune(c))
			if k := asciiPunct[c]; k != 0 {
				punct = true
				strong = strong || k == punctStrong
			}
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			n = w
			if r == utf8.RuneError && w == 1 {
				valid = false
			}
			f = fold.KeyByte(r)
			if r == '–' || r == '—' {
				punct, strong = true, true
			}
		}
		switch f {
		case fold.Drop:
			if in {
				cur.end = int32(i + n)
			}
		case fold.Sep:
			if in {
				toks, buf = closeToken(toks, buf, cur, digits)
				in = false
			}
		default:
			isDigit := f >= '0' && f <= '9'
			if in && isDigit && !lastDigit {
				toks, buf = closeToken(toks, buf, cur, digits) // letter then digit: P7 → P 7
				in = false
			}
			if !in {
				in = true
				cur = token{start: int32(i), fs: int32(len(buf)), sepBefore: punct || len(toks) == 0, comma: strong || len(toks) == 0}
				punct, strong = false, false
				digits = true
			}
			if !isDigit {
				digits = false
			}
			if f == 'y' {
				f = 'i'
			}
			buf = append(buf, f)
			cur.end = int32(i + n)
			lastDigit = isDigit
		}
		i += n
	}
	if in {
		toks, buf = closeToken(toks, buf, cur, digits)
	}
	return toks, buf, valid
}
