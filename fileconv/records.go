package fileconv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/tabular"
)

// ErrTooManyRows is the error of a table with more rows than
// Options.MaxRows (kind dvhc.EINVALID; errors.Is works).
var ErrTooManyRows = dvhc.Errorf(dvhc.EINVALID, "too many rows")

// Record is one row of a table converted by AddressRecords: what the
// output row of "dvhc convert FILE" says, with the whole conversion.
type Record struct {
	Num  int // 1-based data row number
	Line int // 1-based line (or sheet row) where the row begins
	// Address is the text of the address column, as read.
	Address string
	// Point is the row's position, nil if it has none (or a bad one).
	Point *dvhc.LatLon
	// Result is the conversion. For a broken row (one that could not be
	// read cleanly) it is not converted: Status is address.StatusInvalid
	// and Note names the problem, exactly as the file output's dvhc_note.
	Result address.Result
	// Error is the row's problem: the reading error of a broken row, or
	// the error of a bad point (then ignored). Empty for a clean row.
	Error string
}

// slotBlock is the number of rows of a chunk of an AddressRecords run.
const slotBlock = 1024

// Table is the description of a table given to AddressRecords' callback
// before the first record.
type Table struct {
	Header        []string
	AddressColumn string // the name of the column converted
	// HeaderRow is the row of the header when title rows above it were
	// skipped (given or found), else 0.
	HeaderRow int
}

// readTable opens a table read from src whose format is that of the file
// name (".csv", ".tsv", ".jsonl", ".xlsx"), with the options of "dvhc
// convert FILE". Reading fails with ctx's error once ctx is done (so that
// a request's deadline also covers reading and opening the file). Errors
// of src (such as an oversized upload) are kept in the error chain. The
// header is on row headerRow, else found below title rows by like.
func readTable(ctx context.Context, src io.Reader, name string, headerRow int, like func(string) bool) (tabular.Reader, error) {
	f, err := tabular.FormatFromPath(name)
	if err != nil {
		return nil, err
	}
	ropts := tabular.ReaderOptions{Context: ctx, HeaderRow: headerRow}
	if headerRow == 0 && f != tabular.JSONL {
		ropts.HeaderLike = like
	}
	r, err := tabular.NewReader(ctxReader{ctx, src}, f, ropts)
	if err != nil {
		return nil, wrapSource(ctx, err, src)
	}
	return r, nil
}

// titled returns the row of r's header if title rows above it were
// skipped, else 0.
func titled(r tabular.Reader) int {
	if h := tabular.HeaderRowOf(r); h > 1 {
		return h
	}
	return 0
}

// ctxReader fails reads once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// sourceError is a reading error that keeps the source's error as its
// cause, whatever the reader made of it.
type sourceError struct {
	msg   error
	cause error
}

func (e *sourceError) Error() string { return e.msg.Error() }
func (e *sourceError) Unwrap() error { return e.cause }

// wrapSource makes err unwrap to ctx's error or to the last error of src,
// when the table reader flattened them into a message.
func wrapSource(ctx context.Context, err error, src io.Reader) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return &sourceError{err, cerr}
	}
	if se, ok := src.(interface{ Err() error }); ok {
		if cause := se.Err(); cause != nil && !errors.Is(err, cause) {
			return &sourceError{err, cause}
		}
	}
	return err
}

// CheckTable reads the table in src as AddressRecords would, without
// converting: it returns the table's description and its number of data
// rows, or the error AddressRecords would fail with before its first
// record (no header, no address column, too many rows, unreadable input).
// A caller that must answer all or nothing (the API) checks first, then
// streams the records.
func CheckTable(ctx context.Context, src io.Reader, name string, opts Options) (Table, int, error) {
	er := &errReader{r: src}
	r, err := readTable(ctx, er, name, opts.HeaderRow, opts.headerLike())
	if err != nil {
		return Table{}, 0, err
	}
	defer r.Close()
	job, err := newAddressJob(nil, r.Header(), opts)
	if err != nil {
		return Table{}, 0, err
	}
	t := Table{Header: r.Header(), AddressColumn: r.Header()[job.col], HeaderRow: titled(r)}
	var row tabular.Row
	n := 0
	for {
		err := r.Next(&row)
		if err == io.EOF {
			return t, n, nil
		}
		if err != nil {
			return t, n, wrapSource(ctx, err, er)
		}
		if n++; opts.MaxRows > 0 && n > opts.MaxRows {
			return t, n, fmt.Errorf("%w: more than %d rows in the table", ErrTooManyRows, opts.MaxRows)
		}
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return t, n, err
			}
		}
	}
}

