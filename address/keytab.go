package address

import "encoding/binary"

// keyTab maps byte-string keys to dense ids (0, 1, 2… in the order the
// keys were added), by open addressing: a slot holds a fingerprint of the
// key's hash and the key's id; the keys themselves lie end to end in one
// byte arena. A look-up takes the hash of the key from the caller
// (keyHash, which the tokenizer computes for each token and the parser
// extends token by token as it extends a name to the left), probes the slots from the one the
// hash picks, and compares bytes only with the keys whose fingerprint
// matches: no key is ever hashed twice, and a hit costs one byte
// comparison.
type keyTab struct {
	slots []kslot // a power of two of them, at most half full
	shift uint8   // 64 - log2(len(slots))
	keys  []kref  // by id: where the key lies in arena
	arena []byte
}

// kslot is one slot of a keyTab; id 0 is an empty slot.
type kslot struct {
	fp uint32 // high half of the key's hash
	id uint32 // the key's id + 1
}

// kref locates a key in the arena of its keyTab.
type kref struct {
	off, n uint32
}

// keyHash returns the hash keyTab and nameTab file s under: the
// polynomial Σ s[i]·hashP^(len(s)-1-i) (mod 2^64), so that the hash of a
// name is made of its tokens' (H(a‖b) = H(a)·hashP^len(b) + H(b)): the
// tokenizer hashes each token as it folds it (token.h), classify reads
// that hash and findHits extends it to the left token by token as it
// extends a name, with one multiplication: no byte is hashed twice.
func keyHash(s string) uint64 {
	h := uint64(0)
	for i := 0; i < len(s); i++ {
		h = h*hashP + uint64(s[i])
	}
	return h
}

// hashP is the base of keyHash (odd, its bits spread: MurmurHash3's).
const hashP = 0xff51afd7ed558ccd

// powP gives hashP^n for the lengths of indexed keys (at most 255 bytes).
var powP = func() (t [256]uint64) {
	t[0] = 1
	for n := 1; n < len(t); n++ {
		t[n] = t[n-1] * hashP
	}
	return t
}()

// newKeyTab returns a table sized for about n keys (it grows as needed).
func newKeyTab(n int) *keyTab {
	t := &keyTab{}
	t.alloc(n)
	return t
}

// alloc gives t empty slots for n keys, at most half full.
func (t *keyTab) alloc(n int) {
	size, shift := tableSize(2 * n)
	t.slots = make([]kslot, size)
	t.shift = shift
}

// tableSize returns the size of an open-addressing table of at least n
// slots (a power of two, 16 at least) and the shift that takes a 64-bit
// hash to a slot number (64 - log2(size)).
func tableSize(n int) (int, uint8) {
	lg := uint8(4)
	for 1<<lg < n {
		lg++
	}
	return 1 << lg, 64 - lg
}

// home is the first slot probed for hash h (Fibonacci hashing: every bit
// of h counts, FNV's low bits alone are weak).
func (t *keyTab) home(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> t.shift }

// find returns the id of key, whose hash is h (keyHash(key)).
func (t *keyTab) find(h uint64, key string) (uint32, bool) {
	mask := uint64(len(t.slots) - 1)
	fp := uint32(h >> 32)
	for i := t.home(h); ; i = (i + 1) & mask {
		sl := t.slots[i]
		if sl.id == 0 {
			return 0, false
		}
		if sl.fp == fp {
			r := t.keys[sl.id-1]
			if int(r.n) == len(key) && unsafeString(t.arena[r.off:r.off+r.n]) == key {
				return sl.id - 1, true
			}
		}
	}
}

// add returns the id of key, adding it (with the next id) if it is new.
func (t *keyTab) add(key string) (id uint32, added bool) {
	h := keyHash(key)
	if id, ok := t.find(h, key); ok {
		return id, false
	}
	if 2*(len(t.keys)+1) > len(t.slots) {
		t.grow()
	}
	id = uint32(len(t.keys))
	t.keys = append(t.keys, kref{off: uint32(len(t.arena)), n: uint32(len(key))})
	t.arena = append(t.arena, key...)
	t.put(h, id)
	return id, true
}

// put files id under hash h in the first empty slot.
func (t *keyTab) put(h uint64, id uint32) {
	mask := uint64(len(t.slots) - 1)
	i := t.home(h)
	for t.slots[i].id != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = kslot{fp: uint32(h >> 32), id: id + 1}
}

// grow doubles the slots and files the keys again.
func (t *keyTab) grow() {
	t.alloc(len(t.slots))
	for id, r := range t.keys {
		t.put(keyHash(unsafeString(t.arena[r.off:r.off+r.n])), uint32(id))
	}
}

