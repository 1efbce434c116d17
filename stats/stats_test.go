package stats

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

var (
	old = dvhc.MustParseDate("2025-06-30")
	neu = dvhc.MustParseDate("2025-07-01")
)

// convert runs ConvertTable on a CSV text and returns the CSV output.
func convert(t testing.TB, in string, o Options) (string, *Report) {
	t.Helper()
	r, err := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := tabular.NewWriter(&out, tabular.CSV, tabular.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ConvertTable(context.Background(), registry.MustDefault(), r, w, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String(), rep
}

// randomCounts returns a table "code,n" with a random count per unit of
// level l on day at, and its total.
func randomCounts(l dvhc.Level, at dvhc.Date, seed uint64) (string, float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("code,n\n")
	total := 0.0
	for _, u := range registry.MustDefault().At(at, registry.Filter{Level: l}) {
		n := rng.IntN(100000)
		total += float64(n)
		fmt.Fprintf(&b, "%s,%d\n", u.Code, n)
	}
	return b.String(), total
}

// outTotal adds up column col of a CSV output and counts its rows.
func outTotal(t *testing.T, out, col string) (rows int, total float64) {
	t.Helper()
	r, err := tabular.NewReader(strings.NewReader(out), tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	i, err := findColumn(r.Header(), col, "")
	if err != nil {
		t.Fatal(err)
	}
	var row tabular.Row
	for r.Next(&row) == nil {
		rows++
		if row.Fields[i] != "" {
			v, err := ParseNumber(row.Fields[i])
			if err != nil {
				t.Fatalf("row %d: %v", row.Num, err)
			}
			total += v
		}
	}
	return rows, total
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// islands are the special zones made of island districts that had no
// communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo): no figure per
// old commune reaches them.
const islands = "11948 19742 20333 21548 26732"

// TestRoundTrip is the acceptance test: a random count per old commune
// (10,035 rows) converted to 2025-07-01 gives 3,321 rows with the same
// total, and brought back to 2025-06-30 10,035 rows with the same total.
func TestRoundTrip(t *testing.T) {
	in, total := randomCounts(dvhc.LevelCommune, old, 1)
	for _, basis := range []registry.Basis{registry.BasisPopulation, registry.BasisArea, registry.BasisEqual} {
		t.Run(basis.String(), func(t *testing.T) {
			out, rep := convert(t, in, Options{From: old, To: neu, Sum: []string{"n"}, Weight: Weighting{Basis: basis}})
			if rep.Rows != 10035 || rep.Findings() {
				t.Fatalf("report: %d rows, findings %v", rep.Rows, rep.Findings())
			}
			rows, got := outTotal(t, out, "n")
			if joinCodes(rep.NoData) != islands {
				t.Errorf("units without data: %v, want the island districts %s", rep.NoData, islands)
			}
			if rows != 3321 || !near(got, total) || !near(rep.Totals[0].Out, total) {
				t.Fatalf("to %s: %d rows, total %v (report %v), want 3321 rows, total %v", neu, rows, got, rep.Totals[0].Out, total)
			}
			back, rep2 := convert(t, out, Options{From: neu, To: old, Sum: []string{"n"}, Weight: Weighting{Basis: basis}})
			rows, got = outTotal(t, back, "n")
			if rows != 10035 || !near(got, total) || rep2.NoDataCount != 0 {
				t.Fatalf("back to %s: %d rows, total %v, %d without data; want 10035 rows, total %v", old, rows, got, rep2.NoDataCount, total)
			}
		})
	}
}

// TestProvinceLevel aggregates old communes to the new provinces.
func TestProvinceLevel(t *testing.T) {
	in, total := randomCounts(dvhc.LevelCommune, old, 2)
	out, rep := convert(t, in, Options{From: old, To: neu, Level: dvhc.LevelProvince, Sum: []string{"n"}})
	rows, got := outTotal(t, out, "n")
	if rows != 34 || !near(got, total) {
		t.Fatalf("%d rows, total %v; want 34, %v", rows, got, total)
	}
	if rep.Assumed != 0 {
		// no split commune's pieces fall in two new provinces
		t.Errorf("%d provinces with an assumed weight, want 0", rep.Assumed)
	}
}

// TestMultiHop converts across both reorganizations (2025-07-01 and the
// changes of type effective 2026-04-30), there and back.
func TestMultiHop(t *testing.T) {
	later := dvhc.MustParseDate("2026-05-01")
	reg := registry.MustDefault()
	n := len(reg.At(later, registry.Filter{Level: dvhc.LevelCommune}))
	in, total := randomCounts(dvhc.LevelCommune, old, 3)
	out, rep := convert(t, in, Options{From: old, To: later, Sum: []string{"n"}})
	rows, got := outTotal(t, out, "n")
	if rows != n || !near(got, total) || joinCodes(rep.NoData) != islands || rep.Findings() {
		t.Fatalf("to %s: %d rows (want %d), total %v (want %v), %d without data", later, rows, n, got, total, rep.NoDataCount)
	}
	back, _ := convert(t, out, Options{From: later, To: old, Sum: []string{"n"}})
	if rows, got := outTotal(t, back, "n"); rows != 10035 || !near(got, total) {
		t.Fatalf("back: %d rows, total %v", rows, got)
	}
}

// TestProvinces converts figures per old province: merges are whole, so
// nothing is assumed; back, a merged province's figure is shared (assumed).
func TestProvinces(t *testing.T) {
	in, total := randomCounts(dvhc.LevelProvince, old, 4)
	out, rep := convert(t, in, Options{From: old, To: neu, Sum: []string{"n"}})
	if rows, got := outTotal(t, out, "n"); rows != 34 || !near(got, total) || rep.Assumed != 0 || rep.KeyLevel != dvhc.LevelProvince {
		t.Fatalf("%d rows, total %v (want %v), %d assumed, key level %v", rows, got, total, rep.Assumed, rep.KeyLevel)
	}
	back, rep := convert(t, out, Options{From: neu, To: old, Sum: []string{"n"}})
	if rows, got := outTotal(t, back, "n"); rows != 63 || !near(got, total) || rep.Assumed != 63-11 {
		t.Fatalf("back: %d rows, total %v, %d assumed (want 52: the provinces that merged)", rows, got, rep.Assumed)
	}
}

// TestDistricts aggregates figures per old district to the new provinces.
func TestDistricts(t *testing.T) {
	in, total := randomCounts(dvhc.LevelDistrict, old, 5)
	out, rep := convert(t, in, Options{From: old, To: neu, Level: dvhc.LevelProvince, Sum: []string{"n"}})
	if rows, got := outTotal(t, out, "n"); rows != 34 || !near(got, total) || rep.Findings() {
		t.Fatalf("%d rows, total %v (want %v)", rows, got, total)
	}
	// Districts have no units after 2025-07-01.
	r, _ := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
	if _, err := ConvertTable(context.Background(), registry.MustDefault(), r, w, Options{From: old, To: neu, Sum: []string{"n"}}); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("districts to 2025-07-01 districts: %v, want invalid", err)
	}
}

// TestMeans checks that a weighted mean is preserved and combines as it
// should on a merge: Ba Đình = Trúc Bạch (00004) + Quán Thánh (00013) +
// parts of others.
func TestMeans(t *testing.T) {
	in := "code,pop,rate\n00004,100,0.5\n00013,300,0.1\n"
	out, rep := convert(t, in, Options{From: old, To: neu, Mean: []string{"rate"}, WeightBy: "pop"})
	if !strings.Contains(out, "\n00004,Phường Ba Đình,0.2,no,2\n") {
		t.Errorf("output lacks Ba Đình with rate 0.2:\n%s", withData(t, out))
	}
	if tot := rep.Totals[0]; !tot.Mean || !near(tot.In, 0.2) || !near(tot.Out, 0.2) {
		t.Errorf("totals %+v", tot)
	}
}

func TestOptionErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		o    Options
	}{
		{"no columns", Options{}},
		{"unknown column", Options{Sum: []string{"x"}}},
		{"unknown key", Options{Key: "x", Sum: []string{"n"}}},
		{"weight-by without mean", Options{Sum: []string{"n"}, WeightBy: "n"}},
		{"finer level", Options{Level: dvhc.LevelCommune, KeyLevel: dvhc.LevelProvince, Sum: []string{"n"}}},
		{"column twice", Options{Sum: []string{"n"}, Mean: []string{"n"}}},
	} {
		r, _ := tabular.NewReader(strings.NewReader("code,n\n00004,1\n"), tabular.CSV, tabular.ReaderOptions{})
		w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
		if _, err := ConvertTable(context.Background(), registry.MustDefault(), r, w, tt.o); dvhc.ErrorKind(err) != dvhc.EINVALID {
			t.Errorf("%s: %v, want an invalid error", tt.name, err)
		}
	}
}

// TestWeightTablePerOldUnit brings a new unit's figure back to its three
// whole predecessors in proportion to their weights (their population,
// say): Tân Lập (24121) was made of 24118, 24121 and 24166.
func TestWeightTablePerOldUnit(t *testing.T) {
	wt := NewWeightTable("populations")
	wt.SetUnit("24118", 1)
	wt.SetUnit("24121", 2)
	wt.SetUnit("24166", 7)
	out, rep := convert(t, "code,n\n24121,1000\n", Options{From: neu, To: old, Sum: []string{"n"}, Weight: Weighting{Table: wt}})
	for _, want := range []string{"\n24118,Phường Tân Lập,100,no,1\n", "\n24121,Phường Tân Hòa,200,no,1\n", "\n24166,Xã Hòa Thắng,700,no,1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, withData(t, out))
		}
	}
	if rep.WeightsUncovered != 0 || rep.Assumed != 0 {
		t.Errorf("%d uncovered, %d assumed", rep.WeightsUncovered, rep.Assumed)
	}
	// Without the table: equal shares, assumed.
	out, rep = convert(t, "code,n\n24121,900\n", Options{From: neu, To: old, Sum: []string{"n"}})
	if !strings.Contains(out, "\n24166,Xã Hòa Thắng,300,yes,1\n") || rep.Assumed != 3 {
		t.Errorf("without a table:\n%s", withData(t, out))
	}
}

