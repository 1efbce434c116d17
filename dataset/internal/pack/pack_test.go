package pack

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// rows reads the data lines of a generated TSV file, unescaped.
func rows(t testing.TB, name string) [][]string {
	b, err := os.ReadFile("../../data/" + name)
	if err != nil {
		t.Fatal(err)
	}
	un := strings.NewReplacer(`\\`, "\\", `\t`, "\t", `\n`, "\n", `\r`, "\r")
	var out [][]string
	header := true
	for l := range strings.Lines(string(b)) {
		if strings.HasPrefix(l, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(strings.TrimSuffix(l, "\n"), "\t")
		for i := range f {
			f[i] = un.Replace(f[i])
		}
		out = append(out, f)
	}
	return out
}

// TestBinaryIsTSV checks that units.bin and edges.bin hold exactly what
// the TSV beside them says, as its parser reads it.
func TestBinaryIsTSV(t *testing.T) {
	for _, c := range []struct {
		tsv, bin string
		parse    func(f []string) (any, error)
		read     func(s string) (any, error)
	}{
		{"units.tsv", "units.bin",
			func(f []string) (any, error) { return ParseUnit(f) },
			func(s string) (any, error) { return ReadUnits(s, nil) }},
		{"edges.tsv", "edges.bin",
			func(f []string) (any, error) { return ParseEdge(f) },
			func(s string) (any, error) { return ReadEdges(s, nil) }},
	} {
		rs := rows(t, c.tsv)
		b, err := os.ReadFile("../../data/" + c.bin)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.read(string(b))
		if err != nil {
			t.Fatalf("%s: %v", c.bin, err)
		}
		v := reflect.ValueOf(got)
		if v.Len() != len(rs) || Len(string(b)) != len(rs) {
			t.Fatalf("%s: %d records (Len %d), %s has %d", c.bin, v.Len(), Len(string(b)), c.tsv, len(rs))
		}
		for i, f := range rs {
			want, err := c.parse(f)
			if err != nil {
				t.Fatalf("%s row %d: %v", c.tsv, i+1, err)
			}
			if g := v.Index(i).Interface(); !reflect.DeepEqual(g, want) {
				t.Fatalf("%s record %d:\n got %+v\nwant %+v", c.bin, i, g, want)
			}
		}
	}
}

// TestRoundTrip checks values the data may not have: negative and
// missing numbers, escapes, long strings, no dates.
func TestRoundTrip(t *testing.T) {
	us := []dvhc.Unit{
		{},
		{Level: dvhc.LevelCommune, Code: "00004", Name: strings.Repeat("Phường Trúc Bạch\t\n\\", 40), Population: -3,
			AreaKm2: 1.5, Point: dvhc.LatLon{Lat: -0.0001, Lon: 105}, InnerPoint: dvhc.LatLon{Lon: 1e-300},
			Valid: dvhc.Interval{From: dvhc.MustParseDate("2025-07-01")}},
		{Level: dvhc.LevelProvince, Code: "01", Population: 1 << 40, Valid: dvhc.Interval{To: dvhc.MustParseDate("2025-07-01")}},
	}
	got, err := ReadUnits(string(AppendUnits(nil, us)), nil)
	if err != nil || !reflect.DeepEqual(got, us) {
		t.Errorf("units: %v\n got %+v\nwant %+v", err, got, us)
	}
	es := []dvhc.Edge{{}, {From: dvhc.Key{Level: 3, Code: "1", From: dvhc.MustParseDate("2020-01-01")}, To: dvhc.Key{Level: 2, Code: "22"},
		Share: dvhc.SharePart, Note: "n", Event: "e", Decision: "d", Basis: dvhc.BasisInferredByName}}
	gotE, err := ReadEdges(string(AppendEdges(nil, es)), make([]dvhc.Edge, 1, 5))
	if err != nil || !reflect.DeepEqual(gotE[1:], es) {
		t.Errorf("edges: %v\n got %+v\nwant %+v", err, gotE, es)
	}
}

// TestTruncated checks that every cut of a file is an error, not a panic.
func TestTruncated(t *testing.T) {
	b := string(AppendUnits(nil, []dvhc.Unit{{Level: 1, Code: "01", Name: "Hà Nội", AreaKm2: 3359.8, Population: 8718000,
		Valid: dvhc.Interval{From: dvhc.MustParseDate("2025-07-01")}}}))
	for i := range len(b) {
		if _, err := ReadUnits(b[:i], nil); err == nil {
			t.Errorf("cut at %d of %d: no error", i, len(b))
		}
	}
	if _, err := ReadUnits(b+"x", nil); err == nil {
		t.Error("a byte too many: no error")
	}
	if _, err := ReadEdges(b, nil); err == nil {
		t.Error("units read as edges: no error")
	}
}

// FuzzReadUnits checks that any input is read or refused without a panic.
func FuzzReadUnits(f *testing.F) {
	f.Add(string(AppendUnits(nil, []dvhc.Unit{{Level: 1, Code: "01", Name: "Hà Nội", AreaKm2: 1, Population: 2}})))
	f.Add(string(AppendEdges(nil, []dvhc.Edge{{Note: "x"}})))
	f.Fuzz(func(t *testing.T, s string) {
		us, err := ReadUnits(s, nil)
		if err == nil {
			if again, err := ReadUnits(string(AppendUnits(nil, us)), nil); err != nil || len(again) != len(us) {
				t.Errorf("re-encoded: %v, %d units, want %d", err, len(again), len(us))
			}
		}
		ReadEdges(s, nil)
		Len(s)
	})
}

// TestMinRecord checks the fewest bytes of a record that head assumes.
func TestMinRecord(t *testing.T) {
	for _, c := range []struct {
		b    []byte
		min  int
		name string
	}{{AppendUnits(nil, make([]dvhc.Unit, 10)), minUnit, "unit"}, {AppendEdges(nil, make([]dvhc.Edge, 10)), minEdge, "edge"}} {
		// the header of an empty file, then 10 empty records
		head := len(AppendUnits(nil, nil))
		if got := (len(c.b) - head) / 10; got != c.min {
			t.Errorf("an empty %s takes %d bytes, head assumes %d", c.name, got, c.min)
		}
	}
}
