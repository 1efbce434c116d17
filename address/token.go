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
// with fold.KeyByte (through tables of it: byteClass, runeFold).

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
	start, end int32  // byte offsets in the original text
	fs, fe     int32  // offsets of the folded text in the scratch buffer (each token's follows the one before: fs = the previous fe)
	h          uint64 // keyHash of the folded text
	num        bool   // all digits
	sepBefore  bool   // punctuation (, ; - | / .) between this token and the previous one
	comma      bool   // a separator of components (, ; - | ( ) – —, not . or /) before this token, or the first token
	street     bool   // a house number, or a word that starts a street or hamlet
	t1         uint8  // type word id (index in typeWords), 0: none
	t2         uint8  // type word id of this token and the next, 0: none
}

// tokenize appends the tokens of s to toks and their folded text to buf.
func tokenize(s string, toks []token, buf []byte) ([]token, []byte) {
	toks, buf, _ = tokenizeValid(s, toks, buf)
	return toks, buf
}

// Classes of the bytes and runes that are not letters or digits, as
// byteClass and runeFold give them (a letter or digit is its folded
// byte, above clsSep).
const (
	clsDrop   = fold.Drop // vanishes (tone marks, apostrophes)
	clsWeak   = 1         // . and /: between tokens, within a component
	clsStrong = 2         // , ; - | ( ) newline, tab, – and —: between components
	clsMulti  = 3         // the first byte of a rune of two bytes or more (byteClass only)
	clsSlow   = 4         // a rune tokenizeValid leaves to tokenizePlain (foldMulti only)
	clsSep    = fold.Sep  // any other separator
)

// byteClass gives, for each byte, the folded byte of an ASCII letter or
// digit (fold.KeyByte, with y read as i) or the class of any other byte:
// one look-up tells a letter, a digit, a mark of punctuation (asciiPunct)
// and the start of a longer rune apart.
var byteClass = func() (t [256]byte) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = clsMulti
		case asciiPunct[c] == punctWeak:
			t[c] = clsWeak
		case asciiPunct[c] == punctStrong:
			t[c] = clsStrong
		default:
			t[c] = fold.KeyByte(rune(c))
			if t[c] == 'y' {
				t[c] = 'i'
			}
		}
	}
	return t
}()

// runeFold gives the folded byte (fold.KeyByte, with y read as i) or the
// class of the runes below U+2020, the ones foldMulti decodes: those of
// two bytes (U+0080–U+07FF: Latin letters and combining marks), the
// letters with tone marks (U+1E00–U+1EFF) and the dashes – and —.
var runeFold = func() (t [0x2020]byte) {
	for r := range t {
		t[r] = fold.KeyByte(rune(r))
		if t[r] == 'y' {
			t[r] = 'i'
		}
	}
	t['–'], t['—'] = clsStrong, clsStrong
	return t
}()

// sepFlags gives the punctuation a separator class notes before the next
// token: flagPunct for . / , ; - | ( ) – — and newlines, flagStrong too
// for those that separate components.
var sepFlags = [256]uint8{clsWeak: flagPunct, clsStrong: flagPunct | flagStrong}

const (
	flagPunct  = 1
	flagStrong = 2
)

