package main

import (
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/msg"
)

// TestFileNotesInVietnamese checks that DVHC_LANG=vi (lang) translates the
// dvhc_note column of a converted file, for broken rows as for notes of
// the converter, and that English stays the default.
func TestFileNotesInVietnamese(t *testing.T) {
	in := "id,dia_chi\n1,\"xa co bi, huyen gia lam, ha noi\"\n2,???\n"
	tests := []struct {
		lang msg.Lang
		want []string
	}{
		{msg.EN, []string{"Xã Cổ Bi was split among 3 communes", "empty address: no letters or digits"}},
		{msg.VI, []string{"Xã Cổ Bi đã được chia cho 3 xã, phường mới", "địa chỉ trống: không có chữ hay số"}},
	}
	for _, tt := range tests {
		defer func(l msg.Lang) { lang = l }(lang)
		lang = tt.lang
		out, stderr, code := runStdin(t, in, "convert")
		if code != 0 { // a file run that completes exits 0, whatever its rows
			t.Errorf("lang %v: exit %d, stderr %s", tt.lang, code, stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("lang %v: output lacks %q:\n%s", tt.lang, w, out)
			}
		}
	}
}
