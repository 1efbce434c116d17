package tabular

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/golden"
	"github.com/xuri/excelize/v2"
)

// book describes a workbook for the tests, written part by part so that
// the tests control every byte of the XML.
type book struct {
	sheets   []sheetXML
	sst      []string // shared strings, plain text
	sstXML   string   // or the raw <sst> content
	sstGen   func(io.Writer)
	numFmts  string // <numFmt> elements
	xfs      []int  // number format id of each cell style
	date1904 bool
	store    bool // store the parts uncompressed
}

// sheetXML is a sheet: data is the content of <sheetData>, or gen writes
// it.
type sheetXML struct {
	name, data string
	gen        func(io.Writer)
}

// zipBytes returns the XLSX file.
func (b book) zipBytes(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	method := zip.Deflate
	if b.store {
		method = zip.Store
	}
	add := func(name, content string) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	if b.date1904 {
		wb.WriteString(`<workbookPr date1904="1"/>`)
	}
	wb.WriteString(`<sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>`)
	for i, s := range b.sheets {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	add("[Content_Types].xml", ct.String())
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", wb.String())
	add("xl/_rels/workbook.xml.rels", rels.String())
	var st strings.Builder
	st.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if b.numFmts != "" {
		fmt.Fprintf(&st, `<numFmts>%s</numFmts>`, b.numFmts)
	}
	st.WriteString(`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs>`)
	st.WriteString(`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for _, id := range b.xfs {
		fmt.Fprintf(&st, `<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`, id)
	}
	st.WriteString(`</cellXfs></styleSheet>`)
	add("xl/styles.xml", st.String())
	sst := b.sstXML
	if sst == "" {
		var s strings.Builder
		for _, v := range b.sst {
			s.WriteString(`<si><t xml:space="preserve">`)
			xmlEscape(&s, v)
			s.WriteString(`</t></si>`)
		}
		sst = s.String()
	}
	gen := func(name, head, body, tail string, g func(io.Writer)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, head)
		if g != nil {
			g(w)
		}
		io.WriteString(w, body)
		io.WriteString(w, tail)
	}
	gen("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, sst, `</sst>`, b.sstGen)
	for i, s := range b.sheets {
		gen(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`, s.data, `</sheetData></worksheet>`, s.gen)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func xmlEscape(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	b.WriteString(r.Replace(s))
}

// dump reads an XLSX and writes its header and rows, one line each, as the
// golden files show them.
func dump(t testing.TB, data []byte, opts ReaderOptions) string {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data), XLSX, opts)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	defer r.Close()
	return dumpRows(t, r, fmt.Sprintf("sheet %q header %q", r.(*xlsxReader).Sheet(), r.Header()))
}

