package address

import (
	"cmp"
	"encoding/binary"
	"slices"

	"github.com/dvhc-vn/dvhc/fold"
	"github.com/dvhc-vn/dvhc/internal/gcpause"
)

// typoIndex finds the names one edit away from a key by symmetric
// deletion: every name of five letters or more is filed under the hash of
// itself and of each of its one-letter deletions (delHashes), and a key
// one edit away from a name shares one of these hashes with it. Names,
// not units, are filed (many units share a name: Tân An, Phú Hòa), so that
// each candidate name is checked once (fold.Within1) and its units are
// listed only if it passes. Hash collisions are harmless: every candidate
// is checked.
//
// The layout keeps a lookup to few cache lines (the typo pass is mostly
// waiting for memory): the bitset answers most probes alone; past it, one
// table holds an entry per hash and name with what a probe needs inline
// (the hash, the name's record, its key's length and its number of
// units), and the record holds the name's key, its units, and the hits of
// the name itself taken as a key (its neighbours), in one cache line when
// it fits. The table is ordered linear probing: the entries lie in the
// order of their home slot (then hash, then name), each at its home or
// just after the entries before it, so that the entries of a hash are
// contiguous and a probe stops at the first entry of a later home. A
// lookup that passes the bitset reads about two lines, where the former
// layout (slots of hashes, lists of names, keys, units by name) read
// five; and a key that is a name (most keys with hits: the words around
// a typo) takes one lookup, where its deletions took one each.
type typoIndex struct {
	bits  bitset    // the hashes filed: most probes are told at once
	ents  []typoEnt // by home slot; klen is 0 in an empty slot
	shift uint8     // 64 - log2(the number of home slots)
	// the names' records: key, units (4 bytes each, little-endian,
	// ascending), the number of neighbours' hits (4 bytes) and their units
	// (4 bytes each), as probe lists them for the name
	recs   []byte
	maxLen int // longest name
	// halves: the halves a key one edit away from a name shares with it
	// (mayHit), by the key's length
	halves bitset
	// the sort keys of the units (sortKey), by number: 8 units a line,
	// where their unitInfo take one each (typoOptions)
	sk []uint64
}

// typoEnt files the name whose record starts at recs[rec] under hash h.
type typoEnt struct {
	h    uint64
	rec  uint32
	klen uint16 // the key's length: recs[rec : rec+klen]; 0: empty slot
	nu   uint16 // the number of units, after the key
}

// home is the home slot of hash h.
func (t *typoIndex) home(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> t.shift }

// lookup returns the entries of hash h, in the order of their names'
// numbers.
func (t *typoIndex) lookup(h uint64) []typoEnt {
	home := t.home(h)
	for i := home; i < uint64(len(t.ents)); i++ {
		e := &t.ents[i]
		if e.klen == 0 {
			return nil
		}
		if e.h == h {
			j := i + 1
			for j < uint64(len(t.ents)) && t.ents[j].h == h && t.ents[j].klen != 0 {
				j++
			}
			return t.ents[i:j]
		}
		if t.home(e.h) > home {
			return nil // past the entries of h's home
		}
	}
	return nil
}

// key returns the key of the name of entry e.
func (t *typoIndex) key(e *typoEnt) string {
	return unsafeString(t.recs[e.rec : e.rec+uint32(e.klen)])
}

// appendUnits appends the units of the name of entry e, ascending, as
// hits of k tokens.
func (t *typoIndex) appendUnits(dst []hit, e *typoEnt, k int32) []hit {
	return appendHits(dst, t.recs[e.rec+uint32(e.klen):], int(e.nu), k)
}

// appendNeighbours appends the hits of the name of entry e taken as a
// key (probe's), as hits of k tokens.
func (t *typoIndex) appendNeighbours(dst []hit, e *typoEnt, k int32) []hit {
	nb := t.recs[e.rec+uint32(e.klen)+4*uint32(e.nu):]
	return appendHits(dst, nb[4:], int(binary.LittleEndian.Uint32(nb)), k)
}

// appendHits appends the n units listed in us as hits of k tokens.
func appendHits(dst []hit, us []byte, n int, k int32) []hit {
	us = us[:4*n]
	for i := 0; i+4 <= len(us); i += 4 {
		dst = append(dst, hit{k: k, e: entry{u: int32(binary.LittleEndian.Uint32(us[i:]))}})
	}
	return dst
}

// hits appends the hits of key (of k tokens): the units of the names one
// edit away from it. s.tseen and s.dels are its room.
func (t *typoIndex) hits(dst []hit, key string, k int32, s *scratch) []hit {
	if !t.mayHit(key) {
		return dst
	}
	// a key that is a name is filed under its own hash: its hits are
	// listed in its record
	h := fullHash(key)
	if t.bits.has(h) {
		ents := t.lookup(h)
		for i := range ents {
			if e := &ents[i]; int(e.klen) == len(key) && t.key(e) == key {
				return t.appendNeighbours(dst, e, k)
			}
		}
	}
	if len(key) < 5 {
		// the deletions of a key of four letters are of three, shorter
		// than any name or deletion filed (names have five letters or
		// more): its own hash is the only one that may be filed
		s.dels = append(s.dels[:0], h)
	} else {
		s.dels = delHashes(s.dels[:0], key)
	}
	return t.probe(dst, key, k, s)
}

