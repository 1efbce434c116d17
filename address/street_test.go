package address

import (
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/fold"
)

// TestTrimSeps checks trimSeps's byte-wise path against strings.TrimFunc,
// and that nfcStable holds only of NFC text (and of the usual streets).
func TestTrimSeps(t *testing.T) {
	ins := []string{"", " ", ", ,", "Số 271 Võ Thị Sáu, ", " – 12 Lê Lợi –", "—", "\u00a0a\u00a0", ". a .b. ",
		"a\xff", "\xff, b", "–,– x –,–", "Hà Nội", " 12/3 Nguyễn Trãi ; ", "e\u0301", "\u0301, x", "ấp 3 -", "x\ufffd"}
	for _, in := range ins {
		if got, want := trimSeps(in), strings.TrimFunc(in, isSep); got != want {
			t.Errorf("trimSeps(%q) = %q, want %q", in, got, want)
		}
		if nfcStable(in) && !fold.IsNFC(in) {
			t.Errorf("nfcStable(%q) but not NFC", in)
		}
	}
	for _, in := range []string{"Số 271 Võ Thị Sáu", "So 286 Hung Vuong", "Đường Ấp Bắc", "Hẻm 5/7 Trần Hưng Đạo"} {
		if !nfcStable(in) {
			t.Errorf("nfcStable(%q) = false", in)
		}
	}
	for _, in := range []string{"e\u0301", "a\xff", "\xe1\xb8", "x\u0300"} {
		if nfcStable(in) {
			t.Errorf("nfcStable(%q) = true", in)
		}
	}
}
