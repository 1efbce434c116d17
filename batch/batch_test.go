package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/golden"
	"github.com/dvhc-vn/dvhc/tabular"
)

var cols = []string{"status", "note", "upper"}

// upper is a trivial conversion: the address in upper case.
func upper(row *tabular.Row, out []string) {
	out[0] = "ok"
	out[2] = strings.ToUpper(row.Fields[1])
}

func run(t testing.TB, in string, opts Options, fn Func) (Summary, [][]string) {
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
	if opts.Columns == nil {
		opts.Columns = cols
	}
	sum, err := Run(context.Background(), r, w, opts, fn)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Read the output back to check it.
	back, err := tabular.NewReader(&out, tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]string{back.Header()}
	var row tabular.Row
	for {
		if err := back.Next(&row); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if row.Err != nil {
			t.Fatalf("output row %d unreadable: %v", row.Num, row.Err)
		}
		rows = append(rows, append([]string(nil), row.Fields...))
	}
	return sum, rows
}

// The acceptance example: a header, 10 garbage lines, an empty line and a
// line with invalid UTF-8 make exactly 12 output data rows.
func TestGarbageTwelveRows(t *testing.T) {
	in := "id,address\n" +
		"\"\"\"\n" +
		"2,\"unterminated\n" +
		"3,\"x\"y\"z\n" +
		",,,,,,,,\n" +
		"\x00\x01\x02\n" +
		"\"\",\"\",\"\",\"\n" +
		"7\n" +
		"8,\"a\"\"b\n" +
		"9,ok\"quote\n" +
		"10,\"\"\"\"\"\n" +
		"\n" +
		"12,H\xe0 N\xf4i\n"
	sum, rows := run(t, in, Options{Workers: 4, ChunkRows: 3}, upper)
	if len(rows)-1 != 12 || sum.Rows != 12 {
		t.Fatalf("%d output rows (summary %d), want 12:\n%q", len(rows)-1, sum.Rows, rows)
	}
	if got, want := strings.Join(rows[0], ","), "id,address,status,note,upper"; got != want {
		t.Errorf("header %s, want %s", got, want)
	}
	for i, r := range rows[1:] {
		if len(r) != 5 {
			t.Errorf("row %d has %d fields", i+1, len(r))
		}
		if r[2] == StatusInvalid && !strings.HasPrefix(r[3], "row "+strconv.Itoa(i+1)+" ") {
			t.Errorf("row %d note %q does not name the row", i+1, r[3])
		}
	}
	if rows[11][2] != StatusInvalid || !strings.Contains(rows[11][3], "empty line") {
		t.Errorf("empty line row: %q", rows[11])
	}
	if rows[12][2] != StatusInvalid || !strings.Contains(rows[12][3], "invalid UTF-8") {
		t.Errorf("invalid UTF-8 row: %q", rows[12])
	}
	if sum.Counts[StatusInvalid]+sum.Counts["ok"] != 12 || sum.Counts[StatusInvalid] < 6 {
		t.Errorf("counts %v", sum.Counts)
	}
	t.Logf("summary: %v", sum)
}

func TestOrderManyWorkers(t *testing.T) {
	const n = 20011
	var b strings.Builder
	b.WriteString("id,address\n")
	for i := 1; i <= n; i++ {
		if i%1000 == 0 {
			b.WriteString("\n") // a broken row now and then
			continue
		}
		fmt.Fprintf(&b, "%d,street %d\n", i, i)
	}
	var calls atomic.Int64
	fn := func(row *tabular.Row, out []string) {
		calls.Add(1)
		if row.Num%7 == 0 {
			runtime.Gosched()
		}
		out[0] = "ok"
		if row.Num%3 == 0 {
			out[0] = "ambiguous"
		}
		out[2] = row.Fields[0]
	}
	var progress []int
	sum, rows := run(t, b.String(), Options{Workers: 16, ChunkRows: 7, InFlight: 5, Progress: func(n int) { progress = append(progress, n) }}, fn)
	if len(rows)-1 != n {
		t.Fatalf("%d rows, want %d", len(rows)-1, n)
	}
	for i, r := range rows[1:] {
		num := i + 1
		if num%1000 == 0 {
			if r[2] != StatusInvalid {
				t.Fatalf("row %d: %q, want invalid", num, r)
			}
			continue
		}
		if r[0] != strconv.Itoa(num) || r[4] != r[0] {
			t.Fatalf("row %d out of order: %q", num, r)
		}
	}
	if calls.Load() != int64(n-n/1000) {
		t.Errorf("fn called %d times, want %d", calls.Load(), n-n/1000)
	}
	if sum.Counts["ok"]+sum.Counts["ambiguous"]+sum.Counts[StatusInvalid] != n || sum.Counts[StatusInvalid] != n/1000 {
		t.Errorf("counts %v", sum.Counts)
	}
	if len(progress) == 0 || progress[len(progress)-1] != n {
		t.Errorf("progress ended at %v", progress[len(progress)-1:])
	}
}

