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
