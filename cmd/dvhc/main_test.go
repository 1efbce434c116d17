package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// run executes the CLI in-process and returns stdout, stderr and the exit
// status main would use.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	code := report(&errb, err)
	return out.String(), errb.String(), code
}

func runJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	out, stderr, code := run(t, args...)
	if code != 0 {
		t.Fatalf("dvhc %s: exit %d, stderr %s", strings.Join(args, " "), code, stderr)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("dvhc %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

type unitJSON struct {
	Level      string  `json:"level"`
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	ParentCode string  `json:"parent_code"`
	ValidFrom  *string `json:"valid_from"`
	ValidTo    *string `json:"valid_to"`
	Share      string  `json:"share"`
	Note       string  `json:"note"`
}

func TestListCounts(t *testing.T) {
	tests := []struct {
		level, at string
		want      int
	}{
		{"province", "2025-06-30", 63},
		{"province", "2025-07-01", 34},
		{"commune", "2025-06-30", 10035},
		{"commune", "2025-07-01", 3321},
		{"district", "2025-06-30", 696},
	}
	for _, tt := range tests {
		var us []unitJSON
		runJSON(t, &us, "list", "--level", tt.level, "--at", tt.at, "--json")
		if len(us) != tt.want {
			t.Errorf("list --level %s --at %s: %d units, want %d", tt.level, tt.at, len(us), tt.want)
		}
	}
}

func TestLookupDated(t *testing.T) {
	tests := []struct {
		args      []string
		name, typ string
		validTo   string
	}{
		{[]string{"--level", "commune", "--at", "2025-06-30"}, "Phường Trúc Bạch", "Phường", "2025-06-30"},
		{[]string{"--level", "commune", "--at", "2025-07-01"}, "Phường Ba Đình", "Phường", ""},
	}
	for _, tt := range tests {
		var u unitJSON
		runJSON(t, &u, append(append([]string{"lookup"}, tt.args...), "--json", "00004")...)
		if u.Name != tt.name || u.Type != tt.typ || u.Code != "00004" || u.Level != "commune" || u.ParentCode == "" {
			t.Errorf("lookup %v 00004 = %+v", tt.args, u)
		}
		if (u.ValidTo == nil) != (tt.validTo == "") || (u.ValidTo != nil && *u.ValidTo != tt.validTo) {
			t.Errorf("lookup %v 00004: valid_to = %v, want %q", tt.args, u.ValidTo, tt.validTo)
		}
	}
	var dn unitJSON
	runJSON(t, &dn, "lookup", "--level", "province", "--at", "2026-05-01", "--json", "75")
	if dn.Name != "Thành phố Đồng Nai" || *dn.ValidFrom != "2026-04-30" {
		t.Errorf("province 75 on 2026-05-01 = %+v", dn)
	}
}

func TestLineageCLI(t *testing.T) {
	var ls []unitJSON
	runJSON(t, &ls, "lineage", "--level", "province", "--at", "2025-06-30", "--to", "2025-07-01", "--json", "54")
	if len(ls) != 1 || ls[0].Code != "66" || ls[0].Name != "Tỉnh Đắk Lắk" || ls[0].Share != "whole" {
		t.Errorf("lineage of Phú Yên = %+v", ls)
	}
	runJSON(t, &ls, "lineage", "--level", "commune", "--at", "2025-07-01", "--to", "2025-06-30", "--json", "00004")
	found := false
	for _, l := range ls {
		if l.Code == "00013" && l.Name == "Phường Quán Thánh" && l.Note == "Nhập toàn bộ" {
			found = true
		}
	}
	if !found {
		t.Errorf("predecessors of 00004 lack 00013 Quán Thánh: %+v", ls)
	}
}

func TestSearchCLI(t *testing.T) {
	var ms []unitJSON
	runJSON(t, &ms, "search", "--at", "2025-06-30", "--json", "buon ma thuot")
	if len(ms) == 0 || ms[0].Name != "Thành phố Buôn Ma Thuột" {
		t.Errorf("search buon ma thuot = %+v", ms)
	}
}

func TestAuditCLI(t *testing.T) {
	out, _, code := run(t, "audit", "--from", "2025-06-30", "--to", "2025-07-01")
	if code != 0 || !strings.Contains(out, "0 violations") || !strings.Contains(out, "Trường bắn TB1") {
		t.Errorf("audit: exit %d\n%s", code, out)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"unknown code", []string{"lookup", "--level", "commune", "--at", "2025-07-01", "99999"}, "no commune with code 99999"},
		{"code of another date", []string{"lookup", "--level", "province", "--at", "2025-07-01", "54"}, "no province with code 54 on 2025-07-01"},
		{"bad date", []string{"lookup", "--at", "2025-13-01", "00004"}, "invalid date"},
		{"unknown level", []string{"list", "--level", "hamlet"}, "unknown level"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"malformed code", []string{"lookup", "--level", "commune", "12a"}, "not all digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := run(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q lacks %q", stderr, tt.want)
			}
			if out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n"); tt.name != "unknown command" && lines > 1 {
				t.Errorf("error takes %d lines: %q", lines+1, stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	out, _, code := run(t, "lineage", "--help")
	if code != 0 || !strings.Contains(out, "usage: dvhc lineage") || !strings.Contains(out, "-to") || !strings.Contains(out, "Examples") {
		t.Errorf("lineage --help: exit %d\n%s", code, out)
	}
	out, _, _ = run(t, "help")
	for _, c := range commands {
		if !strings.Contains(out, c.name) {
			t.Errorf("help lacks %s", c.name)
		}
	}
}
