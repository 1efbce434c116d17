package stats

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/golden"
	"github.com/dvhc-vn/dvhc/registry"
)

// withData keeps the header and the rows of a CSV output that received
// data (sources > 0).
func withData(t *testing.T, out string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	keep := []string{lines[0]}
	for _, l := range lines[1:] {
		if !strings.HasSuffix(l, ",0") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n") + "\n"
}

// TestGolden converts testdata/notes.csv — merges (00004 and 00013 into
// Ba Đình), a plain split (00553 Cổ Bi into 3), and splits with official
// notes: 00112 and 11041 ("một phần diện tích, toàn bộ dân số": all of the
// population to one piece), 18796 ("toàn bộ diện tích" to 18823) — under
// each weight, in both directions, and to provinces. The golden files hold
// the report, then the rows that received data.
func TestGolden(t *testing.T) {
	wt := NewWeightTable("pieces")
	wt.SetPiece("00553", "00136", 1)
	wt.SetPiece("00553", "00541", 1)
	wt.SetPiece("00553", "00565", 2)
	tests := []struct {
		name, in string
		o        Options
	}{
		{"population", "notes.csv", Options{To: neu, Sum: []string{"population"}, Mean: []string{"rate"}, WeightBy: "population"}},
		{"area", "notes.csv", Options{To: neu, Sum: []string{"population"}, Weight: Weighting{Basis: registry.BasisArea}}},
		{"equal", "notes.csv", Options{To: neu, Sum: []string{"population"}, Weight: Weighting{Basis: registry.BasisEqual}}},
		{"table", "notes.csv", Options{To: neu, Sum: []string{"population"}, Weight: Weighting{Table: wt}}},
		{"province", "notes.csv", Options{To: neu, Level: dvhc.LevelProvince, Sum: []string{"population"}, Mean: []string{"rate"}, WeightBy: "population"}},
		{"backward", "new.csv", Options{From: neu, To: old, Sum: []string{"n"}}},
		{"backward-province", "new.csv", Options{From: neu, To: old, Level: dvhc.LevelProvince, Sum: []string{"n"}}},
		{"problems", "problems.csv", Options{To: neu, Sum: []string{"n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", tt.in))
			if err != nil {
				t.Fatal(err)
			}
			out, rep := convert(t, string(in), tt.o)
			var b bytes.Buffer
			rep.WriteText(&b)
			b.WriteString("---\n")
			b.WriteString(withData(t, out))
			golden.Check(t, tt.name+".golden", b.Bytes())
			for _, tot := range rep.Totals {
				if !tot.Mean && !near(tot.Out, tot.In-tot.Unknown-tot.Lost) {
					t.Errorf("column %s: out %v, in %v − unknown %v − lost %v", tot.Column, tot.Out, tot.In, tot.Unknown, tot.Lost)
				}
			}
		})
	}
}

// TestProblems checks that unknown and duplicate keys, bad values and
// broken rows are reported with their row numbers.
func TestProblems(t *testing.T) {
	in, err := os.ReadFile("testdata/problems.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, rep := convert(t, string(in), Options{To: neu, Sum: []string{"n"}})
	rows := func(ps []Problem) []int {
		var out []int
		for _, p := range ps {
			out = append(out, p.Row)
		}
		return out
	}
	check := func(what string, got []int, want ...int) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s on rows %v, want %v", what, got, want)
		}
	}
	check("unknown keys", rows(rep.Unknown), 2, 4, 5)
	check("duplicate keys", rows(rep.Duplicates), 3)
	check("bad values", rows(rep.BadValues), 6)
	check("unreadable rows", rows(rep.BadRows), 7)
	if !rep.Findings() {
		t.Error("Findings() = false")
	}
}
