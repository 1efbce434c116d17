package tabular

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// got is a row as the tests compare it.
type got struct {
	Line   int
	Fields []string
	Extra  []string
	Err    error // the sentinel, or nil
	Column string
}

func readAll(t testing.TB, f Format, in string, opts ReaderOptions) ([]string, []got) {
	t.Helper()
	r, err := NewReader(strings.NewReader(in), f, opts)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	defer r.Close()
	var rows []got
	var row Row
	for n := 1; ; n++ {
		err := r.Next(&row)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if row.Num != n {
			t.Fatalf("row %d has Num %d", n, row.Num)
		}
		if len(row.Fields) != len(r.Header()) {
			t.Fatalf("row %d has %d fields for %d columns", n, len(row.Fields), len(r.Header()))
		}
		g := got{Line: row.Line, Fields: slices.Clone(row.Fields)}
		if len(row.Extra) > 0 {
			g.Extra = slices.Clone(row.Extra)
		}
		if row.Err != nil {
			g.Err = sentinel(row.Err)
			g.Column = row.Err.Column
			if row.Err.Row != row.Num || row.Err.Line != row.Line {
				t.Errorf("row %d line %d: error says row %d line %d", row.Num, row.Line, row.Err.Row, row.Err.Line)
			}
			if dvhc.ErrorKind(row.Err) != dvhc.EINVALID {
				t.Errorf("row error kind %q", dvhc.ErrorKind(row.Err))
			}
		}
		rows = append(rows, g)
	}
	if err := r.Next(&row); err != io.EOF {
		t.Fatalf("Next after EOF: %v", err)
	}
	return r.Header(), rows
}

