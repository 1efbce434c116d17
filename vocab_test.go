package dvhc

import (
	"math"
	"testing"
)

func TestParseLatLon(t *testing.T) {
	tests := []struct {
		lat, lon string
		want     LatLon
		ok       bool
	}{
		{"21.0285", "105.8542", LatLon{21.0285, 105.8542}, true},
		{" 21,0285 ", "105,8542", LatLon{21.0285, 105.8542}, true},
		{"-90", "180", LatLon{-90, 180}, true},
		{"90.0001", "105", LatLon{}, false},
		{"21", "-180.5", LatLon{}, false},
		{"NaN", "105", LatLon{}, false},
		{"21", "nan", LatLon{}, false},
		{"Inf", "105", LatLon{}, false},
		{"", "105", LatLon{}, false},
		{"north", "east", LatLon{}, false},
		{"1,2,3", "105", LatLon{}, false},
	}
	for _, tt := range tests {
		got, err := ParseLatLon(tt.lat, tt.lon)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseLatLon(%q, %q) = %v, %v", tt.lat, tt.lon, got, err)
		}
		if err != nil && ErrorKind(err) != EINVALID {
			t.Errorf("ParseLatLon(%q, %q): kind %q", tt.lat, tt.lon, ErrorKind(err))
		}
	}
}

func TestLatLonIsValid(t *testing.T) {
	nan := math.NaN()
	for _, p := range []LatLon{{nan, 0}, {0, nan}, {math.Inf(1), 0}, {91, 0}, {0, -181}} {
		if p.IsValid() {
			t.Errorf("%v is valid", p)
		}
	}
	for _, p := range []LatLon{{}, {-90, -180}, {90, 180}, {21.03, 105.85}} {
		if !p.IsValid() {
			t.Errorf("%v is not valid", p)
		}
	}
}

func FuzzParseLatLon(f *testing.F) {
	for _, s := range [][2]string{{"21.0285", "105.8542"}, {"21,5", "-0"}, {"NaN", "1"}, {"0x1p-2", "1e2"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, lat, lon string) {
		p, err := ParseLatLon(lat, lon)
		if err != nil {
			if ErrorKind(err) != EINVALID {
				t.Fatalf("kind %q", ErrorKind(err))
			}
			return
		}
		if !p.IsValid() {
			t.Fatalf("ParseLatLon(%q, %q) = %v, not valid", lat, lon, p)
		}
	})
}

func TestVintage(t *testing.T) {
	if LastOldDay.AddDays(1) != ReformDay || ReformDay.String() != "2025-07-01" {
		t.Fatalf("ReformDay %s, LastOldDay %s", ReformDay, LastOldDay)
	}
	old := &Unit{Valid: Interval{To: ReformDay}}
	cur := &Unit{Valid: Interval{From: ReformDay}}
	gone := &Unit{Valid: Interval{To: MustParseDate("2020-01-01")}}
	for _, tt := range []struct {
		u    *Unit
		want Vintage
	}{{nil, VintageNone}, {old, VintageOld}, {cur, VintageNew}, {gone, VintageNone}} {
		if got := VintageOf(tt.u); got != tt.want {
			t.Errorf("VintageOf(%v) = %q, want %q", tt.u, got, tt.want)
		}
	}
}

func TestLevelOfCode(t *testing.T) {
	for s, want := range map[string]Level{"01": LevelProvince, "001": LevelDistrict, "00004": LevelCommune, "4": LevelCommune} {
		if got := LevelOfCode(s); got != want {
			t.Errorf("LevelOfCode(%q) = %s", s, got)
		}
	}
}

func TestParentLevel(t *testing.T) {
	for _, tt := range []struct {
		u    Unit
		want Level
	}{
		{Unit{Level: LevelProvince}, 0},
		{Unit{Level: LevelDistrict, Parent: "01"}, LevelProvince},
		{Unit{Level: LevelCommune, Parent: "001"}, LevelDistrict},
		{Unit{Level: LevelCommune, Parent: "01"}, LevelProvince},
	} {
		if got := tt.u.ParentLevel(); got != tt.want {
			t.Errorf("%s with parent %q: ParentLevel = %v", tt.u.Level, tt.u.Parent, got)
		}
	}
}

func TestParseContainerCode(t *testing.T) {
	for _, tt := range []struct {
		in   string
		l    Level
		code Code
		ok   bool
	}{{"1", LevelProvince, "01", true}, {"01", LevelProvince, "01", true}, {"001", LevelDistrict, "001", true}, {"00004", LevelProvince, "", false}, {"x", LevelProvince, "", false}} {
		l, c, err := ParseContainerCode(tt.in)
		if l != tt.l || c != tt.code || (err == nil) != tt.ok {
			t.Errorf("ParseContainerCode(%q) = %v, %q, %v", tt.in, l, c, err)
		}
	}
}
