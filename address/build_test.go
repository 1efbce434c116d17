package address

import (
	"testing"

	"github.com/dvhc-vn/dvhc/registry"
	"golang.org/x/text/unicode/norm"
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

// TestNFCStable checks nfcStable against package norm: every rune it
// accepts is NFC on its own, starts a composition boundary (nothing
// before it composes with it) and has no combining class, so that a text
// of such runes only is NFC.
func TestNFCStable(t *testing.T) {
	n := 0
	for r := rune(0); r < 0x2000; r++ {
		if !nfcStable(r) || r >= 0xD800 && r < 0xE000 {
			continue
		}
		n++
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || !p.BoundaryBefore() || p.CCC() != 0 {
			t.Errorf("%U %q: NFC %v, boundary before %v, combining class %d", r, s, norm.NFC.IsNormalString(s), p.BoundaryBefore(), p.CCC())
		}
	}
	if n == 0 || nfcStable(0x301) || !isNFC("Phường Bến Thành") || isNFC("Phu\u031bo\u031b\u0300ng") {
		t.Fatal("nfcStable accepts nothing, or a combining mark")
	}
}
