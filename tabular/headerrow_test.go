package tabular

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/golden"
)

// likeAddress is a HeaderLike for the tests: the address column's names.
func likeAddress(s string) bool {
	return strings.EqualFold(s, "Địa chỉ") || strings.EqualFold(s, "address")
}

// dumpHeaderRow reads in with opts and dumps the header's row, the header
// and every row, or the error of NewReader.
func dumpHeaderRow(t *testing.T, in []byte, f Format, opts ReaderOptions) string {
	t.Helper()
	r, err := NewReader(bytes.NewReader(in), f, opts)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	defer r.Close()
	return dumpRows(t, r, fmt.Sprintf("header row %d %q", HeaderRowOf(r), r.Header()))
}

// headerRowCases are the ways of reading a table with title rows.
var headerRowCases = []struct {
	name string
	opts ReaderOptions
}{
	{"as before (the first row is the header)", ReaderOptions{}},
	{"detected (HeaderLike)", ReaderOptions{HeaderLike: likeAddress}},
	{"HeaderRow 4", ReaderOptions{HeaderRow: 4}},
	{"HeaderRow 3 (a blank row)", ReaderOptions{HeaderRow: 3}},
	{"HeaderRow 40 (past the end)", ReaderOptions{HeaderRow: 40}},
}

// TestGoldenTitleRows reads CSV files with title rows above the header:
// title rows are not data rows (Num starts at 1 under the header) while
// Line stays the file's.
func TestGoldenTitleRows(t *testing.T) {
	for _, name := range []string{"titles.csv", "titles-semicolon.csv"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			for _, c := range headerRowCases {
				fmt.Fprintf(&out, "# %s\n%s", c.name, dumpHeaderRow(t, in, CSV, c.opts))
			}
			golden.Check(t, name+".golden", []byte(out.String()))
		})
	}
}

