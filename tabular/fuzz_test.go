package tabular

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// physicalLines counts the lines of in as the readers do: a final LF does
// not start another line.
func physicalLines(in []byte) int {
	n := bytes.Count(in, []byte("\n"))
	if len(in) > 0 && in[len(in)-1] != '\n' {
		n++
	}
	return n
}

// checkRows reads all of in and checks what holds for any input: no panic,
// rows numbered 1..n, fields aligned and valid UTF-8, lines increasing, and
// every physical line after the header in exactly one row. It returns the
// rows' start lines and errors.
func checkRows(t *testing.T, in []byte, f Format, opts ReaderOptions) (lines []int, errs []error, ok bool) {
	r, err := NewReader(bytes.NewReader(in), f, opts)
	if err != nil {
		return nil, nil, false // an unusable header
	}
	header := r.Header()
	var row Row
	last := 0
	if f != JSONL && len(header) > 0 {
		last = 1 // the header's line; a multi-line header spans more
	}
	for n := 1; ; n++ {
		err := r.Next(&row)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if row.Num != n || row.Line <= last {
			t.Fatalf("row %d: Num %d Line %d after line %d", n, row.Num, row.Line, last)
		}
		if len(row.Fields) != len(header) {
			t.Fatalf("row %d: %d fields, %d columns", n, len(row.Fields), len(header))
		}
		for _, s := range row.Fields {
			if !utf8.ValidString(s) {
				t.Fatalf("row %d: invalid UTF-8 %q", n, s)
			}
		}
		if row.Err != nil && row.Err.Row != n {
			t.Fatalf("row %d: error for row %d", n, row.Err.Row)
		}
		if len(lines) > 0 && errors.Is(errs[len(errs)-1], ErrQuote) && row.Line != lines[len(lines)-1]+1 {
			t.Fatalf("row %d at line %d: no resync after the broken row at line %d", n, row.Line, lines[len(lines)-1])
		}
		last = row.Line
		lines = append(lines, row.Line)
		var e error
		if row.Err != nil {
			e = row.Err
		}
		errs = append(errs, e)
	}
	total := physicalLines(in)
	if last > total {
		t.Fatalf("last row at line %d of %d", last, total)
	}
	return lines, errs, true
}

func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a\n\"x\ny\"\n\n", "a,b\n\"open\n2,3\n", "\xEF\xBB\xBFa\r\n\xff\r\n",
		"a,b\n\"\"\"\n3,\"x\"y\"z\n", "a\n\"1\n\"2\n\"3\n", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		opts := ReaderOptions{MaxFieldBytes: 64, MaxRecordBytes: 256, MaxRecordLines: 4}
		lines, _, ok := checkRows(t, in, CSV, opts)
		if !ok || bytes.IndexByte(in, '"') >= 0 {
			return
		}
		// Without quotes, every line after the header is one row.
		if want := max(physicalLines(in)-1, 0); len(lines) != want {
			t.Fatalf("%d rows for %d lines after the header", len(lines), want)
		}
	})
}

func FuzzTSVReader(f *testing.F) {
	for _, s := range []string{"a\tb\n1\t2\n", "a\n\\t\\n\\\\\n\n", "a\n\xff\n\"", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		lines, _, ok := checkRows(t, in, TSV, ReaderOptions{MaxFieldBytes: 64, MaxRecordBytes: 256})
		if !ok {
			return
		}
		// A TSV record is one line: every line after the header is a row.
		if want := max(physicalLines(in)-1, 0); len(lines) != want {
			t.Fatalf("%d rows for %d lines after the header", len(lines), want)
		}
		for i, l := range lines {
			if l != i+2 {
				t.Fatalf("row %d at line %d", i+1, l)
			}
		}
	})
}

func FuzzJSONLReader(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":"x"}` + "\n" + `{"b":"\u00e9"}`, "\n\nx\n{}", `{"a":[1,{"b":"}"}]}`, `{"a":"\ud800"}`, ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		lines, errs, ok := checkRows(t, in, JSONL, ReaderOptions{AllowExtra: true})
		if !ok {
			return
		}
		if want := physicalLines(in); len(lines) != want {
			t.Fatalf("%d rows for %d lines", len(lines), want)
		}
		// Against encoding/json: a line is a row without a syntax error
		// exactly when it is a JSON object.
		physical := bytes.Split(in, []byte("\n"))
		for i, err := range errs {
			line := bytes.TrimRight(physical[i], "\r")
			if i == 0 {
				line = trimBOM(line)
			}
			var m map[string]any
			isObject := json.Unmarshal(line, &m) == nil && m != nil && bytes.HasPrefix(bytes.TrimLeft(line, " \t\r\n"), []byte("{"))
			broken := errors.Is(err, ErrSyntax) || errors.Is(err, ErrEmptyLine)
			if isObject == broken {
				t.Fatalf("line %d %q: object %v, error %v", i+1, line, isObject, err)
			}
		}
	})
}

