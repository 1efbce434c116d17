package address

import (
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

func conv(t testing.TB) *Converter {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestConvertTable converts messy real addresses: want is the new commune
// code, or "" with a status.
func TestConvertTable(t *testing.T) {
	c := conv(t)
	tests := []struct {
		name, in string
		status   Status
		commune  dvhc.Code // new commune when ok
		province dvhc.Code
		street   string
	}{
		// acceptance
		{"full with tones", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", StatusOK, "00004", "01", ""},
		{"lower no tones abbreviations", "p truc bach, q.ba dinh, hn", StatusOK, "00004", "01", ""},
		{"street kept", "Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM", StatusOK, "27316", "79", "Số 12 Nguyễn Trãi"},
		// styles
		{"upper", "PHƯỜNG TRÚC BẠCH, QUẬN BA ĐÌNH, THÀNH PHỐ HÀ NỘI", StatusOK, "00004", "01", ""},
		{"no separators", "so 12 nguyen trai phuong 7 quan 5 tphcm", StatusOK, "27316", "79", "so 12 nguyen trai"},
		{"P.07 Q5", "12 Nguyễn Văn Cừ, P.07, Q5, Sài Gòn", StatusOK, "27316", "79", "12 Nguyễn Văn Cừ"},
		{"F7 glued", "12 Trần Hưng Đạo F7 Q5 HCM", StatusOK, "27316", "79", "12 Trần Hưng Đạo"},
		{"numbered ward then untyped district", "P12, Gò Vấp, HCM", StatusOK, "26882", "79", ""},
		{"former district Quận 9", "Phường Long Trường, Quận 9, TP HCM", StatusOK, "26860", "79", ""},
		{"no province, no separators", "phuong 1 quan 10", StatusOK, "27190", "79", ""},
		{"hamlet kept without separators", "Ap 2 xa Tan Thanh Dong Cu Chi", StatusOK, "27541", "79", "Ap 2"},
		{"Phường 07", "Phường 07, Quận 5, Thành phố Hồ Chí Minh", StatusOK, "27316", "79", ""},
		{"hyphen separators", "Số 1 - P. Trúc Bạch - Q. Ba Đình - TP. Hà Nội", StatusOK, "00004", "01", "Số 1"},
		{"country and postcode", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội 100000, Việt Nam", StatusOK, "00004", "01", ""},
		{"missing district", "Số 3 Hàng Bún, Phường Trúc Bạch, Hà Nội", StatusOK, "00004", "01", "Số 3 Hàng Bún"},
		{"commune only", "Phường Trúc Bạch", StatusOK, "00004", "01", ""},
		{"BR-VT nickname", "Xã Long Sơn, TP Vũng Tàu, BR-VT", StatusOK, "26545", "79", ""},
		{"TT Huế nickname", "Phường Phú Hội, TP Huế, TT Huế", StatusOK, "19789", "46", ""},
		{"tone placement hoà", "Phường An Hoà, Huế", StatusOK, "19804", "46", ""},
		{"tone placement hòa", "Phường An Hòa, Thành phố Huế", StatusOK, "19804", "46", ""},
		{"renamed numbered ward (former name 7)", "12 Lê Lợi F7 Q3 HCM", StatusOK, "27139", "79", "12 Lê Lợi"},
		{"KP and Tổ kept", "Tổ 3, KP2, P.Tân Phong, Q7, Sài Gòn", StatusOK, "27475", "79", "Tổ 3, KP2"},
		{"new units unchanged", "Số 5 Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội", StatusOK, "00004", "01", "Số 5 Phan Đình Phùng"},
		{"new ward Sài Gòn", "Phường Sài Gòn, TP.HCM", StatusOK, "26740", "79", ""},
		{"old ward to new ward", "P. Bến Nghé Q1 TPHCM", StatusOK, "26740", "79", ""},
		{"typo in commune", "Phường Trúc Bacch, Quận Ba Đình, Hà Nội", StatusOK, "00004", "01", ""},
		{"typo in province", "Phường Trúc Bạch, Quận Ba Đình, Ha Nooi", StatusOK, "00004", "01", ""},
		// traps
		{"Nguyễn Văn Cừ street is not the ward", "123 Nguyễn Văn Cừ, Phường Nguyễn Cư Trinh, Quận 1, TP.HCM", StatusOK, "26758", "79", "123 Nguyễn Văn Cừ"},
		{"person street before a split ward with a person's name", "Số 5 Nguyễn Trãi, Phường Nguyễn Du, Quận Hai Bà Trưng, Hà Nội", StatusAmbiguous, "", "01", "Số 5 Nguyễn Trãi"},
		{"person street before a former ward named after a person", "Số 9 Lê Lợi, Phường Nguyễn Trãi, Quận Hà Đông, Hà Nội", StatusAmbiguous, "", "01", "Số 9 Lê Lợi"},
		{"person street before a ward named after a person", "Số 9 Lê Lợi, Phường Nguyễn Trãi, Thành phố Hải Dương, Hải Dương", StatusOK, "10507", "31", "Số 9 Lê Lợi"},
		{"Vĩnh Nhơn hides no HN", "Vĩnh Nhơn", StatusNotFound, "", "", ""},
		{"street after house number is street", "Số 5 Nguyễn Văn Cừ, Quy Nhơn, Bình Định", StatusNotFound, "", "52", ""},
		// splits and failures
		{"split commune", "Xã Hòa Thắng, Huyện Bắc Bình, Bình Thuận", StatusAmbiguous, "", "68", ""},
		{"district only", "Quận 5, TP.HCM", StatusNotFound, "", "79", ""},
		{"province only", "Hà Nội", StatusNotFound, "", "01", ""},
		{"empty", "  , - ", StatusInvalid, "", "", ""},
		{"garbage", "asdf qwer zxcv", StatusNotFound, "", "", ""},
		{"ĐN is not read", "ĐN", StatusNotFound, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Convert(tt.in, Options{})
			if r.Status != tt.status {
				t.Fatalf("%q: status %s, want %s (note %q)", tt.in, r.Status, tt.status, r.Note)
			}
			if tt.commune != "" && (r.Commune == nil || r.Commune.Code != tt.commune) {
				t.Errorf("%q: commune %v, want %s", tt.in, r.Commune, tt.commune)
			}
			if tt.province != "" && (r.Province == nil || r.Province.Code != tt.province) {
				t.Errorf("%q: province %v, want %s", tt.in, r.Province, tt.province)
			}
			if (tt.status == StatusOK || tt.street != "") && r.Street != tt.street {
				t.Errorf("%q: street %q, want %q", tt.in, r.Street, tt.street)
			}
			if tt.status == StatusOK && !strings.HasSuffix(r.Address, r.Commune.Name+", "+r.Province.Name) {
				t.Errorf("%q: address %q", tt.in, r.Address)
			}
		})
	}
}

// TestSplitNeverSilent checks every split old commune: without a point
// the result lists every successor, most likely first, each with its
// note.
func TestSplitNeverSilent(t *testing.T) {
	c := conv(t)
	r := c.Registry()
	to := dvhc.NewDate(2025, 7, 1)
	n := 0
	for _, u := range r.At(dvhc.LastOldDay, registry.Filter{Level: dvhc.LevelCommune}) {
		links, _ := r.Successors(u, to)
		if len(links) < 2 {
			continue
		}
		d, _ := r.Parent(u, dvhc.LastOldDay)
		p, _ := r.Province(u, dvhc.LastOldDay)
		res := c.Convert(u.Name+", "+d.Name+", "+p.Name, Options{To: to})
		n++
		if res.Status != StatusAmbiguous {
			t.Errorf("%s %s: status %s, want ambiguous", u.Code, u.Name, res.Status)
			continue
		}
		if len(res.Candidates) != len(links) {
			t.Errorf("%s %s: %d candidates, want %d", u.Code, u.Name, len(res.Candidates), len(links))
			continue
		}
		for i, l := range links {
			if res.Candidates[i].Commune != l.Unit || res.Candidates[i].Note == "" {
				t.Errorf("%s %s: candidate %d = %s (%q), want %s", u.Code, u.Name, i, res.Candidates[i].Commune.Code, res.Candidates[i].Note, l.Unit.Code)
			}
		}
	}
	if n < 400 {
		t.Errorf("only %d split communes", n)
	}
}

// fakeLocator places every point in one commune.
type fakeLocator struct{ code dvhc.Code }

func (f fakeLocator) LocateCommune(dvhc.LatLon, dvhc.Date) (dvhc.Code, error) { return f.code, nil }

func TestPointDecides(t *testing.T) {
	r := registry.MustDefault()
	const in = "Xã Hòa Thắng, Huyện Bắc Bình, Bình Thuận"
	p := &dvhc.LatLon{Lat: 11.2, Lon: 108.4}
	res := New(r, fakeLocator{"23041"}).Convert(in, Options{Point: p})
	if res.Status != StatusOK || res.Commune.Code != "23041" || !strings.Contains(res.Note, "point decided") {
		t.Errorf("point inside a successor: %s %v %q", res.Status, res.Commune, res.Note)
	}
	res = New(r, fakeLocator{"00004"}).Convert(in, Options{Point: p})
	if res.Status != StatusAmbiguous || !strings.Contains(res.Note, "outside every successor") {
		t.Errorf("point outside: %s %q", res.Status, res.Note)
	}
	res = New(r, nil).Convert(in, Options{Point: p})
	if res.Status != StatusAmbiguous || !strings.Contains(res.Note, "no boundaries") {
		t.Errorf("no locator: %s %q", res.Status, res.Note)
	}
}

// TestNewUnitsUnchanged converts every new commune written as today: it
// is ok and unchanged, or — when a former commune of the same name in the
// province (written without its district) became other communes —
// ambiguous with today's commune first and a note naming both readings.
func TestNewUnitsUnchanged(t *testing.T) {
	c := conv(t)
	r := c.Registry()
	today := dvhc.Today()
	amb := 0
	for _, u := range r.At(today, registry.Filter{Level: dvhc.LevelCommune}) {
		p, _ := r.Province(u, today)
		in := "Số 1 Đường Lê Lợi, " + u.Name + ", " + p.Name
		res := c.Convert(in, Options{})
		if res.Street != "Số 1 Đường Lê Lợi" {
			t.Errorf("%q: street %q", in, res.Street)
		}
		switch {
		case res.Status == StatusOK && res.Commune == u:
		case res.Status == StatusAmbiguous && res.Candidates[0].Commune == u && strings.Contains(res.Note, "until 2025-06-30"):
			amb++
		default:
			t.Errorf("%q: %s %v (%s)", in, res.Status, res.Commune, res.Note)
		}
	}
	t.Logf("%d ambiguous with a former commune of the same name", amb)
}

func TestParse(t *testing.T) {
	c := conv(t)
	p := c.Parse("Số 12 Nguyễn Trãi, P.7, Q.5, TP.HCM")
	if p.Commune == nil || p.Commune.Code != "27316" || p.District == nil || p.District.Code != "774" || p.Province == nil || p.Province.Code != "79" {
		t.Fatalf("parse: %+v", p)
	}
	if p.Vintage != dvhc.VintageOld || p.Street != "Số 12 Nguyễn Trãi" {
		t.Errorf("vintage %s street %q", p.Vintage, p.Street)
	}
	var words []string
	for _, tk := range p.Tokens {
		words = append(words, tk.Text)
	}
	if got := strings.Join(words, " "); got != "P 7 Q 5 TP HCM" {
		t.Errorf("tokens %q", got)
	}
	p = c.Parse("Phường Ba Đình, Hà Nội")
	if p.Vintage != dvhc.VintageNew || p.Commune.Code != "00004" {
		t.Errorf("new: %+v", p)
	}
}

func TestToDates(t *testing.T) {
	c := conv(t)
	r := c.Convert("Phường Trúc Bạch, Quận Ba Đình, Hà Nội", Options{To: dvhc.NewDate(2025, 6, 1)})
	if r.Status != StatusOK || r.Commune.Name != "Phường Trúc Bạch" {
		t.Errorf("to before the reform: %s %v", r.Status, r.Commune)
	}
	r = c.Convert("Phường Ba Đình, Hà Nội", Options{To: dvhc.NewDate(2025, 6, 1)})
	if r.Status != StatusInvalid {
		t.Errorf("new unit before it existed: %s %v", r.Status, r.Commune)
	}
}

func TestStatusText(t *testing.T) {
	for s, want := range map[Status]string{StatusOK: "ok", StatusAmbiguous: "ambiguous", StatusNotFound: "not_found", StatusInvalid: "invalid"} {
		if b, _ := s.MarshalText(); string(b) != want || s.String() != want {
			t.Errorf("%d: %s", s, b)
		}
	}
}

// TestConvertBeforeCoverage: a date before the registry is complete gets
// no answer (the commune may be recorded there without its province),
// and the note says from which day the registry is complete.
func TestConvertBeforeCoverage(t *testing.T) {
	c := conv(t)
	in := "Xã Quảng Nhân, Huyện Quảng Xương, Tỉnh Thanh Hóa"
	r := c.Convert(in, Options{To: dvhc.MustParseDate("2024-03-01")})
	if r.Status != StatusInvalid || !strings.Contains(r.Note, "2024-04-30") || r.Address != "" {
		t.Fatalf("before coverage: %s %q %q, want invalid naming 2024-04-30", r.Status, r.Address, r.Note)
	}
	// the same address on the last day before the reform, and after it
	for _, to := range []string{"2025-06-30", "2025-07-01"} {
		r := c.Convert(in, Options{To: dvhc.MustParseDate(to)})
		if r.Status != StatusOK || r.Province == nil || !strings.HasSuffix(r.Address, r.Province.Name) {
			t.Fatalf("to %s: %s %q %q", to, r.Status, r.Address, r.Note)
		}
	}
}
