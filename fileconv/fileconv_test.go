package fileconv

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

var reform = dvhc.MustParseDate("2025-07-01")

// convertCSV runs Addresses over a CSV text and returns the output records.
func convertCSV(t *testing.T, in string, opts Options) [][]string {
	t.Helper()
	conv, err := address.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, _ := tabular.NewWriter(&out, tabular.CSV, tabular.WriterOptions{})
	if _, err := Addresses(context.Background(), conv, r, w, opts); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out.String())
	}
	return recs
}

// TestGarbageKeepsEveryRow: a header, one real address, 11 garbage lines, a broken quote
// that must not swallow later rows, an empty line and invalid UTF-8 give
// exactly one output row each, none of them ok but the one real address.
func TestGarbageKeepsEveryRow(t *testing.T) {
	in, err := os.ReadFile("testdata/garbage.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs := convertCSV(t, string(in), Options{To: reform})
	header, rows := recs[0], recs[1:]
	if want := append([]string{"id", "address"}, AddressColumns...); strings.Join(header, ",") != strings.Join(want, ",") {
		t.Fatalf("header = %v", header)
	}
	if len(rows) != 14 {
		t.Fatalf("%d output rows for 14 input rows", len(rows))
	}
	for i, r := range rows {
		status := r[2]
		if i == 0 {
			if status != "ok" || r[3] != "00004" {
				t.Errorf("row 1 = %v", r)
			}
			continue
		}
		if status == "ok" {
			t.Errorf("garbage row %d converted ok: %v", i+1, r)
		}
		if status == "" || (status == "invalid" && r[len(r)-1] == "") {
			t.Errorf("row %d has no status or no note: %v", i+1, r)
		}
	}
	if rows[12][2] != "invalid" || !strings.Contains(rows[12][9], "empty line") {
		t.Errorf("empty line row = %v", rows[12])
	}
	if rows[13][2] != "invalid" || !strings.Contains(rows[13][9], "UTF-8") {
		t.Errorf("invalid UTF-8 row = %v", rows[13])
	}
}

func TestAddressColumnChoice(t *testing.T) {
	recs := convertCSV(t, "id,Địa chỉ\n1,\"P. Trúc Bạch, Q. Ba Đình, HN\"\n", Options{To: reform})
	if recs[1][3] != "00004" {
		t.Errorf("folded column name not found: %v", recs)
	}
	r, _ := tabular.NewReader(strings.NewReader("a,b\n1,2\n"), tabular.CSV, tabular.ReaderOptions{})
	var out bytes.Buffer
	w, _ := tabular.NewWriter(&out, tabular.CSV, tabular.WriterOptions{})
	conv, _ := address.Default()
	if _, err := Addresses(context.Background(), conv, r, w, Options{}); dvhc.ErrorKind(err) != dvhc.EINVALID || !strings.Contains(err.Error(), "--column") {
		t.Errorf("ambiguous column: err = %v", err)
	}
}

func TestPoints(t *testing.T) {
	reg := registry.MustDefault()
	in := "name,lat,lon\nHồ Gươm,21.0287,105.8524\nsea,16.10,108.45\nbad,x,1\nnone,,\n"
	r, _ := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	var out bytes.Buffer
	w, _ := tabular.NewWriter(&out, tabular.CSV, tabular.WriterOptions{})
	sum, err := Points(context.Background(), geo.Default(), reg, r, w, Options{To: reform})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	recs, _ := csv.NewReader(&out).ReadAll()
	want := [][]string{
		{"Hồ Gươm", "ok", "00070", "Phường Hoàn Kiếm", "01"},
		{"sea", "not_found", "", "", ""},
		{"bad", "invalid", "", "", ""},
		{"none", "invalid", "", "", ""},
	}
	for i, w := range want {
		got := recs[i+1]
		if got[0] != w[0] || got[3] != w[1] || got[4] != w[2] || got[5] != w[3] || got[6] != w[4] {
			t.Errorf("row %d = %v, want %v", i+1, got, w)
		}
	}
	if !strings.Contains(recs[3][8], `field lat: "x" is not a latitude`) {
		t.Errorf("bad latitude note = %q", recs[3][8])
	}
	if sum.Rows != 4 || sum.Counts["ok"] != 1 {
		t.Errorf("summary = %v", sum)
	}
}
