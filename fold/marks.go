package fold

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Unaccent returns s written without diacritics, as people type on a
// keyboard without Vietnamese input: tones and other marks removed, đ→d,
// case, spacing and punctuation kept. Unaccent("Phường Hoà Bình") ==
// "Phuong Hoa Binh". It is a way of writing, not a matching key.
func Unaccent(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MarkKey returns the key of s for comparing names with their marks: the
// folded letters of each word (y read as i) followed by the word's marks
// (tones, circumflex, breve, horn, đ) sorted, so that the placement of a
// tone mark does not matter (hoà = hòa) but the marks do (Bình ≠ Bính).
// MarkKey("Hoà Bình") == MarkKey("Hòa Bình").
func MarkKey(s string) string {
	var out, marks []rune
	flush := func() {
		slices.Sort(marks)
		out = append(out, marks...)
		out = append(out, ' ')
		marks = marks[:0]
	}
	in := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			marks = append(marks, r)
		case r == 'đ' || r == 'Đ':
			marks = append(marks, 'đ')
			out = append(out, 'd')
			in = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if r == 'y' {
				r = 'i'
			}
			out = append(out, r)
			in = true
		default:
			if in {
				flush()
				in = false
			}
		}
	}
	if in {
		flush()
	}
	return string(out)
}

// NFC returns s in Unicode normalization form C, the form of every
// Vietnamese text dvhc stores and prints.
func NFC(s string) string { return norm.NFC.String(s) }