func sentinel(err error) error {
	for _, s := range []error{ErrEmptyLine, ErrInvalidUTF8, ErrFieldTooLong, ErrRecordTooLong, ErrQuote, ErrFieldCount, ErrSyntax} {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

func ok(line int, fields ...string) got { return got{Line: line, Fields: fields} }

func bad(line int, err error, column string, fields ...string) got {
	return got{Line: line, Fields: fields, Err: err, Column: column}
}

func TestCSVReader(t *testing.T) {
	big := strings.Repeat("x", DefaultMaxFieldBytes+1)
	tests := []struct {
		name   string
		in     string
		header []string
		rows   []got
		opts   ReaderOptions
	}{
		{name: "empty file", in: "", header: nil},
		{name: "header only", in: "a,b\n", header: []string{"a", "b"}},
		{name: "header only without newline", in: "a,b", header: []string{"a", "b"}},
		{name: "simple", in: "a,b\n1,2\n3,4", header: []string{"a", "b"},
			rows: []got{ok(2, "1", "2"), ok(3, "3", "4")}},
		{name: "CRLF", in: "a,b\r\n1,2\r\n3,4\r\n", header: []string{"a", "b"},
			rows: []got{ok(2, "1", "2"), ok(3, "3", "4")}},
		{name: "BOM", in: "\xEF\xBB\xBFa,b\n1,2\n", header: []string{"a", "b"},
			rows: []got{ok(2, "1", "2")}},
		{name: "quotes", in: "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"\",\"\"\n", header: []string{"a", "b"},
			rows: []got{ok(2, "x,y", `say "hi"`), ok(3, "", "")}},
		{name: "bare quote in unquoted field is literal", in: "a,b\n5 \"A\" st,x\n", header: []string{"a", "b"},
			rows: []got{ok(2, `5 "A" st`, "x")}},
		{name: "embedded newlines", in: "a,b\n\"l1\nl2\r\nl3\",x\n2,y\n", header: []string{"a", "b"},
			rows: []got{ok(2, "l1\nl2\nl3", "x"), ok(5, "2", "y")}},
		{name: "empty lines", in: "a,b\n\n1,2\n\n\n3,4\n\n", header: []string{"a", "b"},
			rows: []got{bad(2, ErrEmptyLine, "", "", ""), ok(3, "1", "2"), bad(4, ErrEmptyLine, "", "", ""),
				bad(5, ErrEmptyLine, "", "", ""), ok(6, "3", "4"), bad(7, ErrEmptyLine, "", "", "")}},
		{name: "CR only line is empty", in: "a\n\r\nx\n", header: []string{"a"},
			rows: []got{bad(2, ErrEmptyLine, "", ""), ok(3, "x")}},
		{name: "invalid UTF-8", in: "a,b\n1,caf\xe9\n2,ok\n", header: []string{"a", "b"},
			rows: []got{bad(2, ErrInvalidUTF8, "b", "1", "caf\uFFFD"), ok(3, "2", "ok")}},
		{name: "invalid UTF-8 in quoted field", in: "a,b\n\"\xff\",x\n", header: []string{"a", "b"},
			rows: []got{bad(2, ErrInvalidUTF8, "a", "\uFFFD", "x")}},
		{name: "field over 1 MiB", in: "a,b\n1," + big + "\n2,ok\n", header: []string{"a", "b"},
			rows: []got{bad(2, ErrFieldTooLong, "b", "1", big[:1<<20]), ok(3, "2", "ok")}},
		{name: "10 MB field between others keeps them", in: "id,a,b\n1,\"" + strings.Repeat("é", 5<<20) + "\",x\n2,y,z\n", header: []string{"id", "a", "b"},
			rows: []got{bad(2, ErrFieldTooLong, "a", "1", strings.Repeat("é", 1<<19), "x"), ok(3, "2", "y", "z")}},
		{name: "10 MB unquoted field between others keeps them", in: "id,a,b\n1," + strings.Repeat("y", 10<<20) + ",x\n2,y,z\n", header: []string{"id", "a", "b"},
			opts: ReaderOptions{MaxFieldBytes: 100},
			rows: []got{bad(2, ErrFieldTooLong, "a", "1", strings.Repeat("y", 100), "x"), ok(3, "2", "y", "z")}},
		{name: "line over the record limit", in: "a,b\n1,2\n" + strings.Repeat("y", 5000) + "\n3,4\n", header: []string{"a", "b"},
			opts: ReaderOptions{MaxRecordBytes: 1000},
			rows: []got{ok(2, "1", "2"), bad(3, ErrRecordTooLong, "", "", ""), ok(4, "3", "4")}},
		{name: "line over the read buffer and the record limit", opts: ReaderOptions{MaxRecordBytes: 70000},
			in: "a,b\n1,2\n" + strings.Repeat("y", 300000) + "\n3,4\n", header: []string{"a", "b"},
			rows: []got{ok(2, "1", "2"), bad(3, ErrRecordTooLong, "", "", ""), ok(4, "3", "4")}},
		{name: "line over the read buffer within the limit",
			in: "a,b\n1," + strings.Repeat("y", 200000) + "\n3,4", header: []string{"a", "b"},
			rows: []got{ok(2, "1", strings.Repeat("y", 200000)), ok(3, "3", "4")}},
		{name: "open quote then a long line, replayed", opts: ReaderOptions{MaxRecordBytes: 70000},
			in: "a,b\n1,\"open\n" + strings.Repeat("y", 300000) + "\n2,ok\n", header: []string{"a", "b"},
			rows: []got{bad(2, ErrQuote, "b", "1", "open"), bad(3, ErrRecordTooLong, "", "", ""), ok(4, "2", "ok")}},
		{name: "ragged rows", in: "a,b,c\n1\n1,2\n1,2,3,4\n1,2,3,,\n", header: []string{"a", "b", "c"},
			rows: []got{ok(2, "1", "", ""), ok(3, "1", "2", ""),
				{Line: 4, Fields: []string{"1", "2", "3"}, Extra: []string{"4"}, Err: ErrFieldCount},
				ok(5, "1", "2", "3")}},
		{name: "ragged allowed", in: "a\n1,2\n", header: []string{"a"}, opts: ReaderOptions{AllowExtra: true},
			rows: []got{{Line: 2, Fields: []string{"1"}, Extra: []string{"2"}}}},
		{name: "text after closing quote", in: "a,b\n\"x\"y,z\n2,ok\n", header: []string{"a", "b"},
			rows: []got{bad(2, ErrQuote, "a", "x", ""), ok(3, "2", "ok")}},
		{name: "unterminated quote resyncs at the next line",
			in:     "a,b\n1,\"open\n2,ok\n3,ok\n",
			header: []string{"a", "b"},
			// The open quote runs to the end of the input: the row is
			// broken and lines 3 and 4 are read again.
			rows: []got{bad(2, ErrQuote, "b", "1", "open"), ok(3, "2", "ok"), ok(4, "3", "ok")}},
		{name: "unterminated quote meets a quoted field",
			in:     "a,b\n1,\"open\n2,\"x\"\n3,ok\n",
			header: []string{"a", "b"},
			// "open\n2," closes, then x follows the quote: broken.
			rows: []got{bad(2, ErrQuote, "b", "1", "open"), ok(3, "2", "x"), ok(4, "3", "ok")}},
		{name: "quoted field over the line bound", opts: ReaderOptions{MaxRecordLines: 3},
			in:     "a\n\"1\n2\n3\n4\"\nz\n",
			header: []string{"a"},
			rows: []got{bad(2, ErrQuote, "a", "1"), ok(3, "2"), ok(4, "3"),
				ok(5, `4"`), // a quote inside an unquoted field is literal
				ok(6, "z")}},
		{name: "multi-line within the bound", opts: ReaderOptions{MaxRecordLines: 4},
			in: "a\n\"1\n2\n3\n4\"\nz\n", header: []string{"a"},
			rows: []got{ok(2, "1\n2\n3\n4"), ok(6, "z")}},
		{name: "nested resync", in: "a,b\n\"x\n\"y\n1,2\n", header: []string{"a", "b"},
			// Line 2 opens a quote that line 3 closes ("x\n" then y after
			// the quote): broken; line 3 opens another that never closes.
			rows: []got{bad(2, ErrQuote, "a", "x", ""), bad(3, ErrQuote, "a", "y", ""), ok(4, "1", "2")}},
		{name: "multi-line record with the wrong field count is broken",
			in: "a,b\n1,\"open\nclosed\",x\n2,ok\n", header: []string{"a", "b"},
			rows: []got{bad(2, ErrQuote, "b", "1", "open"), ok(3, `closed"`, "x"), ok(4, "2", "ok")}},
		{name: "multi-line header", in: "\"a\nb\",c\n1,2\n", header: []string{"a\nb", "c"},
			rows: []got{ok(3, "1", "2")}},
		{name: "semicolon", in: "a;b\n1;\"x;y\"\n", header: []string{"a", "b"}, opts: ReaderOptions{Comma: ';'},
			rows: []got{ok(2, "1", "x;y")}},
		{name: "trailing empty field", in: "a,b\n1,\n", header: []string{"a", "b"},
			rows: []got{ok(2, "1", "")}},
		{name: "whitespace kept", in: "a,b\n 1 , 2 \n", header: []string{"a", "b"},
			rows: []got{ok(2, " 1 ", " 2 ")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header, rows := readAll(t, CSV, tt.in, tt.opts)
			if !slices.Equal(header, tt.header) {
				t.Errorf("header = %q, want %q", header, tt.header)
			}
			if len(rows) != len(tt.rows) {
				t.Fatalf("%d rows, want %d:\n%+v", len(rows), len(tt.rows), rows)
			}
			for i, g := range rows {
				w := tt.rows[i]
				if g.Line != w.Line || !slices.Equal(g.Fields, w.Fields) || !slices.Equal(g.Extra, w.Extra) ||
					g.Err != w.Err || (w.Column != "" && g.Column != w.Column) {
					t.Errorf("row %d = %+v\nwant     %+v", i+1, g, w)
				}
			}
		})
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	for _, in := range []string{"a,\xff\n1,2\n", "\"a\n", "\n1\n", "\"a\"b\n"} {
		_, err := NewReader(strings.NewReader(in), CSV, ReaderOptions{})
		if err == nil || dvhc.ErrorKind(err) != dvhc.EINVALID {
			t.Errorf("NewReader(%q) error = %v, want an invalid error", in, err)
		}
	}
}

func TestRowErrorMessage(t *testing.T) {
	_, rows := readAll(t, CSV, "id,address\n1,\"x\"y\n", ReaderOptions{})
	r, _ := NewReader(strings.NewReader("id,address\n1,caf\xe9\n"), CSV, ReaderOptions{})
	var row Row
	r.Next(&row)
	want := `row 1 (line 2), column "address": invalid UTF-8`
	if row.Err == nil || row.Err.Error() != want {
		t.Errorf("error = %v, want %s", row.Err, want)
	}
	if rows[0].Err != ErrQuote {
		t.Errorf("quote error = %v", rows[0].Err)
	}
}

func TestTSVReader(t *testing.T) {
	in := "a\tb\n1\t\"q\" x\n\\t\\n\\\\\\x\tend\n\n3\n"
	header, rows := readAll(t, TSV, in, ReaderOptions{})
	want := []got{ok(2, "1", `"q" x`), ok(3, "\t\n\\\\x", "end"), bad(4, ErrEmptyLine, "", "", ""), ok(5, "3", "")}
	if !slices.Equal(header, []string{"a", "b"}) {
		t.Errorf("header = %q", header)
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %+v", rows)
	}
	for i := range want {
		if rows[i].Line != want[i].Line || !slices.Equal(rows[i].Fields, want[i].Fields) || rows[i].Err != want[i].Err {
			t.Errorf("row %d = %+v, want %+v", i+1, rows[i], want[i])
		}
	}
}

func TestFormat(t *testing.T) {
	for in, want := range map[string]Format{"csv": CSV, "TSV": TSV, "jsonl": JSONL, "ndjson": JSONL, "xlsx": XLSX} {
		if f, err := ParseFormat(in); f != want || err != nil {
			t.Errorf("ParseFormat(%q) = %v, %v", in, f, err)
		}
	}
	if _, err := ParseFormat("xls"); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("ParseFormat(xls) error = %v", err)
	}
	for in, want := range map[string]Format{"a.csv": CSV, "/x/B.TSV": TSV, "c.tab": TSV, "d.jsonl": JSONL, "e.ndjson": JSONL, "f.xlsx": XLSX} {
		if f, err := FormatFromPath(in); f != want || err != nil {
			t.Errorf("FormatFromPath(%q) = %v, %v", in, f, err)
		}
	}
	if _, err := FormatFromPath("a.txt"); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("FormatFromPath(a.txt) error = %v", err)
	}
	var f Format
	if err := f.Set("jsonl"); err != nil || f.String() != "jsonl" {
		t.Errorf("Set: %v %v", f, err)
	}
}

// appendCSVPlain is appendCSV as plainly as it can be written: the
// reference of FuzzAppendCSV.
func appendCSVPlain(b []byte, f string, sep byte, only bool) []byte {
	if f == "" {
		if only {
			b = append(b, `""`...)
		}
		return b
	}
	if !strings.ContainsAny(f, string([]byte{sep, '"', '\n', '\r'})) && f[0] != ' ' && f[len(f)-1] != ' ' {
		return append(b, f...)
	}
	return append(append(append(b, '"'), strings.ReplaceAll(f, `"`, `""`)...), '"')
}

// FuzzAppendCSV checks the word-at-a-time appendCSV against
// appendCSVPlain, for any field, delimiter and room in the buffer.
func FuzzAppendCSV(f *testing.F) {
	for _, s := range []string{"", "ok", "30367", "Xã Vĩnh Hậu", "Tỉnh An Giang", "a,b", "a\tb\x0bc", "x\ry", "\n",
		`say "hi"`, " lead", "trail ", "Số 271 Võ Thị Sáu, Xã Vĩnh Hậu, Tỉnh An Giang", "0123456789abcdef", "0123456789abcdef\x0c"} {
		f.Add(s, byte(','), uint8(0), false)
		f.Add(s, byte(';'), uint8(20), true)
		f.Add(s, byte('\t'), uint8(3), false)
	}
	f.Fuzz(func(t *testing.T, s string, sep byte, room uint8, only bool) {
		if sep == '"' || sep == '\r' || sep == '\n' || sep >= 0x80 {
			return
		}
		w := newTextWriter(io.Discard, CSV, WriterOptions{Comma: sep})
		b := make([]byte, 3, 3+2*len(s)+2+int(room))
		copy(b, "abc")
		got := w.appendCSV(b, s, only)
		want := appendCSVPlain([]byte("abc"), s, sep, only)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendCSV(%q, sep %q) = %q, want %q", s, sep, got, want)
		}
		if w.special(s) != strings.ContainsAny(s, string([]byte{sep, '"', '\n', '\r'})) {
			t.Fatalf("special(%q, sep %q) = %v", s, sep, !w.special(s))
		}
	})
}

