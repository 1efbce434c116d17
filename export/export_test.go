package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// TestCSV reads every table back: the header is the columns, one record
// per row, and the two versions of commune 00004 are there with their
// dates (valid_to the last day in force, empty while in force).
func TestCSV(t *testing.T) {
	reg := registry.MustDefault()
	for _, tb := range export.Tables(reg) {
		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, tb); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range tb.Columns {
			names = append(names, c.Name)
		}
		if !slices.Equal(recs[0], names) {
			t.Errorf("%s header %q, want %q", tb.Name, recs[0], names)
		}
		n := 0
		tb.Rows(func([]any) error { n++; return nil })
		if len(recs)-1 != n {
			t.Errorf("%s: %d records, want %d", tb.Name, len(recs)-1, n)
		}
		if tb.Name != export.UnitVersions {
			continue
		}
		var got []string
		for _, r := range recs[1:] {
			if r[1] == "commune" && r[2] == "00004" {
				got = append(got, strings.Join(r[3:6], "|"))
			}
		}
		want := []string{"|2025-06-30|Phường Trúc Bạch", "2025-07-01||Phường Ba Đình"}
		if !slices.Equal(got, want) {
			t.Errorf("commune 00004: %q, want %q", got, want)
		}
	}
}

// TestJSON decodes the JSON export: one array per table, as many rows as
// the registry has, edges pointing at the ids of their versions.
func TestJSON(t *testing.T) {
	reg := registry.MustDefault()
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, export.Tables(reg)); err != nil {
		t.Fatal(err)
	}
	var doc map[string][]map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc[export.UnitVersions]) != len(reg.Units()) || len(doc[export.LineageEdges]) != len(reg.Edges()) || len(doc[export.Events]) != len(reg.Events()) {
		t.Fatalf("rows: %d units, %d edges, %d events; want %d, %d, %d", len(doc[export.UnitVersions]), len(doc[export.LineageEdges]),
			len(doc[export.Events]), len(reg.Units()), len(reg.Edges()), len(reg.Events()))
	}
	units := doc[export.UnitVersions]
	for i, e := range doc[export.LineageEdges] {
		from := units[int(e["from_id"].(float64))-1]
		to := units[int(e["to_id"].(float64))-1]
		if from["code"] != e["from_code"] || to["code"] != e["to_code"] || from["valid_from"] != e["from_valid_from"] || to["valid_from"] != e["to_valid_from"] {
			t.Fatalf("edge %d %v does not join %v and %v", i, e, from, to)
		}
	}
}

// TestPostgresScript checks the script without a server: one transaction,
// a COPY block per table ended by \., and the PostGIS extension only with
// boundaries.
func TestPostgresScript(t *testing.T) {
	reg := registry.MustDefault()
	var buf bytes.Buffer
	if err := export.WritePostgres(&buf, reg, export.PostgresOptions{Schema: "vn"}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{"BEGIN;\n", "CREATE SCHEMA vn;\n", "COPY unit_versions (", "COPY events (", "COPY lineage_edges (", "CREATE VIEW units_today", "CREATE VIEW old_to_new", "COMMIT;\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("script lacks %q", want)
		}
	}
	if strings.Contains(s, "postgis") || strings.Contains(s, "COPY boundaries") {
		t.Error("script without boundaries mentions PostGIS")
	}
	if n, m := strings.Count(s, " FROM stdin;\n"), strings.Count(s, "\n\\.\n"); n != 3 || m != 3 {
		t.Errorf("%d COPY blocks, %d ends", n, m)
	}
	if err := export.WritePostgres(&buf, reg, export.PostgresOptions{Schema: "x; DROP TABLE y"}); err == nil {
		t.Error("schema with SQL in it accepted")
	}
}

