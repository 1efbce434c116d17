package address

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc/fold"
)

// TestFoldMulti checks foldMulti against utf8.DecodeRuneInString and
// fold.KeyByte on every rune and on every two-byte prefix of a non-ASCII
// byte followed by a sample of third bytes (truncated, overlong,
// surrogate and invalid sequences included): it gives the rune's folded
// byte (y read as i; the dashes as clsStrong) and width, or clsSlow, and
// clsSlow for no valid rune below U+2020 of two or three bytes.
func TestFoldMulti(t *testing.T) {
	check := func(s string) {
		t.Helper()
		f, n := foldMulti(s, 0)
		r, wn := utf8.DecodeRuneInString(s)
		valid := !(r == utf8.RuneError && wn == 1)
		if f == clsSlow {
			if valid && r < 0x2020 && (wn == 2 || wn == 3 && s[0] != 0xe0) {
				t.Fatalf("foldMulti(%q) = clsSlow for %U", s, r)
			}
			return
		}
		want := fold.KeyByte(r)
		switch {
		case r == '–' || r == '—':
			want = clsStrong
		case want == 'y':
			want = 'i'
		}
		if !valid || f != want || n != wn {
			t.Fatalf("foldMulti(%q) = %q, %d; want %q, %d (%U)", s, f, n, want, wn, r)
		}
	}
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		check(string(r) + "x")
		check(string(r))
	}
	for c0 := 0x80; c0 < 0x100; c0++ {
		check(string([]byte{byte(c0)}))
		for c1 := range 0x100 {
			check(string([]byte{byte(c0), byte(c1)}))
			for _, c2 := range []byte{0, 'A', 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff} {
				check(string([]byte{byte(c0), byte(c1), c2}))
			}
		}
	}
}

// TestTokenizeAgrees checks the tokenizer against tokenizePlain on random
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
		want, wbuf, wvalid := tokenizePlain(s, nil, nil)
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

// FuzzTokenize checks the tokenizer against tokenizePlain, rune by rune,
// on any text, and that the tokens' folded text lies in one piece.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "Số 12 Nguyễn Trãi, P.7, Q5, TP.HCM", "Ấp 3 – Xã Đông Hòa", "F\xff7, Q\xfe5", "H’Leo", "e\u0302\u0301", "P07a7", "中 1 ﬁ"} {
		f.Add(s)
	}
	for _, s := range goldenInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pre := []token{{start: 1}}
		got, gbuf, gvalid := tokenizeValid(s, pre[:0], []byte("x"))
		want, wbuf, wvalid := tokenizePlain(s, nil, []byte("x"))
		if !slices.Equal(got, want) || string(gbuf) != string(wbuf) || gvalid != wvalid {
			t.Fatalf("tokenize(%q) =\n%+v %q %v\nwant\n%+v %q %v", s, got, gbuf, gvalid, want, wbuf, wvalid)
		}
		for i := 1; i < len(got); i++ {
			if got[i].fs != got[i-1].fe {
				t.Fatalf("tokenize(%q): token %d starts at %d in the folded text, the one before ends at %d", s, i, got[i].fs, got[i-1].fe)
			}
		}
	})
}

// classifyPlain is classify with the maps of the words the converter is
// built from: the reference classify must agree with.
func (c *Converter) classifyPlain(s *scratch) {
	for i := range s.toks {
		t := &s.toks[i]
		if t.num {
			t.street = true
			continue
		}
		w := string(s.buf[t.fs:t.fe])
		t.t1 = c.type1[w]
		t.street = t.street || c.street1[w]
		if i+1 < len(s.toks) && c.first2[w] {
			n := &s.toks[i+1]
			pair := w + " " + string(s.buf[n.fs:n.fe])
			t.t2 = c.type2[pair]
			if c.street2[pair] {
				n.street = true
			}
		}
	}
}

// FuzzClassify checks classify against classifyPlain on the tokens of any
// text.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"Số 12 đường Nguyễn Trãi, thị trấn Đông Anh", "tổ dân phố 3 khu phố 4 quốc lộ 1A", "P7 Q5 TP HCM", "thành phố thị xã tỉnh lộ district province"} {
		f.Add(s)
	}
	for _, s := range goldenInputs {
		f.Add(s)
	}
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var a, b scratch
		a.toks, a.buf, _ = tokenizeValid(text, nil, nil)
		b.toks, b.buf = slices.Clone(a.toks), a.buf
		c.classify(&a)
		c.classifyPlain(&b)
		if !slices.Equal(a.toks, b.toks) {
			t.Fatalf("classify(%q) =\n%+v\nwant\n%+v", text, a.toks, b.toks)
		}
	})
}