// typesBook has a cell of every kind the reader knows.
var typesBook = book{
	sst:     []string{"id", "kind", "value", "note", "00004", "Hà Nội", "line_x000D_\nbreak"},
	numFmts: `<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.000&quot;d&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm"/><numFmt numFmtId="167" formatCode="0.00E+00"/>`,
	// styles 1..: date, date-time, time, percent, custom date, custom number, elapsed, scientific, thousands
	xfs: []int{14, 22, 21, 10, 164, 165, 166, 167, 3},
	sheets: []sheetXML{{name: "Dữ liệu", data: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>text code</t></is></c><c r="C2" t="s"><v>4</v></c></row>
<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>number</t></is></c><c r="C3"><v>1234.5</v></c><c r="D3"><v>0.30000000000000004</v></c></row>
<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inlineStr"><is><t>big and small</t></is></c><c r="C4"><v>84901234567</v></c><c r="D4"><v>1.5E-12</v></c></row>
<row r="5"><c r="A5"><v>4</v></c><c r="B5" t="inlineStr"><is><t>date</t></is></c><c r="C5" s="1"><v>45839</v></c><c r="D5" s="5"><v>45839</v></c></row>
<row r="6"><c r="A6"><v>5</v></c><c r="B6" t="inlineStr"><is><t>date-time, time</t></is></c><c r="C6" s="2"><v>45839.5</v></c><c r="D6" s="3"><v>0.75</v></c></row>
<row r="7"><c r="A7"><v>6</v></c><c r="B7" t="inlineStr"><is><t>percent, custom</t></is></c><c r="C7" s="4"><v>0.25</v></c><c r="D7" s="6"><v>2.5</v></c></row>
<row r="8"><c r="A8"><v>7</v></c><c r="B8" t="inlineStr"><is><t>bool</t></is></c><c r="C8" t="b"><v>1</v></c><c r="D8" t="b"><v>0</v></c></row>
<row r="9"><c r="A9"><v>8</v></c><c r="B9" t="inlineStr"><is><t>formulas</t></is></c><c r="C9"><f>A9*2</f><v>16</v></c><c r="D9" t="str"><f>B9&amp;"!"</f><v>formulas!</v></c></row>
<row r="10"><c r="A10"><v>9</v></c><c r="B10" t="inlineStr"><is><t>no cached value, error</t></is></c><c r="C10"><f>A10+1</f></c><c r="D10" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
<row r="11"><c r="A11"><v>10</v></c><c r="B11" t="inlineStr"><is><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r><rPh><t>phonetic</t></rPh></is></c><c r="C11" t="s"><v>5</v></c><c r="D11" t="s"><v>6</v></c></row>
<row r="12"><c r="A12"><v>11</v></c><c r="B12" t="inlineStr"><is><t>elapsed, scientific</t></is></c><c r="C12" s="7"><v>1.5</v></c><c r="D12" s="8"><v>12345</v></c></row>
<row r="13"><c r="A13"><v>12</v></c><c r="B13" t="inlineStr"><is><t>ISO date cell, entities</t></is></c><c r="C13" t="d"><v>2025-07-01T08:30:00</v></c><c r="D13" t="inlineStr"><is><t>&lt;a&gt; &amp; &#7889; &#x1EA1; <![CDATA[<raw>]]></t></is></c></row>
<row r="14"><c r="A14"><v>13</v></c><c t="inlineStr"><is><t>no cell references, thousands</t></is></c><c><v>7</v></c><c s="9"><v>1234567</v></c><c r="F14"><v>1</v></c></row>
`}},
}

// TestXLSXTypes reads a cell of every kind against a golden file.
func TestXLSXTypes(t *testing.T) {
	golden.Check(t, "types.xlsx.golden", []byte(dump(t, typesBook.zipBytes(t), ReaderOptions{})))
	// The 1904 date system moves dates by 1462 days.
	b := typesBook
	b.date1904 = true
	got := dump(t, b.zipBytes(t), ReaderOptions{})
	if !strings.Contains(got, `"2029-07-02"`) {
		t.Errorf("1904 dates: %s", got)
	}
}

// TestXLSXRowsByNumber checks that rows out of order, gaps and blank rows
// never merge rows or lose one.
func TestXLSXRowsByNumber(t *testing.T) {
	b := book{sheets: []sheetXML{{name: "S", data: `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>address</t></is></c></row>
<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>a</t></is></c></row>
<row r="1048576"><c r="A1048576"><v>2</v></c><c r="B1048576" t="inlineStr"><is><t>b</t></is></c></row>
<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inlineStr"><is><t>c</t></is></c></row>
<row r="5" s="1" customFormat="1"/>
<row r="6"><c r="A6" s="1"/><c r="B6" t="inlineStr"><is><t></t></is></c></row>
<row><c r="B7" t="inlineStr"><is><t>no number</t></is></c><c r="A7"><v>4</v></c></row>
<row r="9"><c r="A9"><v>5</v></c><c r="C9" t="inlineStr"><is><t>extra</t></is></c><c r="F9" t="inlineStr"><is><t>far</t></is></c></row>
<row r="10"><c r="A10"><v>6</v></c><c r="B10" t="inlineStr"><is><t>x</t></is></c></row>
<row r="10"><c r="A10"><v>7</v></c><c r="B10" t="inlineStr"><is><t>same number</t></is></c></row>
`}}}
	header, rows := readAll(t, XLSX, string(b.zipBytes(t)), ReaderOptions{})
	if !slices.Equal(header, []string{"id", "address"}) {
		t.Fatalf("header %q", header)
	}
	want := []got{
		ok(2, "1", "a"),
		ok(1048576, "2", "b"),
		ok(4, "3", "c"),
		ok(7, "4", "no number"),
		{Line: 9, Fields: []string{"5", ""}, Extra: []string{"extra", "far"}, Err: ErrFieldCount},
		ok(10, "6", "x"),
		ok(10, "7", "same number"),
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i := range want {
		if g := rows[i]; g.Line != want[i].Line || !slices.Equal(g.Fields, want[i].Fields) || !slices.Equal(g.Extra, want[i].Extra) || g.Err != want[i].Err {
			t.Errorf("row %d = %+v, want %+v", i+1, g, want[i])
		}
	}
}

// TestXLSXSheet picks sheets by name and by number.
func TestXLSXSheet(t *testing.T) {
	sheet := func(v string) string {
		return `<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>` + v + `</t></is></c></row>`
	}
	data := book{sheets: []sheetXML{{name: "Tổng hợp", data: sheet("first")}, {name: "Địa chỉ", data: sheet("second")}, {name: "1", data: sheet("named 1")}}}.zipBytes(t)
	for _, tt := range []struct{ sheet, name, value string }{
		{"", "Tổng hợp", "first"},
		{"Địa chỉ", "Địa chỉ", "second"},
		{"ĐỊA CHỈ", "Địa chỉ", "second"},
		{"2", "Địa chỉ", "second"},
		{"1", "1", "named 1"}, // a name wins over a number
		{"3", "1", "named 1"},
	} {
		r, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{Sheet: tt.sheet})
		if err != nil {
			t.Errorf("sheet %q: %v", tt.sheet, err)
			continue
		}
		var row Row
		if err := r.Next(&row); err != nil || row.Fields[0] != tt.value || r.(*xlsxReader).Sheet() != tt.name {
			t.Errorf("sheet %q: %q %v, sheet %q; want %q from %q", tt.sheet, row.Fields, err, r.(*xlsxReader).Sheet(), tt.value, tt.name)
		}
	}
	for _, s := range []string{"4", "0", "Sheet1"} {
		_, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{Sheet: s})
		if dvhc.ErrorKind(err) != dvhc.EINVALID || !strings.Contains(fmt.Sprint(err), `"Tổng hợp", "Địa chỉ", "1"`) {
			t.Errorf("sheet %q: %v", s, err)
		}
	}
}

// TestXLSXTypedCopy copies a typed workbook through the writer linked to
// the reader, as dvhc convert does, and checks the copy: same values, same
// cell types, same sheet name, added columns as text.
func TestXLSXTypedCopy(t *testing.T) {
	r, err := NewReader(bytes.NewReader(typesBook.zipBytes(t)), XLSX, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, XLSX, WriterOptions{Like: r})
	if err != nil {
		t.Fatal(err)
	}
	header := append(slices.Clone(r.Header()), "dvhc_code")
	if err := w.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	var in [][]string
	eachRow(t, r, func(row *Row) {
		in = append(in, slices.Clone(row.Fields))
		if err := w.WriteRow(append(slices.Clone(row.Fields), "00123")); err != nil {
			t.Fatal(err)
		}
	})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	// Read back: the same fields.
	back, err := NewReader(bytes.NewReader(out), XLSX, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := back.(*xlsxReader).Sheet(); got != "Dữ liệu" {
		t.Errorf("sheet %q", got)
	}
	var row Row
	for i, want := range in {
		if err := back.Next(&row); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(row.Fields[:len(want)], want) || row.Fields[len(want)] != "00123" {
			t.Errorf("row %d: %q, want %q + 00123", i+1, row.Fields, want)
		}
	}
	// Read back with excelize: the cell types.
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// A number is a cell without a type (CellTypeUnset) or of type n.
	const number = excelize.CellTypeUnset
	for cell, want := range map[string]excelize.CellType{
		"A2": number, "C2": excelize.CellTypeInlineString, // 00004 stays text
		"C3": number, "C5": number, "C8": excelize.CellTypeBool, "D14": number,
		"B2": excelize.CellTypeInlineString, "E2": excelize.CellTypeInlineString, // dvhc_code 00123
	} {
		if got, err := f.GetCellType("Dữ liệu", cell); got != want || err != nil {
			t.Errorf("%s: type %v %v, want %v", cell, got, err, want)
		}
	}
	for cell, want := range map[string]string{"C5": "07-01-25", "D5": "01/07/2025", "C7": "25.00%", "C2": "00004", "E2": "00123",
		"D14": "1,234,567", "C12": "36:00", "D7": "2.500d", "D6": "18:00:00", "C13": "2025-07-01 08:30:00"} {
		if got, err := f.GetCellValue("Dữ liệu", cell); got != want || err != nil {
			t.Errorf("%s: %q %v, want %q", cell, got, err, want)
		}
	}
	checkOpenpyxl(t, out)
}

// checkOpenpyxl opens an XLSX with Python's openpyxl, when it is
// installed, and checks the types it sees.
func checkOpenpyxl(t *testing.T, data []byte) {
	py := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(p); err == nil && exec.Command(p, "-c", "import openpyxl").Run() == nil {
			py = p
			break
		}
	}
	if py == "" {
		t.Skip("python3 with openpyxl not installed: skipping the openpyxl check")
	}
	path := filepath.Join(t.TempDir(), "out.xlsx")
	os.WriteFile(path, data, 0o644)
	script := `import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(ws.title)
for c in ("A2", "C2", "C3", "C5", "C6", "C8", "E2"):
    v = ws[c].value
    print(c, type(v).__name__, v)
`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := "Dữ liệu\nA2 int 1\nC2 str 00004\nC3 float 1234.5\nC5 datetime 2025-07-01 00:00:00\nC6 datetime 2025-07-01 12:00:00\nC8 bool True\nE2 str 00123\n"
	if string(out) != want {
		t.Errorf("openpyxl read:\n%s\nwant:\n%s", out, want)
	}
}

// TestXLSXUnlinkedWriter: without Like, the writer writes text, as before.
func TestXLSXUnlinkedWriter(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, XLSX, WriterOptions{})
	w.WriteHeader([]string{"n"})
	w.WriteRow([]string{"12"})
	w.Close()
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if typ, _ := f.GetCellType("Sheet1", "A2"); typ == excelize.CellTypeNumber {
		t.Error("an unlinked writer wrote a number")
	}
}

// TestXLSXCancel: a done context stops the reader.
func TestXLSXCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := typesBook.zipBytes(t)
	if _, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled open: %v", err)
	}
	if _, err := NewReader(io.MultiReader(bytes.NewReader(data)), XLSX, ReaderOptions{Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled open of a stream: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	r, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	var row Row
	if err := r.Next(&row); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled read: %v", err)
	}
}

// TestXLSXBroken: broken files are dvhc.EINVALID errors naming the problem.
func TestXLSXBroken(t *testing.T) {
	good := func(data string) []byte {
		return book{sheets: []sheetXML{{name: "S", data: data}}}.zipBytes(t)
	}
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"not a zip", []byte("id,address\n"), "not a zip"},
		{"empty", nil, "not a zip"},
		{"bad row number", good(`<row r="x"><c><v>1</v></c></row>`), "bad row number"},
		{"row beyond the sheet", good(`<row r="1048577"><c><v>1</v></c></row>`), "bad row number"},
		{"cell beyond XFD", good(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), "bad cell reference"},
		{"bad shared string", good(`<row r="1"><c t="s"><v>99</v></c></row>`), "shared string"},
		{"unclosed", good(`<row r="1"><c><v>1</v>`), "expected"},
		{"DTD", book{sheets: []sheetXML{{name: "S", data: `<!DOCTYPE x [<!ENTITY a "aaaa">]><row/>`}}}.zipBytes(t), "DTD"},
		{"unknown entity", good(`<row r="1"><c t="inlineStr"><is><t>&a;</t></is></c></row>`), "unknown entity"},
	} {
		r, err := NewReader(bytes.NewReader(tt.in), XLSX, ReaderOptions{})
		if err == nil {
			var row Row
			for err == nil {
				err = r.Next(&row)
			}
		}
		if dvhc.ErrorKind(err) != dvhc.EINVALID || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an invalid error with %q", tt.name, err, tt.want)
		}
	}
}

// TestXLSXLongCell: a cell over the limit is emptied and marked, the
// other fields kept.
func TestXLSXLongCell(t *testing.T) {
	long := strings.Repeat("ă", 40000)
	b := book{sst: []string{"id", "address", long}, sheets: []sheetXML{{name: "S", data: `<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>
<row r="2"><c><v>1</v></c><c t="s"><v>2</v></c></row>
<row r="3"><c><v>2</v></c><c t="inlineStr"><is><t>` + long + `</t></is></c></row>
<row r="4"><c><v>3</v></c><c t="inlineStr"><is><t>ok &#xD800; &#1;</t></is></c></row>`}}}
	_, rows := readAll(t, XLSX, string(b.zipBytes(t)), ReaderOptions{})
	want := []got{bad(2, ErrFieldTooLong, "address", "1", ""), bad(3, ErrFieldTooLong, "address", "2", ""), ok(4, "3", "ok \uFFFD \x01")}
	if len(rows) != 3 {
		t.Fatalf("rows %+v", rows)
	}
	for i := range want {
		if g := rows[i]; g.Line != want[i].Line || !slices.Equal(g.Fields, want[i].Fields) || g.Err != want[i].Err || g.Column != want[i].Column {
			t.Errorf("row %d = %+v, want %+v", i+1, g, want[i])
		}
	}
}

// FuzzXLSXReader reads workbooks whose sheet and shared strings are the
// fuzzed XML, and checks what holds for any input: no panic, rows numbered
// 1..n, fields aligned to the header and valid UTF-8, sheet row numbers in
// range.
func FuzzXLSXReader(f *testing.F) {
	for _, s := range typesBook.sheets {
		f.Add([]byte(s.data), []byte(`<si><t>id</t></si><si><t>a</t></si><si><r><t>b</t></r><rPh><t>x</t></rPh></si>`))
	}
	f.Add([]byte(`<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row r="9"><c><v>1e308</v></c><c t="s"><v>2</v></c></row><row r="3"><c r="C3" t="b"><v>1</v></c></row>`),
		[]byte(`<si><t>id</t></si><si><t>a&amp;b</t></si><si><t>_x000D_</t></si>`))
	f.Add([]byte(`<row><c t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row><row><c s="1"><v>45000</v></c></row><!-- c --><?pi x?>`), []byte(``))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		data := book{store: true, xfs: []int{14}, sstXML: string(sst), sheets: []sheetXML{{name: "S", data: string(sheet)}}}.zipBytes(t)
		r, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{})
		if err != nil {
			if dvhc.ErrorKind(err) != dvhc.EINVALID {
				t.Fatalf("open: %v (kind %s)", err, dvhc.ErrorKind(err))
			}
			return
		}
		defer r.Close()
		h := len(r.Header())
		for _, s := range r.Header() {
			if !utf8.ValidString(s) {
				t.Fatalf("header %q", r.Header())
			}
		}
		var row Row
		for n := 1; ; n++ {
			err := r.Next(&row)
			if err == io.EOF {
				break
			}
			if err != nil {
				if dvhc.ErrorKind(err) != dvhc.EINVALID {
					t.Fatalf("row %d: %v (kind %s)", n, err, dvhc.ErrorKind(err))
				}
				return
			}
			if row.Num != n || row.Line < 1 || row.Line > 1<<20 || len(row.Fields) != h {
				t.Fatalf("row %d: Num %d Line %d, %d fields for %d columns", n, row.Num, row.Line, len(row.Fields), h)
			}
			for _, s := range append(row.Fields, row.Extra...) {
				if !utf8.ValidString(s) {
					t.Fatalf("row %d: invalid UTF-8 %q", n, s)
				}
			}
			if (len(row.Extra) > 0) != (row.Err != nil && errors.Is(row.Err, ErrFieldCount)) && row.Err == nil {
				t.Fatalf("row %d: extra %q without an error", n, row.Extra)
			}
		}
	})
}

