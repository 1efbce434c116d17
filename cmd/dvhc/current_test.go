package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The acceptance of issue 16: the registry current to 2026-11-30, and
// honest about what it does not know.
func TestCurrentTo2026(t *testing.T) {
	tests := []struct {
		args []string
		want string // first line of stdout
	}{
		{[]string{"lookup", "--level", "province", "--at", "2026-11-30", "22"}, "province 22  Thành phố Quảng Ninh (Quang Ninh City)"},
		{[]string{"lookup", "--level", "province", "--at", "2026-08-31", "22"}, "province 22  Tỉnh Quảng Ninh (Quang Ninh Province)"},
		{[]string{"lookup", "--at", "2026-11-30", "09319"}, "commune 09319  Phường Tiên Du (Tien Du Ward)"},
		{[]string{"lookup", "--at", "2024-06-01", "00010"}, "commune 00010  Phường Nguyễn Trung Trực"},
	}
	for _, tt := range tests {
		out, stderr, code := run(t, tt.args...)
		if first, _, _ := strings.Cut(out, "\n"); code != 0 || first != tt.want {
			t.Errorf("dvhc %s: exit %d, first line %q, want %q; stderr %s", strings.Join(tt.args, " "), code, first, tt.want, stderr)
		}
	}
}

func TestCountsCLI2026(t *testing.T) {
	var us []unitJSON
	runJSON(t, &us, "list", "--at", "2026-11-30", "--json")
	got := map[string]int{}
	for _, u := range us {
		got[u.Level+" "+u.Type]++
	}
	want := map[string]int{"province Thành phố": 9, "province Tỉnh": 25, "commune Phường": 709, "commune Xã": 2599, "commune Đặc khu": 13}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("list --at 2026-11-30: %d %s, want %d", got[k], k, n)
		}
	}
}

func TestLineageInferredHop(t *testing.T) {
	out, stderr, code := run(t, "lineage", "--at", "2024-06-01", "--to", "2025-07-01", "00010")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"commune 00010 Phường Nguyễn Trung Trực (2024-06-01): 1 successor on 2025-07-01",
		"  00004  Phường Ba Đình  whole",
		"1. 2025-01-01  00010 Phường Nguyễn Trung Trực → 00004 Phường Trúc Bạch  INFERRED BY NAME",
		"2. 2025-07-01  00004 Phường Trúc Bạch → 00004 Phường Ba Đình            official          1656/NQ-UBTVQH15",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lineage lacks %q:\n%s", want, out)
		}
	}
	var ls []struct {
		Code  string `json:"code"`
		Basis string `json:"basis"`
		Hops  []struct {
			FromCode string `json:"from_code"`
			Basis    string `json:"basis"`
		} `json:"hops"`
	}
	runJSON(t, &ls, "lineage", "--at", "2024-06-01", "--to", "2025-07-01", "--json", "00010")
	if len(ls) != 1 || ls[0].Code != "00004" || ls[0].Basis != "inferred by name" || len(ls[0].Hops) != 2 ||
		ls[0].Hops[0].Basis != "inferred by name" || ls[0].Hops[1].Basis != "official" || ls[0].Hops[0].FromCode != "00010" {
		t.Errorf("lineage --json 00010 = %+v", ls)
	}
	// a commune without successor says why
	out, _, _ = run(t, "lineage", "--at", "2024-06-01", "--to", "2025-07-01", "20239")
	if !strings.Contains(out, "0 successors on 2025-07-01\n  lineage unknown: ended on 2025-01-01; no successor") {
		t.Errorf("lineage of 20239:\n%s", out)
	}
	// an official path is marked official and prints no hop list
	out, _, _ = run(t, "lineage", "--at", "2025-06-30", "--to", "2025-07-01", "00013")
	if strings.Contains(out, "INFERRED") || strings.Contains(out, "path to") {
		t.Errorf("official lineage marked inferred:\n%s", out)
	}
}