func TestReadWeightTable(t *testing.T) {
	read := func(in string) (*WeightTable, error) {
		r, err := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return ReadWeightTable(r, "w.csv", "")
	}
	wt, err := read("old,new,weight\n00553,00136,1\n553,541,2\n00004,,5\n")
	if err != nil || wt.Len() != 3 {
		t.Fatalf("%v, %d weights", err, wt.Len())
	}
	for _, in := range []string{
		"old,weight\n00004,-1\n",
		"old,weight\n00004,x\n",
		"old,weight\n,1\n",
		"weight\n1\n",
	} {
		if _, err := read(in); dvhc.ErrorKind(err) != dvhc.EINVALID {
			t.Errorf("%q: %v, want invalid", in, err)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{
		"1234": 1234, " -12.5 ": -12.5, "1e3": 1000, "0.125": 0.125, "12,5": 12.5,
		"1,234,567": 1234567, "1,234.5": 1234.5, "1.234.567": 1234567, "1.234.567,5": 1234567.5, "-1.234,5": -1234.5,
	} {
		if got, err := ParseNumber(in); err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "1,234", "1,23,4", "1.2.3", "NaN", "Inf", "1_000", "0x10", "1,2,3.4.5", "12,"} {
		if v, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", in, v)
		}
	}
}

// TestWeightColumn estimates a split from the old units' populations:
// Yên Định (00988) was split between Ngọc Đường (00700: published
// population 7,858, with the old 00700 whole) and Minh Ngọc (00994: 7,878,
// with 00994 and 01009 whole). With the old populations 5,000, 4,000 and
// 2,000, the pieces are 7,858 − 5,000 = 2,858 and 7,878 − 6,000 = 1,878:
// Yên Định's 6,000 people go 60.3 % and 39.7 %.
func TestWeightColumn(t *testing.T) {
	in := "code,pop\n00988,6000\n00700,5000\n00994,4000\n01009,2000\n"
	out, rep := convert(t, in, Options{From: old, To: neu, Sum: []string{"pop"}, WeightColumn: "pop"})
	want700 := 5000 + 6000*2858.0/(2858+1878)
	want994 := 6000 + 6000*1878.0/(2858+1878)
	for _, want := range []string{
		"\n00700,Xã Ngọc Đường," + FormatNumber(want700) + ",yes,2\n",
		"\n00994,Xã Minh Ngọc," + FormatNumber(want994) + ",yes,3\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, withData(t, out))
		}
	}
	if rep.WeightsUncovered != 0 || !near(rep.Totals[0].Out, 17000) {
		t.Errorf("%d uncovered, total %v", rep.WeightsUncovered, rep.Totals[0].Out)
	}
	// Without 01009's population, the built-in weights apply.
	_, rep = convert(t, "code,pop\n00988,6000\n00700,5000\n00994,4000\n", Options{From: old, To: neu, Sum: []string{"pop"}, WeightColumn: "pop"})
	if rep.WeightsUncovered != 1 {
		t.Errorf("%d uncovered, want 1", rep.WeightsUncovered)
	}
	// Back from new to old, a column of the new units says nothing.
	r, _ := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
	if _, err := ConvertTable(context.Background(), registry.MustDefault(), r, w, Options{From: neu, To: old, Sum: []string{"pop"}, WeightColumn: "pop"}); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("backward with a weight column: %v, want invalid", err)
	}
}

func TestSplitColumns(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"population", []string{"population"}},
		{"a, b,c", []string{"a", "b", "c"}},
		{" dân số ,, ,tỷ lệ,", []string{"dân số", "tỷ lệ"}},
	} {
		if got := SplitColumns(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SplitColumns(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
