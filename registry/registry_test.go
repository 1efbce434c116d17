package registry

import (
	"runtime"
	"slices"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset"
	"github.com/dvhc-vn/dvhc/fold"
)

var (
	before = dvhc.MustParseDate("2025-06-30")
	reform = dvhc.MustParseDate("2025-07-01")
	later  = dvhc.MustParseDate("2026-05-01")
)

func reg(t testing.TB) *Registry {
	t.Helper()
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSnapshotCounts(t *testing.T) {
	r := reg(t)
	tests := []struct {
		name  string
		level dvhc.Level
		at    dvhc.Date
		want  int
	}{
		{"provinces before", dvhc.LevelProvince, before, 63},
		{"districts before", dvhc.LevelDistrict, before, 696},
		{"communes before", dvhc.LevelCommune, before, 10035},
		{"provinces after", dvhc.LevelProvince, reform, 34},
		{"districts after", dvhc.LevelDistrict, reform, 0},
		{"communes after", dvhc.LevelCommune, reform, 3321},
		{"provinces 2026", dvhc.LevelProvince, later, 34},
		{"communes 2026", dvhc.LevelCommune, later, 3321},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(r.At(tt.at, Filter{Level: tt.level})); got != tt.want {
				t.Errorf("At(%s, %s) = %d units, want %d", tt.at, tt.level, got, tt.want)
			}
		})
	}
}

func TestLookupCodeReuse(t *testing.T) {
	r := reg(t)
	tests := []struct {
		level     dvhc.Level
		code      dvhc.Code
		at        dvhc.Date
		want, typ string
	}{
		{dvhc.LevelCommune, "00004", before, "Phường Trúc Bạch", "Phường"},
		{dvhc.LevelCommune, "00004", reform, "Phường Ba Đình", "Phường"},
		{dvhc.LevelProvince, "75", reform, "Tỉnh Đồng Nai", "Tỉnh"},
		{dvhc.LevelProvince, "75", later, "Thành phố Đồng Nai", "Thành phố"},
		{dvhc.LevelCommune, "25270", later, "Phường Lộc Ninh", "Phường"},
		{dvhc.LevelCommune, "25270", reform, "Xã Lộc Ninh", "Xã"},
		{dvhc.LevelProvince, "54", before, "Tỉnh Phú Yên", "Tỉnh"},
	}
	for _, tt := range tests {
		u, err := r.Lookup(tt.level, tt.code, tt.at)
		if err != nil {
			t.Errorf("Lookup(%s %s @%s): %v", tt.level, tt.code, tt.at, err)
			continue
		}
		if u.Name != tt.want || u.Type != tt.typ {
			t.Errorf("Lookup(%s %s @%s) = %s (%s), want %s (%s)", tt.level, tt.code, tt.at, u.Name, u.Type, tt.want, tt.typ)
		}
	}
	if _, err := r.Lookup(dvhc.LevelProvince, "54", reform); dvhc.ErrorKind(err) != dvhc.ENOTFOUND {
		t.Errorf("Phú Yên after the reform: err = %v, want not_found", err)
	}
	if _, err := r.Lookup(dvhc.LevelCommune, "99999", reform); dvhc.ErrorKind(err) != dvhc.ENOTFOUND {
		t.Errorf("unknown code: err = %v", err)
	}
}