// FuzzCSVRoundTrip writes fields as CSV and TSV and reads them back.
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("a|b\"c|d\ne", uint8(2))
	f.Add("|", uint8(1))
	f.Fuzz(func(t *testing.T, s string, width uint8) {
		w := int(width%4) + 1
		fields := strings.Split(strings.ToValidUTF8(s, "?"), "|")
		header := make([]string, w)
		for i := range header {
			header[i] = "c" + strings.Repeat("x", i)
		}
		var rows [][]string
		for len(fields) > 0 {
			n := min(w, len(fields))
			row := append(slices.Clone(fields[:n]), make([]string, w-n)...)
			rows = append(rows, row)
			fields = fields[n:]
		}
		for _, format := range []Format{CSV, TSV, JSONL} {
			var buf bytes.Buffer
			wr, _ := NewWriter(&buf, format, WriterOptions{})
			wr.WriteHeader(header)
			for _, r := range rows {
				wr.WriteRow(r)
			}
			wr.Close()
			rd, err := NewReader(&buf, format, ReaderOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var row Row
			for i, want := range rows {
				if err := rd.Next(&row); err != nil {
					t.Fatalf("%v row %d: %v", format, i+1, err)
				}
				if format == CSV {
					// CRLF inside a quoted field is read as LF.
					want = slices.Clone(want)
					for j := range want {
						want[j] = strings.ReplaceAll(want[j], "\r\n", "\n")
					}
				}
				allEmpty := !slices.ContainsFunc(want, func(s string) bool { return s != "" })
				if format == TSV && w == 1 && allEmpty {
					if !errors.Is(row.Err, ErrEmptyLine) {
						t.Fatalf("TSV empty single-column row: %v", row.Err)
					}
					continue
				}
				if row.Err != nil || !slices.Equal(row.Fields, want) {
					t.Fatalf("%v row %d = %q (%v), want %q", format, i+1, row.Fields, row.Err, want)
				}
			}
			if err := rd.Next(&row); err != io.EOF {
				t.Fatalf("%v: extra row %q", format, row.Fields)
			}
		}
	})
}

// FuzzSpansCSV checks the quick reading of a one-line CSV record
// (spansCSV) against parseCSV: where it takes a line, the same fields.
func FuzzSpansCSV(f *testing.F) {
	for _, s := range []string{`a,"b,c",d`, `"x""y",z`, `"",`, `a"b,"c"d`, `"open,x`, `,,"",""`, `"a";b`,
		`0123456789abcdefghijklmnopqrstuvwxyz,x,0123456789abcdefghijklmnopq`, `Số 271 Võ Thị Sáu Xã Vĩnh Hậu Huyện An Phú,30364`, `0123456789abcdefghijklmnop`} {
		f.Add([]byte(s), byte(','), 3)
	}
	f.Fuzz(func(t *testing.T, line []byte, sep byte, max int) {
		if bytes.IndexByte(line, '\n') >= 0 || sep == '"' || sep == '\n' || sep == '\r' || sep >= 0x80 || max < 1 || max > 100 {
			return
		}
		q := &textReader{sep: sep, src: newLineSource(bytes.NewReader(nil), 1<<20), opts: ReaderOptions{MaxRecordLines: 4, MaxRecordBytes: 1 << 20}}
		if !q.spansCSV(line, max) {
			return
		}
		var got []string
		for _, sp := range q.spans {
			got = append(got, string(line[sp[0]:sp[1]]))
		}
		p, err := q.parseCSV(line)
		if err != nil || p.err != nil {
			t.Fatalf("spansCSV took %q, parseCSV: %v %v", line, err, p.err)
		}
		var want []string
		start := 0
		for _, end := range q.ends {
			want = append(want, string(q.rec[start:end]))
			start = end
		}
		if len(want) > max || !slices.Equal(got, want) {
			t.Fatalf("%q (max %d): spansCSV %q, parseCSV %q", line, max, got, want)
		}
	})
}
