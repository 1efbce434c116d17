package tabular

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/golden"
)

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
		got := dumpTable(t, in, CSV, ReaderOptions{})
		golden.Check(t, name+".golden", []byte(got))
		if named := dumpTable(t, in, CSV, ReaderOptions{Encoding: enc}); named != got {
			t.Errorf("%s: --encoding %s reads\n%s\ndetected:\n%s", name, enc, named, got)
		}
	}
	if _, err := NewReader(strings.NewReader("a\n"), CSV, ReaderOptions{Encoding: "latin9"}); err == nil {
		t.Error("unknown encoding: no error")
	}
}
