package address

import (
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// TestProvinceFirst checks addresses written largest unit first against
// the lineage (dvhc lineage --at 2025-06-30 CODE); the street, written
// last, is kept verbatim. They are also in goldenInputs.
func TestProvinceFirst(t *testing.T) {
	c := conv(t)
	tests := []struct {
		in     string
		want   dvhc.Code
		street string
		read   []dvhc.Code // the units read, commune first
	}{
		// Phường Hàng Bạc (00061) of Quận Hoàn Kiếm went whole to 00070 Phường Hoàn Kiếm
		{"Hà Nội, Hoàn Kiếm, Hàng Bạc", "00070", "", []dvhc.Code{"00061", "002", "01"}},
		// Phường 7 (27316) of Quận 5 became 27316 Phường An Đông
		{"TP.HCM - Quận 5 - Phường 7 - 12 Nguyễn Trãi", "27316", "12 Nguyễn Trãi", []dvhc.Code{"27316", "774", "79"}},
		// the province and the district in one component
		{"TP.HCM Quận 5, Phường 7, 12 Nguyễn Trãi", "27316", "12 Nguyễn Trãi", []dvhc.Code{"27316", "774", "79"}},
		// several street components, kept in their order
		{"Hà Nội, Hoàn Kiếm, Hàng Bạc, Ngõ 5, Số 12", "00070", "Ngõ 5, Số 12", []dvhc.Code{"00061", "002", "01"}},
		// read from the end, "Nghệ An" would be a misspelt Xã Nghi Ân:
		// Phường Quán Bàu (16670) went whole to 17920 Phường Vinh Hưng
		{"Nghệ An, Thành phố Vinh, P.Quán Bàu", "17920", "", []dvhc.Code{"16670", "412", "40"}},
	}
	for _, tt := range tests {
		r := c.Convert(tt.in, Options{})
		if r.Status != StatusOK || r.Commune.Code != tt.want {
			t.Errorf("%q: %s %v, want ok %s (%s)", tt.in, r.Status, r.Commune, tt.want, r.Note)
			continue
		}
		if r.Street != tt.street {
			t.Errorf("%q: street %q, want %q", tt.in, r.Street, tt.street)
		}
		var read []dvhc.Code
		for _, m := range r.Matched {
			read = append(read, m.Code)
		}
		if len(read) != len(tt.read) {
			t.Errorf("%q: read %v, want %v", tt.in, read, tt.read)
			continue
		}
		for i := range read {
			if read[i] != tt.read[i] {
				t.Errorf("%q: read %v, want %v", tt.in, read, tt.read)
				break
			}
		}
		if p := c.Parse(tt.in); p.Street != r.Street || p.Commune == nil || p.Commune.Code != tt.read[0] {
			t.Errorf("%q: Parse %+v, Convert street %q", tt.in, p, r.Street)
		}
	}
}