// TestExcelDates checks date serial numbers both ways, the 1900 leap-year
// bug and the largest date.
func TestExcelDates(t *testing.T) {
	for _, tt := range []struct {
		serial float64
		want   string
	}{
		{1, "1900-01-01"}, {59, "1900-02-28"}, {60, "1900-02-28"}, {61, "1900-03-01"},
		{45839, "2025-07-01"}, {45839.5, "2025-07-01 12:00:00"}, {2958465, "9999-12-31"},
	} {
		tm, ok := excelTime(tt.serial, false)
		if got := formatDate(tm, false); !ok || got != tt.want {
			t.Errorf("excelTime(%v) = %q, want %q", tt.serial, got, tt.want)
		}
		if tt.serial != 60 && excelSerial(tm) != tt.serial {
			t.Errorf("excelSerial(%s) = %v, want %v", tt.want, excelSerial(tm), tt.serial)
		}
	}
	for _, f := range []float64{-1, 2958466, 1e300} {
		if _, ok := excelTime(f, false); ok {
			t.Errorf("excelTime(%v) ok", f)
		}
	}
}

// TestXLSXStream reads a workbook of several MiB from a stream (read into
// memory in chunks) and from an io.ReaderAt: the same rows.
func TestXLSXStream(t *testing.T) {
	b := book{store: true, sheets: []sheetXML{{name: "S", gen: func(w io.Writer) {
		io.WriteString(w, `<row r="1"><c t="inlineStr"><is><t>n</t></is></c><c t="inlineStr"><is><t>address</t></is></c></row>`)
		for i := 2; i < 40000; i++ {
			fmt.Fprintf(w, `<row r="%d"><c><v>%d</v></c><c t="inlineStr"><is><t>Số %d Nguyễn Trãi, Quận 1</t></is></c></row>`, i, i, i)
		}
	}}}}
	data := b.zipBytes(t)
	if len(data) < 3<<20 {
		t.Fatalf("only %d bytes", len(data))
	}
	want := dump(t, data, ReaderOptions{})
	path := filepath.Join(t.TempDir(), "s.xlsx")
	os.WriteFile(path, data, 0o644)
	f, _ := os.Open(path)
	defer f.Close()
	for _, in := range []io.Reader{iotest.HalfReader(bytes.NewReader(data)), f} {
		var out strings.Builder
		r, err := NewReader(in, XLSX, ReaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "sheet %q header %q\n", r.(*xlsxReader).Sheet(), r.Header())
		var row Row
		for r.Next(&row) == nil {
			fmt.Fprintf(&out, "row %d line %d %q\n", row.Num, row.Line, row.Fields)
		}
		if out.String() != want {
			t.Errorf("%T: the rows differ", in)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for f, want := range map[float64]string{
		0: "0", math.Copysign(0, -1): "0", 1234.5: "1234.5", 0.1 + 0.2: "0.3", -12.25: "-12.25",
		84901234567: "84901234567", 1e20: "100000000000000000000", 1e21: "1e+21", 1.5e-12: "1.5e-12",
		1.0000000000000002: "1", 123456789012345678: "123456789012346000",
	} {
		if got := formatNumber(f); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", f, got, want)
		}
	}
}

// FuzzXLSXFile reads fuzzed files whole: the zip directory checks and
// every part. Any input is read without panic, and refused, if at all,
// with a dvhc.EINVALID error.
func FuzzXLSXFile(f *testing.F) {
	f.Add(typesBook.zipBytes(f))
	b := typesBook
	b.store = true
	f.Add(b.zipBytes(f))
	f.Add(manyEntries(f, 3, true))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := readBomb(data, XLSXLimits{})
		if err != io.EOF && dvhc.ErrorKind(err) != dvhc.EINVALID {
			t.Fatalf("%v (kind %s)", err, dvhc.ErrorKind(err))
		}
	})
}

