package address

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc/fold"
)

// The tokenizer folds text byte by byte into matching tokens while keeping
// the byte offsets of each token in the original text, so that the street
// can be cut from the input verbatim.
//
// A token is a run of letters and digits folded as package fold does (case,
// tones, đ, apostrophes), with two further folds that make keys compare
// equal across common spellings: every y is read as i (Sỹ = Sĩ, Quy = Qui;
// applied alike to the names in the index) and a number drops its leading
// zeros (P.07 = Phường 7). A letter followed by a digit starts a new token,
// so P7, F7, Q1 and Quận1 read as a type word and a number.

const (
	runeTableSize = 0x2020
	foldSep       = ' '
	foldDrop      = 0
)

var (
	runeTableOnce sync.Once
	runeTable     [runeTableSize]byte
)

// buildRuneTable derives the per-rune fold from package fold, so that the
// two never disagree. Only the blocks where Vietnamese (and other Latin)
// letters, combining marks and typographic punctuation live are derived;
// other runes are separators, except letters, which are folded on the fly
// by foldSlow.
func buildRuneTable() {
	for r := rune(0); r < 0x80; r++ {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			runeTable[r] = byte(r)
		case r >= 'A' && r <= 'Z':
			runeTable[r] = byte(r) + 'a' - 'A'
		case r == '\'' || r == '`':
			runeTable[r] = foldDrop
		default:
			runeTable[r] = foldSep
		}
	}
	for r := rune(0x80); r < runeTableSize; r++ {
		runeTable[r] = foldSep
	}
	var buf []byte
	for _, rg := range [][2]rune{{0xA0, 0x250}, {0x2B0, 0x370}, {0x1E00, 0x1F00}, {0x2000, 0x2020}} {
		for r := rg[0]; r < rg[1]; r++ {
			runeTable[r], buf = foldSlow(r, buf)
		}
	}
}

// foldSlow folds one rune with package fold.
func foldSlow(r rune, buf []byte) (byte, []byte) {
	var rb [8]byte
	rb[0] = 'a'
	n := utf8.EncodeRune(rb[1:], r)
	rb[n+1] = 'a'
	buf = fold.AppendKey(buf[:0], unsafeString(rb[:n+2]))
	switch {
	case len(buf) == 2:
		return foldDrop, buf
	case len(buf) == 3 && buf[1] != ' ':
		return buf[1], buf
	}
	return foldSep, buf
}

// Kinds of ASCII punctuation (asciiPunct).
const (
	punctWeak   = 1 // . and /: between tokens, within a component
	punctStrong = 2 // , ; - | ( ) newline and tab: between components
)

// asciiPunct gives the kind of each ASCII punctuation the tokenizer
// marks, 0 for other bytes.
var asciiPunct = [utf8.RuneSelf]uint8{
	',': punctStrong, ';': punctStrong, '-': punctStrong, '|': punctStrong, '(': punctStrong, ')': punctStrong,
	'\n': punctStrong, '\t': punctStrong, '/': punctWeak, '.': punctWeak,
}

// token is one folded token of a text.
type token struct {
	start, end int32 // byte offsets in the original text
	fs, fe     int32 // offsets of the folded text in the scratch buffer
	num        bool  // all digits
	sepBefore  bool  // punctuation (, ; - | / .) between this token and the previous one
	comma      bool  // a separator of components (, ; - | ( ) – —, not . or /) before this token, or the first token
	street     bool  // a house number, or a word that starts a street or hamlet
	t1         uint8 // type word id (index in typeWords), 0: none
	t2         uint8 // type word id of this token and the next, 0: none
}

// tokenize appends the tokens of s to toks and their folded text to buf.
func tokenize(s string, toks []token, buf []byte) ([]token, []byte) {
	toks, buf, _ = tokenizeValid(s, toks, buf)
	return toks, buf
}

// tokenizeValid is tokenize that also reports whether s is valid UTF-8.
func tokenizeValid(s string, toks []token, buf []byte) ([]token, []byte, bool) {
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
			f = runeTable[c]
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
			switch {
			case r < runeTableSize:
				f = runeTable[r]
				if r == '–' || r == '—' {
					punct, strong = true, true
				}
				if f == foldSep && r >= 0x250 && (unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)) {
					f, _ = foldSlow(r, nil) // outside the derived blocks
				}
			case unicode.Is(unicode.Mn, r):
				f = foldDrop
			default:
				f = foldSep
			}
		}
		switch f {
		case foldDrop:
			if in {
				cur.end = int32(i + n)
			}
		case foldSep:
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

// closeToken ends token cur, whose folded text ends buf, and appends it
// to toks; a number (digits) drops its leading zeros, keeping one digit.
func closeToken(toks []token, buf []byte, cur token, digits bool) ([]token, []byte) {
	cur.fe = int32(len(buf))
	if digits {
		z := cur.fs
		for z < cur.fe-1 && buf[z] == '0' {
			z++
		}
		if z > cur.fs {
			n := copy(buf[cur.fs:], buf[z:cur.fe])
			buf = buf[:int(cur.fs)+n]
			cur.fe = int32(len(buf))
		}
	}
	cur.num = digits
	return append(toks, cur), buf
}

// appendKeyBounds appends the compact key of s (its tokens concatenated)
// to dst, and the offset in it where each token starts to bounds.
func appendKeyBounds(dst []byte, bounds []int, s string) ([]byte, []int) {
	var toks [16]token
	var b [64]byte
	ts, buf := tokenize(s, toks[:0], b[:0])
	for _, t := range ts {
		bounds = append(bounds, len(dst))
		dst = append(dst, buf[t.fs:t.fe]...)
	}
	return dst, bounds
}

// wordsOf returns the folded tokens of s.
func wordsOf(s string) []string {
	var toks [16]token
	var b [64]byte
	ts, buf := tokenize(s, toks[:0], b[:0])
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(buf[t.fs:t.fe])
	}
	return out
}
