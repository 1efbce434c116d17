package tabular

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

var rtHeader = []string{"id", "địa chỉ", "note, with comma", `"quoted"`}

var rtRows = [][]string{
	{"1", "Số 5 Nguyễn Trãi, Phường Bến Thành, Quận 1", "", ""},
	{"2", `say "hi"`, "tab\there", "back\\slash"},
	{"3", "line1\nline2\r line3", " lead", "trail "},
	{"4", "", "", "x"},
	{"5", "emoji 😀 and \u2028 sep", "{\"a\":1}", "\x01ctl"},
	{"6", "", "", ""},
}

func TestRoundTrip(t *testing.T) {
	for _, f := range []Format{CSV, TSV, JSONL, XLSX} {
		for _, opts := range []WriterOptions{{}, {CRLF: true, BOM: true, Sheet: "Kết quả"}} {
			t.Run(f.String(), func(t *testing.T) {
				var buf bytes.Buffer
				w, err := NewWriter(&buf, f, opts)
				if err != nil {
					t.Fatal(err)
				}
				if err := w.WriteRow([]string{"x"}); err == nil {
					t.Error("WriteRow before WriteHeader succeeded")
				}
				if err := w.WriteHeader(rtHeader); err != nil {
					t.Fatal(err)
				}
				for _, r := range rtRows {
					if err := w.WriteRow(r); err != nil {
						t.Fatal(err)
					}
				}
				if err := w.WriteRow(make([]string, len(rtHeader)+1)); err == nil {
					t.Error("WriteRow with too many fields succeeded")
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				r, err := NewReader(&buf, f, ReaderOptions{Sheet: opts.Sheet})
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				if !slices.Equal(r.Header(), rtHeader) {
					t.Errorf("header = %q", r.Header())
				}
				var row Row
				for i, want := range rtRows {
					if err := r.Next(&row); err != nil {
						t.Fatalf("row %d: %v", i+1, err)
					}
					if row.Err != nil {
						t.Errorf("row %d: %v", i+1, row.Err)
					}
					if f == XLSX && i == 4 {
						// XML 1.0 cannot hold control characters.
						want = slices.Clone(want)
						want[3] = "\uFFFDctl"
					}
					if !slices.Equal(row.Fields, want) {
						t.Errorf("row %d = %q, want %q", i+1, row.Fields, want)
					}
				}
				if err := r.Next(&row); err != io.EOF {
					t.Errorf("after the rows: %v, %q", err, row.Fields)
				}
			})
		}
	}
}

func TestCSVWriterQuoting(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, CSV, WriterOptions{})
	w.WriteHeader([]string{"a"})
	w.WriteRow([]string{""})
	w.WriteRow([]string{`x"y`})
	w.WriteRow([]string{"p,q"})
	w.WriteRow(nil)
	w.Close()
	if got, want := buf.String(), "a\n\"\"\n\"x\"\"y\"\n\"p,q\"\n\"\"\n"; got != want {
		t.Errorf("CSV = %q, want %q", got, want)
	}
	buf.Reset()
	w, _ = NewWriter(&buf, TSV, WriterOptions{})
	w.WriteHeader([]string{"a", "b"})
	w.WriteRow([]string{"t\tn\nr\rb\\", `"q"`})
	w.WriteRow([]string{"1"})
	w.Close()
	if got, want := buf.String(), "a\tb\nt\\tn\\nr\\rb\\\\\t\"q\"\n1\t\n"; got != want {
		t.Errorf("TSV = %q, want %q", got, want)
	}
}

func TestJSONLReader(t *testing.T) {
	in := "\xEF\xBB\xBF" + `{"id":1,"addr":"Hà Nội","x":null}` + "\n" +
		`{"addr":"a\"b\\c\u00e9\ud83d\ude00","id":"2"}` + "\n" +
		"\n" +
		`[1,2]` + "\n" +
		`{"id":3,"addr":{"street":"x","n":[1,2]},"x":true}` + "\n" +
		`{"id":4,"new":"k","addr":"y"}` + "\n" +
		`{"id":5,"addr":"z"} trailing` + "\n" +
		`{"id":6,"addr":"caf` + "\xe9" + `"}` + "\n" +
		`{"id":-7.5e3,"addr":false}` + "\n" +
		`{"id":8,"addr"` + "\n" +
		`  {"id" : 9 , "addr" : "w" }  ` + "\n" +
		`{}` + "\n"
	header, rows := readAll(t, JSONL, in, ReaderOptions{})
	// The columns are the keys of every object of the first lines: "new"
	// first appears on line 6.
	if !slices.Equal(header, []string{"id", "addr", "x", "new"}) {
		t.Fatalf("header = %q", header)
	}
	want := []got{
		ok(1, "1", "Hà Nội", "", ""),
		ok(2, "2", "a\"b\\cé😀", "", ""),
		bad(3, ErrEmptyLine, "", "", "", "", ""),
		bad(4, ErrSyntax, "", "", "", "", ""),
		ok(5, "3", `{"street":"x","n":[1,2]}`, "true", ""),
		ok(6, "4", "y", "", "k"),
		bad(7, ErrSyntax, "", "5", "z", "", ""),
		bad(8, ErrInvalidUTF8, "addr", "6", "caf\uFFFD", "", ""),
		ok(9, "-7.5e3", "false", "", ""),
		bad(10, ErrSyntax, "addr", "8", "", "", ""),
		ok(11, "9", "w", "", ""),
		ok(12, "", "", "", ""),
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i := range want {
		g, w := rows[i], want[i]
		if g.Line != w.Line || !slices.Equal(g.Fields, w.Fields) || !slices.Equal(g.Extra, w.Extra) || g.Err != w.Err ||
			(w.Column != "" && g.Column != w.Column) {
			t.Errorf("row %d = %+v\nwant     %+v", i+1, g, w)
		}
	}
}

func TestJSONLLeadingBrokenLines(t *testing.T) {
	in := "garbage\n\n{\"a\":1,\"b\":2}\n{\"b\":3}\n"
	header, rows := readAll(t, JSONL, in, ReaderOptions{})
	if !slices.Equal(header, []string{"a", "b"}) {
		t.Fatalf("header = %q", header)
	}
	want := []got{bad(1, ErrSyntax, "", "", ""), bad(2, ErrEmptyLine, "", "", ""), ok(3, "1", "2"), ok(4, "", "3")}
	if len(rows) != len(want) {
		t.Fatalf("rows = %+v", rows)
	}
	for i := range want {
		if rows[i].Line != want[i].Line || !slices.Equal(rows[i].Fields, want[i].Fields) || rows[i].Err != want[i].Err {
			t.Errorf("row %d = %+v, want %+v", i+1, rows[i], want[i])
		}
	}
	// Only garbage: no columns, and every line a row.
	header, rows = readAll(t, JSONL, "x\ny\n", ReaderOptions{})
	if len(header) != 0 || len(rows) != 2 {
		t.Errorf("header %q rows %+v", header, rows)
	}
	// Fixed columns and extra keys allowed.
	header, rows = readAll(t, JSONL, `{"z":1,"b":2}`+"\n", ReaderOptions{Columns: []string{"b"}, AllowExtra: true})
	if !slices.Equal(header, []string{"b"}) || len(rows) != 1 || rows[0].Err != nil || rows[0].Fields[0] != "2" || rows[0].Extra[0] != "1" {
		t.Errorf("header %q rows %+v", header, rows)
	}
	var many strings.Builder
	for range maxLeadingBroken {
		many.WriteString("x\n")
	}
	if _, err := NewReader(strings.NewReader(many.String()), JSONL, ReaderOptions{}); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("no object in %d lines: %v", maxLeadingBroken, err)
	}
}

