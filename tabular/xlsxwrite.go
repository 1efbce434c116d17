package tabular

import (
	"io"
	"strconv"
	"time"

	"github.com/dvhc-vn/dvhc"
	"github.com/xuri/excelize/v2"
)

// xlsxWriter writes one sheet with excelize's StreamWriter. Linked to an
// XLSX reader (WriterOptions.Like), it writes each field whose input cell
// was a number, a date or a boolean as such, with the input's number
// format; every other field is text.
type xlsxWriter struct {
	out    io.Writer
	f      *excelize.File
	sw     *excelize.StreamWriter
	like   *xlsxReader
	styles map[int32]int // input number format id -> output style
	cols   int
	n      int // rows written, header included
	header bool
	vals   []any
	closed bool
}

func newXLSXWriter(w io.Writer, opts WriterOptions) (*xlsxWriter, error) {
	x := &xlsxWriter{out: w}
	if r, ok := opts.Like.(*xlsxReader); ok && r.link() {
		x.like = r
		if opts.Sheet == "" {
			opts.Sheet = r.Sheet()
		}
	}
	x.f = excelize.NewFile()
	sheet := "Sheet1"
	if opts.Sheet != "" && opts.Sheet != sheet {
		if err := x.f.SetSheetName(sheet, opts.Sheet); err != nil {
			x.f.Close()
			return nil, dvhc.Errorf(dvhc.EINVALID, "XLSX sheet name %q: %v", opts.Sheet, err)
		}
		sheet = opts.Sheet
	}
	sw, err := x.f.NewStreamWriter(sheet)
	if err != nil {
		x.f.Close()
		return nil, dvhc.Errorf(dvhc.EINTERNAL, "XLSX stream writer: %v", err)
	}
	x.sw = sw
	return x, nil
}

func (x *xlsxWriter) WriteHeader(columns []string) error {
	if x.header {
		return errHeaderTwice
	}
	x.header = true
	x.cols = len(columns)
	return x.write(columns, nil)
}

func (x *xlsxWriter) WriteRow(fields []string) error {
	if err := checkRow(x.header, len(fields), x.cols); err != nil {
		return err
	}
	var meta []cellMeta
	if x.like != nil {
		meta = x.like.pop()
	}
	return x.write(fields, meta)
}

func (x *xlsxWriter) write(fields []string, meta []cellMeta) error {
	if x.n >= excelize.TotalRows {
		return dvhc.Errorf(dvhc.EINVALID, "XLSX holds at most %d rows", excelize.TotalRows)
	}
	x.n++
	x.vals = x.vals[:0]
	for i, f := range fields {
		if f == "" {
			x.vals = append(x.vals, nil)
			continue
		}
		var v any = f
		if i < len(meta) {
			v = x.typed(f, meta[i])
		}
		x.vals = append(x.vals, v)
	}
	if err := x.sw.SetRow(cellName(x.n), x.vals); err != nil {
		return dvhc.Errorf(dvhc.EINTERNAL, "XLSX row %d: %v", x.n, err)
	}
	return nil
}

// typed returns the value to write for a field read from a cell of the
// given kind: the field itself (text) when it does not parse as that kind.
func (x *xlsxWriter) typed(f string, m cellMeta) any {
	switch m.kind {
	case kindBool:
		switch f {
		case "TRUE":
			return true
		case "FALSE":
			return false
		}
	case kindNumber:
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return f
		}
		if m.fmt == 0 {
			return v
		}
		return excelize.Cell{StyleID: x.style(m.fmt), Value: v}
	case kindDate:
		for _, l := range []string{layoutDate, layoutDateTime, layoutTime} {
			t, err := time.Parse(l, f)
			if err != nil {
				continue
			}
			v := excelSerial(t)
			if l == layoutTime {
				v = t.Sub(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24
			}
			id := m.fmt
			if id == 0 { // an ISO date cell (t="d"): show it as ISO
				id = isoFormats[l]
			}
			return excelize.Cell{StyleID: x.style(id), Value: v}
		}
	}
	return f
}

// isoFormats are the formats (negative ids of this package) of ISO date
// cells, by the layout of their field.
var isoFormats = map[string]int32{layoutDate: -1, layoutDateTime: -2, layoutTime: -3}

var isoCodes = map[int32]string{-1: "yyyy-mm-dd", -2: "yyyy-mm-dd hh:mm:ss", -3: "hh:mm:ss"}

// style returns the output style of an input number format, making it the
// first time.
func (x *xlsxWriter) style(id int32) int {
	if s, ok := x.styles[id]; ok {
		return s
	}
	st := &excelize.Style{}
	switch code := x.like.numFmtCode(id); {
	case id < 0:
		c := isoCodes[id]
		st.CustomNumFmt = &c
	case id < 164 || code == "":
		st.NumFmt = int(id)
	default:
		st.CustomNumFmt = &code
	}
	s, err := x.f.NewStyle(st)
	if err != nil {
		s = 0
	}
	if x.styles == nil {
		x.styles = map[int32]int{}
	}
	x.styles[id] = s
	return s
}

// cellName returns the name of the first cell of a row: A1, A2, ...
func cellName(row int) string { return "A" + strconv.Itoa(row) }

func (x *xlsxWriter) Close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return dvhc.Errorf(dvhc.EINTERNAL, "XLSX flush: %v", err)
	}
	if err := x.f.Write(x.out); err != nil {
		return err
	}
	return nil
}
