package fileconv

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"testing"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// preferWant is, for each prefer value, the status and commune of the
// rows of testdata/prefer.csv: issue 17's example (the words and the
// point agree on 00082 by another reading), then Phường Trúc Bạch with a
// point in Phường Sài Gòn (they truly disagree).
var preferWant = map[address.Prefer][][2]string{
	address.PreferBoth:  {{"ok", "00082"}, {"ambiguous", ""}},
	address.PreferText:  {{"ok", "00082"}, {"ok", "00004"}},
	address.PreferPoint: {{"ok", "00082"}, {"ok", "26740"}},
}

// TestPreferFile: Options.Prefer reaches every row, through Addresses
// (dvhc convert FILE) and AddressRecords (the API's upload) alike.
func TestPreferFile(t *testing.T) {
	in, err := os.ReadFile("testdata/prefer.csv")
	if err != nil {
		t.Fatal(err)
	}
	conv := address.New(registry.MustDefault(), geo.Default())
	for prefer, want := range preferWant {
		opts := Options{To: reform, Prefer: prefer}
		r, _ := tabular.NewReader(bytes.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
		var out bytes.Buffer
		w, _ := tabular.NewWriter(&out, tabular.CSV, tabular.WriterOptions{})
		if _, err := Addresses(context.Background(), conv, r, w, opts); err != nil {
			t.Fatal(err)
		}
		w.Close()
		recs, _ := csv.NewReader(&out).ReadAll()
		var got [][2]string
		for _, rec := range recs[1:] {
			got = append(got, [2]string{rec[3], rec[4]})
		}
		err := AddressRecords(context.Background(), conv, bytes.NewReader(in), "prefer.csv", opts, nil, func(r *Record) error {
			c := ""
			if r.Result.Commune != nil {
				c = string(r.Result.Commune.Code)
			}
			got = append(got, [2]string{r.Result.Status.String(), c})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2*len(want) {
			t.Fatalf("prefer %s: %v", prefer, got)
		}
		for i, g := range got {
			if g != want[i%len(want)] {
				t.Errorf("prefer %s, row %d (%s): %v, want %v", prefer, i%len(want)+1, []string{"Addresses", "AddressRecords"}[i/len(want)], g, want[i%len(want)])
			}
		}
	}
}
