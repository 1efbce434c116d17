package tabular

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// bom is the UTF-8 byte-order mark.
var bom = []byte("\xEF\xBB\xBF")

// PositionalColumns returns the names "1", "2", … "n" that a NoHeader
// reader gives to the columns when ReaderOptions.Columns is not set.
func PositionalColumns(n int) []string {
	cols := make([]string, n)
	for i := range cols {
		cols[i] = strconv.Itoa(i + 1)
	}
	return cols
}

// newHeadlessReader reads input whose first record is data
// (ReaderOptions.NoHeader). For CSV and TSV it puts a header line made of
// the column names in front of the input and reads the whole through the
// usual reader, so every record, the first included, is read by the same
// rules; Line is then shifted back by one.
func newHeadlessReader(r io.Reader, f Format, opts ReaderOptions) (Reader, error) {
	opts.NoHeader = false
	switch f {
	case JSONL:
		// JSONL has no header line: the columns are Columns or the keys
		// of the first object, as usual.
		return newJSONLReader(r, opts)
	case CSV, TSV:
	default:
		return nil, dvhc.Errorf(dvhc.EINVALID, "reading without a header is for CSV, TSV and JSONL, not %v", f)
	}
	cols := opts.Columns
	var rest io.Reader
	if cols == nil {
		// Read the first record as a header to count its fields, keeping
		// the bytes read, then read them again as data.
		var seen bytes.Buffer
		probe, err := newTextReader(io.TeeReader(r, &seen), f, opts)
		if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "cannot count the columns of the first row (%v): name the columns", err)
		}
		if len(probe.Header()) == 0 {
			return probe, nil // empty input
		}
		cols = PositionalColumns(len(probe.Header()))
		opts.Comma = probe.sep // the delimiter detected on the first row
		rest = io.MultiReader(bytes.NewReader(bytes.TrimPrefix(seen.Bytes(), bom)), r)
	} else {
		if len(cols) == 0 {
			return nil, dvhc.Errorf(dvhc.EINVALID, "no column names")
		}
		for _, c := range cols {
			if strings.ContainsAny(c, "\r\n") {
				return nil, dvhc.Errorf(dvhc.EINVALID, "column name %q holds a line break", c)
			}
		}
		br := bufio.NewReaderSize(r, readBufSize)
		if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
			br.Discard(len(bom))
		}
		rest = br
		if f == CSV && opts.Comma == 0 {
			opts.Comma = sniffComma(br) // from the first row, as for a header
		}
	}
	var head bytes.Buffer
	hw := newTextWriter(&head, f, WriterOptions{Comma: opts.Comma})
	if err := hw.WriteHeader(cols); err != nil {
		return nil, err
	}
	if err := hw.Close(); err != nil {
		return nil, err
	}
	t, err := newTextReader(io.MultiReader(&head, rest), f, opts)
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "column names: %v", err)
	}
	return &headlessReader{t}, nil
}

// headlessReader is a text reader behind a made-up header line.
type headlessReader struct{ *textReader }

func (h *headlessReader) Next(row *Row) error {
	err := h.textReader.Next(row)
	if err == nil {
		row.Line--
		if row.Err != nil {
			row.Err.Line--
		}
	}
	return err
}

// newHeadlessWriter returns a writer that writes no header line
// (WriterOptions.NoHeader).
func newHeadlessWriter(w io.Writer, f Format, opts WriterOptions) (Writer, error) {
	if f != CSV && f != TSV && f != JSONL {
		return nil, dvhc.Errorf(dvhc.EINVALID, "writing without a header is for CSV, TSV and JSONL, not %v", f)
	}
	opts.NoHeader = false
	wr, err := NewWriter(w, f, opts)
	if err != nil {
		return nil, err
	}
	if t, ok := wr.(*textWriter); ok {
		return headlessWriter{t}, nil
	}
	return wr, nil // JSONL writes no header line anyway
}

// headlessWriter is a text writer whose WriteHeader only sets the columns.
type headlessWriter struct{ *textWriter }

func (h headlessWriter) WriteHeader(columns []string) error {
	if h.header {
		return errHeaderTwice
	}
	h.header = true
	h.cols = len(columns)
	return nil
}
