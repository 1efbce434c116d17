package registry

import (
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset"
)

var (
	y2024    = dvhc.MustParseDate("2024-06-01")
	nov2026  = dvhc.MustParseDate("2026-11-30")
	complete = dvhc.MustParseDate("2024-04-30")
)

// TestCountsNovember2026: after 36/2026/QH16, 39/2026/QH16 and
// 388/NQ-UBTVQH16, the counts the sources state.
func TestCountsNovember2026(t *testing.T) {
	r := reg(t)
	byType := map[string]int{}
	for _, u := range r.At(nov2026, Filter{}) {
		byType[u.Level.String()+" "+u.Type]++
	}
	want := map[string]int{"province Thành phố": 9, "province Tỉnh": 25,
		"commune Phường": 709, "commune Xã": 2599, "commune Đặc khu": 13}
	for k, n := range want {
		if byType[k] != n {
			t.Errorf("%s on %s: %d, want %d", k, nov2026, byType[k], n)
		}
	}
	if len(byType) != len(want) {
		t.Errorf("types on %s: %v", nov2026, byType)
	}
}

func TestLookupAcrossYears(t *testing.T) {
	r := reg(t)
	tests := []struct {
		level      dvhc.Level
		code       dvhc.Code
		at         string
		name, from string
	}{
		{dvhc.LevelProvince, "22", "2026-11-30", "Thành phố Quảng Ninh", "2026-09-01"},
		{dvhc.LevelProvince, "22", "2026-08-31", "Tỉnh Quảng Ninh", "2025-07-01"},
		{dvhc.LevelProvince, "24", "2026-09-20", "Thành phố Bắc Ninh", "2026-09-20"},
		{dvhc.LevelProvince, "24", "2026-09-19", "Tỉnh Bắc Ninh", "2025-07-01"},
		{dvhc.LevelCommune, "09319", "2026-11-30", "Phường Tiên Du", "2026-09-20"},
		{dvhc.LevelCommune, "09319", "2026-09-19", "Xã Tiên Du", "2025-07-01"},
		{dvhc.LevelCommune, "00010", "2024-06-01", "Phường Nguyễn Trung Trực", ""},
		{dvhc.LevelCommune, "00010", "2024-12-31", "Phường Nguyễn Trung Trực", ""},
		{dvhc.LevelDistrict, "358", "2024-08-31", "Huyện Mỹ Lộc", ""},
	}
	for _, tt := range tests {
		u, err := r.Lookup(tt.level, tt.code, dvhc.MustParseDate(tt.at))
		if err != nil {
			t.Errorf("Lookup(%s, %s, %s): %v", tt.level, tt.code, tt.at, err)
			continue
		}
		if u.Name != tt.name || u.Valid.From.String() != tt.from {
			t.Errorf("Lookup(%s, %s, %s) = %s from %q, want %s from %q", tt.level, tt.code, tt.at, u.Name, u.Valid.From, tt.name, tt.from)
		}
	}
	// ended: the error names the dates the code was in force
	_, err := r.Lookup(dvhc.LevelCommune, "00010", dvhc.MustParseDate("2025-01-01"))
	if dvhc.ErrorKind(err) != dvhc.ENOTFOUND || !strings.Contains(err.Error(), "… to 2024-12-31") {
		t.Errorf("Lookup 00010 on 2025-01-01: %v", err)
	}
	// an ended commune without a recorded end date: not a version, said so
	_, err = r.Lookup(dvhc.LevelCommune, "07693", y2024)
	if dvhc.ErrorKind(err) != dvhc.ENOTFOUND || !strings.Contains(err.Error(), "Xã Tân An ended on a date the sources do not record") {
		t.Errorf("Lookup 07693: %v", err)
	}
}

func TestNotCoveredBeforeCompleteDate(t *testing.T) {
	r := reg(t)
	old := dvhc.MustParseDate("2020-01-01")
	checks := map[string]error{"Covers": r.Covers(0, old), "Covers commune": r.Covers(dvhc.LevelCommune, complete.AddDays(-1))}
	_, checks["Lookup"] = r.Lookup(dvhc.LevelProvince, "01", old)
	u, _ := r.Lookup(dvhc.LevelCommune, "00004", reform)
	_, checks["Predecessors"] = r.Predecessors(u, old)
	_, checks["Audit"] = r.Audit(old, reform)
	for name, err := range checks {
		if dvhc.ErrorKind(err) != dvhc.ENOTCOVERED || !strings.Contains(err.Error(), "2024-04-30") {
			t.Errorf("%s before the complete date: %v, want %s naming 2024-04-30", name, err, dvhc.ENOTCOVERED)
		}
	}
	if err := r.Covers(0, complete); err != nil {
		t.Errorf("Covers(%s): %v", complete, err)
	}
	if got := r.DataDate().String(); got != "2026-09-20" {
		t.Errorf("DataDate = %s", got)
	}
	if got := r.CheckedTo().String(); got != "2026-10-09" {
		t.Errorf("CheckedTo = %s", got)
	}
}

