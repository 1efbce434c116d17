package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/export/parquet"
)

func TestExportFormats(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := run(t, "export", "--format", "csv", "--table", "events")
	if code != 0 || !strings.HasPrefix(out, "id,resolution,title,adopted,effective,operative\n") || !strings.Contains(out, "\n2025-07-01/provinces,202/2025/QH15,") {
		t.Errorf("csv --table events: exit %d %s\n%.200s", code, stderr, out)
	}
	out, _, code = run(t, "export", "--format", "json", "--table", "unit_versions")
	if code != 0 || !strings.HasPrefix(out, "{\n\"unit_versions\": [\n{\"id\":1,\"level\":\"province\",\"code\":\"01\",") {
		t.Errorf("json: exit %d\n%.200s", code, out)
	}
	out, _, code = run(t, "export", "--format", "postgres", "--boundaries=false")
	if code != 0 || !strings.Contains(out, "CREATE SCHEMA dvhc;") || strings.Contains(out, "postgis") {
		t.Errorf("postgres: exit %d\n%.300s", code, out)
	}
	out, _, code = run(t, "export", "--level", "province")
	if code != 0 || !strings.HasPrefix(out, `{"type":"FeatureCollection","features":[`) || strings.Count(out, `"type":"Feature"`) != 34 {
		t.Errorf("geojson (the default format): exit %d\n%.200s", code, out)
	}

	for _, f := range []string{"csv", "parquet"} {
		d := filepath.Join(dir, f)
		if _, stderr, code := run(t, "export", "--format", f, "-o", d); code != 0 {
			t.Fatalf("%s -o DIR: exit %d %s", f, code, stderr)
		}
		for _, tb := range []string{"unit_versions", "events", "lineage_edges", "old_to_new"} {
			b, err := os.ReadFile(filepath.Join(d, tb+"."+f))
			if err != nil || len(b) < 100 || (f == "parquet" && (string(b[:4]) != "PAR1" || string(b[len(b)-4:]) != "PAR1")) {
				t.Errorf("%s/%s: %v, %d bytes", f, tb, err, len(b))
			}
		}
	}
	db := filepath.Join(dir, "dvhc.db")
	if _, stderr, code := run(t, "export", "--format", "sqlite", "--boundaries=false", "-o", db); code != 0 {
		t.Fatalf("sqlite: exit %d %s", code, stderr)
	}
	if b, err := os.ReadFile(db); err != nil || !strings.HasPrefix(string(b), "SQLite format 3\x00") {
		t.Errorf("sqlite: %v, %.16q", err, b)
	}
}

func TestExportErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "sqlite"}, "--format sqlite needs -o FILE"},
		{[]string{"--format", "csv"}, "give -o DIR, or --table NAME"},
		{[]string{"--format", "csv", "--table", "units"}, `unknown table "units"`},
		{[]string{"--format", "postgres", "--level", "province"}, "--level does not apply to --format postgres"},
		{[]string{"--format", "geojson", "--table", "events"}, "--table does not apply to --format geojson"},
		{[]string{"--format", "postgres", "--schema", "Dvhc"}, "not a plain SQL identifier"},
		{[]string{"--format", "xml"}, `unknown export format "xml"`},
		{[]string{"--level", "district"}, "no boundaries for districts"},
	} {
		out, stderr, code := run(t, append([]string{"export"}, tt.args...)...)
		if code != 2 || !strings.Contains(stderr, tt.want) || out != "" {
			t.Errorf("export %s: exit %d, stderr %q, want 2 and %q", strings.Join(tt.args, " "), code, stderr, tt.want)
		}
	}
}

// TestConvertParquet converts a CSV file to a Parquet file (-o NAME.parquet)
// and reads it back: the input columns then dvhc's, one row per input row,
// empty fields NULL.
func TestConvertParquet(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("id,dia_chi\n1,\"P7, Q5, TP.HCM\"\n2,\"xa co bi, huyen gia lam, ha noi\"\n3,???\n"), 0o644)
	out := filepath.Join(dir, "out.parquet")
	if _, stderr, code := run(t, "convert", "-o", out, in); code > 1 {
		t.Fatalf("convert: exit %d %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cols, rows, err := parquet.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) < 4 || cols[0] != "id" || cols[1] != "dia_chi" || cols[2] != "dvhc_status" || cols[3] != "dvhc_commune_code" {
		t.Errorf("columns %q", cols)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	got := fmt.Sprintln(rows[0][:4], rows[1][2], rows[2][2], rows[2][3])
	if want := "[1 P7, Q5, TP.HCM ok 27316] ambiguous invalid <nil>\n"; got != want {
		t.Errorf("rows: %s, want %s", got, want)
	}
}
