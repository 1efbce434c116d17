package stats

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// benchInput is a CSV of n rows keyed by the old communes in turn (so a
// unit has n/10,035 rows, as records of households would), with a count
// and a rate.
func benchInput(n int) []byte {
	units := registry.MustDefault().At(old, registry.Filter{Level: dvhc.LevelCommune})
	var b bytes.Buffer
	b.WriteString("code,n,rate\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s,%d,0.%d\n", units[i%len(units)].Code, i%1000, i%97)
	}
	return b.Bytes()
}

// BenchmarkConvertTable converts 1,000,000 rows of old communes to the
// communes of 2025-07-01 (target: < 2 s; memory flat: one accumulator per
// unit, whatever the number of rows).
func BenchmarkConvertTable(b *testing.B) {
	in := benchInput(1_000_000)
	reg := registry.MustDefault()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := tabular.NewReader(bytes.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
		if err != nil {
			b.Fatal(err)
		}
		w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
		rep, err := ConvertTable(context.Background(), reg, r, w,
			Options{From: old, To: neu, Sum: []string{"n"}, Mean: []string{"rate"}, WeightBy: "n"})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Rows != 1_000_000 || rep.TargetUnits != 3321 {
			b.Fatalf("%d rows → %d units", rep.Rows, rep.TargetUnits)
		}
	}
}

// BenchmarkNewPlan builds the conversion matrix of the reorganization
// (NewPlan caches it; this is the first time).
func BenchmarkNewPlan(b *testing.B) {
	reg := registry.MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newPlan(reg, old, neu, dvhc.LevelCommune, dvhc.LevelCommune, Weighting{}); err != nil { // uncached
			b.Fatal(err)
		}
	}
}
