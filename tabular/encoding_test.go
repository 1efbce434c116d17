package tabular

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dumpRows reads a whole table into one line per row.
func dumpRows(t *testing.T, in []byte, f Format, opts ReaderOptions) string {
	t.Helper()
	r, err := NewReader(bytes.NewReader(in), f, opts)
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
		if row.Err != nil {
			fmt.Fprintf(&out, " error: %v", row.Err)
		}
		out.WriteByte('\n')
	}
	return out.String()
}

// TestLegacyEncodings reads the same CSV written in TCVN3, VNI and
// Windows-1258 (made from known text): the encoding is detected and the
// rows come out in UTF-8 NFC, as with --encoding.
func TestLegacyEncodings(t *testing.T) {
	for _, enc := range []string{"tcvn3", "vni", "windows-1258"} {
		name := "legacy-" + enc + ".csv"
		in, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		got := dumpRows(t, in, CSV, ReaderOptions{})
		golden(t, name+".golden", []byte(got))
		if named := dumpRows(t, in, CSV, ReaderOptions{Encoding: enc}); named != got {
			t.Errorf("%s: --encoding %s reads\n%s\ndetected:\n%s", name, enc, named, got)
		}
	}
	if _, err := NewReader(strings.NewReader("a\n"), CSV, ReaderOptions{Encoding: "latin9"}); err == nil {
		t.Error("unknown encoding: no error")
	}
}
