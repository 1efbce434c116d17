package main

// The hostile-files suite: tables as an attacker or a careless export
// would make them, generated here (nothing large is committed). Each case
// asserts the exit status, that every input row gives one output row, and
// the message on stderr; the bomb-like cases run in a child process whose
// peak RSS is asserted.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/dvhc-vn/dvhc/tabular"
)

// TestMain lets the tests run the real command in a child process: with
// DVHC_TEST_MAIN=1 the test binary is dvhc.
func TestMain(m *testing.M) {
	if os.Getenv("DVHC_TEST_MAIN") == "1" {
		code := mainCode()
		if p := os.Getenv("DVHC_TEST_HWM"); p != "" {
			// The peak RSS of this program alone: the rusage of a child
			// also counts the parent's memory at the time of the exec
			// (Linux keeps the old address space's high-water mark).
			if b, err := os.ReadFile("/proc/self/status"); err == nil {
				os.WriteFile(p, b, 0o644)
			}
		}
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// child runs dvhc in a child process with stdin from gen (nil: none) and
// returns its stderr, exit status and peak RSS in MiB.
func child(t *testing.T, gen func(io.Writer), args ...string) (string, int, int64) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	hwm := filepath.Join(t.TempDir(), "status")
	cmd.Env = append(os.Environ(), "DVHC_TEST_MAIN=1", "DVHC_TEST_HWM="+hwm)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	var in io.WriteCloser
	if gen != nil {
		var err error
		if in, err = cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if gen != nil {
		bw := bufio.NewWriterSize(in, 1<<20)
		gen(bw)
		bw.Flush()
		in.Close()
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	peak := ru.Maxrss / 1024
	if b, err := os.ReadFile(hwm); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64); err == nil {
					peak = kb / 1024
				}
			}
		}
	}
	return stderr.String(), cmd.ProcessState.ExitCode(), peak
}

// countRows counts the data rows of a CSV output file and returns its
// records, or only the count for large files.
func countRows(t *testing.T, path string, keep bool) (int, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.FieldsPerRecord = -1
	n := -1 // the header
	var recs [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("output is not CSV: %v", err)
		}
		n++
		if keep {
			recs = append(recs, rec)
		}
	}
	return n, recs
}

// repeat writes s n times.
func repeat(w io.Writer, s string, n int) {
	b := []byte(s)
	for range n {
		w.Write(b)
	}
}

type hostile struct {
	name  string
	file  string // the input's name: its extension gives the format
	gen   func(w io.Writer)
	args  []string // more flags
	code  int      // exit status
	rows  int      // data rows in the input (and so in the output); -1: no output
	msg   string   // part of stderr
	check func(t *testing.T, recs [][]string)
	// maxRSS (MiB), when set, runs the case in a child process with the
	// input on stdin, and bounds its peak RSS.
	maxRSS int64
}

func text(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }

// status returns the dvhc_status, dvhc_note of record i (1-based data row)
// of an output with nIn input columns.
func status(recs [][]string, i, nIn int) (string, string) {
	r := recs[i]
	return r[nIn], r[len(r)-1]
}