func TestLineage(t *testing.T) {
	r := reg(t)
	codes := func(ls []Link) []string {
		var out []string
		for _, l := range ls {
			out = append(out, string(l.Unit.Code)+":"+l.Share.String())
		}
		return out
	}
	tests := []struct {
		name   string
		level  dvhc.Level
		code   dvhc.Code
		at, to dvhc.Date
		want   []string
	}{
		{"Phú Yên merges into Đắk Lắk", dvhc.LevelProvince, "54", before, reform, []string{"66:whole"}},
		{"Trúc Bạch whole into Ba Đình", dvhc.LevelCommune, "00004", before, reform, []string{"00004:whole"}},
		{"Xã Cổ Bi split in three, decided", dvhc.LevelCommune, "00553", before, reform, []string{"00136:part", "00541:part", "00565:part"}},
		{"Thị trấn Thủ Thừa whole, decided", dvhc.LevelCommune, "28036", before, reform, []string{"28036:whole"}},
		{"across two events", dvhc.LevelCommune, "25270", before, later, []string{"25270:whole"}},
		{"province across two events", dvhc.LevelProvince, "70", before, later, []string{"75:whole"}},
		{"unchanged unit is its own successor", dvhc.LevelCommune, "00004", reform, later, []string{"00004:whole"}},
		{"island district to đặc khu", dvhc.LevelDistrict, "318", before, reform, []string{"11948:whole"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := r.Lookup(tt.level, tt.code, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			ls, err := r.Successors(u, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			got := codes(ls)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Successors = %v, want %v", got, tt.want)
			}
		})
	}
	u, _ := r.Lookup(dvhc.LevelCommune, "00004", reform)
	ls, err := r.Predecessors(u, before)
	if err != nil {
		t.Fatal(err)
	}
	got := codes(ls)
	for _, want := range []string{"00004:whole", "00013:whole", "00016:part", "00112:part"} {
		if !slices.Contains(got, want) {
			t.Errorf("Predecessors(00004) = %v lacks %s", got, want)
		}
	}
	if len(ls) != 10 {
		t.Errorf("Predecessors(00004) has %d links, want 10", len(ls))
	}
	// A district reaches the new vintage through its communes.
	d, _ := r.Lookup(dvhc.LevelDistrict, "001", before)
	ls, _ = r.Successors(d, reform)
	if len(ls) < 2 {
		t.Errorf("Quận Ba Đình reaches %d communes", len(ls))
	}
}

func TestRankSplitByPopulationNote(t *testing.T) {
	r := reg(t)
	// Phường Tây Tựu (00607) was split; the piece that took all of its
	// population (new Phường Tây Tựu, 00613) comes first.
	u, _ := r.Lookup(dvhc.LevelCommune, "00607", before)
	ls, _ := r.Successors(u, reform)
	if len(ls) == 0 || ls[0].Unit.Code != "00613" {
		t.Fatalf("first successor of 00607 = %v", ls)
	}
}

func TestSearch(t *testing.T) {
	r := reg(t)
	tests := []struct {
		q    Query
		code dvhc.Code
		kind MatchKind
	}{
		{Query{Text: "buon ma thuot", At: before}, "643", MatchName},
		{Query{Text: "Thành phố Buôn Ma Thuột", At: before}, "643", MatchExact},
		{Query{Text: "BUÔN MA THUỘT", At: reform, Level: dvhc.LevelCommune}, "24133", MatchName},
		{Query{Text: "phuong ba dinh", At: reform}, "00004", MatchExact},
		{Query{Text: "Ba Dinh", At: reform, Level: dvhc.LevelCommune}, "00004", MatchName},
		{Query{Text: "buon ma thuat", At: before, Level: dvhc.LevelDistrict}, "643", MatchTypo},
		{Query{Text: "hoà bình", At: before, Level: dvhc.LevelProvince}, "17", MatchName},
	}
	for _, tt := range tests {
		ms := r.Search(tt.q)
		if len(ms) == 0 {
			t.Errorf("Search(%q) found nothing", tt.q.Text)
			continue
		}
		if ms[0].Unit.Code != tt.code || ms[0].Kind != tt.kind {
			t.Errorf("Search(%q)[0] = %s %s (%s), want %s (%s)", tt.q.Text, ms[0].Unit.Code, ms[0].Unit.Name, ms[0].Kind, tt.code, tt.kind)
		}
	}
}

func TestAuditReform(t *testing.T) {
	rep, err := reg(t).Audit(before, reform)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Errorf("audit found %d violations, first: %+v", len(rep.Violations), rep.Violations[0])
	}
	if got := rep.Checked["reaches_new"]; got != 63+696+10035 {
		t.Errorf("reaches_new checked %d units", got)
	}
	if got := rep.Checked["has_predecessors"]; got != 34+3321 {
		t.Errorf("has_predecessors checked %d units", got)
	}
	if len(rep.Notes) == 0 {
		t.Error("audit lists no notes; the unresolved mentions and decisions are missing")
	}
}

func TestAuditCatchesLostUnit(t *testing.T) {
	d, err := dataset.Load()
	if err != nil {
		t.Fatal(err)
	}
	// Drop every edge out of Phường Trúc Bạch: it no longer reaches the
	// new vintage, and the audit must say so.
	d.Edges = slices.DeleteFunc(d.Edges, func(e dvhc.Edge) bool { return e.From.Code == "00004" && e.From.Level == dvhc.LevelCommune })
	r, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := r.Audit(before, reform)
	if rep.OK() || rep.Violations[0].Unit.Code != "00004" {
		t.Errorf("audit of a registry missing 00004's edges: %+v", rep.Violations)
	}
}

func TestWithin1(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"thuot", "thuat", true}, {"thuot", "thuo", true}, {"thuot", "thuott", true},
		{"thuot", "htuot", true}, {"thuot", "thaat", false}, {"abc", "abc", true}, {"a", "abc", false},
	}
	for _, tt := range tests {
		if got := fold.Within1(tt.a, tt.b); got != tt.want {
			t.Errorf("Within1(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// BenchmarkLoadEmbedded measures loading and indexing the embedded
// registry from scratch, and reports the heap it keeps.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	var r *Registry
	for b.Loop() {
		d, err := dataset.Load()
		if err != nil {
			b.Fatal(err)
		}
		if r, err = New(d); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(r)
}

func BenchmarkLookup(b *testing.B) {
	r := reg(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Lookup(dvhc.LevelCommune, "00004", reform); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	r := reg(b)
	b.ReportAllocs()
	for b.Loop() {
		r.Search(Query{Text: "buon ma thuot", At: before})
	}
}