// nameTab is the index of names as the parser reads it: open addressing
// over slots that each hold a key (its bytes, when it has 8 or fewer, or
// its place in the arena) and the key's entries, so that a look-up
// touches one slot, the key's bytes only when longer than 8, and the
// entries, and nothing in between. Most keys are short (the words of a
// name, compact names of one or two words): a hit on one of them reads
// a single cache line of the index before the entries.
type nameTab struct {
	slots   []nameSlot // a power of two of them, at most half full
	shift   uint8      // 64 - log2(len(slots))
	arena   []byte     // the keys
	entries []entry    // the entries of the keys, sorted by sort key per key
}

// nameSlot is one slot of a nameTab; klen is 0 in an empty slot.
type nameSlot struct {
	// a key of 8 bytes or fewer: its bytes (word8); a longer key: the
	// high half of its hash (a fingerprint) << 32 | its offset in arena
	key  uint64
	eoff uint32 // the entries are entries[eoff : eoff+n]
	n    uint16
	klen uint8
	ext  bool // the key is also the end of a longer key
}

// word8 returns the bytes of key (8 or fewer) as a little-endian number,
// zero above them: with one load when key has a capacity of 8 bytes (the
// parser's folded text has: tokenizeValid leaves room after it).
func word8(key []byte) uint64 {
	if cap(key) < 8 {
		var b [8]byte
		copy(b[:], key)
		return binary.LittleEndian.Uint64(b[:])
	}
	return binary.LittleEndian.Uint64(key[:8]) & (^uint64(0) >> (64 - 8*uint(len(key))))
}

// newNameTab files the keys of kt with their slots (cslots, by id of kt).
func newNameTab(kt *keyTab, cslots []cslot, entries []entry) *nameTab {
	t := &nameTab{arena: kt.arena, entries: entries}
	size, shift := tableSize(2 * len(kt.keys))
	t.slots = make([]nameSlot, size)
	t.shift = shift
	mask := uint64(len(t.slots) - 1)
	for id, r := range kt.keys {
		if r.n > 255 {
			panic("address: an indexed key longer than 255 bytes")
		}
		key := kt.arena[r.off : r.off+r.n]
		h := keyHash(unsafeString(key))
		i := (h * 0x9e3779b97f4a7c15) >> t.shift
		for t.slots[i].klen != 0 {
			i = (i + 1) & mask
		}
		cs := cslots[id]
		sl := nameSlot{key: h>>32<<32 | uint64(r.off), klen: uint8(r.n), eoff: cs.off, n: cs.n, ext: cs.ext}
		if r.n <= 8 {
			sl.key = word8(key[:r.n:r.n])
		}
		t.slots[i] = sl
	}
	return t
}

// find returns the slot of key, whose hash is h (keyHash(key)), or nil.
func (t *nameTab) find(h uint64, key []byte) *nameSlot {
	mask := uint64(len(t.slots) - 1)
	i := (h * 0x9e3779b97f4a7c15) >> t.shift
	if len(key) <= 8 {
		w := word8(key)
		for ; ; i = (i + 1) & mask {
			sl := &t.slots[i]
			if sl.klen == 0 {
				return nil
			}
			if sl.key == w && int(sl.klen) == len(key) {
				return sl
			}
		}
	}
	fp := h >> 32
	for ; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.klen == 0 {
			return nil
		}
		if sl.key>>32 == fp && int(sl.klen) == len(key) {
			off := uint32(sl.key)
			if string(t.arena[off:off+uint32(sl.klen)]) == string(key) {
				return sl
			}
		}
	}
}

// entriesOf returns the entries of slot sl.
func (t *nameTab) entriesOf(sl *nameSlot) []entry { return t.entries[sl.eoff : sl.eoff+uint32(sl.n)] }

// wordIndex is classify's table of the words that may be type or street
// words: open addressing over slots that hold the word itself (8 bytes at
// most: word8) with what it may be, so that a look-up (classify probes
// the slots itself, from the one keyHash picks) reads one slot and
// nothing else, and a miss (most words) stops at the first empty slot of
// a sparse table.
type wordIndex struct {
	slots []wordSlot // a power of two of them, at most a quarter full
	shift uint8      // 64 - log2(len(slots))
}

// wordSlot is one slot of a wordIndex; klen is 0 in an empty slot.
type wordSlot struct {
	key  uint64 // the word's bytes (word8)
	klen uint8
	info wordInfo
}

// newWordIndex files the words of kt (8 bytes at most) with their
// information (infos, by id of kt).
func newWordIndex(kt *keyTab, infos []wordInfo) *wordIndex {
	t := &wordIndex{}
	size, shift := tableSize(4 * len(kt.keys))
	t.slots = make([]wordSlot, size)
	t.shift = shift
	mask := uint64(len(t.slots) - 1)
	for id, r := range kt.keys {
		if r.n > 8 {
			panic("address: a type or street word longer than 8 bytes")
		}
		key := kt.arena[r.off : r.off+r.n : r.off+r.n]
		i := (keyHash(unsafeString(key)) * 0x9e3779b97f4a7c15) >> t.shift
		for t.slots[i].klen != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = wordSlot{key: word8(key), klen: uint8(r.n), info: infos[id]}
	}
	return t
}
