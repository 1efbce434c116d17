package address

import (
	"slices"

	"github.com/dvhc-vn/dvhc/fold"
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
	if !fold.HasMarks(text) {
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
			if in == name { // the same text has the same marks (the usual case: spares two keys)
				n++
				continue
			}
			s.marksA = fold.AppendMarkKey(s.marksA[:0], in, &s.mb)
			s.marksB = fold.AppendMarkKey(s.marksB[:0], name, &s.mb)
			if slices.Equal(s.marksA, s.marksB) {
				n++
			}
			continue
		}
		// a misspelt name: count the words whose marks agree
		a, b := fold.WordMarks(in), fold.WordMarks(name)
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
