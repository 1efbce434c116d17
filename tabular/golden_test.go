package tabular

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/golden"
)

// eachRow calls fn with every row r reads, then returns; an error of Next
// fails the test. fn gets the same Row each time: it copies what it keeps.
func eachRow(t testing.TB, r Reader, fn func(row *Row)) {
	t.Helper()
	var row Row
	for {
		if err := r.Next(&row); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("Next: %v", err)
		}
		fn(&row)
	}
}

// dumpRows writes head, then every row r reads (its numbers, fields, extra
// fields and error), one line each, as the golden files show them.
func dumpRows(t testing.TB, r Reader, head string) string {
	t.Helper()
	var out strings.Builder
	out.WriteString(head + "\n")
	eachRow(t, r, func(row *Row) {
		fmt.Fprintf(&out, "row %d line %d %q", row.Num, row.Line, row.Fields)
		if len(row.Extra) > 0 {
			fmt.Fprintf(&out, " extra %q", row.Extra)
		}
		if row.Err != nil {
			fmt.Fprintf(&out, " error: %v", row.Err)
		}
		out.WriteByte('\n')
	})
	return out.String()
}

// dumpTable reads a whole table in format f into its header line and one
// line per row (dumpRows).
func dumpTable(t testing.TB, in []byte, f Format, opts ReaderOptions) string {
	t.Helper()
	r, err := NewReader(bytes.NewReader(in), f, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return dumpRows(t, r, fmt.Sprintf("header %q", r.Header()))
}

// TestGoldenMessy reads messy inputs and dumps every row: its numbers, its
// fields and its error, one line each.
func TestGoldenMessy(t *testing.T) {
	for _, name := range []string{"messy.csv", "messy.tsv", "messy.jsonl"} {
		t.Run(name, func(t *testing.T) {
			f, err := FormatFromPath(name)
			if err != nil {
				t.Fatal(err)
			}
			in, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".golden", []byte(dumpTable(t, in, f, ReaderOptions{})))
		})
	}
}