func TestJSONLWriterEscapes(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, JSONL, WriterOptions{})
	w.WriteHeader([]string{"k\"", "v"})
	w.WriteRow([]string{"a\x00\n\t\"\\\u2028<", "bad\xff"})
	w.Close()
	want := `{"k\"":"a\u0000\n\t\"\\\u2028<","v":"bad\ufffd"}` + "\n"
	if buf.String() != want {
		t.Errorf("JSONL = %s, want %s", buf.String(), want)
	}
}

func TestXLSXReader(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, XLSX, WriterOptions{})
	w.WriteHeader([]string{"a", "b"})
	w.WriteRow([]string{"1", "x"})
	w.WriteRow([]string{"", ""})
	w.WriteRow([]string{"3", "y", "z"}[:2])
	w.Close()
	data := buf.Bytes()
	header, rows := readAll(t, XLSX, string(data), ReaderOptions{})
	if !slices.Equal(header, []string{"a", "b"}) {
		t.Fatalf("header %q", header)
	}
	// The blank row 3 is skipped, like a gap: Line keeps the sheet row.
	want := []got{ok(2, "1", "x"), ok(4, "3", "y")}
	if len(rows) != len(want) {
		t.Fatalf("rows = %+v", rows)
	}
	for i := range want {
		if rows[i].Line != want[i].Line || !slices.Equal(rows[i].Fields, want[i].Fields) || rows[i].Err != want[i].Err {
			t.Errorf("row %d = %+v, want %+v", i+1, rows[i], want[i])
		}
	}
	if _, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{Sheet: "nope"}); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("missing sheet: %v", err)
	}
	if _, err := NewReader(strings.NewReader("not a zip"), XLSX, ReaderOptions{}); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("not a zip: %v", err)
	}
}

// TestTextWriterPaths checks that a line written at once into the buffer
// (writeLine) is the line written field by field (writeFields, the path of
// lines longer than the buffer), and that both read back.
func TestTextWriterPaths(t *testing.T) {
	long := strings.Repeat(`ab"c,d;e`+"\t\n\r\\ Đ", 10_000)
	rows := append(slices.Clone(rtRows),
		[]string{"7", long, "=1+2", "-12.5"},
		[]string{"8", " x;y ", "@a", ""},
		[]string{"9"},
	)
	for _, f := range []Format{CSV, TSV} {
		for _, opts := range []WriterOptions{{}, {Comma: ';', CRLF: true, BOM: true}, {ExcelSafe: true}} {
			var fast, slow bytes.Buffer
			wf, _ := NewWriter(&fast, f, opts)
			ws, _ := NewWriter(&slow, f, opts)
			wf.WriteHeader(rtHeader)
			ws.WriteHeader(rtHeader)
			for _, r := range rows {
				if err := wf.WriteRow(r); err != nil {
					t.Fatal(err)
				}
				if err := ws.(*textWriter).writeFields(r); err != nil {
					t.Fatal(err)
				}
			}
			wf.Close()
			ws.Close()
			if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
				t.Errorf("%v %+v: writeLine and writeFields differ", f, opts)
			}
			if opts.ExcelSafe {
				continue
			}
			r, err := NewReader(&fast, f, ReaderOptions{Comma: opts.Comma, MaxRecordLines: 100_000})
			if err != nil {
				t.Fatal(err)
			}
			var row Row
			for i, want := range rows {
				if err := r.Next(&row); err != nil || row.Err != nil {
					t.Fatalf("%v row %d: %v %v", f, i+1, err, row.Err)
				}
				want = append(slices.Clone(want), make([]string, len(rtHeader)-len(want))...)
				if !slices.Equal(row.Fields, want) {
					t.Errorf("%v %+v: row %d differs", f, opts, i+1)
				}
			}
		}
	}
}