// mayHit reports whether a name may be one edit away from key (or be
// key): false proves none is, told by a filter of one cache line or two.
//
// Let h = len(key)/2 and m = len(key)-h-1. A name n one edit away starts
// as key does for h letters, or ends as it does for m letters: an edit at
// p >= h (a substitution, the transposition of p and p+1, an insertion
// before or a deletion of key[p]) leaves key[:h] at the start of n; an
// edit at p < h leaves key[h+1:] (p+1 <= h for a transposition) at the
// end of n, the letters after an insertion or a deletion being shifted
// by one. halves holds, for every name and every key length it may be
// one edit from (its own and one more or less), its start and its end of
// these lengths.
func (t *typoIndex) mayHit(key string) bool {
	l := len(key)
	h := l / 2
	return t.halves.has(halfHash(key[:h], l, false)) || t.halves.has(halfHash(key[h+1:], l, true))
}

// addHalves files the halves of name k for keys of the lengths one edit
// may give (mayHit).
func (t *typoIndex) addHalves(k string) {
	for l := len(k) - 1; l <= len(k)+1; l++ {
		h := l / 2
		m := l - h - 1
		if h <= len(k) {
			t.halves.add(halfHash(k[:h], l, false))
		}
		if m <= len(k) {
			t.halves.add(halfHash(k[len(k)-m:], l, true))
		}
	}
}

// halfHash is the hash of a start (or an end: end) of a key of length l.
func halfHash(s string, l int, end bool) uint64 {
	h := uint64(l) << 1
	if end {
		h |= 1
	}
	for i := 0; i < len(s); i++ {
		h = h*polyP + uint64(s[i])
	}
	return mix64(h)
}

// probe appends the hits of key (of k tokens) found through the hashes
// of its deletions, s.dels: the names met, each once (s.tseen), in the
// order of the first hash they are filed under, those of one hash in the
// order of their units.
func (t *typoIndex) probe(dst []hit, key string, k int32, s *scratch) []hit {
	s.tseen = s.tseen[:0] // the names met (their records)
	for _, h := range s.dels {
		if !t.bits.has(h) {
			continue
		}
		seg, passed := len(dst), 0
		ents := t.lookup(h)
		for i := range ents {
			e := &ents[i]
			if slices.Contains(s.tseen, e.rec) {
				continue // checked, and listed if it passed
			}
			s.tseen = append(s.tseen, e.rec)
			if int(e.klen) < len(key)-1 || int(e.klen) > len(key)+1 {
				continue
			}
			if short := t.key(e); short == key || !fold.Within1(short, key) {
				continue
			}
			dst = t.appendUnits(dst, e, k)
			passed++
		}
		// the units met at one hash in the order of their numbers (each
		// name's are; a unit has one name, so no two are equal)
		if passed > 1 {
			slices.SortFunc(dst[seg:], func(a, b hit) int { return cmp.Compare(a.e.u, b.e.u) })
		}
	}
	return dst
}

