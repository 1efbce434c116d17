package tabular

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n got:\n%s\nwant:\n%s", path, got, want)
	}
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
			r, err := NewReader(bytes.NewReader(in), f, ReaderOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			fmt.Fprintf(&out, "header %q\n", r.Header())
			var row Row
			for {
				if err := r.Next(&row); err == io.EOF {
					break
				} else if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&out, "row %d line %d %q", row.Num, row.Line, row.Fields)
				if len(row.Extra) > 0 {
					fmt.Fprintf(&out, " extra %q", row.Extra)
				}
				if row.Err != nil {
					fmt.Fprintf(&out, " error: %v", row.Err)
				}
				out.WriteByte('\n')
			}
			golden(t, name+".golden", []byte(out.String()))
		})
	}
}
