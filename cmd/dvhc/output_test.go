package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs the CLI in-process with ctx and stdin.
func runIn(ctx context.Context, stdin *os.File, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	var in = strings.NewReader("")
	var err error
	if stdin != nil {
		err = Run(ctx, args, stdin, &out, &errb)
	} else {
		err = Run(ctx, args, in, &out, &errb)
	}
	code := report(&errb, err)
	return out.String(), errb.String(), code
}

// tempFiles lists the files of dir that are not in keep.
func strayFiles(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if !strings.Contains(strings.Join(keep, "\x00")+"\x00", e.Name()+"\x00") {
			out = append(out, e.Name())
		}
	}
	return out
}

const smallCSV = "id,dia_chi\n1,\"P7, Q5, TP.HCM\"\n2,=HYPERLINK(\"http://x\")\n3,-12.5\n"

func TestOutputNeverTheInput(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f.csv")
	os.WriteFile(f, []byte(smallCSV), 0o644)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(f, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.csv")
	if err := os.Link(f, hard); err != nil {
		t.Fatal(err)
	}
	stdin, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	for _, tc := range []struct {
		name  string
		stdin *os.File
		args  []string
	}{
		{"same name", nil, []string{"convert", "-o", f, f}},
		{"other name", nil, []string{"convert", "-o", filepath.Join(dir, ".", "f.csv"), f}},
		{"symlink", nil, []string{"convert", "-o", link, f}},
		{"hard link", nil, []string{"convert", "-o", hard, f}},
		{"standard input", stdin, []string{"convert", "-o", f}},
		{"locate", nil, []string{"locate", "-o", f, f}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := runIn(context.Background(), tc.stdin, tc.args...)
			if code != 2 || !strings.Contains(stderr, "is the input file") {
				t.Errorf("exit %d, stderr %q; want 2 and a refusal", code, stderr)
			}
			if b, _ := os.ReadFile(f); string(b) != smallCSV {
				t.Errorf("input changed: %q", b)
			}
			if s := strayFiles(t, dir, "f.csv", "link.csv", "hard.csv"); len(s) > 0 {
				t.Errorf("files left: %q", s)
			}
		})
	}
}

func TestOutputAtomic(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte(smallCSV), 0o644)
	out := filepath.Join(dir, "out.csv")
	const prev = "previous content\n"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		args []string
		code int
		msg  string
	}{
		{"no such column", context.Background(), []string{"convert", "--column", "nonexistent", "-o", out, in}, 2, "out.csv was not replaced"},
		{"bad input", context.Background(), []string{"convert", "-o", out, filepath.Join(dir, "missing.csv")}, 2, "no such file"},
		{"interrupted", ctx, []string{"convert", "-o", out, in}, 130, "out.csv was not replaced"},
		{"interrupted xlsx", ctx, []string{"convert", "-o", filepath.Join(dir, "out.xlsx"), in}, 130, "out.xlsx was not written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(out, []byte(prev), 0o600)
			_, stderr, code := runIn(tc.ctx, nil, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.msg)
			}
			if b, _ := os.ReadFile(out); string(b) != prev {
				t.Errorf("out.csv = %q, want it untouched", b)
			}
			if s := strayFiles(t, dir, "in.csv", "out.csv"); len(s) > 0 {
				t.Errorf("files left: %q", s)
			}
		})
	}
	// A run that succeeds replaces the file and keeps its permissions.
	_, stderr, code := runIn(context.Background(), nil, "convert", "-o", out, in)
	b, _ := os.ReadFile(out)
	if code != 0 || strings.Count(string(b), "\n") != 4 {
		t.Fatalf("exit %d (%s), out %q", code, stderr, b)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the previous 0600", st.Mode().Perm())
	}
	if s := strayFiles(t, dir, "in.csv", "out.csv"); len(s) > 0 {
		t.Errorf("files left: %q", s)
	}
}

func TestExcelSafe(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte(smallCSV), 0o644)
	out, stderr, code := runIn(context.Background(), nil, "convert", "--excel-safe", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "\n2,\"'=HYPERLINK(\"\"http://x\"\")\",") || !strings.Contains(out, "\n3,-12.5,") {
		t.Errorf("cells not escaped as expected:\n%s", out)
	}
	out, _, _ = runIn(context.Background(), nil, "convert", in)
	if !strings.Contains(out, "\n2,\"=HYPERLINK(") {
		t.Errorf("without --excel-safe the cell changed:\n%s", out)
	}
}

// TestOutputDevice: a device is written in place, never replaced.
func TestOutputDevice(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte(smallCSV), 0o644)
	_, stderr, code := runIn(context.Background(), nil, "convert", "-o", os.DevNull, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode().IsRegular() {
		t.Fatalf("%s is now %v (%v)", os.DevNull, st.Mode(), err)
	}
}

// TestOutputSymlink: OUT that is a link has its target replaced, the link
// kept.
func TestOutputSymlink(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte(smallCSV), 0o644)
	target := filepath.Join(dir, "target.csv")
	os.WriteFile(target, []byte("old\n"), 0o644)
	link := filepath.Join(dir, "link.csv")
	os.Symlink(target, link)
	if _, stderr, code := runIn(context.Background(), nil, "convert", "-o", link, in); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
	if b, _ := os.ReadFile(target); !strings.HasPrefix(string(b), "id,dia_chi,dvhc_status") {
		t.Errorf("target = %q", b)
	}
}