// TestXLSXZip64 reads a workbook whose zip needs a zip64 end record (more
// than 65,535 entries), with MaxEntries raised, and refuses it with the
// default.
func TestXLSXZip64(t *testing.T) {
	if testing.Short() {
		t.Skip("70,000 zip entries: skipped with -short")
	}
	data := manyEntries(t, 70_000, false)
	if !bytes.Contains(data[len(data)-100:], []byte("PK\x06\x07")) {
		t.Fatal("no zip64 locator")
	}
	if got := dump(t, data, ReaderOptions{XLSX: XLSXLimits{MaxEntries: 100_000}}); got != dump(t, typesBook.zipBytes(t), ReaderOptions{}) {
		t.Errorf("zip64 workbook read as\n%s", got)
	}
	var le *LimitError
	if err := readBomb(data, XLSXLimits{}); !errors.As(err, &le) || le.Limit != "MaxEntries" || !strings.Contains(err.Error(), "70007 entries") {
		t.Errorf("default limits: %v", err)
	}
}

// TestXLSXLongSharedString: a shared string over the limit in two pieces
// (text and CDATA) is emptied, not cut.
func TestXLSXLongSharedString(t *testing.T) {
	b := book{sstXML: `<si><t>id</t></si><si><t>` + strings.Repeat("a", 30_000) + `<![CDATA[` + strings.Repeat("b", 120_000) + `]]></t></si>`,
		sheets: []sheetXML{{name: "S", data: `<row r="1"><c t="s"><v>0</v></c></row><row r="2"><c t="s"><v>1</v></c></row>`}}}
	_, rows := readAll(t, XLSX, string(b.zipBytes(t)), ReaderOptions{})
	if len(rows) != 1 || rows[0].Fields[0] != "" || rows[0].Err != ErrFieldTooLong {
		t.Errorf("rows %.100v", rows)
	}
}

// TestXMLLongTagQuotes: a '>' inside a quoted attribute value does not end
// a tag longer than the scanner's buffer (512 bytes here).
func TestXMLLongTagQuotes(t *testing.T) {
	long := strings.Repeat("y", 600) + ">z"
	s := newXMLScanner(context.Background(), strings.NewReader(`<a x="`+long+`" b="1"/>`), "test.xml", 0)
	k, err := s.next()
	if err != nil || k != xmlStart || !s.is(xmlStart, "a") {
		t.Fatalf("next = %v, %v; want the start of a", k, err)
	}
	if got := string(s.attr("x")); got != long {
		t.Errorf("x = %.20q… (%d bytes), want %d bytes", got, len(got), len(long))
	}
	if got := string(s.attr("b")); got != "1" {
		t.Errorf("b = %q, want 1", got)
	}
}
