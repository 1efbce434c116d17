package registry

import (
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// TestReformDay checks the domain's reform day against the data: the
// reform's events operate on dvhc.ReformDay, every district of the last old day ends on it, and
// every unit in force on dvhc.LastOldDay is of the old vintage.
func TestReformDay(t *testing.T) {
	r := reg(t)
	n := 0
	for _, e := range r.Events() {
		if e.Operative == dvhc.ReformDay {
			n++
		}
	}
	if n == 0 {
		t.Errorf("no event operates on %s", dvhc.ReformDay)
	}
	for _, u := range r.At(dvhc.LastOldDay, Filter{Level: dvhc.LevelDistrict}) {
		if u.Valid.To != dvhc.ReformDay {
			t.Errorf("district %s %s ends on %s, not on the reform day", u.Code, u.Name, u.Valid.To)
		}
	}
	if got := len(r.At(dvhc.ReformDay, Filter{Level: dvhc.LevelDistrict})); got != 0 {
		t.Errorf("%d districts on the reform day", got)
	}
	old := r.At(dvhc.LastOldDay, Filter{Level: dvhc.LevelCommune})
	for _, u := range old {
		if dvhc.VintageOf(u) != dvhc.VintageOld {
			t.Fatalf("commune %s in force on %s is of vintage %q", u.Code, dvhc.LastOldDay, dvhc.VintageOf(u))
		}
	}
	for _, u := range r.At(dvhc.ReformDay, Filter{Level: dvhc.LevelCommune}) {
		if dvhc.VintageOf(u) != dvhc.VintageNew {
			t.Fatalf("commune %s in force on %s is of vintage %q", u.Code, dvhc.ReformDay, dvhc.VintageOf(u))
		}
	}
}

func TestFormedFromAndFormerNames(t *testing.T) {
	r := reg(t)
	nu, err := r.Lookup(dvhc.LevelCommune, "00004", dvhc.ReformDay)
	if err != nil {
		t.Fatal(err)
	}
	ts := r.FormedFrom(nu)
	if len(ts) != 2 || ts[0].Snapshot != dvhc.MustParseDate("2025-07-17") || !strings.Contains(ts[0].Text, "Phường Trúc Bạch") {
		t.Errorf("FormedFrom(00004 of %s) = %+v", dvhc.ReformDay, ts)
	}
	old, err := r.Lookup(dvhc.LevelCommune, "00004", dvhc.LastOldDay)
	if err != nil {
		t.Fatal(err)
	}
	if ts := r.FormedFrom(old); ts != nil {
		t.Errorf("FormedFrom(00004 of %s) = %+v, want none", dvhc.LastOldDay, ts)
	}
	found := false
	for _, f := range r.FormerNames() {
		if f.Level == dvhc.LevelCommune && f.Code == "00004" && f.Key == "nguyentrungtruc" {
			found = true
		}
	}
	if !found {
		t.Errorf("no former name nguyentrungtruc for commune 00004")
	}
}