// titlesBook is an office sheet: two title rows, a blank row kept for its
// formatting, the header on row 4, then data.
var titlesBook = book{
	sst: []string{"UBND TỈNH ĐẮK LẮK", "DANH SÁCH HỘ DÂN", "STT", "Họ tên", "Địa chỉ"},
	xfs: []int{14},
	sheets: []sheetXML{{name: "DS", data: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>
<row r="2"><c r="B2" t="s"><v>1</v></c></row>
<row r="3"><c r="A3" s="1"/><c r="B3" s="1"/></row>
<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="s"><v>3</v></c><c r="C4" t="s"><v>4</v></c></row>
<row r="5"><c r="A5"><v>1</v></c><c r="B5" t="inlineStr"><is><t>Nguyễn Văn A</t></is></c><c r="C5" t="inlineStr"><is><t>Xã Hòa Phú, TP Buôn Ma Thuột</t></is></c></row>
<row r="7"><c r="A7"><v>2</v></c><c r="B7" t="inlineStr"><is><t>Trần Thị B</t></is></c><c r="C7" t="inlineStr"><is><t>Phường Tân Lợi</t></is></c></row>
`}},
}

// TestGoldenTitleRowsXLSX reads a workbook with title rows above the
// header.
func TestGoldenTitleRowsXLSX(t *testing.T) {
	data := titlesBook.zipBytes(t)
	var out strings.Builder
	for _, c := range headerRowCases {
		fmt.Fprintf(&out, "# %s\n%s", c.name, dumpHeaderRow(t, data, XLSX, c.opts))
	}
	golden.Check(t, "titles.xlsx.golden", []byte(out.String()))
}

// TestHeaderRowNotDetected checks that detection keeps the first row as the
// header unless it is sure: the same rows as without HeaderLike.
func TestHeaderRowNotDetected(t *testing.T) {
	for _, in := range []string{
		"name,Địa chỉ\nA,x\n",                                           // the first row is a header
		"Title\nSTT,Họ tên,Nơi ở\n1,A,x\n",                              // no known column name
		"Title\n" + strings.Repeat("more\n", 19) + "STT,Địa chỉ\n1,x\n", // header below row 20
		"Title\nsubtitle\n\n",                                           // titles only
		"Địa chỉ\nx\ny\n",                                               // one column
		"Title\nA,B\nSTT,Địa chỉ\n",                                     // the first wide row is not the header
		"",
	} {
		want := dumpHeaderRow(t, []byte(in), CSV, ReaderOptions{})
		if got := dumpHeaderRow(t, []byte(in), CSV, ReaderOptions{HeaderLike: likeAddress}); got != want {
			t.Errorf("%q: detected\n%s\nwant\n%s", in, got, want)
		}
	}
	// Detected: the header on line 21 is not, on line 20 it is.
	in := "Title\n" + strings.Repeat("\n", 18) + "STT,Địa chỉ\n1,x\n"
	r, err := NewReader(strings.NewReader(in), CSV, ReaderOptions{HeaderLike: likeAddress})
	if err != nil {
		t.Fatal(err)
	}
	if got := HeaderRowOf(r); got != 20 {
		t.Errorf("header row %d, want 20", got)
	}
}

// TestHeaderRowOptions checks the options that do not go together.
func TestHeaderRowOptions(t *testing.T) {
	for _, c := range []struct {
		f    Format
		opts ReaderOptions
	}{
		{JSONL, ReaderOptions{HeaderRow: 2}},
		{CSV, ReaderOptions{HeaderRow: -1}},
		{CSV, ReaderOptions{HeaderRow: 2, NoHeader: true}},
	} {
		if _, err := NewReader(strings.NewReader("a\nb\n"), c.f, c.opts); err == nil {
			t.Errorf("%v %+v: no error", c.f, c.opts)
		}
	}
}

// FuzzCSVTitleRows reads any input with header detection: what holds for
// any CSV holds (checkRows), the header is within the first rows, and
// rows are the lines below it.
func FuzzCSVTitleRows(f *testing.F) {
	for _, s := range []string{"UBND TỈNH ĐẮK LẮK,,\n\"DANH SÁCH, HỘ\",,\n,,\nSTT,Họ tên,Địa chỉ\n1,A,\"x, y\"\n",
		"T\n\nSTT;Địa chỉ\n1;x\n", "\xEF\xBB\xBFT\nSTT,address\n", "T\n\"a\nb\",address\n", "T\nA,B\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		opts := ReaderOptions{MaxFieldBytes: 64, MaxRecordBytes: 256, MaxRecordLines: 4, HeaderLike: likeAddress}
		lines, _, ok := checkRows(t, in, CSV, opts)
		if !ok {
			return
		}
		r, err := NewReader(bytes.NewReader(in), CSV, opts)
		if err != nil {
			t.Fatalf("NewReader failed after checkRows: %v", err)
		}
		h := HeaderRowOf(r)
		if h > DetectHeaderRows {
			t.Fatalf("header on row %d", h)
		}
		if len(lines) > 0 && lines[0] <= h {
			t.Fatalf("first row on line %d, header on %d", lines[0], h)
		}
		if bytes.IndexByte(in, '"') < 0 && h > 0 {
			if want := max(physicalLines(in)-h, 0); len(lines) != want {
				t.Fatalf("%d rows for %d lines after the header on line %d", len(lines), want, h)
			}
		}
	})
}

// TestXLSXReadAheadReplayed: rows read ahead while looking for a header
// are served again when none is found, so the rows are those without
// HeaderLike.
func TestXLSXReadAheadReplayed(t *testing.T) {
	var one, unknown strings.Builder
	for i := 1; i <= 25; i++ {
		fmt.Fprintf(&one, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>v%d</t></is></c></row>`, i, i, i)
	}
	unknown.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c><c r="B3" t="inlineStr"><is><t>b</t></is></c></row>` +
		`<row r="4"><c r="A4"><v>1</v></c><c r="B4"><v>2</v></c></row>`)
	for _, data := range []string{one.String(), unknown.String()} {
		in := book{sheets: []sheetXML{{name: "S", data: data}}}.zipBytes(t)
		want := dumpHeaderRow(t, in, XLSX, ReaderOptions{})
		if got := dumpHeaderRow(t, in, XLSX, ReaderOptions{HeaderLike: likeAddress}); got != want {
			t.Errorf("with HeaderLike:\n%s\nwant\n%s", got, want)
		}
	}
}
