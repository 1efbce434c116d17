package address

import (
	"testing"

	"github.com/dvhc-vn/dvhc/registry"
)

// BenchmarkBuild measures building the indexes over a loaded registry.
func BenchmarkBuild(b *testing.B) {
	r := registry.MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		New(r, nil)
	}
}

// BenchmarkColdStart measures building a converter over the loaded
// registry and answering a first address (the budget is 50 ms; timings
// live in benchmarks, not in tests).
func BenchmarkColdStart(b *testing.B) {
	r := registry.MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		c := New(r, nil)
		if res := c.Convert("Phường Trúc Bạch, Quận Ba Đình, Hà Nội", Options{}); res.Status != StatusOK {
			b.Fatalf("status %s", res.Status)
		}
	}
}

// TestColdStart checks that a freshly built converter answers its first
// address (typo index built lazily included).
func TestColdStart(t *testing.T) {
	c := New(registry.MustDefault(), nil)
	if res := c.Convert("Phường Trúc Bacch, Quận Ba Đình, Hà Nội", Options{}); res.Status != StatusOK || res.Commune.Code != "00004" {
		t.Fatalf("first answer: %s %v (%s)", res.Status, res.Commune, res.Note)
	}
}
