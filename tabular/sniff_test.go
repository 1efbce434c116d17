package tabular

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/golden"
)

func TestSniffComma(t *testing.T) {
	for line, want := range map[string]byte{
		"id,dia_chi":                 ',',
		"id;dia_chi;ghi_chu":         ';',
		"id\tdia_chi":                '\t',
		`"a;b;c",d`:                  ',',
		"address":                    ',',
		"":                           ',',
		"ma;ten,dia chi;ghi chu":     ';',
		`"x,y";"z"`:                  ';',
		"a,b;c":                      ',',
		"\xEF\xBB\xBFid;dia_chi;lat": ';',
	} {
		if got := SniffComma([]byte(line)); got != want {
			t.Errorf("SniffComma(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestSemicolonCSV reads the ';'-delimited CSV that Excel writes in
// Vietnamese locales, without being told the delimiter.
func TestSemicolonCSV(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "semicolon.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(bytes.NewReader(in), CSV, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if Comma(r) != ';' {
		t.Errorf("Comma = %q, want ';'", Comma(r))
	}
	golden.Check(t, "semicolon.csv.golden", []byte(dumpRows(t, r, fmt.Sprintf("header %q", r.Header()))))
}

// TestBOM: WriterOptions.BOM starts a CSV with the UTF-8 byte-order mark
// (Excel on Windows then reads UTF-8), and the reader drops it.
func TestBOM(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, CSV, WriterOptions{BOM: true, Comma: ';'})
	w.WriteHeader([]string{"id", "địa chỉ"})
	w.WriteRow([]string{"1", "Hà Nội; Việt Nam"})
	w.Close()
	if want := "\xEF\xBB\xBFid;địa chỉ\n1;\"Hà Nội; Việt Nam\"\n"; buf.String() != want {
		t.Errorf("CSV = %q, want %q", buf.String(), want)
	}
	header, rows := readAll(t, CSV, buf.String(), ReaderOptions{})
	if header[0] != "id" || len(rows) != 1 || rows[0].Fields[1] != "Hà Nội; Việt Nam" {
		t.Errorf("read back: %q %+v", header, rows)
	}
}

func FuzzSniffComma(f *testing.F) {
	f.Add([]byte("id;dia_chi"))
	f.Add([]byte(`"a,b";c;d`))
	f.Fuzz(func(t *testing.T, line []byte) {
		if c := SniffComma(line); c != ',' && c != ';' && c != '\t' {
			t.Fatalf("SniffComma(%q) = %q", line, c)
		}
	})
}