// FuzzCSVWriteLine checks the lines of the CSV writer, whose common case
// copies and checks fields a word at a time, against appendCSVPlain, for
// any fields (s split at '|'), delimiter and columns.
func FuzzCSVWriteLine(f *testing.F) {
	f.Add("Số 271 Võ Thị Sáu, Xã Vĩnh Hậu|full|30364|ok|30367|Xã Vĩnh Hậu|91|Tỉnh An Giang||x", byte(','), uint8(10))
	f.Add("a\"b|\r|\n| x|y |0123456789abcdef0|0123456789abcdef0123456789abcdef|0123456789abcdef0123456789abcde\t|abc,", byte(';'), uint8(12))
	f.Add("|||", byte('\t'), uint8(5))
	f.Fuzz(func(t *testing.T, s string, sep byte, cols uint8) {
		if sep == '"' || sep == '\r' || sep == '\n' || sep >= 0x80 {
			return
		}
		fields := strings.Split(s, "|")
		n := max(int(cols%16), len(fields), 2)
		var buf bytes.Buffer
		w := newTextWriter(&buf, CSV, WriterOptions{Comma: sep})
		w.cols, w.header = n, true
		var want []byte
		for range 3 { // lines that start the buffer and that follow others
			if err := w.WriteRow(fields); err != nil {
				t.Fatal(err)
			}
			for i := range n {
				if i > 0 {
					want = append(want, sep)
				}
				if i < len(fields) {
					want = appendCSVPlain(want, fields[i], sep, false)
				}
			}
			want = append(want, '\n')
		}
		w.Close()
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("fields %q, sep %q: wrote\n%q, want\n%q", fields, sep, buf.Bytes(), want)
		}
	})
}
