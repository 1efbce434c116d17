package address

import (
	"testing"
	"time"

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

// TestColdStart checks that loading the registry, building the indexes
// and converting a first address takes well under the budget.
func TestColdStart(t *testing.T) {
	t0 := time.Now()
	r := registry.MustDefault()
	load := time.Since(t0)
	c := New(r, nil)
	build := time.Since(t0) - load
	res := c.Convert("Phường Trúc Bạch, Quận Ba Đình, Hà Nội", Options{})
	total := time.Since(t0)
	t.Logf("registry %v, index %v, first answer after %v", load, build, total)
	if res.Status != StatusOK {
		t.Fatalf("status %s", res.Status)
	}
	if build > 50*time.Millisecond && !testing.Short() {
		t.Errorf("index build took %v, want < 50ms", build)
	}
}
