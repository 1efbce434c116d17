package address

import (
	"strconv"
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
	// the hash of a key extended to the left continues the hash of its tail
	if hashBack(keyHash("nam"), "ha") != keyHash("hanam") {
		t.Error("hashBack does not extend keyHash")
	}
}
