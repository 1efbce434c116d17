package address

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDelHashes checks delHashes against delHashesRef, the three-array
// form it replaced, on random keys of every length up to 80.
func TestDelHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 81 {
		for range 20 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('a' + rng.IntN(26))
			}
			got := delHashes([]uint64{7}, string(b))
			want := delHashesRef([]uint64{7}, string(b))
			if !slices.Equal(got, want) {
				t.Fatalf("delHashes(%q) = %x, want %x", b, got, want)
			}
		}
	}
}

// maxDelKey is the longest key delHashesRef hashes without allocating.
const maxDelKey = 63

// delHashesRef is delHashes as first written.
func delHashesRef(dst []uint64, s string) []uint64 {
	n := len(s)
	var pre, suf, pw [maxDelKey + 2]uint64
	var pres, sufs, pws []uint64
	if n <= maxDelKey {
		pres, sufs, pws = pre[:n+1], suf[:n+1], pw[:n+1]
	} else {
		pres, sufs, pws = make([]uint64, n+1), make([]uint64, n+1), make([]uint64, n+1)
	}
	pws[0] = 1
	for i := 0; i < n; i++ {
		pres[i+1] = pres[i]*polyP + uint64(s[i])
		pws[i+1] = pws[i] * polyP
	}
	sufs[n] = 0
	for i := n - 1; i >= 0; i-- {
		sufs[i] = uint64(s[i])*pws[n-1-i] + sufs[i+1]
	}
	dst = append(dst, mix64(pres[n]^uint64(n)<<56))
	for d := 0; d < n; d++ {
		dst = append(dst, mix64((pres[d]*pws[n-1-d]+sufs[d+1])^uint64(n-1)<<56))
	}
	return dst
}
