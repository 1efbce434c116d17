package dataset_test

import (
	"os"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/dataset"
	"github.com/dvhc-vn/dvhc/dataset/changeset"
)

// csHeader is the header line of a change set.
var csHeader = strings.Join(changeset.Columns, ",") + "\n"

// merger is a valid change set: two communes of Hà Nội merge into a new
// one that takes one of their codes.
var merger = readMerger("changeset/testdata/merger.csv")

// readMerger reads the example change set shared by the tests of several
// packages.
func readMerger(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func apply(t *testing.T, src string) (*dataset.Data, error) {
	t.Helper()
	cs, err := changeset.Parse("x.csv", strings.NewReader(src))
	if err != nil {
		return nil, err
	}
	d, err := dataset.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Apply(cs)
	return d, err
}

func TestApplyMerger(t *testing.T) {
	d, err := apply(t, merger)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range d.Edges {
		if e.Event == "2026-12-01/communes/999/NQ-UBTVQH16" {
			n++
			if e.To.Code != "00004" || e.To.From.String() != "2026-12-01" {
				t.Errorf("edge %+v", e)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d edges of the event, want 2", n)
	}
}

// TestReadmeMerger applies the merger example of sources/changes/README.md:
// the documented example is a valid change set.
func TestReadmeMerger(t *testing.T) {
	readme, err := os.ReadFile("sources/changes/README.md")
	if err != nil {
		t.Fatal(err)
	}
	var src string
	for i, block := range strings.Split(string(readme), "```") {
		if i%2 == 1 && strings.Contains(block, "999/NQ-UBTVQH16") {
			src = strings.TrimPrefix(block, "\n")
		}
	}
	if src == "" {
		t.Fatal("README.md: no example with 999/NQ-UBTVQH16")
	}
	d, err := apply(t, src)
	if err != nil {
		t.Fatalf("README.md example: %v\n%s", err, src)
	}
	n := 0
	for _, u := range d.Units {
		if u.Code == "00004" && u.Valid.From.String() == "2026-12-01" && u.Name == "Phường Ba Đình Mới" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("README.md example: %d versions 00004 Phường Ba Đình Mới from 2026-12-01, want 1", n)
	}
}

// TestChangeSetErrors: every refused row names its file, line and rule.
func TestChangeSetErrors(t *testing.T) {
	row := "2026-12-01,999/NQ-UBTVQH16,,"
	tests := []struct {
		name, rows, want string
	}{
		{"edge to a unit that does not exist", strings.Replace(merger, ",00008,,,,,00004,whole", ",00008,,,,,00005,whole", 1),
			"x.csv:6: edge_target: no commune 00005 starts on 2026-12-01"},
		{"wrong former name", strings.Replace(merger, "Phường Ba Đình,,", "Phường Trúc Bạch,,", 1),
			`x.csv:2: was: commune 00004 is "Phường Ba Đình", not "Phường Trúc Bạch"`},
		{"code in use", csHeader + row + "start,commune,00008,,Phường Thử,Phường,01,,,,Thử\n",
			"x.csv:2: unique_code: commune code 00008 is Phường Ngọc Hà on 2026-12-01"},
		{"no title", csHeader + row + "end,commune,00008,,,,,,,,\n", "x.csv:2: title"},
		{"unknown unit", csHeader + row + "change,commune,99999,,Phường Thử,Phường,,,,,Thử\n", "x.csv:2: unit_in_force: no commune 99999 is in force"},
		{"before the version", csHeader + "2025-01-01,9/X,,change,commune,00004,,Phường Thử,,,,,,Thử\n", "x.csv:2: date_order"},
		{"already applied", csHeader + "2026-09-01,36/2026/QH16,,change,province,22,,Tỉnh Quảng Ninh,Tỉnh,,,,,back\n", "x.csv:2: already_applied"},
		{"parent missing", csHeader + row + "start,commune,99999,,Xã Thử,Xã,99,,,,Thử\n", "x.csv:2: parent_valid: no province 99"},
		{"bad date", csHeader + "2026-13-01,9/X,,end,commune,00004,,,,,,,,T\n", "x.csv:2: date: invalid date"},
		{"bad share", csHeader + row + "edge,commune,00004,,,,,00004,most,,T\n", "x.csv:2: share"},
		{"bad action", csHeader + row + "merge,commune,00004,,,,,,,,T\n", `x.csv:2: action: unknown action "merge"`},
		{"unknown column", "date,resolution,action,level,code,colour\n", `x.csv:1: header: unknown column "colour"`},
		{"missing column", "date,resolution,action,level\n", `x.csv:1: header: missing column "code"`},
	}
	for _, tt := range tests {
		_, err := apply(t, tt.rows)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func FuzzParseChanges(f *testing.F) {
	f.Add(merger)
	f.Add(csHeader + "2026-12-01,9/X,,edge,commune,4,,,,,5,part,,T\n")
	f.Add("date,resolution,action,level,code\n\"")
	f.Fuzz(func(t *testing.T, src string) {
		cs, err := changeset.Parse("f.csv", strings.NewReader(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv:") {
				t.Errorf("error without position: %v", err)
			}
			return
		}
		for _, c := range cs {
			if !c.Level.IsValid() || !c.Code.IsValid() || c.Date.IsZero() || c.Resolution == "" {
				t.Errorf("accepted a row without level, code, date or act: %+v", c)
			}
		}
	})
}

func TestChangeSetTooLarge(t *testing.T) {
	big := strings.NewReader(csHeader + "2026-12-01,9/X,,end,commune,00004,,,,,,,,\"" + strings.Repeat("x", changeset.MaxBytes) + "\"\n")
	_, err := changeset.Parse("big.csv", big)
	if err == nil || !strings.Contains(err.Error(), "big.csv:") || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized change set: %v", err)
	}
}
