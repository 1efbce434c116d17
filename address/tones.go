package address

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// breakTies keeps, among equally scored readings, those whose names carry
// the same tones and marks as the input (Châu Bình over Châu Bính when the
// input has the marks), and returns the first. Readings the marks cannot
// tell apart stay tied. Only called when there is a tie, so it may
// allocate.
func (c *Converter) breakTies(text string, s *scratch) combo {
	best := -1.0
	keep := s.ties[:0]
	for _, cb := range s.ties {
		n := c.marksAgree(text, s, cb)
		switch {
		case n > best:
			best = n
			keep = append(keep[:0], cb)
		case n == best:
			keep = append(keep, cb)
		}
	}
	s.ties = keep
	return keep[0]
}

// marksAgree counts the parts of a reading whose names carry the same
// tones and marks as the input (for a misspelt name, the share of its
// words that do).
func (c *Converter) marksAgree(text string, s *scratch, cb combo) float64 {
	if !hasMarks(text) {
		return 0 // written without marks: they tell nothing
	}
	n := 0.0
	for _, pt := range [3]part{cb.p, cb.d, cb.c} {
		if pt.u < 0 || pt.kind != kindName {
			continue
		}
		in := text[s.toks[pt.nameStart].start:s.toks[pt.end-1].end]
		name := c.units[pt.u].u.ShortName
		if !pt.typo {
			s.marksA = appendMarks(s.marksA[:0], in, s)
			s.marksB = appendMarks(s.marksB[:0], name, s)
			if slices.Equal(s.marksA, s.marksB) {
				n++
			}
			continue
		}
		// a misspelt name: count the words whose marks agree
		a, b := wordMarks(in), wordMarks(name)
		if len(a) == len(b) {
			same := 0
			for i := range a {
				if a[i] == b[i] {
					same++
				}
			}
			n += float64(same) / float64(len(a))
		}
	}
	return n
}

// wordMarks returns, for each word of s, its marks sorted.
func wordMarks(s string) []string {
	var out []string
	var marks []rune
	in := false
	flush := func() {
		slices.Sort(marks)
		out = append(out, string(marks))
		marks = marks[:0]
		in = false
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			marks = append(marks, r)
		case r == 'đ' || r == 'Đ':
			marks = append(marks, 'đ')
			in = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			in = true
		default:
			if in {
				flush()
			}
		}
	}
	if in {
		flush()
	}
	return out
}

// appendMarks appends, as runes, to out the folded letters of s with, after each word, its
// marks (tones, circumflex, breve, horn, đ) sorted, so that the placement
// of a tone mark does not matter (hoà = hòa) but the marks do (Bình ≠
// Bính). A text without any mark gives "" marks for every word, and then
// matches only names without marks.
// It uses the NFD and marks buffers of sc (no allocation once they have
// grown).
func appendMarks(out []rune, s string, sc *scratch) []rune {
	sc.nfd = norm.NFD.AppendString(sc.nfd[:0], s)
	marks := sc.marks[:0]
	flush := func() {
		slices.Sort(marks)
		out = append(out, marks...)
		out = append(out, ' ')
		marks = marks[:0]
	}
	in := false
	for _, r := range unsafeString(sc.nfd) {
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
	sc.marks = marks
	return out
}

// hasMarks reports whether text has any letter outside ASCII (a tone, a
// mark or đ): a text typed without them says nothing about them.
func hasMarks(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return true
		}
	}
	return false
}
