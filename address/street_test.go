package address

import (
	"strings"
	"testing"
)

// TestTrimSeps checks trimSeps's byte-wise path against strings.TrimFunc.
func TestTrimSeps(t *testing.T) {
	ins := []string{"", " ", ", ,", "Số 271 Võ Thị Sáu, ", " – 12 Lê Lợi –", "—", "\u00a0a\u00a0", ". a .b. ",
		"a\xff", "\xff, b", "–,– x –,–", "Hà Nội", " 12/3 Nguyễn Trãi ; ", "e\u0301", "\u0301, x", "ấp 3 -", "x\ufffd"}
	for _, in := range ins {
		if got, want := trimSeps(in), strings.TrimFunc(in, isSep); got != want {
			t.Errorf("trimSeps(%q) = %q, want %q", in, got, want)
		}
	}
}
