package address

import (
	"slices"
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
// so P7, F7, Q1 and Quận1 read as a type word and a number. Runes fold
// with fold.KeyByte, one table for both packages.

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
	fs, fe     int32 // offsets of the folded text in the scratch buffer (each token's follows the one before: fs = the previous fe)
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

// asciiFold gives the folded byte of each ASCII byte (fold.KeyByte, with
// y read as i): a lower-case letter (≥ 'a'), a digit, fold.Sep or
// fold.Drop.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = fold.KeyByte(rune(c))
		if t[c] == 'y' {
			t[c] = 'i'
		}
	}
	return t
}()

// tokenizeValid is tokenize that also reports whether s is valid UTF-8.
// It reads a token per turn: the separators before it (noting the
// punctuation among them), then its digits, then its letters; the runes
// that fold to nothing (marks, apostrophes) are skipped between
// separators and belong to the token within it. A digit after a letter
// starts a new token at once (P7 → P 7).
func tokenizeValid(s string, toks []token, buf []byte) ([]token, []byte, bool) {
	buf = slices.Grow(buf, len(s)) // a rune folds to one byte at most
	valid := true
	punct, strong := false, false
	i := 0
	for {
		// the separators and vanishing runes before the token (a
		// folded byte above fold.Sep is a letter or a digit)
		var f byte
		n := 1
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if f = asciiFold[c]; f > fold.Sep {
					n = 1
					break
				}
				if k := asciiPunct[c]; k != 0 {
					punct = true
					strong = strong || k == punctStrong
				}
				i++
				continue
			}
			var r rune
			r, n = decodeRune(s, i)
			if r == utf8.RuneError && n == 1 {
				valid = false
			}
			if f = fold.KeyByte(r); f > fold.Sep {
				break
			}
			if r == '–' || r == '—' {
				punct, strong = true, true
			}
			i += n
		}
		if i >= len(s) {
			return toks, buf, valid
		}
		cur := token{start: int32(i), fs: int32(len(buf)), sepBefore: punct || len(toks) == 0, comma: strong || len(toks) == 0}
		punct, strong = false, false
		digits := f <= '9'
		if f == 'y' {
			f = 'i'
		}
		buf = append(buf, f)
		i += n
		if digits {
			i, buf = digitRun(s, i, buf)
			if i < len(s) && isLetterAt(s, i) {
				digits = false // 7A: one token
			}
		}
		if !digits {
			i, buf = letters(s, i, buf)
		}
		cur.end = int32(i)
		toks, buf = closeToken(toks, buf, cur, digits)
	}
}

// digitRun appends to buf the digits that continue at s[i], with the
// runes that vanish among them, and returns where they end.
func digitRun(s string, i int, buf []byte) (int, []byte) {
	for i < len(s) {
		f, n := foldAt(s, i)
		if f == fold.Drop {
			i += n
			continue
		}
		if f < '0' || f > '9' {
			break
		}
		buf = append(buf, f)
		i += n
	}
	return i, buf
}

// isLetterAt reports whether the rune at s[i] folds to a letter.
func isLetterAt(s string, i int) bool {
	f, _ := foldAt(s, i)
	return f >= 'a'
}

// foldAt returns the folded byte of the rune at s[i] and its width; an
// invalid byte folds as utf8.RuneError does.
func foldAt(s string, i int) (byte, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiFold[c], 1
	}
	r, n := decodeRune(s, i)
	f := fold.KeyByte(r)
	if f == 'y' {
		f = 'i'
	}
	return f, n
}

// letters appends to buf the folded letters of the word that continues
// at s[i], with the runes that vanish (tone marks, apostrophes) among
// them, and returns where they end: at a digit, a separator or the end of
// s. buf has room for len(s)-i more bytes (each rune folds to one byte at
// most).
func letters(s string, i int, buf []byte) (int, []byte) {
	// written by index into the room tokenizeValid made: appending would
	// check the capacity at every letter
	out := buf[len(buf):cap(buf)]
	w := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			f := asciiFold[c]
			if f < 'a' {
				if f != fold.Drop {
					break
				}
			} else {
				out[w] = f
				w++
			}
			i++
			continue
		}
		r, n := decodeRune(s, i)
		f := fold.KeyByte(r)
		if f < 'a' {
			if f != fold.Drop {
				break
			}
		} else {
			if f == 'y' {
				f = 'i'
			}
			out[w] = f
			w++
		}
		i += n
	}
	return i, buf[:len(buf)+w]
}

// decodeRune decodes the rune at s[i] (not ASCII) as
// utf8.DecodeRuneInString does, decoding inline the two-byte runes and the
// three-byte runes of U+1000–U+1FFF, where the letters with tone marks of
// Vietnamese lie.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if i+1 < len(s) {
		c1 := s[i+1]
		switch {
		case c >= 0xc2 && c <= 0xdf && c1&0xc0 == 0x80:
			return rune(c&0x1f)<<6 | rune(c1&0x3f), 2
		case c == 0xe1 && i+2 < len(s) && c1&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			return 0x1000 | rune(c1&0x3f)<<6 | rune(s[i+2]&0x3f), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
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