// TestEachBoundary reads every boundary: communes and provinces in code
// order, with rings closed, and the EWKT of one.
func TestEachBoundary(t *testing.T) {
	n := map[string]int{}
	prev := ""
	err := export.EachBoundary(geo.Default(), func(b *export.Boundary) error {
		k := b.Level.String() + " " + string(b.Code)
		if b.Level.String() == prev[:min(len(prev), len(b.Level.String()))] && k <= prev {
			t.Fatalf("%s after %s", k, prev)
		}
		prev = k
		n[b.Level.String()]++
		var g struct{ Type string }
		if err := json.Unmarshal(b.GeoJSON, &g); err != nil || (g.Type != "Polygon" && g.Type != "MultiPolygon") {
			t.Fatalf("%s: %v %.60s", k, err, b.GeoJSON)
		}
		if b.Code == "00004" {
			w := string(b.EWKT(nil))
			if !strings.HasPrefix(w, "SRID=4326;MULTIPOLYGON(((105.") || !strings.HasSuffix(w, ")))") {
				t.Errorf("EWKT of 00004: %.60s…", w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n["commune"] != 3321 || n["province"] != 34 {
		t.Errorf("boundaries: %v", n)
	}
}

// TestEWKT converts GeoJSON coordinates to extended WKT.
func TestEWKT(t *testing.T) {
	for _, tt := range []struct{ geojson, want, bbox string }{
		{`{"type":"Polygon","coordinates":[[[105,21],[105.5,21],[105,21.5],[105,21]]]}`,
			"SRID=4326;MULTIPOLYGON(((105 21,105.5 21,105 21.5,105 21)))", "105 21 105.5 21.5 true"},
		{`{"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[5,6],[1,2]],[[1.5,2.5],[2,3],[2,2.5],[1.5,2.5]]],[[[-1,-2],[-3,-4],[-5,-6],[-1,-2]]]]}`,
			"SRID=4326;MULTIPOLYGON(((1 2,3 4,5 6,1 2),(1.5 2.5,2 3,2 2.5,1.5 2.5)),((-1 -2,-3 -4,-5 -6,-1 -2)))", "-5 -6 5 6 true"},
		{`{"type":"Polygon","coordinates":[]}`, "SRID=4326;MULTIPOLYGON(())", "+Inf +Inf -Inf -Inf false"},
	} {
		b, err := export.NewBoundary(dvhc.LevelCommune, "00004", []byte(tt.geojson))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b.EWKT(nil)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.geojson, got, tt.want)
		}
		x0, y0, x1, y1, ok := b.BBox()
		if got := fmt.Sprint(x0, y0, x1, y1, ok); got != tt.bbox {
			t.Errorf("%s: bbox %s, want %s", tt.geojson, got, tt.bbox)
		}
	}
	if _, err := export.NewBoundary(dvhc.LevelCommune, "00004", []byte(`{"type":"Point","coordinates":[1,2]}`)); err == nil {
		t.Error("a Point accepted")
	}
}

// writeFile writes path through ReplaceFile with the bytes write gives.
func writeFile(path string, write func(w io.Writer) error) error {
	return export.ReplaceFile(path, func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

// TestReplaceFile keeps the old file when writing fails, replaces it
// when writing succeeds, and leaves no temporary file either way.
func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	err := writeFile(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk full")
	})
	if b, _ := os.ReadFile(path); err == nil || string(b) != "old" {
		t.Errorf("failed write: err %v, file %q", err, b)
	}
	if err := writeFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file %q, want new", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("%d files left in the directory", len(es))
	}
	for _, p := range []string{dir, filepath.Join(dir, "no", "such.csv")} {
		err := writeFile(p, func(io.Writer) error { return nil })
		if err == nil || !strings.HasPrefix(err.Error(), "cannot write "+p+": ") || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func ExampleWriteCSV() {
	var buf bytes.Buffer
	export.WriteCSV(&buf, export.Tables(registry.MustDefault())[1]) // events
	lines := strings.SplitN(buf.String(), "\n", 3)
	fmt.Println(lines[0])
	fmt.Println(lines[1])
	// Output:
	// id,resolution,title,adopted,effective,operative
	// 2024-05-01/communes/arrangement-2023-2025,,"Communes merged in the 2023–2025 arrangement of district- and commune-level units (end dates from the GSO directory; successors inferred by name, not from the resolutions)",,2024-05-01,2024-05-01
}

// TestEdgesBasisWeight reads lineage_edges back from CSV: the edge of
// commune 00010 (merged in 2025, matched by name) is inferred, those of the
// split commune 00553 official with assumed weights, and the weights
// leaving each version add up to 1.
func TestEdgesBasisWeight(t *testing.T) {
	reg := registry.MustDefault()
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, export.Tables(reg)[2]); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	get := func(r []string, c string) string { return r[col[c]] }
	sums := map[string]float64{}
	n := map[string]int{}
	for _, r := range recs[1:] {
		from := get(r, "from_level") + " " + get(r, "from_code") + " " + get(r, "from_valid_from")
		n[get(r, "basis")]++
		var w float64
		if _, err := fmt.Sscan(get(r, "weight"), &w); err != nil {
			t.Fatalf("edge %s: weight %q", get(r, "id"), get(r, "weight"))
		}
		sums[from] += w
		switch from + " → " + get(r, "to_code") {
		case "commune 00010  → 00004":
			if got := strings.Join([]string{get(r, "basis"), get(r, "weight"), get(r, "weight_kind"), get(r, "weight_source")}, "|"); got != "inferred by name|1|whole|share whole" {
				t.Errorf("00010 → 00004: %s", got)
			}
		case "commune 00553  → 00565":
			if get(r, "basis") != "official" || get(r, "weight_kind") != "assumed" || w <= 0 || w >= 1 || !strings.HasPrefix(get(r, "weight_source"), "assumed: ") {
				t.Errorf("00553 → 00565: basis %s weight %s %s (%s)", get(r, "basis"), get(r, "weight"), get(r, "weight_kind"), get(r, "weight_source"))
			}
		}
	}
	for from, s := range sums {
		if s < 1-1e-9 || s > 1+1e-9 {
			t.Errorf("the weights leaving %s add up to %g", from, s)
		}
	}
	inferred := 0
	for _, e := range reg.Edges() {
		if e.Inferred() {
			inferred++
		}
	}
	if inferred < 500 || n["inferred by name"] != inferred || n["official"] != len(reg.Edges())-inferred {
		t.Errorf("basis: %v, want %d inferred by name (the communes merged in 2024–2025), the others official", n, inferred)
	}
}
