package tabular

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

func TestNoHeaderReader(t *testing.T) {
	tests := []struct {
		name string
		f    Format
		in   string
		cols []string
		head []string
		rows []got
	}{
		{"positional csv", CSV, "a,b\nc,\"d\ne\"\n", nil, []string{"1", "2"},
			[]got{ok(1, "a", "b"), ok(2, "c", "d\ne")}},
		{"positional tsv", TSV, "a\\tx\tb\nc\td\n", nil, []string{"1", "2"},
			[]got{ok(1, "a\tx", "b"), ok(2, "c", "d")}},
		{"bom dropped", CSV, "\xEF\xBB\xBFa,b\n", nil, []string{"1", "2"}, []got{ok(1, "a", "b")}},
		{"bom dropped with columns", CSV, "\xEF\xBB\xBFa,b\n", []string{"x", "y"}, []string{"x", "y"}, []got{ok(1, "a", "b")}},
		{"named", CSV, "a,b\nc,d,e\n", []string{"id", "địa chỉ"}, []string{"id", "địa chỉ"},
			[]got{ok(1, "a", "b"), {Line: 2, Fields: []string{"c", "d"}, Extra: []string{"e"}, Err: ErrFieldCount}}},
		{"named, broken first row", CSV, "\n\"a\"x,b\n1,2\n", []string{"p", "q"}, []string{"p", "q"},
			[]got{bad(1, ErrEmptyLine, "", "", ""), bad(2, ErrQuote, "p", "a", ""), ok(3, "1", "2")}},
		{"names with the delimiter and quotes", CSV, "1,2\n", []string{`a,b`, `say "hi"`}, []string{`a,b`, `say "hi"`},
			[]got{ok(1, "1", "2")}},
		{"invalid utf-8 keeps its line", TSV, "a\tb\n\xff\tc\n", nil, []string{"1", "2"},
			[]got{ok(1, "a", "b"), bad(2, ErrInvalidUTF8, "1", "\uFFFD", "c")}},
		{"empty", CSV, "", nil, nil, nil},
		{"jsonl reads as usual", JSONL, `{"a":"1","b":"2"}` + "\n" + `{"b":"3"}` + "\n", nil, []string{"a", "b"},
			[]got{ok(1, "1", "2"), ok(2, "", "3")}},
		{"jsonl with columns", JSONL, `{"b":"3"}` + "\n", []string{"a", "b"}, []string{"a", "b"},
			[]got{ok(1, "", "3")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, rows := readAll(t, tt.f, tt.in, ReaderOptions{NoHeader: true, Columns: tt.cols})
			if len(head) != 0 || len(tt.head) != 0 {
				if !reflect.DeepEqual(head, tt.head) {
					t.Errorf("header %q, want %q", head, tt.head)
				}
			}
			if !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("rows\n got %+v\nwant %+v", rows, tt.rows)
			}
		})
	}
}

func TestNoHeaderErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    Format
		in   string
		cols []string
	}{
		{"first row empty, no names", CSV, "\na,b\n", nil},
		{"first row invalid utf-8, no names", CSV, "\xff,b\n", nil},
		{"no names", CSV, "a\n", []string{}},
		{"line break in a name", CSV, "a\n", []string{"x\ny"}},
		{"xlsx", XLSX, "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in), tt.f, ReaderOptions{NoHeader: true, Columns: tt.cols})
			if dvhc.ErrorKind(err) != dvhc.EINVALID {
				t.Errorf("got %v, want an EINVALID error", err)
			}
		})
	}
	if _, err := NewWriter(&bytes.Buffer{}, XLSX, WriterOptions{NoHeader: true}); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("XLSX writer without header: got %v, want an EINVALID error", err)
	}
}

// TestNoHeaderSameAsHeader reads each messy input twice: whole, and without
// its header line under NoHeader with the header's names (and with
// positional names). The rows must be the same, one line earlier.
func TestNoHeaderSameAsHeader(t *testing.T) {
	for _, name := range []string{"messy.csv", "messy.tsv"} {
		t.Run(name, func(t *testing.T) {
			f, _ := FormatFromPath(name)
			in, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			head, want := readAll(t, f, string(in), ReaderOptions{})
			for i := range want {
				want[i].Line--
			}
			body := string(in[bytes.IndexByte(in, '\n')+1:])
			gotHead, rows := readAll(t, f, body, ReaderOptions{NoHeader: true, Columns: head})
			if !reflect.DeepEqual(gotHead, head) {
				t.Errorf("header %q, want %q", gotHead, head)
			}
			if !reflect.DeepEqual(rows, want) {
				t.Errorf("named: rows differ\n got %+v\nwant %+v", rows, want)
			}
		})
	}
}

// TestNoHeaderWriter writes rows without a header line and reads them back.
func TestNoHeaderWriter(t *testing.T) {
	for _, f := range []Format{CSV, TSV, JSONL} {
		t.Run(f.String(), func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewWriter(&buf, f, WriterOptions{NoHeader: true, BOM: true})
			if err != nil {
				t.Fatal(err)
			}
			rows := [][]string{{"Hà Nội", "a,\"b\"\tc"}, {"", "x\ny"}}
			if err := w.WriteHeader([]string{"name", "note"}); err != nil {
				t.Fatal(err)
			}
			if err := w.WriteHeader([]string{"name", "note"}); err == nil {
				t.Error("a second WriteHeader is not an error")
			}
			for _, r := range rows {
				if err := w.WriteRow(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.WriteRow([]string{"1", "2", "3"}); err == nil {
				t.Error("a row longer than the columns is not an error")
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.HasPrefix(out, "name") || strings.HasPrefix(out, "\xEF\xBB\xBF") {
				t.Fatalf("output has a header or a BOM:\n%s", out)
			}
			_, back := readAll(t, f, out, ReaderOptions{NoHeader: true, Columns: []string{"name", "note"}})
			want := []got{ok(1, rows[0]...), ok(2, rows[1]...)}
			if !reflect.DeepEqual(back, want) {
				t.Errorf("read back\n got %+v\nwant %+v", back, want)
			}
		})
	}
}

// FuzzNoHeader checks that reading data under NoHeader with Columns gives
// the rows of reading the same data behind a header line of those names,
// one line earlier.
func FuzzNoHeader(f *testing.F) {
	f.Add("1,2,3\n4,\"5\n6\",7\n", false)
	f.Add("x\\ty\t\xff\n\n\"a\"b,c\n", true)
	f.Fuzz(func(t *testing.T, data string, tsv bool) {
		if strings.HasPrefix(data, "\xEF\xBB\xBF") {
			return // dropped under NoHeader, kept behind a header line
		}
		format, head := CSV, "a,b,c\n"
		if tsv {
			format, head = TSV, "a\tb\tc\n"
		}
		// The delimiter is given: without a header line it is sniffed from
		// the first data row (a different line from the header's), which
		// TestSniff* cover; this property is about the rows.
		var comma byte
		if format == CSV {
			comma = ','
		}
		_, want := readAll(t, format, head+data, ReaderOptions{Comma: comma})
		for i := range want {
			want[i].Line--
		}
		_, rows := readAll(t, format, data, ReaderOptions{NoHeader: true, Columns: []string{"a", "b", "c"}, Comma: comma})
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("rows differ\n got %+v\nwant %+v", rows, want)
		}
	})
}
