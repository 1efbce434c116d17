package tabular

import (
	"encoding/binary"
	"unsafe"
)

// validUTF8 reports whether p is valid UTF-8, as utf8.Valid does, with a
// shift-based DFA (one table load and one shift a byte) run on the two
// halves of p at once, cut where a character starts: the two chains of
// dependent shifts overlap in the CPU. On Vietnamese text, where
// non-ASCII letters come every few bytes, it takes some 40 % less time
// than utf8.Valid (BenchmarkValidUTF8).
func validUTF8(p []byte) bool {
	// ASCII, eight bytes at a time (one load of a word, not eight of a
	// byte: 4 instructions a word instead of 18).
	for len(p) >= 8 && binary.LittleEndian.Uint64(p)&highs == 0 {
		p = p[8:]
	}
	// And ASCII at the end, eight bytes at a time: an ASCII byte ends
	// every character before it, so p is valid if it is without them (a
	// record's last fields are often codes and numbers).
	e := len(p)
	for ; e >= 8; e -= 8 {
		if binary.LittleEndian.Uint64(p[e-8:e])&highs != 0 {
			break
		}
	}
	p = p[:e]
	if len(p) < 32 {
		return runDFA(0, p) == dfaAccept
	}
	// Valid text is valid on both sides of a byte that is not a
	// continuation byte (10xxxxxx), and invalid text is invalid on one
	// side: one side ends inside a character, or the other starts with
	// a stray continuation byte. There are at most three continuation
	// bytes in a row.
	k := len(p) / 2
	for n := 0; p[k]&0xC0 == 0x80; n++ {
		if n == 3 {
			return false
		}
		k++
	}
	a, b := p[:k], p[k:]
	n := min(len(a), len(b))
	s1, s2 := runDFA2(a[:n], b[:n])
	m := n &^ 3
	return runDFA(s1, a[m:]) == dfaAccept && runDFA(s2, b[m:]) == dfaAccept
}

// runDFA2 runs utf8DFA from dfaAccept on a and b (of the same length)
// side by side, four bytes of each a round, and returns the states after
// the first len(a)&^3 bytes. It walks pointers instead of an index:
// amd64's variable shift takes its count in CX, and with an index the
// compiler kept the index there and moved it out and back every round;
// this way a byte costs 4.5 instructions instead of 9 (cost.sh: validUTF8
// 677 -> 439 Ir a row with the word loads of the ASCII loops;
// BenchmarkValidUTF8/dfa alternated 8x: median ~34 -> ~24.5 ns).
func runDFA2(a, b []byte) (uint64, uint64) {
	s1, s2 := uint64(dfaAccept), uint64(dfaAccept)
	n := len(a) &^ 3
	if n == 0 || len(b) < n {
		return s1, s2
	}
	pa, pb := unsafe.Pointer(unsafe.SliceData(a)), unsafe.Pointer(unsafe.SliceData(b))
	end := unsafe.Add(pa, n)
	for pa != end {
		s1 = utf8DFA[*(*byte)(pa)] >> (s1 & 63)
		s2 = utf8DFA[*(*byte)(pb)] >> (s2 & 63)
		s1 = utf8DFA[*(*byte)(unsafe.Add(pa, 1))] >> (s1 & 63)
		s2 = utf8DFA[*(*byte)(unsafe.Add(pb, 1))] >> (s2 & 63)
		s1 = utf8DFA[*(*byte)(unsafe.Add(pa, 2))] >> (s1 & 63)
		s2 = utf8DFA[*(*byte)(unsafe.Add(pb, 2))] >> (s2 & 63)
		s1 = utf8DFA[*(*byte)(unsafe.Add(pa, 3))] >> (s1 & 63)
		s2 = utf8DFA[*(*byte)(unsafe.Add(pb, 3))] >> (s2 & 63)
		pa, pb = unsafe.Add(pa, 4), unsafe.Add(pb, 4)
	}
	return s1 & 63, s2 & 63
}

// runDFA runs utf8DFA on p from state st and returns the state at the
// end. (With a pointer, as runDFA2: 8 instructions a byte, not 12.)
func runDFA(st uint64, p []byte) uint64 {
	if len(p) == 0 {
		return st & 63
	}
	q := unsafe.Pointer(unsafe.SliceData(p))
	end := unsafe.Add(q, len(p))
	for q != end {
		st = utf8DFA[*(*byte)(q)] >> (st & 63)
		q = unsafe.Add(q, 1)
	}
	return st & 63
}

// The states of utf8DFA, as their bit offsets in its rows.
const (
	dfaAccept = 6 * iota // between characters
	dfaError             // invalid: stays so
	dfaCont1             // one continuation byte (80–BF) to come
	dfaCont2             // two
	dfaCont3             // three
	dfaE0                // after E0: A0–BF, then one more
	dfaED                // after ED: 80–9F (no surrogates), then one more
	dfaF0                // after F0: 90–BF, then two more
	dfaF4                // after F4: 80–8F (up to U+10FFFF), then two more
)

// utf8DFA[c] holds, at the bit offset of each state, the offset of the
// state that byte c leads to from it.
var utf8DFA = func() (t [256]uint64) {
	set := func(from, to uint64, lo, hi int) {
		for c := lo; c <= hi; c++ {
			t[c] &^= 63 << from
			t[c] |= to << from
		}
	}
	for c := range t {
		for s := uint64(dfaAccept); s <= dfaF4; s += 6 {
			t[c] |= dfaError << s
		}
	}
	set(dfaAccept, dfaAccept, 0x00, 0x7F)
	set(dfaAccept, dfaCont1, 0xC2, 0xDF)
	set(dfaAccept, dfaE0, 0xE0, 0xE0)
	set(dfaAccept, dfaCont2, 0xE1, 0xEC)
	set(dfaAccept, dfaED, 0xED, 0xED)
	set(dfaAccept, dfaCont2, 0xEE, 0xEF)
	set(dfaAccept, dfaF0, 0xF0, 0xF0)
	set(dfaAccept, dfaCont3, 0xF1, 0xF3)
	set(dfaAccept, dfaF4, 0xF4, 0xF4)
	set(dfaCont1, dfaAccept, 0x80, 0xBF)
	set(dfaCont2, dfaCont1, 0x80, 0xBF)
	set(dfaCont3, dfaCont2, 0x80, 0xBF)
	set(dfaE0, dfaCont1, 0xA0, 0xBF)
	set(dfaED, dfaCont1, 0x80, 0x9F)
	set(dfaF0, dfaCont2, 0x90, 0xBF)
	set(dfaF4, dfaCont2, 0x80, 0x8F)
	return t
}()