// TestLineageFrom2024 walks from a commune that ended on 2025-01-01 to
// today: the first hop is inferred by name, the second official.
func TestLineageFrom2024(t *testing.T) {
	r := reg(t)
	u, err := r.Lookup(dvhc.LevelCommune, "00010", y2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []dvhc.Date{reform, nov2026} {
		links, err := r.Successors(u, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(links) != 1 || links[0].Unit.Code != "00004" || links[0].Unit.Name != "Phường Ba Đình" || !links[0].Inferred() {
			t.Fatalf("Successors(00010, %s) = %+v", to, links)
		}
		p := links[0].Path
		if len(p) != 2 || !p[0].Inferred() || p[0].Basis != dvhc.BasisInferredByName || p[1].Inferred() || p[1].Event != "2025-07-01/communes/01" {
			t.Errorf("path of 00010 to %s: %+v", to, p)
		}
	}
	// backwards: Ba Đình's predecessors on 2024-06-01 include the ended
	// commune, by an inferred path, and Trúc Bạch by an official one
	ba, _ := r.Lookup(dvhc.LevelCommune, "00004", nov2026)
	links, err := r.Predecessors(ba, y2024)
	if err != nil {
		t.Fatal(err)
	}
	found := map[dvhc.Code]bool{}
	for _, l := range links {
		found[l.Unit.Code] = l.Inferred()
	}
	if inf, ok := found["00010"]; !ok || !inf {
		t.Errorf("Predecessors(Ba Đình, %s): 00010 missing or not inferred: %v", y2024, found)
	}
	if inf, ok := found["00004"]; !ok || inf {
		t.Errorf("Predecessors(Ba Đình, %s): 00004 missing or inferred: %v", y2024, found)
	}
	// an ended district reaches today through its communes
	d, _ := r.Lookup(dvhc.LevelDistrict, "358", y2024)
	if links, err := r.Successors(d, nov2026); err != nil || len(links) == 0 {
		t.Errorf("Successors(district 358) = %v, %v", links, err)
	}
}

func TestAuditEveryTransition(t *testing.T) {
	r := reg(t)
	var days []string
	for _, d := range r.Transitions() {
		days = append(days, d.String())
	}
	want := []string{"2024-05-01", "2024-09-01", "2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01",
		"2025-07-01", "2026-04-30", "2026-09-01", "2026-09-20"}
	if !slices.Equal(days, want) {
		t.Errorf("Transitions = %v, want %v", days, want)
	}
	reps, err := r.AuditAll()
	if err != nil {
		t.Fatal(err)
	}
	unknown := 0
	for _, rep := range reps {
		if !rep.OK() {
			t.Errorf("audit %s → %s: %d violations, first %+v", rep.From, rep.To, len(rep.Violations), rep.Violations[0])
		}
		for _, n := range rep.Notes {
			if n.Check == "lineage_unknown" {
				unknown++
			}
		}
	}
	if unknown != 4 {
		t.Errorf("%d lineage_unknown notes, want 4 (the communes with an end date and no successor)", unknown)
	}
	if len(r.Gaps()) != 16 {
		t.Errorf("%d gaps, want 16", len(r.Gaps()))
	}
}

// TestAuditCatchesInferredEdgeLost: an ended commune that loses its
// inferred edge, and is not a recorded gap, is a violation.
func TestAuditCatchesInferredEdgeLost(t *testing.T) {
	d, err := dataset.Load()
	if err != nil {
		t.Fatal(err)
	}
	d.Edges = slices.DeleteFunc(d.Edges, func(e dvhc.Edge) bool { return e.From.Code == "00010" })
	r, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := r.Audit(dvhc.MustParseDate("2024-12-31"), dvhc.MustParseDate("2025-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || rep.Violations[0].Unit.Code != "00010" || rep.Violations[0].Check != "reaches_new" {
		t.Errorf("audit without 00010's edge: %+v", rep.Violations)
	}
}
