package main

import (
	"flag"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/msg"
)

func TestFlagsAnywhere(t *testing.T) {
	want, _, code := run(t, "search", "--limit", "2", "thong nhat")
	if code != 0 || strings.Count(want, "\n") != 2 {
		t.Fatalf("search --limit 2 \"thong nhat\": exit %d, %d lines", code, strings.Count(want, "\n"))
	}
	for _, args := range [][]string{
		{"search", "thong nhat", "--limit", "2"},
		{"search", "thong nhat", "--limit=2"},
		{"search", "thong", "--limit", "2", "nhat"},
		{"search", "--limit", "2", "--", "thong nhat"},
	} {
		got, stderr, code := run(t, args...)
		if code != 0 || got != want {
			t.Errorf("dvhc %q: exit %d %s\n%s\nwant\n%s", args, code, stderr, got, want)
		}
	}
	// After "--", a word starting with "-" is text, not a flag.
	if _, stderr, code := run(t, "search", "--", "--limit"); code != 2 || !strings.Contains(stderr, `no unit named "--limit"`) {
		t.Errorf(`search -- --limit: exit %d, %s`, code, stderr)
	}
	if _, stderr, code := run(t, "search", "ba dinh", "--bogus"); code != 2 || !strings.Contains(stderr, "bogus") {
		t.Errorf("unknown flag after the text: exit %d, %s", code, stderr)
	}
	// Booleans take no value: the word after --json is positional.
	if out, _, code := run(t, "lookup", "--json", "00004", "--at", "2025-06-30"); code != 0 || !strings.Contains(out, "Trúc Bạch") {
		t.Errorf("lookup --json 00004 --at 2025-06-30: exit %d\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"convert", "--address", ""}, 2, "--address wants a TEXT"},
		{[]string{"convert", "--address", "   "}, 2, "--address wants a TEXT"},
		{[]string{"locate", "--at", "2025-06-30", "21.0287", "105.8524"}, 2, "no boundaries before 2025-07-01"},
		{[]string{"locate", "21.0287", "105.8524", "--at", "2025-06-30"}, 2, "no boundaries before 2025-07-01"},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("dvhc %q: exit %d, stderr %q; want exit %d with %q", tt.args, code, stderr, tt.code, tt.msg)
		}
	}
}

func TestPlurals(t *testing.T) {
	out, _, _ := run(t, "lineage", "--level", "province", "--at", "2025-06-30", "--to", "2026-05-01", "70")
	if !strings.Contains(out, ": 1 successor on") {
		t.Errorf("lineage of one successor:\n%s", out)
	}
	out, _, _ = run(t, "lineage", "--at", "2025-06-30", "--to", "2025-07-01", "00553")
	if !strings.Contains(out, ": 3 successors on") {
		t.Errorf("lineage of three successors:\n%s", out)
	}
	for n, want := range map[int]string{0: "0 rows", 1: "1 row", 2: "2 rows"} {
		if got := plural(n, "row"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzParseFlags: any command line parses or fails cleanly, and every
// positional argument comes from the command line.
func FuzzParseFlags(f *testing.F) {
	f.Add("thong nhat\x00--limit\x0030\x00--\x00-x")
	f.Add("--at=2025-06-30\x00-5\x00-\x00--json")
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, "\x00")
		fs := flag.NewFlagSet("search", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		searchCmd.setup(fs)
		pos, err := parseFlags(fs, args)
		if err != nil {
			return
		}
		for _, p := range pos {
			if !slices.Contains(args, p) {
				t.Fatalf("positional %q not in %q", p, args)
			}
		}
	})
}

// TestVietnameseMessages: with DVHC_LANG=vi (lang set by main), notes and
// errors are printed in Vietnamese.
func TestVietnameseMessages(t *testing.T) {
	lang = msg.VI
	defer func() { lang = msg.EN }()
	out, _, _ := run(t, "convert", "--address", "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN")
	if !strings.Contains(out, "note        Phường Cửa Đông đã được chia cho 2 xã, phường mới") {
		t.Errorf("note not in Vietnamese:\n%s", out)
	}
	if _, stderr, code := run(t, "lookup", "--at", "2025-07-01", "99999"); code != 2 || !strings.Contains(stderr, "không có xã mã 99999") {
		t.Errorf("error not in Vietnamese: exit %d %s", code, stderr)
	}
}
