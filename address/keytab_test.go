package address

import (
	"strconv"
	"strings"
	"testing"
)

// TestKeyTab checks that a keyTab gives dense ids in the order keys are
// added, finds every key through growth, and tells keys it lacks,
// including prefixes, suffixes and the empty key.
func TestKeyTab(t *testing.T) {
	tab := newKeyTab(4)
	var keys []string
	for i := range 3000 {
		k := "k" + strconv.Itoa(i*7919)
		keys = append(keys, k)
		if id, added := tab.add(k); !added || id != uint32(i) {
			t.Fatalf("add(%q) = %d, %v; want %d, true", k, id, added, i)
		}
	}
	if id, added := tab.add(keys[17]); added || id != 17 {
		t.Fatalf("add again = %d, %v; want 17, false", id, added)
	}
	for i, k := range keys {
		if id, ok := tab.find(keyHash(k), k); !ok || id != uint32(i) {
			t.Fatalf("find(%q) = %d, %v; want %d", k, id, ok, i)
		}
	}
	for _, k := range []string{"", "k", "k7919x", "7919", "k791", "x"} {
		if id, ok := tab.find(keyHash(k), k); ok {
			t.Errorf("find(%q) = %d, want none", k, id)
		}
	}
	// the hash of a key is made of its tokens' (findHits extends it to
	// the left token by token)
	if keyHash("ha")*powP[len("nam")]+keyHash("nam") != keyHash("hanam") {
		t.Error("keyHash of a key is not made of its parts'")
	}
}

// testNames builds a nameTab over keys of every length from 1 to 40
// bytes (some the ends of others, as names are) and returns it with the
// plain version: each key's id, which is also its entries' offset.
func testNames() (*nameTab, map[string]uint32) {
	kt := newKeyTab(16)
	plain := map[string]uint32{}
	for i := range 3000 {
		k := strings.Repeat("ab", i%20) + strconv.Itoa(i*7919)
		for _, key := range []string{k, k[len(k)/2:], k[:min(len(k), 1+i%9)]} {
			if id, added := kt.add(key); added {
				plain[key] = id
			}
		}
	}
	cs := make([]cslot, len(kt.keys))
	for id := range cs {
		cs[id] = cslot{off: uint32(id), n: uint16(id % 3), ext: id%2 == 0}
	}
	return newNameTab(kt, cs, make([]entry, len(kt.keys)+2)), plain
}

// TestNameTab checks that a nameTab finds every key, short (compared in
// the slot) or long (in the arena), wherever it lies in a buffer, and
// tells the keys it lacks.
func TestNameTab(t *testing.T) {
	tab, plain := testNames()
	for k, id := range plain {
		for _, buf := range [][]byte{[]byte(k), append([]byte(k), "zzzzzzzz"...)[:len(k)], append([]byte("x"+k), 'y')[1 : 1+len(k)]} {
			sl := tab.find(keyHash(k), buf)
			if sl == nil || sl.eoff != id || int(sl.klen) != len(k) || sl.n != uint16(id%3) || sl.ext != (id%2 == 0) {
				t.Fatalf("find(%q) = %+v, want the slot of id %d", k, sl, id)
			}
		}
	}
	for _, k := range []string{"", "a", "ab", "7919x", "abababababababababababab", "zz"} {
		if _, ok := plain[k]; !ok && tab.find(keyHash(k), []byte(k)) != nil {
			t.Errorf("find(%q) found a slot", k)
		}
	}
}

// FuzzNameTab checks nameTab.find against the plain map on any key, with
// any bytes after it in its buffer.
func FuzzNameTab(f *testing.F) {
	tab, plain := testNames()
	f.Add("ab7919", "zz")
	f.Add("15838", "")
	f.Add("ababababab1", "\x00\x00")
	f.Fuzz(func(t *testing.T, k, after string) {
		buf := []byte(k + after)[:len(k)]
		sl := tab.find(keyHash(k), buf)
		id, ok := plain[k]
		if ok != (sl != nil) || ok && sl.eoff != id {
			t.Fatalf("find(%q) = %+v, want %d, %v", k, sl, id, ok)
		}
	})
}

// findHitsPlain is findHits as first written: each key hashed whole and
// looked up by nameTab.find, the reference findHits must agree with.
func (c *Converter) findHitsPlain(s *scratch, j int32) []group {
	var out []group
	for k := int32(1); k <= int32(c.maxK) && j-k >= 0; k++ {
		key := s.buf[s.toks[j-k].fs:s.toks[j-1].fe]
		if len(key) > c.maxKey {
			break
		}
		sl := c.names.find(keyHash(string(key)), key)
		if sl == nil {
			break
		}
		if sl.n > 0 {
			out = append(out, group{k: k, e: c.names.entriesOf(sl)})
		}
		if !sl.ext {
			break
		}
	}
	return out
}

// FuzzFindHits checks findHits against findHitsPlain at every token of
// any text.
func FuzzFindHits(f *testing.F) {
	for _, s := range goldenInputs {
		f.Add(s)
	}
	f.Add("Xã Tân Thạnh Đông, Huyện Củ Chi, Thành phố Hồ Chí Minh")
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := &scratch{}
		s.toks, s.buf, _ = tokenizeValid(text, nil, nil)
		s.memo = make([]hitsMemo, len(s.toks)+1)
		for j := int32(0); j <= int32(len(s.toks)); j++ {
			got, want := c.findHits(s, j), c.findHitsPlain(s, j)
			if len(got) != len(want) {
				t.Fatalf("findHits(%q, %d) = %v, want %v", text, j, got, want)
			}
			for i := range got {
				if got[i].k != want[i].k || len(got[i].e) != len(want[i].e) || len(got[i].e) > 0 && &got[i].e[0] != &want[i].e[0] {
					t.Fatalf("findHits(%q, %d) = %v, want %v", text, j, got, want)
				}
			}
		}
	})
}
