package address

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenInputs are varied addresses: every style, traps, splits, failures.
var goldenInputs = []string{
	"Phường Trúc Bạch, Quận Ba Đình, Hà Nội",
	"p truc bach, q.ba dinh, hn",
	"Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM",
	"so 12 nguyen trai phuong 7 quan 5 tphcm",
	"12 Nguyễn Văn Cừ, P.07, Q5, Sài Gòn",
	"12 Trần Hưng Đạo F7 Q5 HCM",
	"SỐ 8 LÊ LỢI, PHƯỜNG BẾN NGHÉ, QUẬN 1, THÀNH PHỐ HỒ CHÍ MINH",
	"P. Bến Nghé Q1 TPHCM",
	"Phường Sài Gòn, TP.HCM",
	"Số 1 - P. Trúc Bạch - Q. Ba Đình - TP. Hà Nội",
	"Phường Trúc Bạch, Quận Ba Đình, Hà Nội 100000, Việt Nam",
	"Số 3 Hàng Bún, Phường Trúc Bạch, Hà Nội",
	"Phường Trúc Bạch",
	"Xã Long Sơn, TP Vũng Tàu, BR-VT",
	"Phường Phú Hội, TP Huế, TT Huế",
	"Phường An Hoà, Huế",
	"Phường An Hòa, Thành phố Huế",
	"12 Lê Lợi F7 Q3 HCM",
	"Tổ 3, KP2, P.Tân Phong, Q7, Sài Gòn",
	"Số 5 Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội",
	"Phường Trúc Bacch, Quận Ba Đình, Hà Nội",
	"Phường Trúc Bạch, Quận Ba Đình, Ha Nooi",
	"123 Nguyễn Văn Cừ, Phường Nguyễn Cư Trinh, Quận 1, TP.HCM",
	"Số 5 Nguyễn Trãi, Phường Nguyễn Du, Quận Hai Bà Trưng, Hà Nội",
	"Số 9 Lê Lợi, Phường Nguyễn Trãi, Thành phố Hải Dương, Hải Dương",
	"Số 5 Nguyễn Văn Cừ, Quy Nhơn, Bình Định",
	"Vĩnh Nhơn",
	"Ấp Vĩnh Nhơn, Xã Vĩnh Hòa, Thị xã Tân Châu, An Giang",
	"Xã Hòa Thắng, Huyện Bắc Bình, Bình Thuận",
	"12/3 Nguyễn Thị Minh Khai, Phường Đa Kao, Quận 1, Thành phố Hồ Chí Minh, Việt Nam",
	"Quận 5, TP.HCM",
	"Hà Nội",
	"ĐN",
	"",
	"asdf qwer zxcv",
	"Thôn Đông, Xã Cam Thủy, Huyện Lệ Thủy, Tỉnh Quảng Bình",
	"Xã Châu Bính, Huyện Quỳ Châu, Nghệ An",
	"Xa Chau Binh, Huyen Quy Chau, Nghe An",
	"xa hoa son, huyen do luong, nghe an",
	"Thị trấn Văn Quan, Huyện Văn Quan, Lạng Sơn",
	"Xã Tịnh Đông, Huyện Sơn Tịnh, Quảng Ngãi",
	"Số 7 Hùng Vương, Phường 1, Thành phố Vĩnh Long, Tỉnh Vĩnh Long",
	"Phường 8, Tỉnh Vĩnh Long",
	"Xã Thành Bình, Huyện Hớn Quản, Bình Phước",
	"xa thanh binh huyen hon quan binh phuoc",
	"Phường Hải Châu I, Quận Hải Châu, Đà Nẵng",
	"Xã Ea Tu, Thành phố Buôn Ma Thuột, Đắk Lắk",
	"Đặc khu Phú Quốc, An Giang",
	"Huyện Côn Đảo, Bà Rịa - Vũng Tàu",
	"Phường Long Bình, Thành phố Biên Hòa, Đồng Nai",
	"Xã Sĩ Bình, Huyện Bạch Thông, Bắc Kạn",
	"Xã Sỹ Bình, Huyện Bạch Thông, Bắc Kạn",
	"P12, Gò Vấp, HCM",
	"Phường Long Trường, Quận 9, TP HCM",
	"Hẻm 12/5 đường số 3 khu phố 4 phường Bình Hưng Hòa A quận Bình Tân TPHCM",
	"TT. Phú Mỹ, H. Tân Thành, BRVT",
	// issue 8: addresses as people write them
	"Thôn 3, Cự Khê, Thanh Oai, Hà Nội",
	"tổ 3, ea tam, buôn ma thuột, đắk lắk",
	"Thôn 2, Bát Xát, Lào Cai",
	"Phường Mỹ Đình 1, Nam Từ Liêm, Hà Nội",
	"Phường Cổ Nhuế 1, Bắc Từ Liêm, Hà Nội",
	"Xóm 4, Yên Thành, Nghệ An",
	"Tổ 3, Nghĩa Lộ, Lào Cai",
	"Phường Hải Châu 1, Hải Châu, Đà Nẵng",
	"Phường Tự An, TP BMT, Đắk Lắk",
	"Phường Hòa Thuận Tây, Hải Châu, ĐN",
	"Phường Hoàng Văn Thụ, T.P Thái Nguyên, Thái Nguyên",
	"Phường Thống Nhất, T.X Buôn Hồ, Đắk Lắk",
	"Phường Tự An, TP XYZ, Đắk Lắk",
	"Đoàn X, Kiến Thuỵ, Hải Phòng",
	"12, Gò Vấp, HCM",
	"Ấp 3, 10, Tân Bình, Hồ Chí Minh",
	"Số 12/5, Gò Vấp, HCM",
	"y",
	"7",
	"thanh",
	// found trying addresses by hand
	"Khu 5, Phú Thọ",
	"Số 10, ngõ 20, phố Huế, Hai Bà Trưng, Hà Nội",
	"so 5 ngo 2 lang ha dong da ha noi",
	"Hẻm 12, đường 30/4, phường 9, Vũng Tàu",
	// written province first
	"Hà Nội, Hoàn Kiếm, Hàng Bạc",
	"TP.HCM - Quận 5 - Phường 7 - 12 Nguyễn Trãi",
	"Đà Nẵng, Hải Châu, Phường Hải Châu 1, Số 12, Bạch Đằng",
	"Nghệ An, Thành phố Vinh, P.Quán Bàu",
	"TP.HCM Quận 5, Phường 7, 12 Nguyễn Trãi",
}

