package stats

import (
	"context"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// FuzzParseNumber: never panics; what it reads is finite and written back
// by FormatNumber to a number it reads again.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1", "-12.5", " 3 ", "1e3", "12,5", "1,234.5", "NaN", "Inf", "", "0x10", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		if _, err := ParseNumber(FormatNumber(v)); err != nil {
			t.Fatalf("FormatNumber(%v) = %q does not read back: %v", v, FormatNumber(v), err)
		}
	})
}

// FuzzConvertTable: any CSV converts without panic, with the built-in
// weights or a weight column, and every input value is accounted for: out = in − unknown keys − lost units (up to
// float rounding).
func FuzzConvertTable(f *testing.F) {
	f.Add("code,n\n00004,1\n00013,2\n00553,3\n", false)
	f.Add("code,n\n4,1\n4,2\nabc,3\n,4\n00112,x\n", false)
	f.Add("n,code\n1e300,00004\n-1e300,00013\n", false)
	f.Add("code,n\n\"00004\n,1\n", false)
	f.Add("code,n\n01,5\n79,6\n", false)
	f.Add("code,n\n00988,6000\n00700,5000\n00994,4000\n01009,2000\n", true)
	f.Add("code,n\n00988,-6000\n00700,0\n00994,1e9\n", true)
	reg := registry.MustDefault()
	f.Fuzz(func(t *testing.T, in string, byColumn bool) {
		r, err := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
		if err != nil {
			return
		}
		w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
		o := Options{From: old, To: neu, Key: "code", Sum: []string{"n"}}
		if byColumn {
			o.WeightColumn = "n" // the counts split themselves
		}
		rep, err := ConvertTable(context.Background(), reg, r, w, o)
		if err != nil {
			return
		}
		tot := rep.Totals[0]
		want := tot.In - tot.Unknown - tot.Lost
		scale := math.Max(1, math.Abs(tot.In)+math.Abs(tot.Unknown)+math.Abs(tot.Lost))
		if math.IsInf(scale, 0) || math.IsNaN(want) {
			return
		}
		if math.Abs(tot.Out-want) > 1e-9*scale {
			t.Fatalf("out %v, want in %v − unknown %v − lost %v", tot.Out, tot.In, tot.Unknown, tot.Lost)
		}
	})
}
