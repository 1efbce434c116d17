package fold

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

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
	if n == 0 || nfcStable(0x301) || !IsNFC("Phường Bến Thành") || IsNFC("Phu\u031bo\u031b\u0300ng") {
		t.Fatal("nfcStable accepts nothing, or a combining mark")
	}
}

// FuzzStableOnly checks stableOnly against the plain version, rune by
// rune: every rune valid and nfcStable.
func FuzzStableOnly(f *testing.F) {
	for _, s := range []string{"", "Phường Bến Thành", "Phu\u031bo\u031b\u0300ng", "\xff", "\xe1\xba", "\xcb\xbf\xcc\x80", "ỹ€ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := true
		for _, r := range s {
			if !nfcStable(r) {
				want = false
			}
		}
		if got := stableOnly(s); got != want {
			t.Fatalf("stableOnly(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestStableOnly checks stableOnly on every rune alone and after a
// letter, on truncated runes, and on streets as they are usually written
// (the parser checks every street it cuts with IsNFC).
func TestStableOnly(t *testing.T) {
	for _, s := range []string{"Số 271 Võ Thị Sáu", "So 286 Hung Vuong", "Đường Ấp Bắc", "Hẻm 5/7 Trần Hưng Đạo"} {
		if !stableOnly(s) {
			t.Errorf("stableOnly(%q) = false", s)
		}
	}
	for _, s := range []string{"e\u0301", "a\xff", "\xe1\xb8", "x\u0300"} {
		if stableOnly(s) {
			t.Errorf("stableOnly(%q) = true", s)
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		s := string(r)
		if stableOnly(s) != nfcStable(r) || stableOnly("a"+s) != nfcStable(r) {
			t.Fatalf("stableOnly(%q) = %v, want %v", s, stableOnly(s), nfcStable(r))
		}
		if len(s) > 1 && stableOnly(s[:len(s)-1]) {
			t.Fatalf("stableOnly(%q) accepts a truncated rune", s[:len(s)-1])
		}
	}
}