type goldenCase struct {
	Input      string   `json:"input"`
	Street     string   `json:"street"`
	Parsed     []string `json:"parsed"` // level code name of the units read
	Status     string   `json:"status"`
	Commune    string   `json:"commune,omitempty"`
	Province   string   `json:"province,omitempty"`
	Address    string   `json:"address,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
	Note       string   `json:"note,omitempty"`
}

func unitLine(u *dvhc.Unit) string {
	if u == nil {
		return ""
	}
	return u.Level.String() + " " + string(u.Code) + " " + u.Name
}

// TestGolden compares parse and convert results (to 2026-01-01) with
// testdata/golden.json; run with -update to rewrite it after a deliberate
// change.
func TestGolden(t *testing.T) {
	c := conv(t)
	to := dvhc.NewDate(2026, 1, 1)
	var got []goldenCase
	for _, in := range goldenInputs {
		p := c.Parse(in)
		r := c.Convert(in, Options{To: to})
		g := goldenCase{Input: in, Street: r.Street, Status: r.Status.String(), Address: r.Address, Note: r.Note,
			Commune: unitLine(r.Commune), Province: unitLine(r.Province)}
		for _, u := range []*dvhc.Unit{p.Commune, p.District, p.Province} {
			if u != nil {
				g.Parsed = append(g.Parsed, unitLine(u)+" ("+dvhc.VintageOf(u).String()+")")
			}
		}
		for _, cd := range r.Candidates {
			g.Candidates = append(g.Candidates, unitLine(cd.Commune)+" ["+cd.Share.String()+": "+cd.Note+"]")
		}
		if p.Street != r.Street {
			t.Errorf("%q: Parse street %q, Convert street %q", in, p.Street, r.Street)
		}
		got = append(got, g)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "golden.json")
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update)", err)
	}
	if !bytes.Equal(b, want) {
		var w []goldenCase
		json.Unmarshal(want, &w)
		for i := range got {
			if i >= len(w) {
				t.Errorf("new case %q", got[i].Input)
				continue
			}
			gj, _ := json.Marshal(got[i])
			wj, _ := json.Marshal(w[i])
			if !bytes.Equal(gj, wj) {
				t.Errorf("golden mismatch:\n got %s\nwant %s", gj, wj)
			}
		}
		if len(w) != len(got) {
			t.Errorf("%d cases, golden has %d", len(got), len(w))
		}
	}
}