// tokenizeValid is tokenize that also reports whether s is valid UTF-8.
// It reads a token per turn: the separators before it (noting the
// punctuation among them), then its letters and digits, with the runes
// that fold to nothing (marks, apostrophes) among them; those runes are
// skipped between separators and belong to the token within it. A digit
// after a letter starts a new token at once (P7 → P 7); a letter after
// digits continues it (7A).
//
// Written for speed (it reads every byte of every address and was the
// parser's costliest step): one table look-up per ASCII byte
// (byteClass), a run of ASCII letters in a loop of its own, the runes of
// two and three bytes below U+2020 decoded inline within a token (as
// foldMulti does, which decodes those before a token: a call there costs
// ~55 instructions a row, not worth a second copy), and no call within a
// token's loop, not even to a token scanner: the loop over the
// bytes of a token and the one over tokens are one function, whose state
// then stays in registers (a call per token with its six results cost
// ~25 instructions a token, and the loop over tokens spilled around it).
// A text with any other rune (invalid UTF-8, a symbol, another script) is
// tokenized again by tokenizePlain, rune by rune.
func tokenizeValid(s string, toks []token, buf []byte) ([]token, []byte, bool) {
	t0, b0 := len(toks), len(buf)
	// a rune folds to one byte at most; 8 more bytes let nameTab.find
	// read any key of the folded text with one load (word8)
	buf = slices.Grow(buf, len(s)+8)
	out := buf[:cap(buf)]
	w := len(buf)
	flags := uint8(0)
	if len(toks) == 0 {
		flags = flagPunct | flagStrong // the first token starts a component
	}
	for i := 0; i < len(s); {
		// the separators and vanishing runes before the token
		f, n := byteClass[s[i]], 1
		if f == clsMulti {
			if f, n = foldMulti(s, i); f == clsSlow {
				return tokenizePlain(s, toks[:t0], buf[:b0])
			}
		}
		if f <= clsSep {
			flags |= sepFlags[f]
			i += n
			continue
		}
		// a token starts at s[i], with the letter or digit f of n bytes
		start, fs := i, w
		h := uint64(0)
		digits := f < 'a'
		after := uint8(0) // the punctuation after the token
	scan:
		for {
			// f is a letter or digit of n bytes at s[i]
			out[w] = f
			w++
			h = h*hashP + uint64(f)
		drop:
			i += n
			if i >= len(s) {
				break
			}
			f, n = byteClass[s[i]], 1
			if f >= 'a' {
				// a run of ASCII letters, the most common case, in a
				// loop of its own
				digits = false
				for {
					out[w] = f
					w++
					h = h*hashP + uint64(f)
					i++
					if i >= len(s) {
						break scan
					}
					if f = byteClass[s[i]]; f < 'a' {
						break
					}
				}
			}
			if f == clsMulti {
				c := s[i]
				switch {
				case c < 0xe0 && c >= 0xc2 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
					f, n = runeFold[rune(c&0x1f)<<6|rune(s[i+1]&0x3f)], 2
				case i+2 < len(s) && (c == 0xe1 && s[i+1]&0xc0 == 0x80 || c == 0xe2 && s[i+1] == 0x80) && s[i+2]&0xc0 == 0x80:
					r := rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f)
					if r >= 0x2020 {
						return tokenizePlain(s, toks[:t0], buf[:b0])
					}
					f, n = runeFold[r], 3
				default:
					return tokenizePlain(s, toks[:t0], buf[:b0])
				}
				if f >= 'a' {
					digits = false
					continue
				}
			}
			switch {
			case f > clsSep: // a digit
				if !digits {
					n = 0 // letter then digit: P7 → P 7, the digit starts the next token
					break scan
				}
				continue
			case f == clsDrop:
				goto drop
			}
			// a separator: noted, and read past
			after = sepFlags[f]
			break
		}
		end := i
		fe := w
		if digits {
			// a number drops its leading zeros, keeping one digit
			z := fs
			for z < fe-1 && out[z] == '0' {
				z++
			}
			if z > fs {
				fe = fs + copy(out[fs:], out[z:fe])
				w = fe
				h = keyHash(unsafeString(out[fs:fe]))
			}
		}
		toks = append(toks, token{start: int32(start), end: int32(end), fs: int32(fs), fe: int32(fe), h: h, num: digits,
			sepBefore: flags&flagPunct != 0, comma: flags&flagStrong != 0})
		flags = after
		i += n // past the separator (or nothing, at a digit after a letter)
	}
	return toks, out[:w], true
}

// foldMulti returns the folded byte or class (runeFold) of the rune of
// two or three bytes at s[i] and its width, or clsSlow for a rune that is
// not below U+2020 or not valid UTF-8.
func foldMulti(s string, i int) (byte, int) {
	if c := s[i]; c < 0xe0 {
		if c >= 0xc2 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			return runeFold[rune(c&0x1f)<<6|rune(s[i+1]&0x3f)], 2
		}
	} else if i+2 < len(s) && (c == 0xe1 && s[i+1]&0xc0 == 0x80 || c == 0xe2 && s[i+1] == 0x80) && s[i+2]&0xc0 == 0x80 {
		if r := rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f); r < 0x2020 {
			return runeFold[r], 3
		}
	}
	return clsSlow, 0
}

// tokenizePlain is tokenizeValid rune by rune, for any text.
func tokenizePlain(s string, toks []token, buf []byte) ([]token, []byte, bool) {
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
	cur.h = keyHash(unsafeString(buf[cur.fs:cur.fe]))
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
