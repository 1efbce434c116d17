package address

import (
	"slices"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// issue8 lists the addresses of issue 8 ("Addresses as people write
// them") with the answer of the lineage (dvhc lineage --at 2025-06-30 CODE):
// ok with one commune, or ambiguous with exactly these candidates, or not
// placed at all. They are also in goldenInputs (testdata/golden.json).
var issue8 = []struct {
	in     string
	status Status
	want   []dvhc.Code // ok: the commune; ambiguous: the candidates
	not    dvhc.Code   // a commune the answer must not be
	street string
}{
	// Xã Cự Khê (10120) was split between 09568 and 10126
	{"Thôn 3, Cự Khê, Thanh Oai, Hà Nội", StatusAmbiguous, []dvhc.Code{"09568", "10126"}, "10114", "Thôn 3"},
	// Phường Ea Tam (24151) went whole to 24169 Phường Ea Kao
	{"tổ 3, ea tam, buôn ma thuột, đắk lắk", StatusOK, []dvhc.Code{"24169"}, "24133", "tổ 3"},
	// today's Xã Bát Xát, not Phường Lào Cai
	{"Thôn 2, Bát Xát, Lào Cai", StatusOK, []dvhc.Code{"02683"}, "02647", "Thôn 2"},
	// Phường Mỹ Đình 1 (00625) was split between 00166 and 00592
	{"Phường Mỹ Đình 1, Nam Từ Liêm, Hà Nội", StatusAmbiguous, []dvhc.Code{"00166", "00592"}, "", ""},
	// Phường Cổ Nhuế 1 (00616) was split among 00160, 00611, 00619
	{"Phường Cổ Nhuế 1, Bắc Từ Liêm, Hà Nội", StatusAmbiguous, []dvhc.Code{"00160", "00611", "00619"}, "00592", ""},
	// today's Xã Yên Thành (17506, formerly Thị trấn Hoa Thành)
	{"Xóm 4, Yên Thành, Nghệ An", StatusOK, []dvhc.Code{"17506"}, "", "Xóm 4"},
	// today's Phường Nghĩa Lộ
	{"Tổ 3, Nghĩa Lộ, Lào Cai", StatusOK, []dvhc.Code{"04288"}, "", "Tổ 3"},
	// Phường Hải Châu I became part of Phường Hải Châu (20236) → 20242
	{"Phường Hải Châu 1, Hải Châu, Đà Nẵng", StatusOK, []dvhc.Code{"20242"}, "", ""},
	// Phường Tự An (24148) → 24133 Phường Buôn Ma Thuột
	{"Phường Tự An, TP BMT, Đắk Lắk", StatusOK, []dvhc.Code{"24133"}, "", ""},
	// Phường Hòa Thuận Tây (20245) → 20257 Phường Hòa Cường
	{"Phường Hòa Thuận Tây, Hải Châu, ĐN", StatusOK, []dvhc.Code{"20257"}, "", ""},
	// Phường Hoàng Văn Thụ (05440) → 05443 Phường Phan Đình Phùng
	{"Phường Hoàng Văn Thụ, T.P Thái Nguyên, Thái Nguyên", StatusOK, []dvhc.Code{"05443"}, "", ""},
	// Phường Thống Nhất (24331) → 24305 Phường Buôn Hồ
	{"Phường Thống Nhất, T.X Buôn Hồ, Đắk Lắk", StatusOK, []dvhc.Code{"24305"}, "", ""},
	// a minimum of evidence (issue 9): a lone short word or number is not an address
	{"y", StatusNotFound, nil, "", ""},
	{"i", StatusNotFound, nil, "", ""},
	{"iii", StatusNotFound, nil, "", ""},
	{"vii", StatusNotFound, nil, "", ""},
	{"v", StatusNotFound, nil, "", ""},
	{"thanh", StatusNotFound, nil, "", ""},
	{"7", StatusNotFound, nil, "", ""},
	{"12", StatusNotFound, nil, "", ""},
	{"Phường Trúc Bạch\xff, Hà Nội", StatusInvalid, nil, "", ""},
}

func TestIssue8Examples(t *testing.T) {
	c := conv(t)
	for _, tt := range issue8 {
		r := c.Convert(tt.in, Options{})
		if r.Status != tt.status {
			t.Errorf("%q: %s %v, want %s %v (%s)", tt.in, r.Status, r.Commune, tt.status, tt.want, r.Note)
			continue
		}
		var got []dvhc.Code
		if r.Commune != nil {
			got = append(got, r.Commune.Code)
		}
		for _, cd := range r.Candidates {
			got = append(got, cd.Commune.Code)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %s %v, want %v", tt.in, r.Status, got, tt.want)
		}
		if tt.not != "" && slices.Contains(got, tt.not) {
			t.Errorf("%q: answered %s", tt.in, tt.not)
		}
		if r.Street != tt.street {
			t.Errorf("%q: street %q, want %q", tt.in, r.Street, tt.street)
		}
	}
}
