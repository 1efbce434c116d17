package tabular

import (
	"io"
	"strconv"

	"github.com/dvhc-vn/dvhc"
	"github.com/xuri/excelize/v2"
)

// xlsxReader reads one sheet with excelize's streaming iterator.
type xlsxReader struct {
	f      *excelize.File
	rows   *excelize.Rows
	opts   ReaderOptions
	header []string
	sheetN int // sheet row number of the last row read
	num    int
	err    error
}

func newXLSXReader(r io.Reader, opts ReaderOptions) (*xlsxReader, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "reading XLSX: %v", err)
	}
	sheet := opts.Sheet
	if sheet == "" {
		list := f.GetSheetList()
		if len(list) == 0 {
			f.Close()
			return nil, dvhc.Errorf(dvhc.EINVALID, "XLSX workbook has no sheet")
		}
		sheet = list[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q: %v", sheet, err)
	}
	x := &xlsxReader{f: f, rows: rows, opts: opts}
	cols, err := x.next()
	if err == io.EOF {
		x.err = io.EOF
		return x, nil
	}
	if err != nil {
		x.Close()
		return nil, err
	}
	n := len(cols)
	for n > 0 && cols[n-1] == "" {
		n--
	}
	if n == 0 {
		x.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "header of the XLSX sheet %q: empty first row", sheet)
	}
	x.header = append([]string(nil), cols[:n]...)
	return x, nil
}

func (x *xlsxReader) next() ([]string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "reading XLSX row %d: %v", x.sheetN+1, err)
		}
		return nil, io.EOF
	}
	x.sheetN++
	cols, err := x.rows.Columns()
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "reading XLSX row %d: %v", x.sheetN, err)
	}
	return cols, nil
}

func (x *xlsxReader) Header() []string { return x.header }

func (x *xlsxReader) Next(row *Row) error {
	if x.err != nil {
		return x.err
	}
	cols, err := x.next()
	if err != nil {
		x.err = err
		return err
	}
	x.num++
	row.Num, row.Line = x.num, x.sheetN
	row.ExtraKeys = row.ExtraKeys[:0]
	var p problem
	empty := true
	for i, c := range cols {
		if c != "" {
			empty = false
		}
		if len(c) > x.opts.MaxFieldBytes {
			if p.err == nil {
				p = problem{field: i + 1, err: detail(ErrFieldTooLong, "%d bytes, more than %d", len(c), x.opts.MaxFieldBytes)}
			}
			cols[i] = ""
		}
	}
	if empty {
		p = problem{err: ErrEmptyLine}
	}
	finish(row, append(row.Fields[:0], cols...), x.header, p, x.opts.AllowExtra)
	return nil
}

func (x *xlsxReader) Close() error {
	err := x.rows.Close()
	if err2 := x.f.Close(); err == nil {
		err = err2
	}
	return err
}

// xlsxWriter writes one sheet with excelize's StreamWriter.
type xlsxWriter struct {
	out    io.Writer
	f      *excelize.File
	sw     *excelize.StreamWriter
	cols   int
	n      int // rows written, header included
	header bool
	vals   []any
	closed bool
}

func newXLSXWriter(w io.Writer, opts WriterOptions) (*xlsxWriter, error) {
	f := excelize.NewFile()
	sheet := "Sheet1"
	if opts.Sheet != "" && opts.Sheet != sheet {
		if err := f.SetSheetName(sheet, opts.Sheet); err != nil {
			f.Close()
			return nil, dvhc.Errorf(dvhc.EINVALID, "XLSX sheet name %q: %v", opts.Sheet, err)
		}
		sheet = opts.Sheet
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, dvhc.Errorf(dvhc.EINTERNAL, "XLSX stream writer: %v", err)
	}
	return &xlsxWriter{out: w, f: f, sw: sw}, nil
}

func (x *xlsxWriter) WriteHeader(columns []string) error {
	if x.header {
		return errHeaderTwice
	}
	x.header = true
	x.cols = len(columns)
	return x.write(columns)
}

func (x *xlsxWriter) WriteRow(fields []string) error {
	if !x.header {
		return errNoHeader
	}
	if len(fields) > x.cols {
		return errTooManyFields(len(fields), x.cols)
	}
	return x.write(fields)
}

func (x *xlsxWriter) write(fields []string) error {
	if x.n >= excelize.TotalRows {
		return dvhc.Errorf(dvhc.EINVALID, "XLSX holds at most %d rows", excelize.TotalRows)
	}
	x.n++
	x.vals = x.vals[:0]
	for _, f := range fields {
		if f == "" {
			x.vals = append(x.vals, nil)
			continue
		}
		x.vals = append(x.vals, f)
	}
	if err := x.sw.SetRow(cellName(x.n), x.vals); err != nil {
		return dvhc.Errorf(dvhc.EINTERNAL, "XLSX row %d: %v", x.n, err)
	}
	return nil
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