func hostileCases() []hostile {
	big := strings.Repeat("é", 5<<20) // 10 MiB
	return []hostile{
		{name: "stray and broken quotes", file: "q.csv",
			gen:  text("id,address\n1,\"P7, Q5, TP.HCM\n2,\"P7, Q5, TP.HCM\"\n3,5 \"A\" street\n4,\"x\"y\n5,\"P7, Q5, TP.HCM\"\n"),
			rows: 5, msg: "5 rows",
			check: func(t *testing.T, recs [][]string) {
				want := []string{"", "invalid", "ok", "", "invalid", "ok"}
				for i := 1; i <= 5; i++ {
					if st, note := status(recs, i, 2); want[i] != "" && st != want[i] {
						t.Errorf("row %d: %s (%s), want %s", i, st, note, want[i])
					}
				}
			}},
		// Bytes that no legacy encoding reads as Vietnamese (a file whose
		// bytes do, TCVN3, VNI or Windows-1258, is converted: package vnenc).
		{name: "invalid UTF-8 is invalid", file: "latin1.csv", gen: text("id,address\n1,Ph\xff\xfeng 7, Qu\xff\xfen 5\n2,\"P7, Q5, TP.HCM\"\n"),
			rows: 2, msg: "invalid: 1",
			check: func(t *testing.T, recs [][]string) {
				if st, note := status(recs, 1, 2); st != "invalid" || !strings.Contains(note, "UTF-8") {
					t.Errorf("row 1: %s %q", st, note)
				}
			}},
		{name: "empty and CR lines", file: "e.csv", gen: text("id,address\n\n\r\n1,\"P7, Q5, TP.HCM\"\n\n"), rows: 4, msg: "invalid: 3"},
		{name: "too many fields are echoed", file: "wide.csv", gen: text("id,address\n1,Hà Nội,extra one,extra two\n"), rows: 1,
			check: func(t *testing.T, recs [][]string) {
				if st, note := status(recs, 1, 2); st != "invalid" || !strings.Contains(note, `"extra one", "extra two"`) {
					t.Errorf("row 1: %s %q", st, note)
				}
			}},
		{name: "10 MB field keeps the other fields", file: "long.csv",
			gen:  text("id,address,name\n1,\"" + big + "\",kept\n2,\"P7, Q5, TP.HCM\",x\n"),
			rows: 2, msg: "invalid: 1",
			check: func(t *testing.T, recs [][]string) {
				r := recs[1]
				if r[0] != "1" || r[2] != "kept" || len(r[1]) != 1<<20 || r[3] != "invalid" || !strings.Contains(r[len(r)-1], "field too long") {
					t.Errorf("row 1: id %q, name %q, address of %d bytes, status %s, note %q", r[0], r[2], len(r[1]), r[3], r[len(r)-1])
				}
			}},
		{name: "empty file", file: "empty.csv", gen: text(""), code: 2, rows: -1, msg: "empty"},
		{name: "header only", file: "h.csv", gen: text("id,address\n"), rows: 0, msg: "0 rows"},
		{name: "no address column", file: "nocol.csv", gen: text("a,b\n1,2\n"), code: 2, rows: -1, msg: "which column holds the address"},
		{name: "garbage is never ok", file: "g.csv", gen: text("address\n???\n\"\"\n-\n@@@\n"), rows: 4, msg: "4 rows",
			check: func(t *testing.T, recs [][]string) {
				for i := 1; i < len(recs); i++ {
					if st, _ := status(recs, i, 1); st == "ok" {
						t.Errorf("row %d ok: %q", i, recs[i])
					}
				}
			}},
		{name: "formulas are escaped", file: "f.csv", args: []string{"--excel-safe"},
			gen:  text("id,address\n=1+1,=HYPERLINK(\"http://evil\")\n-12.5,@SUM(A1)\n"),
			rows: 2,
			check: func(t *testing.T, recs [][]string) {
				if recs[1][0] != "'=1+1" || recs[1][1] != `'=HYPERLINK("http://evil")` || recs[2][0] != "-12.5" || recs[2][1] != "'@SUM(A1)" {
					t.Errorf("rows %q", recs[1:])
				}
			}},
		{name: "NUL bytes", file: "nul.csv", gen: text("id,address\n1,H\x00à N\x00ội\n2,\x00\n"), rows: 2, msg: "2 rows"},
		{name: "broken JSONL", file: "b.jsonl", gen: text("{\"id\":1,\"address\":\"P7, Q5, TP.HCM\"}\nnot json\n[1,2]\n{\"id\":4}\n{\"id\":5,\"address\":\"x\",\"more\":1}\n"),
			// a key first seen in a later object is a column (issue 13), so
			// the last object is read: its address "x" is not found
			rows: 5, msg: "invalid: 3, not_found: 1, ok: 1"},
		{name: "TSV escapes", file: "t.tsv", gen: text("id\taddress\n1\tP7, Q5\\tTP.HCM\n2\t\\\\\n"), rows: 2, msg: "2 rows"},
		{name: "header wider than a sheet", file: "cols.csv",
			gen:  func(w io.Writer) { io.WriteString(w, "address"); repeat(w, ",c", 20000); io.WriteString(w, "\n1\n") },
			code: 2, rows: -1, msg: "more than 16384"},
		{name: "not a zip", file: "x.xlsx", gen: text("id,address\n1,2\n"), code: 2, rows: -1, msg: "x.xlsx"},
		{name: "unknown extension", file: "x.pdf", gen: text("%PDF-1.4"), code: 2, rows: -1, msg: "extension"},

		// Bombs: in a child process, input on stdin, peak RSS bounded.
		{name: "bomb: 128 MB field", file: "-", maxRSS: 200, rows: 2, msg: "invalid: 1, ok: 1",
			gen: func(w io.Writer) {
				io.WriteString(w, "id,address,name\n1,")
				repeat(w, strings.Repeat("x", 1<<20), 128)
				io.WriteString(w, ",kept\n2,\"P7, Q5, TP.HCM\",y\n")
			}},
		{name: "bomb: rows of half a million fields", file: "-", maxRSS: 250, rows: 20, msg: "invalid: 20",
			gen: func(w io.Writer) {
				io.WriteString(w, "id,address\n")
				line := "1,Hà Nội" + strings.Repeat(",x", 1<<19) + "\n"
				repeat(w, line, 20)
			}},
		{name: "bomb: an open quote before 200,000 lines", file: "-", maxRSS: 200, rows: 200001, msg: "invalid: 1",
			gen: func(w io.Writer) {
				io.WriteString(w, "id,address\n1,\"open\n")
				repeat(w, "2,Phường 7 Quận 5 TP.HCM "+strings.Repeat("y", 200)+"\n", 200000)
			}},
	}
}