// buildTypoIndex indexes the names of five letters or more that are not
// numbers. Built on the first typo search, with few allocations and the
// collector paused (all of it stays live).
func (c *Converter) buildTypoIndex() {
	defer gcpause.Pause()()
	t := &typoIndex{}
	t.sk = make([]uint64, len(c.units))
	for id := range c.units {
		t.sk[id] = sortKey(&c.units[id])
	}
	// the names, numbered in the order of their first unit, and their
	// units: units[unitOff[nm]:unitOff[nm+1]], ascending
	byKey := make(map[string]int32, 8192)
	nameOf := make([]int32, len(c.units))
	var keys []string
	var count []int32
	for id := range c.units {
		ui := &c.units[id]
		nameOf[id] = -1
		k := ui.short
		if len(k) < 5 || ui.numeric {
			continue
		}
		nm, ok := byKey[k]
		if !ok {
			nm = int32(len(keys))
			byKey[k] = nm
			keys = append(keys, k)
			count = append(count, 0)
			t.maxLen = max(t.maxLen, len(k))
		}
		nameOf[id] = nm
		count[nm]++
	}
	unitOff := make([]int32, len(keys)+1)
	for nm, n := range count {
		unitOff[nm+1] = unitOff[nm] + n
	}
	units := make([]int32, unitOff[len(keys)])
	fillU := append([]int32(nil), unitOff[:len(keys)]...)
	for id, nm := range nameOf {
		if nm >= 0 {
			units[fillU[nm]] = int32(id)
			fillU[nm]++
		}
	}
	// the records, first without the neighbours
	rec := t.layRecords(keys, unitOff, units, nil, nil)
	// the entries: every hash of every name (a name whose deletions
	// coincide, Anna → Ana, filed once), counted by home slot (nh bounds
	// their number: the table is at most half full), then laid out in the
	// order of their home (counting sort, stable: names ascending), each
	// home's entries sorted by hash (stable insertion sort: a home has
	// few), each entry at its home or right after the entry before it
	nh := 0
	for _, k := range keys {
		nh += len(k) + 1
	}
	size, shift := tableSize(2 * nh)
	t.shift = shift
	type pair struct {
		h      uint64
		nm, hm int32 // the name, the home slot
	}
	pairs := make([]pair, 0, nh)
	var hs []uint64
	for nm, k := range keys {
		hs = delHashes(hs[:0], k)
		for d, h := range hs {
			if d < 2 || h != hs[d-1] { // equal deletions are neighbours: a run of one letter
				pairs = append(pairs, pair{h, int32(nm), int32(t.home(h))})
			}
		}
	}
	start := make([]int32, size+1) // by home: the first of its pairs in sorted
	for _, p := range pairs {
		start[p.hm+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	sorted := make([]pair, len(pairs))
	for _, p := range pairs {
		sorted[start[p.hm]] = p
		start[p.hm]++
	}
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].hm == sorted[j-1].hm && sorted[j].h < sorted[j-1].h; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	// the last entry's position bounds the table's length
	last := int32(-1)
	for _, p := range sorted {
		last = max(last+1, p.hm)
	}
	t.ents = make([]typoEnt, max(int32(size), last+1))
	entNm := make([]int32, len(t.ents)) // by entry: its name
	pos, distinct := int32(-1), 0
	for i, p := range sorted {
		pos = max(pos+1, p.hm)
		t.ents[pos] = typoEnt{h: p.h, rec: rec[p.nm], klen: uint16(len(keys[p.nm])), nu: uint16(count[p.nm])}
		entNm[pos] = p.nm
		if i == 0 || p.h != sorted[i-1].h {
			distinct++
		}
	}
	t.bits = newBitset(distinct)
	for _, p := range sorted {
		t.bits.add(p.h)
	}
	t.halves = newBitset(6 * len(keys))
	for _, k := range keys {
		t.addHalves(k)
	}
	// the neighbours of each name (nbs[nbOff[nm]:nbOff[nm+1]]), then the
	// records again, with them
	var s scratch
	nbOff := make([]int32, len(keys)+1)
	nbs := make([]int32, 0, 8*len(units))
	for nm, k := range keys {
		s.dels = delHashes(s.dels[:0], k)
		s.thits = t.probe(s.thits[:0], k, 0, &s)
		for _, h := range s.thits {
			nbs = append(nbs, h.e.u)
		}
		nbOff[nm+1] = int32(len(nbs))
	}
	rec = t.layRecords(keys, unitOff, units, nbOff, nbs)
	for i := range t.ents {
		if e := &t.ents[i]; e.klen != 0 {
			e.rec = rec[entNm[i]]
		}
	}
	c.typo = t
}

// layRecords lays the records of the names out in t.recs (with their
// neighbours nbs[nbOff[nm]:nbOff[nm+1]], or none while nbOff is nil),
// each within one cache line when it fits in one (the room is large
// enough for the allocator to align it to a page), and returns their
// offsets.
func (t *typoIndex) layRecords(keys []string, unitOff, units, nbOff, nbs []int32) []uint32 {
	nb := func(nm int) []int32 {
		if nbOff == nil {
			return nil
		}
		return nbs[nbOff[nm]:nbOff[nm+1]]
	}
	size := 0
	for nm, k := range keys {
		size += 2 * (len(k) + 4*int(unitOff[nm+1]-unitOff[nm]) + 4 + 4*len(nb(nm))) // a padding is shorter than the record after it
	}
	t.recs = make([]byte, 0, size)
	rec := make([]uint32, len(keys))
	for nm, k := range keys {
		us, ns := units[unitOff[nm]:unitOff[nm+1]], nb(nm)
		n := len(k) + 4*len(us) + 4 + 4*len(ns)
		if off := len(t.recs) % 64; n <= 64 && off+n > 64 {
			t.recs = append(t.recs, make([]byte, 64-off)...)
		}
		rec[nm] = uint32(len(t.recs))
		t.recs = append(t.recs, k...)
		for _, id := range us {
			t.recs = binary.LittleEndian.AppendUint32(t.recs, uint32(id))
		}
		t.recs = binary.LittleEndian.AppendUint32(t.recs, uint32(len(ns)))
		for _, id := range ns {
			t.recs = binary.LittleEndian.AppendUint32(t.recs, uint32(id))
		}
	}
	return rec
}