// AddressRecords converts the address column of every row of the table in
// src, whose format is that of the file name, and calls emit with each
// row's Record in input order. It runs the same code as Addresses (column
// detection, row checks, point reading, statuses), so that both give
// every row the same status; it is the core of the API's file upload.
//
// head, if not nil, is called once with the table's description before the
// first record. With opts.MaxRows > 0, a table with more data rows fails
// with ErrTooManyRows. An error of emit stops the run.
func AddressRecords(ctx context.Context, conv *address.Converter, src io.Reader, name string, opts Options,
	head func(Table) error, emit func(*Record) error) error {
	er := &errReader{r: src}
	r, err := readTable(ctx, er, name, opts.HeaderRow, opts.headerLike())
	if err != nil {
		return err
	}
	defer r.Close()
	job, err := newAddressJob(conv, r.Header(), opts)
	if err != nil {
		return err
	}
	if head != nil {
		if err := head(Table{Header: r.Header(), AddressColumn: r.Header()[job.col], HeaderRow: titled(r)}); err != nil {
			return err
		}
	}
	bo := opts.batch(AddressColumns)
	if bo.Workers <= 0 {
		bo.Workers = runtime.GOMAXPROCS(0)
	}
	bo.ChunkRows, bo.InFlight = slotBlock, 2*bo.Workers+2
	rs := &recordSink{r: r, job: job, emit: emit, max: opts.MaxRows, blocks: make([][]slot, bo.InFlight+1)}
	_, err = batch.Run(ctx, rs, rs, bo, rs.fill)
	if err != nil {
		return wrapSource(ctx, err, er)
	}
	return nil
}

// errReader remembers the last error of r other than io.EOF.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}

func (e *errReader) Err() error { return e.err }

// recordSink is the reader and writer of an AddressRecords run: it keeps,
// for each row in flight, what the record needs beyond the output fields.
// The reader side fills a row's slot when it reads the row, a worker when
// it converts it, and the writer side reads it when the row is written:
// batch orders these (a chunk goes reader → worker → writer). Slots come
// in blocks of one chunk, recycled over a window of more chunks than
// batch keeps in flight.
type recordSink struct {
	r    tabular.Reader
	job  *addressJob
	emit func(*Record) error
	max  int

	blocks [][]slot // the window; a block is allocated when first used
	read   int      // rows read
	wrote  int      // rows written
	rec    Record
}

type slot struct {
	line      int
	address   string
	converted bool // the Func ran: the row was not broken
	res       address.Result
	point     *dvhc.LatLon
	perr      error
}

// slot returns the slot of the 1-based row n.
func (rs *recordSink) slot(n int) *slot {
	b := rs.blocks[((n-1)/slotBlock)%len(rs.blocks)]
	return &b[(n-1)%slotBlock]
}

func (rs *recordSink) Header() []string { return rs.r.Header() }
func (rs *recordSink) Close() error     { return nil }

func (rs *recordSink) Next(row *tabular.Row) error {
	if err := rs.r.Next(row); err != nil {
		return err
	}
	rs.read++
	if rs.max > 0 && rs.read > rs.max {
		return fmt.Errorf("%w: more than %d rows in the table", ErrTooManyRows, rs.max)
	}
	if k := ((rs.read - 1) / slotBlock) % len(rs.blocks); rs.blocks[k] == nil {
		rs.blocks[k] = make([]slot, slotBlock)
	}
	*rs.slot(rs.read) = slot{line: row.Line, address: row.Fields[rs.job.col]}
	return nil
}

// fill is the batch Func: the same conversion as Addresses, keeping the
// whole result for the record.
func (rs *recordSink) fill(row *tabular.Row, out []string) {
	s := rs.slot(row.Num)
	s.res, s.point, s.perr = rs.job.convert(row)
	s.converted = true
	fillAddress(out, &s.res, s.perr)
}

func (rs *recordSink) WriteHeader([]string) error { return nil }

func (rs *recordSink) WriteRow(fields []string) error {
	rs.wrote++
	s := rs.slot(rs.wrote)
	r := &rs.rec
	*r = Record{Num: rs.wrote, Line: s.line, Address: s.address}
	if s.converted {
		r.Result, r.Point = s.res, s.point
		if s.perr != nil {
			r.Error = s.perr.Error()
		}
	} else {
		// A broken row: batch wrote it invalid, with the row's problem
		// as the note.
		note := fields[len(fields)-1]
		r.Result = address.Result{Status: address.StatusInvalid, Input: s.address, Note: note}
		r.Error = note
	}
	*s = slot{}
	return rs.emit(r)
}

// AddressTable converts the address column of the table in src, whose
// format is that of the file name, as Addresses does, reading it as
// AddressRecords does; the rows go to the writer that out makes for the
// table (out is given the reader, so that an XLSX output can keep an XLSX
// input's cell types: tabular.WriterOptions.Like). AddressTable closes that
// writer. It is the core of the API's converted-file download.
func AddressTable(ctx context.Context, conv *address.Converter, src io.Reader, name string, opts Options,
	out func(tabular.Reader) (tabular.Writer, error)) (batch.Summary, error) {
	er := &errReader{r: src}
	r, err := readTable(ctx, er, name, opts.HeaderRow, opts.headerLike())
	if err != nil {
		return batch.Summary{}, err
	}
	defer r.Close()
	w, err := out(r)
	if err != nil {
		return batch.Summary{}, err
	}
	sum, err := Addresses(ctx, conv, r, w, opts)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, wrapSource(ctx, err, er)
	}
	return sum, nil
}