func TestHostileFiles(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.maxRSS > 0 {
				t.Parallel()
			}
			dir := t.TempDir()
			out := filepath.Join(dir, "out.csv")
			var stderr string
			var code int
			if tc.maxRSS > 0 {
				if testing.Short() {
					t.Skip("bomb cases are skipped with -short")
				}
				args := append([]string{"convert", "--format", "csv", "-o", out}, tc.args...)
				var rss int64
				stderr, code, rss = child(t, tc.gen, args...)
				ceiling := tc.maxRSS
				if raceEnabled {
					ceiling = ceiling * 5 / 2
				}
				t.Logf("peak RSS %d MiB (ceiling %d)", rss, ceiling)
				if rss > ceiling {
					t.Errorf("peak RSS %d MiB, more than %d", rss, ceiling)
				}
			} else {
				in := filepath.Join(dir, tc.file)
				f, err := os.Create(in)
				if err != nil {
					t.Fatal(err)
				}
				tc.gen(f)
				f.Close()
				args := append(append([]string{"convert", "-o", out}, tc.args...), in)
				_, stderr, code = runIn(context.Background(), nil, args...)
			}
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.msg) {
				t.Errorf("stderr %q does not say %q", stderr, tc.msg)
			}
			if tc.rows < 0 {
				if _, err := os.Stat(out); err == nil {
					t.Errorf("an output was written")
				}
				return
			}
			n, recs := countRows(t, out, tc.check != nil)
			if n != tc.rows {
				t.Errorf("%d output rows for %d input rows", n, tc.rows)
			}
			if tc.check != nil {
				tc.check(t, recs)
			}
		})
	}
}

// TestHostileXLSXPublicAPI: a table written as XLSX through package
// tabular converts row for row.
func TestHostileXLSXPublicAPI(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.xlsx")
	f, _ := os.Create(in)
	w, err := tabular.NewWriter(f, tabular.XLSX, tabular.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w.WriteHeader([]string{"id", "address"})
	for i := range 50 {
		w.WriteRow([]string{fmt.Sprint(i), []string{"P7, Q5, TP.HCM", "=1+1", "", "???", "Hà Nội"}[i%5]})
	}
	w.Close()
	f.Close()
	out := filepath.Join(dir, "out.csv")
	_, stderr, code := runIn(context.Background(), nil, "convert", "-o", out, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n, _ := countRows(t, out, false); n != 50 {
		t.Errorf("%d rows out for 50 in", n)
	}
}
