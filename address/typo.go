package address

// typoIndex finds the names one edit away from a key by symmetric
// deletion: every name of five letters or more is filed under the hash of
// itself and of each of its one-letter deletions (delHashes), and a key
// one edit away from a name shares one of these hashes with it. Names,
// not units, are filed (many units share a name: Tân An, Phú Hòa), so that
// each candidate name is checked once (fold.Within1) and its units are
// listed only if it passes. Hash collisions are harmless: every candidate
// is checked.
type typoIndex struct {
	bits  bitset     // the hashes filed: most probes are told at once
	slots []typoSlot // open addressing on the hash, at most half full
	shift uint8      // 64 - log2(len(slots))
	lists []int32    // the names filed under each hash, list after list
	// the distinct names, by number: their key and their units (ascending)
	key     []string
	unitOff []int32 // units of name i: units[unitOff[i]:unitOff[i+1]]
	units   []int32
	maxLen  int // longest name
}

// typoSlot is the list of names filed under hash h: lists[off : off+n];
// n is 0 in an empty slot.
type typoSlot struct {
	h      uint64
	off, n uint32
}

// names returns the names filed under hash h.
func (t *typoIndex) names(h uint64) []int32 {
	if !t.bits.has(h) {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for i := (h * 0x9e3779b97f4a7c15) >> t.shift; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.n == 0 {
			return nil
		}
		if sl.h == h {
			return t.lists[sl.off : sl.off+sl.n]
		}
	}
}

// slot returns the number of the slot of hash h, taken if need be.
func (t *typoIndex) slot(h uint64) int {
	mask := uint64(len(t.slots) - 1)
	for i := (h * 0x9e3779b97f4a7c15) >> t.shift; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.n == 0 {
			sl.h = h
			return int(i)
		}
		if sl.h == h {
			return int(i)
		}
	}
}

// appendUnits appends the units of name nm, ascending, as hits of k
// tokens.
func (t *typoIndex) appendUnits(dst []hit, nm, k int32) []hit {
	for _, id := range t.units[t.unitOff[nm]:t.unitOff[nm+1]] {
		dst = append(dst, hit{k: k, e: entry{u: id}})
	}
	return dst
}

// buildTypoIndex indexes the names of five letters or more that are not
// numbers. Built on the first typo search.
func (c *Converter) buildTypoIndex() {
	t := &typoIndex{}
	// the names, numbered in the order of their first unit, and their units
	byKey := make(map[string]int32, 8192)
	nameOf := make([]int32, len(c.units))
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
			nm = int32(len(t.key))
			byKey[k] = nm
			t.key = append(t.key, k)
			count = append(count, 0)
			t.maxLen = max(t.maxLen, len(k))
		}
		nameOf[id] = nm
		count[nm]++
	}
	t.unitOff = make([]int32, len(t.key)+1)
	for nm, n := range count {
		t.unitOff[nm+1] = t.unitOff[nm] + n
	}
	t.units = make([]int32, t.unitOff[len(t.key)])
	fill := append([]int32(nil), t.unitOff[:len(t.key)]...)
	for id, nm := range nameOf {
		if nm >= 0 {
			t.units[fill[nm]] = int32(id)
			fill[nm]++
		}
	}
	// the hashes: count the names under each (a name whose deletions
	// coincide, Anna → Ana, is filed once), then lay the lists out and
	// fill them
	nh := 0
	for _, k := range t.key {
		nh += len(k) + 1
	}
	lg := uint8(4)
	for 1<<lg < nh { // nh bounds the distinct hashes: at most half full
		lg++
	}
	t.slots = make([]typoSlot, 1<<lg)
	t.shift = 64 - lg
	var hs []uint64
	seen := make([]int32, len(t.slots)) // by slot: the last name counted, + 1
	for nm, k := range t.key {
		hs = delHashes(hs[:0], k)
		for _, h := range hs {
			i := t.slot(h)
			if seen[i] != int32(nm)+1 {
				seen[i] = int32(nm) + 1
				t.slots[i].n++
			}
		}
	}
	off, n := uint32(0), 0
	for i := range t.slots {
		if sl := &t.slots[i]; sl.n > 0 {
			sl.off = off
			off += sl.n
			n++
		}
	}
	t.lists = make([]int32, off)
	t.bits = newBitset(n)
	filled := make([]uint32, len(t.slots)) // by slot: the names filed so far
	for nm, k := range t.key {
		hs = delHashes(hs[:0], k)
		for _, h := range hs {
			i := t.slot(h)
			sl := &t.slots[i]
			if filled[i] > 0 && t.lists[sl.off+filled[i]-1] == int32(nm) {
				continue
			}
			t.lists[sl.off+filled[i]] = int32(nm)
			filled[i]++
			t.bits.add(h)
		}
	}
	c.typo = t
}
