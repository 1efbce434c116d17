// Package fold turns Vietnamese text into matching keys: lower case, tones
// and other diacritics removed, đ→d, apostrophes dropped, every other
// character that is not a letter or digit turned into a single space.
//
// Keys compare names regardless of case, tones, tone-mark placement
// (Hòa = Hoà), Unicode form (NFC or NFD) and apostrophe style
// (H'Leo = H’Leo). Syllable spelling variants i/y (Sĩ = Sỹ) are folded by
// Syllable. The functions are safe for concurrent use and allocate only
// their result.
//
// One function per purpose:
//   - Key: the words of a text compared without case and marks (search,
//     column names, address tokens);
//   - Name: a unit's name compared as Key does, with the i/y variant folded
//     (Sĩ = Sỹ);
//   - Compact: Key without spaces, as the former-name lists key names;
//   - MarkKey (AppendMarkKey without allocating): names compared with their
//     marks but not their placement (Bình ≠ Bính, Hoà = Hòa); WordMarks the
//     same word by word, for misspelt names;
//   - Unaccent: a text written without diacritics, for people;
//   - NFC (IsNFC to check without allocating): the stored form of every
//     text.
//
// Fold is the only package that imports golang.org/x/text for text (vnenc
// uses x/text's legacy encodings).
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go test -run TestTable -update

// The byte KeyByte gives a rune that is neither a letter nor a digit.
const (
	// Sep: the rune separates words (a run of them becomes one space).
	Sep = ' '
	// Drop: the rune vanishes (combining marks, apostrophes).
	Drop = 0
)

// KeyByte returns the byte a rune folds to in a key: a lower-case ASCII
// letter or digit, Sep or Drop. AppendKey is KeyByte over every rune with
// runs of Sep made one space; a tokenizer that keeps offsets in the
// original text (package address) folds with it rune by rune.
func KeyByte(r rune) byte {
	if uint32(r) < tableSize {
		return table[r]
	}
	return keyByteSlow(r)
}

func keyByteSlow(r rune) byte {
	if unicode.Is(unicode.Mn, r) {
		return Drop
	}
	return Sep
}

// AppendKey appends the key of s to dst and returns the extended slice.
// Runs of separators become one space; there is no leading or trailing
// space.
func AppendKey(dst []byte, s string) []byte {
	start := len(dst)
	space := true // suppress leading space
	for i := 0; i < len(s); {
		c := s[i]
		var f byte
		if c < utf8.RuneSelf {
			f = table[c]
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			f = KeyByte(r)
		}
		switch f {
		case Drop:
		case Sep:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		default:
			dst = append(dst, f)
			space = false
		}
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// Key returns the key of s: Key("Phường Hoà Bình") == "phuong hoa binh".
func Key(s string) string {
	var buf [64]byte
	return string(AppendKey(buf[:0], s))
}

// Compact returns the key of s without spaces: "nguyentrungtruc". The
// former-name lists key names this way.
func Compact(s string) string {
	var buf [64]byte
	k := AppendKey(buf[:0], s)
	out := k[:0]
	for _, c := range k {
		if c != ' ' {
			out = append(out, c)
		}
	}
	return string(out)
}

// Syllable folds the i/y spelling variant of one folded syllable: a final
// y that is the syllable's only vowel, after a consonant or "qu", becomes i
// ("ky" → "ki", "sy" → "si", "quy" → "qui"). Other syllables come back
// unchanged: "tay", "thuy" and "uy" keep their y, which is a different sound.
func Syllable(syl string) string {
	if !syllableYtoI([]byte(syl)) {
		return syl
	}
	return syl[:len(syl)-1] + "i"
}

// Words folds s into its key and splits it into syllables, each with the
// i/y variant folded (see Syllable): Words("Hòa Sỹ") == ["hoa", "si"].
func Words(s string) []string {
	return strings.Fields(Name(s))
}

// AppendName appends the matching key of s to dst: its key with the i/y
// variant of every syllable folded (see Syllable). It allocates only to
// grow dst.
func AppendName(dst []byte, s string) []byte {
	start := len(dst)
	dst = AppendKey(dst, s)
	k := dst[start:]
	for i := 0; i < len(k); {
		j := i
		for j < len(k) && k[j] != ' ' {
			j++
		}
		if syllableYtoI(k[i:j]) {
			k[j-1] = 'i'
		}
		i = j + 1
	}
	return dst
}

// syllableYtoI reports whether the final y of the folded syllable is the
// i/y variant (see Syllable).
func syllableYtoI(syl []byte) bool {
	n := len(syl)
	if n < 2 || syl[n-1] != 'y' {
		return false
	}
	head := syl[:n-1]
	if string(head) == "qu" {
		return true
	}
	for _, c := range head {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return false
		}
	}
	return true
}

// Name returns the matching key of a name: its key with the i/y variant of
// every syllable folded. Name("Thị trấn Sĩ Hoà") == Name("thi tran sy hoa").
func Name(s string) string {
	var buf [64]byte
	return string(AppendName(buf[:0], s))
}

// Within1 reports whether a and b are at most one edit apart: an
// insertion, a deletion, a substitution or a transposition of adjacent
// bytes. Keys are ASCII, so bytes are letters.
func Within1(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}
