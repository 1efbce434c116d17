package compile

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// overlay is the real sources with some files replaced.
type overlay struct {
	base fs.FS
	over fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.over[name]; ok {
		return o.over.Open(name)
	}
	return o.base.Open(name)
}

func sources() fs.FS { return os.DirFS("../../sources") }

// withRows returns the sources with lines appended to one file.
func withRows(t *testing.T, name string, rows ...string) fs.FS {
	t.Helper()
	b, err := fs.ReadFile(sources(), name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b) + strings.Join(rows, "\n") + "\n"
	return overlay{sources(), fstest.MapFS{name: {Data: []byte(s)}}}
}

func lines(b []byte, prefix string) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

func TestEndedCommunes(t *testing.T) {
	files, err := Compile(sources())
	if err != nil {
		t.Fatal(err)
	}
	// 00010 ended on 2025-01-01, into 00004 by name, never an official edge.
	if got := lines(files["units.tsv"], "commune\t00010\t"); len(got) != 1 || !strings.HasPrefix(got[0], "commune\t00010\t\t2025-01-01\tPhường Nguyễn Trung Trực\tNguyễn Trung Trực\tPhường\t\t001\t01") {
		t.Errorf("units 00010 = %q", got)
	}
	want := "commune\t00010\t\tcommune\t00004\t\twhole\t2025-01-01/communes/arrangement-2023-2025\t"
	if got := lines(files["edges.tsv"], "commune\t00010\t"); len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.HasSuffix(got[0], "\t"+InferredByName) {
		t.Errorf("edges 00010 = %q", got)
	}
	// every inferred edge comes from an ended commune, every official one has no basis
	n := 0
	for _, l := range lines(files["edges.tsv"], "") {
		if strings.HasSuffix(l, "\t"+InferredByName) {
			n++
			if !strings.Contains(l, "/communes/arrangement-2023-2025\t") {
				t.Errorf("inferred edge of another event: %s", l)
			}
		}
	}
	if n != 577 {
		t.Errorf("%d inferred edges, want 577", n)
	}
	// the 6 districts known only through their communes
	if got := lines(files["units.tsv"], "district\t358\t"); len(got) != 1 || !strings.HasPrefix(got[0], "district\t358\t\t2024-09-01\tHuyện Mỹ Lộc\tMỹ Lộc\tHuyện\t\t36\t36") {
		t.Errorf("district 358 = %q", got)
	}
	// 12 without end date, 4 more without successor
	if got := len(lines(files["gaps.tsv"], "commune\t")); got != 16 {
		t.Errorf("%d gaps, want 16", got)
	}
}

// TestCodeReuse: a code that ended in 2024–2025 and was then given to a
// unit of the 2025-06-30 vintage splits into two versions, and the edges
// follow the right one.
func TestCodeReuse(t *testing.T) {
	src := withRows(t, "pre-reform/ended-communes-2024-2025.csv",
		"00008,Phường Cũ Thử,Phường,001,Quận Ba Đình,01,2024-11-01,00004,Phường Trúc Bạch,alias_same_district,v2.1.0,v2.2.0")
	files, err := Compile(src)
	if err != nil {
		t.Fatal(err)
	}
	got := lines(files["units.tsv"], "commune\t00008\t")
	if len(got) != 3 || !strings.HasPrefix(got[0], "commune\t00008\t\t2024-11-01\tPhường Cũ Thử") ||
		!strings.HasPrefix(got[1], "commune\t00008\t2024-11-01\t2025-07-01\t") || !strings.HasPrefix(got[2], "commune\t00008\t2025-07-01\t") {
		t.Fatalf("versions of 00008:\n%s", strings.Join(got, "\n"))
	}
	for _, l := range lines(files["edges.tsv"], "commune\t00008\t") {
		inferred := strings.HasSuffix(l, "\t"+InferredByName)
		if inferred != strings.HasPrefix(l, "commune\t00008\t\t") {
			t.Errorf("edge from the wrong version of 00008: %s", l)
		}
	}
}

func TestSourceErrorsNameFileLineField(t *testing.T) {
	tests := []struct {
		name, file, row, want string
	}{
		{"unknown successor", "pre-reform/ended-communes-2024-2025.csv",
			"99999,Xã Thử,Xã,001,Quận Ba Đình,01,2025-01-01,99998,Xã Không Có,alias_same_district,v2.2.0,v2.3.0",
			"pre-reform/ended-communes-2024-2025.csv:579: successor_code_2025_06_30: 99998"},
		{"repeated code", "pre-reform/ended-communes-2024-2025.csv",
			"00010,Phường Nguyễn Trung Trực,Phường,001,Quận Ba Đình,01,2025-01-01,00004,Phường Trúc Bạch,alias_same_district,v2.2.0,v2.3.0",
			"pre-reform/ended-communes-2024-2025.csv:579: code: 00010 repeats line 2"},
		{"bad end date", "pre-reform/ended-communes-2024-2025.csv",
			"99999,Xã Thử,Xã,001,Quận Ba Đình,01,2025-08-01,00004,Phường Trúc Bạch,alias_same_district,v2.2.0,v2.3.0",
			"pre-reform/ended-communes-2024-2025.csv:579: end_date"},
		{"event without change set", "later-changes/events.csv",
			"2026-12-01,1/2026/QH16,2026-11-01,province,22,Thành phố Quảng Ninh,Tỉnh Quảng Ninh,Thành phố,Tỉnh,type,back",
			"later-changes/events.csv:27: no change of province 22 on 2026-12-01 in changes/*.csv"},
		{"change set without event", "changes/2026-09-20.csv",
			"2026-09-20,388/NQ-UBTVQH16,2026-08-04,change,commune,09325,Xã Thử,Phường Thử,Phường,",
			"changes/2026-09-20.csv:18: change of commune 09325 not in later-changes/events.csv"},
		{"coverage date", "coverage.csv", "commune,2024,2026-10-09,x", "coverage.csv:5: level"},
	}
	for _, tt := range tests {
		_, err := Compile(withRows(t, tt.file, tt.row))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}
