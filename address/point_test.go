package address_test

import (
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// inner returns the inner point of a commune of today.
func inner(t *testing.T, r *registry.Registry, code dvhc.Code) *dvhc.LatLon {
	t.Helper()
	u, err := r.Lookup(dvhc.LevelCommune, code, dvhc.Today())
	if err != nil || u.InnerPoint.IsZero() {
		t.Fatalf("no inner point for %s: %v", code, err)
	}
	p := u.InnerPoint
	return &p
}

// TestPointPolicy checks every row of the policy of the package
// documentation ("Points"): words and a point, with the real boundaries.
func TestPointPolicy(t *testing.T) {
	r := registry.MustDefault()
	c := address.New(r, geo.Default())
	at := func(lat, lon float64) *dvhc.LatLon { return &dvhc.LatLon{Lat: lat, Lon: lon} }
	tests := []struct {
		name, in string
		point    *dvhc.LatLon
		prefer   address.Prefer
		status   address.Status
		want     []dvhc.Code // ok: the commune; ambiguous: the candidates
		note     string      // a part of the note
	}{
		{"issue 17: the words read Phan Chu Trinh, the point agrees", "15 Phố Lý Thường Kiệt, Phan Chu Trinh, Hoàn Kiếm, Hà Nội", at(21.0245, 105.8530),
			address.PreferBoth, address.StatusOK, []dvhc.Code{"00082"}, ""},
		{"words and point agree", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", inner(t, r, "00004"),
			address.PreferBoth, address.StatusOK, []dvhc.Code{"00004"}, ""},
		{"the point chooses another reading of the words", "Tổ 3, Nghĩa Lộ, Lào Cai", inner(t, r, "04663"),
			address.PreferBoth, address.StatusOK, []dvhc.Code{"04663"}, "the point chose between readings"},
		{"no reading agrees: ambiguous with both, distance, outside the province", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", inner(t, r, "26740"),
			address.PreferBoth, address.StatusAmbiguous, []dvhc.Code{"00004", "26740"}, "km from Phường Ba Đình"},
		{"swapped latitude and longitude", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", at(inner(t, r, "00004").Lon, inner(t, r, "00004").Lat),
			address.PreferBoth, address.StatusOK, []dvhc.Code{"00004"}, "swapped"},
		{"a point at sea is not used", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", at(16.0, 112.5),
			address.PreferBoth, address.StatusOK, []dvhc.Code{"00004"}, "no commune"},
		{"district only, the point inside its successors", "Số 1, Quận Ba Đình, Hà Nội", inner(t, r, "00004"),
			address.PreferBoth, address.StatusOK, []dvhc.Code{"00004"}, "placed by coordinates"},
		{"district only, the point elsewhere", "Số 1, Quận Ba Đình, Hà Nội", inner(t, r, "26740"),
			address.PreferBoth, address.StatusNotFound, nil, "outside the communes that took the territory"},
		{"split commune, the point in a successor", "Xã Cổ Bi, Huyện Gia Lâm, Hà Nội", inner(t, r, "00541"),
			address.PreferBoth, address.StatusOK, []dvhc.Code{"00541"}, "the point decided it"},
		{"split commune, the point outside every successor", "Xã Cổ Bi, Huyện Gia Lâm, Hà Nội", inner(t, r, "00004"),
			address.PreferBoth, address.StatusAmbiguous, []dvhc.Code{"00136", "00541", "00565", "00004"}, "outside every successor"},
		{"prefer text", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", inner(t, r, "26740"),
			address.PreferText, address.StatusOK, []dvhc.Code{"00004"}, "prefer text"},
		{"prefer point", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", inner(t, r, "26740"),
			address.PreferPoint, address.StatusOK, []dvhc.Code{"26740"}, "prefer point"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Convert(tt.in, address.Options{Point: tt.point, Prefer: tt.prefer})
			var got []dvhc.Code
			if res.Commune != nil {
				got = append(got, res.Commune.Code)
			}
			for _, cd := range res.Candidates {
				got = append(got, cd.Commune.Code)
			}
			if res.Status != tt.status || strings.Join(codes(got), ",") != strings.Join(codes(tt.want), ",") || !strings.Contains(res.Note, tt.note) {
				t.Errorf("%q at %v: %s %v (%s), want %s %v (%q)", tt.in, *tt.point, res.Status, got, res.Note, tt.status, tt.want, tt.note)
			}
			if res.Status == address.StatusOK && tt.prefer == address.PreferBoth && !strings.Contains(tt.note, "swapped") && !strings.Contains(tt.note, "no commune") &&
				!geo.Default().Contains(res.Commune.Code, *tt.point) {
				t.Errorf("%q: ok %s does not contain the point", tt.in, res.Commune.Code)
			}
		})
	}
}

func codes(cs []dvhc.Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

// TestParsePrefer checks the one parser of the prefer value of every door.
func TestParsePrefer(t *testing.T) {
	for in, want := range map[string]address.Prefer{"": address.PreferBoth, "both": address.PreferBoth,
		"text": address.PreferText, " Point ": address.PreferPoint, "TEXT": address.PreferText} {
		got, err := address.ParsePrefer(in)
		if err != nil || got != want {
			t.Errorf("ParsePrefer(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"words", "texts", "both,text", "1"} {
		if _, err := address.ParsePrefer(in); err == nil || dvhc.ErrorKind(err) != dvhc.EINVALID || !strings.Contains(err.Error(), "want both, text or point") {
			t.Errorf("ParsePrefer(%q): %v, want an invalid error", in, err)
		}
	}
}

// FuzzParsePrefer checks that ParsePrefer never panics and that what it
// accepts is one of the three values, its String parsing back to it.
func FuzzParsePrefer(f *testing.F) {
	for _, s := range []string{"", "both", "text", "point", " Point", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := address.ParsePrefer(s)
		if err != nil {
			return
		}
		if q, err := address.ParsePrefer(p.String()); err != nil || q != p || p > address.PreferPoint {
			t.Errorf("ParsePrefer(%q) = %v; its String %q parses to %v, %v", s, p, p.String(), q, err)
		}
	})
}
