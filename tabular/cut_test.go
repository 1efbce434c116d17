package tabular

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// rowsOf reads every row of an input in format f.
func rowsOf(t *testing.T, in []byte, f Format, opts ReaderOptions) ([]Row, error) {
	r, err := NewReader(bytes.NewReader(in), f, opts)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for {
		var row Row
		if err := r.Next(&row); err == io.EOF {
			return rows, nil
		} else if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
}

// sameLines checks that reading with a small buffer (got, err2) gave the
// rows of reading with a large one (want, err1): the same outcome, the
// same number of rows, each on the same line with as many fields.
func sameLines(t *testing.T, err1, err2 error, got, want []Row) {
	t.Helper()
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("%v with a large buffer, %v with a small one", err1, err2)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows with a small buffer, %d with a large one", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Line != w.Line || len(g.Fields) != len(w.Fields) {
			t.Fatalf("row %d: line %d, %d fields; want line %d, %d fields", i+1, g.Line, len(g.Fields), w.Line, len(w.Fields))
		}
	}
}

// FuzzCSVCut: with a read buffer smaller than the lines, so that lines are
// cut field by field, the reader gives the same rows, with the same
// number of fields, each at most MaxFieldBytes; only what was cut and its
// error differ.
func FuzzCSVCut(f *testing.F) {
	for _, s := range []string{"a,b\n1,2345678901234567890\n", "a,b,c\n1,\"xxxxxxxxxxxxxxxxxxxxxxxxxxx,yyy\",z\n",
		"a,b\n\"ééééééééééééééééééé\",x\n", "a,b\n1,\"open\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n2,3\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		// The delimiter is given: sniffing reads the header line from the
		// read buffer, which this test shrinks; this property is about cutting.
		opts := ReaderOptions{MaxFieldBytes: 8, MaxRecordBytes: 1 << 20, MaxRecordLines: 4, Comma: ','}
		want, err1 := rowsOf(t, in, CSV, opts)
		defer func(n int) { readBufSize = n }(readBufSize)
		readBufSize = 16
		got, err2 := rowsOf(t, in, CSV, opts)
		sameLines(t, err1, err2, got, want)
		for i := range got {
			g, w := got[i], want[i]
			cut := errors.Is(g.Err, ErrFieldTooLong)
			for j, fv := range g.Fields {
				// (repairing invalid UTF-8 may lengthen a field)
				if len(fv) > opts.MaxFieldBytes && utf8.Valid(in) {
					t.Fatalf("row %d field %d: %d bytes", i+1, j+1, len(fv))
				}
				if !cut && w.Err == nil && fv != w.Fields[j] {
					t.Fatalf("row %d field %d: %q, want %q", i+1, j+1, fv, w.Fields[j])
				}
			}
		}
	})
}

func TestJSONLLongValueKeepsTheOthers(t *testing.T) {
	in := `{"id":1,"address":"` + strings.Repeat("é", 3<<20) + `\"\u00e9","name":"kept"}` + "\n" + `{"id":2,"address":"x","name":"y"}` + "\n"
	r, err := NewReader(strings.NewReader(in), JSONL, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var row Row
	if err := r.Next(&row); err != nil {
		t.Fatal(err)
	}
	if row.Fields[0] != "1" || row.Fields[2] != "kept" || len(row.Fields[1]) != 1<<20 || !errors.Is(row.Err, ErrFieldTooLong) {
		t.Errorf("row 1: id %q, name %q, address of %d bytes, error %v", row.Fields[0], row.Fields[2], len(row.Fields[1]), row.Err)
	}
	if err := r.Next(&row); err != nil || row.Err != nil || row.Fields[1] != "x" {
		t.Errorf("row 2: %v %+v", err, row)
	}
}

// FuzzJSONLCut: with a read buffer smaller than the lines, so that long
// strings are cut while reading, the rows are the same lines with the
// same columns, and an uncut row has the same fields.
func FuzzJSONLCut(f *testing.F) {
	for _, s := range []string{`{"a":"xxxxxxxxxxxxxxxxxxxxxxxx","b":1}` + "\n", `{"a":"\u00e9\u00e9\u00e9\u00e9\"\\\\\\"","b":"yyyyyyyyyyyyyyy"}`,
		"{\"a\":\"ééééééééééééé\"}\n{\"a\":2}\n", `{"a":1}` + "\n" + `{"a":"` + "\\" + `"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		opts := ReaderOptions{MaxFieldBytes: 8, MaxRecordBytes: 1 << 20}
		want, err1 := rowsOf(t, in, JSONL, opts)
		for _, w := range want {
			if errors.Is(w.Err, ErrSyntax) {
				return // cutting may drop what made a line invalid
			}
		}
		defer func(n int) { readBufSize = n }(readBufSize)
		readBufSize = 16
		got, err2 := rowsOf(t, in, JSONL, opts)
		sameLines(t, err1, err2, got, want)
		for i := range got {
			g, w := got[i], want[i]
			if g.Err == nil && w.Err == nil {
				for j := range g.Fields {
					if g.Fields[j] != w.Fields[j] {
						t.Fatalf("row %d field %d: %q, want %q", i+1, j+1, g.Fields[j], w.Fields[j])
					}
				}
			}
		}
	})
}

// TestCSVCutContinuation: a field cut on a continuation line of a quoted
// field (read with a buffer smaller than that line) is reported as cut,
// as it is when the record fits the buffer. It was once lost: only the
// first line's cut was reported.
func TestCSVCutContinuation(t *testing.T) {
	// not UTF-8: read as Windows-1252, where 0xC9 is É, 2 bytes in
	// UTF-8, so that the field cut keeps "\n0ÉÉÉ", 8 bytes: within the
	// limit once cut, so only the cut itself tells (found by FuzzCSVCut)
	in := []byte("a,b\n1,\"\n0\xc9\xc9\xc9\xc9000000\"\n2,z\n")
	opts := ReaderOptions{MaxFieldBytes: 8, MaxRecordBytes: 1 << 20, MaxRecordLines: 4, Comma: ','}
	for _, size := range []int{1 << 16, 16} {
		defer func(n int) { readBufSize = n }(readBufSize)
		readBufSize = size
		rows, err := rowsOf(t, in, CSV, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("buffer %d: %d rows, want 2", size, len(rows))
		}
		var re *RowError
		if !errors.As(rows[0].Err, &re) || !errors.Is(re, ErrFieldTooLong) || re.Field != 2 {
			t.Errorf("buffer %d: row 1 error %v, want field 2 too long", size, rows[0].Err)
		}
		if len(rows[0].Fields[1]) > opts.MaxFieldBytes {
			t.Errorf("buffer %d: field 2 is %d bytes", size, len(rows[0].Fields[1]))
		}
		if rows[1].Err != nil || rows[1].Fields[1] != "z" {
			t.Errorf("buffer %d: row 2 %q %v", size, rows[1].Fields, rows[1].Err)
		}
	}
}
