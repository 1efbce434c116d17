package dvhc

import (
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	for _, s := range []string{"0001-01-01", "1969-12-31", "1970-01-01", "2025-06-30", "2025-07-01", "2026-04-30", "9999-12-31"} {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		if d.IsZero() {
			t.Errorf("%s parsed to the zero Date", s)
		}
		if got := d.String(); got != s {
			t.Errorf("ParseDate(%q).String() = %q", s, got)
		}
	}
	if a, b := MustParseDate("2025-06-30"), MustParseDate("2025-07-01"); !a.Before(b) || a.AddDays(1) != b {
		t.Errorf("2025-06-30 + 1 day != 2025-07-01")
	}
	if (Date{}).String() != "" {
		t.Errorf("zero Date prints %q", Date{}.String())
	}
	if _, err := ParseDate("2025-13-01"); ErrorKind(err) != EINVALID {
		t.Errorf("bad month: err = %v", err)
	}
	if got := DateOf(time.Date(2025, 7, 1, 23, 0, 0, 0, time.UTC)); got.String() != "2025-07-01" {
		t.Errorf("DateOf = %s", got)
	}
}

func TestInterval(t *testing.T) {
	old := Interval{To: MustParseDate("2025-07-01")}
	cur := Interval{From: MustParseDate("2025-07-01")}
	tests := []struct {
		name string
		iv   Interval
		day  string
		want bool
	}{
		{"old vintage last day", old, "2025-06-30", true},
		{"old vintage reform day", old, "2025-07-01", false},
		{"old vintage unknown start", old, "1990-01-01", true},
		{"new vintage reform day", cur, "2025-07-01", true},
		{"new vintage before", cur, "2025-06-30", false},
		{"new vintage open end", cur, "2099-01-01", true},
	}
	for _, tt := range tests {
		if got := tt.iv.Contains(MustParseDate(tt.day)); got != tt.want {
			t.Errorf("%s: Contains(%s) = %v", tt.name, tt.day, got)
		}
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		level Level
		in    string
		want  Code
		ok    bool
	}{
		{LevelCommune, "00004", "00004", true},
		{LevelCommune, "4", "00004", true},
		{LevelProvince, "1", "01", true},
		{LevelDistrict, "1", "001", true},
		{LevelProvince, "001", "", false},
		{LevelCommune, "0000a", "", false},
		{LevelCommune, "", "", false},
	}
	for _, tt := range tests {
		got, err := ParseCode(tt.level, tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseCode(%s, %q) = %q, %v", tt.level, tt.in, got, err)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-07-01", "", "2025-02-30", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d2, err := ParseDate(d.String()); err != nil || d2 != d {
			t.Fatalf("round trip of %q: %v %v", s, d2, err)
		}
	})
}