func TestAuditAllCLI(t *testing.T) {
	out, stderr, code := run(t, "audit")
	if code != 0 {
		t.Fatalf("audit: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"audit 2024-04-30 → 2024-05-01", "audit 2025-06-30 → 2025-07-01", "audit 2026-04-29 → 2026-04-30",
		"audit 2026-08-31 → 2026-09-01", "audit 2026-09-19 → 2026-09-20", "note lineage_unknown: 20239 Phường Hải Châu II",
		"gaps (16)", "10 transitions: 0 violations"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit lacks %q", want)
		}
	}
	var all struct {
		OK          bool `json:"ok"`
		Transitions []struct {
			From string `json:"from"`
			OK   bool   `json:"ok"`
		} `json:"transitions"`
		Gaps []struct {
			Code  string  `json:"code"`
			Ended *string `json:"ended"`
		} `json:"gaps"`
	}
	runJSON(t, &all, "audit", "--json")
	if !all.OK || len(all.Transitions) != 10 || len(all.Gaps) != 16 {
		t.Errorf("audit --json: ok %v, %d transitions, %d gaps", all.OK, len(all.Transitions), len(all.Gaps))
	}
	if _, stderr, code := run(t, "audit", "--from", "2025-06-30"); code != 2 || !strings.Contains(stderr, "both --from and --to") {
		t.Errorf("audit --from alone: exit %d %s", code, stderr)
	}
}

func TestNotCoveredCLI(t *testing.T) {
	for _, args := range [][]string{
		{"list", "--at", "2020-01-01"},
		{"lookup", "--at", "2020-01-01", "00004"},
		{"search", "--at", "2020-01-01", "ba dinh"},
		{"lineage", "--at", "2025-07-01", "--to", "2020-01-01", "00004"},
		{"audit", "--from", "2020-01-01", "--to", "2025-07-01"},
	} {
		out, stderr, code := run(t, args...)
		if code != 2 || out != "" || !strings.Contains(stderr, "2024-04-30, the first day from which the registry is complete") {
			t.Errorf("dvhc %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, stderr)
		}
	}
}

func TestVersionCLI(t *testing.T) {
	out, _, code := run(t, "version")
	for _, want := range []string{"dvhc ", "data date     2026-09-20", "checked to    2026-10-09", "commune       complete from 2024-04-30"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("version: exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	var m struct {
		Version  string `json:"version"`
		DataDate string `json:"data_date"`
		Coverage []struct {
			CompleteFrom string `json:"complete_from"`
		} `json:"coverage"`
	}
	runJSON(t, &m, "version", "--json")
	if m.Version == "" || m.DataDate != "2026-09-20" || len(m.Coverage) != 3 || m.Coverage[2].CompleteFrom != "2024-04-30" {
		t.Errorf("version --json = %+v", m)
	}
}

func TestChangesFlag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "changes")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := exampleChanges
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "2026-12-01.csv"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(src)
	out, stderr, code := run(t, "--changes", dir, "lookup", "--at", "2026-12-01", "00004")
	if code != 0 || !strings.HasPrefix(out, "commune 00004  Phường Ba Đình Mới\n") {
		t.Errorf("--changes lookup: exit %d %q %s", code, out, stderr)
	}
	out, _, _ = run(t, "--changes="+dir, "version")
	if !strings.Contains(out, "data date     2026-12-01") {
		t.Errorf("--changes version:\n%s", out)
	}
	// without the flag, the embedded data
	out, _, _ = run(t, "lookup", "--at", "2026-12-01", "00004")
	if !strings.HasPrefix(out, "commune 00004  Phường Ba Đình (") {
		t.Errorf("lookup without --changes: %q", out)
	}
	write(strings.Replace(src, ",00008,,,,,00004,whole", ",00008,,,,,00005,whole", 1))
	_, stderr, code = run(t, "--changes", dir, "list", "--level", "province")
	if code != 2 || !strings.Contains(stderr, "changes/2026-12-01.csv:6: edge_target: no commune 00005 starts on 2026-12-01") {
		t.Errorf("bad change set: exit %d %s", code, stderr)
	}
	if _, stderr, code = run(t, "--changes"); code != 2 || !strings.Contains(stderr, "--changes wants a DIR") {
		t.Errorf("--changes without DIR: exit %d %s", code, stderr)
	}
}