func TestEmptyAndHeaderOnly(t *testing.T) {
	for _, in := range []string{"", "id,address\n"} {
		sum, rows := run(t, in, Options{}, upper)
		if sum.Rows != 0 || len(rows) != 1 {
			t.Errorf("%q: %d rows, output %q", in, sum.Rows, rows)
		}
	}
}

func TestPanicStopsRun(t *testing.T) {
	r, _ := tabular.NewReader(strings.NewReader("id,address\n1,a\n2,b\n3,c\n"), tabular.CSV, tabular.ReaderOptions{})
	w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
	_, err := Run(context.Background(), r, w, Options{Columns: cols}, func(row *tabular.Row, out []string) {
		if row.Num == 2 {
			panic("boom")
		}
		out[0] = "ok"
	})
	if err == nil || !strings.Contains(err.Error(), "row 2 (line 3)") || dvhc.ErrorKind(err) != dvhc.EINTERNAL {
		t.Errorf("error = %v", err)
	}
}

func TestCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,address\n")
	for i := range 100000 {
		fmt.Fprintf(&b, "%d,x\n", i)
	}
	r, _ := tabular.NewReader(strings.NewReader(b.String()), tabular.CSV, tabular.ReaderOptions{})
	w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	sum, err := Run(ctx, r, w, Options{Columns: cols, ChunkRows: 100, Progress: func(n int) {
		if n >= 1000 {
			cancel()
		}
	}}, upper)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v", err)
	}
	if sum.Rows < 1000 || sum.Rows >= 100000 {
		t.Errorf("%d rows written", sum.Rows)
	}
}

func TestWriterErrorStops(t *testing.T) {
	r, _ := tabular.NewReader(strings.NewReader("id,address\n1,a\n2,b\n"), tabular.CSV, tabular.ReaderOptions{})
	_, err := Run(context.Background(), r, failWriter{}, Options{Columns: cols}, upper)
	if err == nil || err.Error() != "disk full" {
		t.Errorf("error = %v", err)
	}
}

type failWriter struct{}

func (failWriter) WriteHeader([]string) error { return nil }
func (failWriter) WriteRow([]string) error    { return errors.New("disk full") }
func (failWriter) Close() error               { return nil }

func TestBadOptions(t *testing.T) {
	r, _ := tabular.NewReader(strings.NewReader("a\n"), tabular.CSV, tabular.ReaderOptions{})
	_, err := Run(context.Background(), r, failWriter{}, Options{Columns: []string{"x"}}, upper)
	if dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("error = %v", err)
	}
}

func TestSummaryString(t *testing.T) {
	s := Summary{Counts: map[string]int{"ok": 5, "invalid": 1, "ambiguous": 2, "not_found": 2}}
	if got, want := s.String(), "ok: 5, ambiguous: 2, not_found: 2, invalid: 1"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// TestGoldenMessy converts testdata/messy.csv to CSV and JSONL and
// compares the outputs with the golden files.
func TestGoldenMessy(t *testing.T) {
	in, err := os.ReadFile("testdata/messy.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []tabular.Format{tabular.CSV, tabular.JSONL} {
		r, err := tabular.NewReader(bytes.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		w, _ := tabular.NewWriter(&out, f, tabular.WriterOptions{})
		fn := func(row *tabular.Row, out []string) {
			out[0] = "ok"
			if row.Fields[2] == "" {
				out[0] = "not_found"
			}
			out[2] = strings.ToUpper(row.Fields[1])
		}
		sum, err := Run(context.Background(), r, w, Options{Columns: cols, Workers: 3, ChunkRows: 2}, fn)
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
		fmt.Fprintf(&out, "# %d rows: %v\n", sum.Rows, sum)
		golden.Check(t, "messy.out."+f.String(), out.Bytes())
	}
}
