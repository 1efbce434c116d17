// Package tabular streams tables (CSV, TSV, JSONL, XLSX) row by row, in
// order, reporting a broken row as a row with an error instead of dropping,
// merging or aborting on it.
//
// # Rows
//
// A Reader yields the header (the column names) and then one Row per
// physical record of the input, in input order. The contract: every
// physical record of the input becomes exactly one Row, and no Row spans
// more than one record unless it is a legitimate multi-line quoted CSV
// field. A record that cannot be read cleanly is still a Row: its Err is
// set, its Fields hold what could be recovered (empty strings otherwise),
// and the Reader goes on with the next physical line. Only I/O failures and
// an unusable header stop a Reader.
//
// The problems reported as a *RowError are:
//
//   - an empty line (ErrEmptyLine): it is a Row with all fields empty.
//     A final newline at the end of the input does not make an empty line;
//     a blank line before it does;
//   - invalid UTF-8 (ErrInvalidUTF8): the offending field is repaired by
//     replacing each invalid byte sequence with U+FFFD;
//   - a field longer than MaxFieldBytes (ErrFieldTooLong): the field is
//     cut to MaxFieldBytes (at a character boundary) and the other fields
//     are kept, even when the line is longer than MaxRecordBytes (a JSONL
//     line has its long strings cut while it is read, and the error names
//     no column). A line still longer than MaxRecordBytes once each field
//     is cut is ErrRecordTooLong: it is skipped to its end and the Row is
//     left empty;
//   - bad quoting (ErrQuote): text after a closing quote, or a quoted
//     field still open after MaxRecordLines lines, MaxRecordBytes bytes or
//     at the end of the input. The reader then resynchronises: the next
//     Row starts at the physical line after the broken row's first line,
//     so the rows that the open quote swallowed are read again;
//   - more fields than the header (ErrFieldCount), unless
//     ReaderOptions.AllowExtra: the extra fields are kept in Row.Extra.
//     Trailing empty fields (a row ending in commas) are not an error.
//
// Fewer fields than the header is not an error: the missing fields are
// empty strings. Fields is always exactly as long as the header.
//
// # Title rows
//
// Office tables often have title rows above the header (the issuing
// office, the list's name, a blank row). ReaderOptions.HeaderRow names the
// header's row; ReaderOptions.HeaderLike lets the reader find it among the
// first DetectHeaderRows rows when that is safe (see there). The rows above
// the header are skipped: they are neither the header nor data rows, so
// Row.Num counts from the row under the header, while Row.Line and the
// line of a RowError stay the file's. HeaderRowOf tells the header's row.
//
// # Formats
//
// Text inputs (CSV, TSV, JSONL) are UTF-8; a file in a legacy Vietnamese
// encoding (TCVN3, VNI, Windows-1258) is detected from its first 64 KiB, or
// named by ReaderOptions.Encoding, and converted to UTF-8 NFC (package
// vnenc). The CSV delimiter, unless ReaderOptions.Comma names it, is the
// most frequent of ',', ';' and tab on the header line (Excel writes ';'
// in Vietnamese locales); Comma(r) tells which.
//
// CSV follows RFC 4180 with these choices: LF or CRLF line ends (a lone CR
// does not end a line, so a file with old Mac line ends is one long line); a UTF-8
// byte-order mark at the start is dropped; a quote inside an unquoted field
// is taken literally (5 "A" street), while text after a closing quote is an
// error; CRLF inside a quoted field is read as LF. A quoted field may span
// lines only if the record it ends up in has as many fields as the header:
// otherwise its opening quote is taken as unterminated (the usual way a
// stray quote would swallow the rows after it). The writer quotes a field
// that holds the delimiter, a quote, CR or LF, or that starts or ends with a
// space, and doubles the quotes inside it.
//
// TSV (text/tab-separated-values) has no quoting: a field ends at a tab or
// at the end of the line. Tabs, newlines and backslashes inside fields are
// escaped as \t, \n, \r and \\ (the convention of PostgreSQL's and
// ClickHouse's text formats); the reader decodes these four escapes and
// leaves any other backslash as it is. Quotes are ordinary characters. For
// tab-delimited files with CSV-style quotes (as Excel writes them), read
// CSV with ReaderOptions.Comma = '\t'.
//
// JSONL has one JSON object per line. Its columns are the keys of the
// objects of the first LookaheadLines lines, in the order they first
// appear, or ReaderOptions.Columns when given: objects need not have the
// same keys. A later object may omit keys (their fields are empty) or order
// them differently; a key first seen after the lookahead is kept in
// Row.ExtraKeys and Row.Extra and reported as ErrFieldCount (naming the
// key) unless ReaderOptions.AllowExtra, because a streamed output cannot
// grow new columns after its header is written. String values are read as
// they are; numbers, true and false as their JSON text; null as ""; objects
// and arrays as their raw JSON text; Row.JSON keeps each value's kind. A
// line that is not a JSON object is a Row with ErrSyntax; the first object
// must come within 1000 lines. WriteRow writes every value as a JSON
// string, keys in header order; WriteJSONRow (JSONRowWriter) writes each
// value with its kind, leaving out keys the input object did not have
// (with ReaderOptions.Columns every column is in every row: a missing key
// is an empty string).
//
// XLSX is read from the first sheet, or ReaderOptions.Sheet (a name or a
// 1-based position), by this package's own streaming reader (archive/zip
// and a small bounded XML scanner): the workbook's sheet list and
// relationships, the shared strings (held in memory), the number formats of
// styles.xml, and the sheet's XML row by row. Rows are placed by their
// number (the r attribute): Line is the sheet row number; a gap in the
// numbering is skipped, and so is a blank row (one with no value, present
// only for its formatting): neither is a Row, since a spreadsheet shows
// them alike. A row out of order is its own Row, in file order, never
// merged into another. The header is the first row with a value; its last
// non-empty cell sets the columns. Each field is the cell's value as text:
// a shared or inline string as it is; a number as Excel shows it in
// General format (at most 15 significant digits, no exponent when it fits:
// 1234.5, 0.1); a number whose format shows a date as 2006-01-02,
// 2006-01-02 15:04:05 or (a time alone) 15:04:05; a boolean as TRUE or
// FALSE; an error as its code (#N/A); a formula as its cached value (empty
// if the file holds none). Row.Extra holds the non-empty cells after the
// last column. A cell over 32,767 characters is ErrFieldTooLong.
//
// Every size an XLSX file can inflate is bounded before it is allocated
// (XLSXLimits: file size, zip entries, bytes decompressed, ratio, shared
// strings, rows, columns, cell size, XML token size and depth), and the
// reader stops when ReaderOptions.Context is done; going over a limit is a
// *LimitError naming it. Only the compressed file (unless it is a regular
// file or an in-memory reader) and the shared strings are held in memory.
//
// The XLSX writer uses excelize's StreamWriter; the file is produced on
// Close. It writes text cells, except for the fields of an XLSX input read
// with WriterOptions.Like, which keep their cell type and number format;
// its sheet is then named after the input's. XLSX holds at most 1,048,576
// rows (more is an error from WriteRow) and 32,767 characters per cell
// (excelize truncates longer values).
//
// # Concurrency
//
// A Reader or a Writer is not safe for concurrent use; use each from one
// goroutine at a time. Strings in a Row stay valid forever (a Reader never
// reuses their memory); the Fields, Extra and ExtraKeys slices are reused by
// the next call of Next with the same *Row.
package tabular

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// Format is a table file format. The zero value is not a valid format.
type Format uint8

// The formats.
const (
	CSV   Format = iota + 1 // comma-separated values, RFC 4180
	TSV                     // tab-separated values with backslash escapes
	JSONL                   // one JSON object per line
	XLSX                    // Office Open XML workbook
)

var formatNames = [...]string{"", "csv", "tsv", "jsonl", "xlsx"}

// String returns the flag name of f: csv, tsv, jsonl or xlsx.
func (f Format) String() string {
	if int(f) < len(formatNames) && f != 0 {
		return formatNames[f]
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// Set parses a flag value into f; it makes *Format a flag.Value.
func (f *Format) Set(s string) error {
	v, err := ParseFormat(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// ParseFormat parses a format name, case-insensitively: csv, tsv, jsonl
// (or ndjson) and xlsx. Other names are a dvhc.EINVALID error.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "csv":
		return CSV, nil
	case "tsv", "tab":
		return TSV, nil
	case "jsonl", "ndjson":
		return JSONL, nil
	case "xlsx":
		return XLSX, nil
	}
	return 0, dvhc.Errorf(dvhc.EINVALID, "unknown table format %q (want csv, tsv, jsonl or xlsx)", s)
}

// FormatFromPath detects the format from a file name's extension,
// case-insensitively: .csv, .tsv or .tab, .jsonl or .ndjson, .xlsx. Other
// extensions are a dvhc.EINVALID error.
func FormatFromPath(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv":
		return CSV, nil
	case ".tsv", ".tab":
		return TSV, nil
	case ".jsonl", ".ndjson":
		return JSONL, nil
	case ".xlsx":
		return XLSX, nil
	}
	return 0, dvhc.Errorf(dvhc.EINVALID, "cannot tell the table format of %q from its extension (want .csv, .tsv, .jsonl or .xlsx)", path)
}

// Row is one record of a table.
type Row struct {
	// Num is the 1-based number of the row among the data rows: the
	// header is not counted.
	Num int
	// Line is the 1-based physical line where the record begins (for
	// XLSX, the sheet row number), counting the header line.
	Line int
	// Fields holds the values, aligned to the header: always exactly
	// len(Header()) strings, empty where the record had no value. The
	// strings stay valid after the next read; those of short CSV/TSV
	// records share a block of 8 KiB with their neighbours, so a caller
	// that keeps a few fields of many rows should strings.Clone them.
	Fields []string
	// Extra holds fields beyond the header: for CSV and TSV the fields
	// after the last column, for XLSX the non-empty cells after it, for
	// JSONL the values of keys that are not columns. Trailing empty
	// CSV/TSV fields are dropped.
	Extra []string
	// ExtraKeys holds, for JSONL only, the keys of Extra.
	ExtraKeys []string
	// JSON holds, for JSONL only, the JSON kind of each field (aligned
	// with Fields; empty for a broken line), so that a JSONL output keeps
	// numbers, objects and null as they came. Nil for other formats.
	JSON []JSONKind
	// Err is set if the record is broken; Fields then hold what could be
	// recovered.
	Err *RowError
}

// RowError is a problem with one row. Err is one of the Err variables of
// this package, so errors.Is works, and dvhc.ErrorKind of a RowError is
// dvhc.EINVALID.
type RowError struct {
	Row    int    // 1-based data row number, as Row.Num
	Line   int    // 1-based physical line where the row begins, as Row.Line
	Field  int    // 1-based field (column) number, 0 if not about one field
	Column string // name of the column, "" if unknown or not about one field
	Err    error
}

// Error returns a message naming the row and the column, such as
// `row 12 (line 13), column "address": invalid UTF-8`.
func (e *RowError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString("row ")
	b.WriteString(strconv.Itoa(e.Row))
	b.WriteString(" (line ")
	b.WriteString(strconv.Itoa(e.Line))
	b.WriteString(")")
	switch {
	case e.Column != "":
		b.WriteString(", column ")
		b.WriteString(strconv.Quote(e.Column))
	case e.Field > 0:
		b.WriteString(", field ")
		b.WriteString(strconv.Itoa(e.Field))
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns e.Err, or nil for a nil e, so that errors.Is(row.Err, x)
// is safe on a row without error.
func (e *RowError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// The problems of a row. Each is a *dvhc.Error of kind dvhc.EINVALID; a
// RowError may wrap one with more detail (use errors.Is).
var (
	ErrEmptyLine     = dvhc.Errorf(dvhc.EINVALID, "empty line")
	ErrInvalidUTF8   = dvhc.Errorf(dvhc.EINVALID, "invalid UTF-8")
	ErrFieldTooLong  = dvhc.Errorf(dvhc.EINVALID, "field too long")
	ErrRecordTooLong = dvhc.Errorf(dvhc.EINVALID, "line too long")
	ErrQuote         = dvhc.Errorf(dvhc.EINVALID, "bad quoting")
	ErrFieldCount    = dvhc.Errorf(dvhc.EINVALID, "more fields than columns")
	ErrSyntax        = dvhc.Errorf(dvhc.EINVALID, "not a JSON object")
)

// detailError is a sentinel with more detail for people.
type detailError struct {
	kind   error
	detail string
}

func (e *detailError) Error() string { return e.kind.Error() + ": " + e.detail }
func (e *detailError) Unwrap() error { return e.kind }

func detail(kind error, format string, args ...any) error {
	return &detailError{kind: kind, detail: fmt.Sprintf(format, args...)}
}

// Reader reads a table: the header, then the rows in input order.
type Reader interface {
	// Header returns the column names. It is empty for an empty input.
	// The caller must not modify it.
	Header() []string
	// Next reads the next row into row, reusing row's slices. A broken
	// row is not an error of Next: it sets row.Err. Next returns io.EOF
	// after the last row, and any other error only for a failure that
	// stops reading (I/O); after an error Next keeps returning it.
	Next(row *Row) error
	// Close releases the reader's resources. It does not close the
	// io.Reader given to NewReader.
	Close() error
}

// Writer writes a table: the header, then rows.
type Writer interface {
	// WriteHeader writes the column names. It must be called once, before
	// WriteRow.
	WriteHeader(columns []string) error
	// WriteRow writes one row. Fields beyond the header are an error;
	// missing fields are written empty.
	WriteRow(fields []string) error
	// Close flushes what is buffered (for XLSX, writes the whole file). It
	// does not close the io.Writer given to NewWriter.
	Close() error
}

// ReaderOptions tune a Reader. The zero value gives the defaults.
type ReaderOptions struct {
	// Comma is the CSV field delimiter; 0 means the most frequent of ',',
	// ';' and tab on the header line (see SniffComma). Ignored by other
	// formats. It must not be '"', '\r' or '\n'.
	Comma byte
	// Sheet is the XLSX sheet to read: its name (exact, else ignoring
	// case), else its 1-based position; "" means the first sheet.
	Sheet string
	// Encoding names the text encoding of a CSV, TSV or JSONL input:
	// utf-8, tcvn3, vni or windows-1258 (see package vnenc). "" means
	// UTF-8 unless the first 64 KiB are not UTF-8 and read as one of the
	// legacy Vietnamese encodings. Legacy text is converted to UTF-8 NFC.
	Encoding string
	// XLSX bounds what reading an XLSX file may take; the zero value
	// gives the defaults.
	XLSX XLSXLimits
	// Context, if not nil, stops an XLSX reader (while it opens the file
	// and while it reads rows) once it is done.
	Context context.Context
	// Columns, for JSONL, fixes the columns instead of taking the keys of
	// the first object.
	Columns []string
	// AllowExtra stops reporting fields beyond the header (ErrFieldCount);
	// they are still kept in Row.Extra.
	AllowExtra bool
	// MaxFieldBytes bounds one field; 0 means 1 MiB.
	MaxFieldBytes int
	// MaxRecordBytes bounds one physical line and one record; 0 means
	// 4 MiB. Memory use of a Reader is a small multiple of it.
	MaxRecordBytes int
	// MaxRecordLines bounds the physical lines of one CSV record (a quoted
	// field spanning lines); 0 means 100.
	MaxRecordLines int
	// MaxColumns bounds the columns of the header (a header with more is
	// an error of NewReader); 0 means DefaultMaxColumns.
	MaxColumns int
	// NoHeader reads input whose first line is already data, such as one
	// partition of a larger file. The columns of CSV and TSV are then
	// Columns when given, else PositionalColumns of the first record's
	// field count, and Row.Line counts the first data line as 1. JSONL
	// never has a header line and reads as without NoHeader (give Columns
	// so that every partition has the same columns). Not for XLSX.
	NoHeader bool
	// HeaderRow is the 1-based row of the header of a CSV, TSV or XLSX
	// input (for CSV and TSV the physical line, for XLSX the sheet row
	// number); the rows above it, such as an office's title rows, are
	// skipped: they are not data rows, so Row.Num does not count them,
	// while Row.Line still counts every line of the file. 0 means the
	// first row (for XLSX the first row with a value), unless HeaderLike
	// finds the header lower. Not for JSONL nor with NoHeader.
	HeaderRow int
	// HeaderLike, when HeaderRow is 0, lets the reader find a header
	// below title rows: if the first non-empty rows have one non-empty
	// cell each (titles) and a later row within the first
	// DetectHeaderRows has at least two non-empty cells, one of which
	// HeaderLike accepts (a column name it knows), that row is the
	// header. Otherwise the header is the first row, as without it.
	// HeaderRowOf tells which row was taken.
	HeaderLike func(column string) bool
}

// DetectHeaderRows is how far down (rows of the file) HeaderLike looks for
// a header below title rows.
const DetectHeaderRows = 20

// MaxExtraFields is the most fields kept in Row.Extra: beyond it, the last
// one holds the rest of the record (for CSV and TSV its text with the
// separators, for JSONL the values joined with commas).
const MaxExtraFields = 256

// Defaults of ReaderOptions.
const (
	DefaultMaxColumns     = 16384 // as many as an Excel sheet has
	DefaultMaxFieldBytes  = 1 << 20
	DefaultMaxRecordBytes = 4 << 20
	DefaultMaxRecordLines = 100
)

func (o *ReaderOptions) fill() error {
	if o.Comma == '"' || o.Comma == '\r' || o.Comma == '\n' || o.Comma >= 0x80 {
		return dvhc.Errorf(dvhc.EINVALID, "invalid CSV delimiter %q", o.Comma)
	}
	if o.HeaderRow < 0 {
		return dvhc.Errorf(dvhc.EINVALID, "invalid header row %d (want a row number from 1)", o.HeaderRow)
	}
	if o.HeaderRow > 0 && o.NoHeader {
		return dvhc.Errorf(dvhc.EINVALID, "a header row and no header at once")
	}
	if o.MaxFieldBytes <= 0 {
		o.MaxFieldBytes = DefaultMaxFieldBytes
	}
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if o.MaxRecordLines <= 0 {
		o.MaxRecordLines = DefaultMaxRecordLines
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = DefaultMaxColumns
	}
	return nil
}

// WriterOptions tune a Writer. The zero value gives the defaults.
type WriterOptions struct {
	// Comma is the CSV field delimiter; 0 means ','.
	Comma byte
	// CRLF ends CSV and TSV lines with CRLF instead of LF.
	CRLF bool
	// BOM starts a CSV or TSV output with a UTF-8 byte-order mark, which
	// makes Excel read it as UTF-8.
	BOM bool
	// Sheet names the XLSX sheet; "" means the sheet of Like, else
	// "Sheet1".
	Sheet string
	// Like is the Reader whose rows are written, one WriteRow per row it
	// read, in order (as batch.Run does). An XLSX writer given an XLSX
	// reader, before its first row is read, writes each field whose
	// input cell was a number, a date or a boolean as such, with the
	// input cell's number format, and names its sheet after the input's.
	// The added fields and all others are text.
	Like Reader
	// ExcelSafe makes CSV and TSV cells safe to open in a spreadsheet: a
	// cell that starts with =, +, -, @, a tab or a CR (which Excel and
	// LibreOffice would run as a formula) is written with a ' before it,
	// unless it is a plain number such as -12.5. See ExcelSafe.
	ExcelSafe bool
	// NoHeader writes no header line: WriteHeader only sets the number
	// of columns (and no BOM is written). For CSV, TSV and JSONL (which
	// has no header line anyway); not for XLSX.
	NoHeader bool
}

// NewReader returns a Reader of format f over r and reads the header. An
// input that is empty has an empty header and no rows. A header that cannot
// be read (bad quoting, invalid UTF-8: probably a legacy encoding) is a
// dvhc.EINVALID error.
//
// CSV, TSV and JSONL are read through a buffer with r's reads of 64 KiB;
// XLSX reads all of r first, unless r is a regular *os.File or has a Size
// method and ReadAt (bytes.Reader, strings.Reader, io.SectionReader).
func NewReader(r io.Reader, f Format, opts ReaderOptions) (Reader, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	if f == CSV || f == TSV || f == JSONL {
		var err error
		if r, err = decodeText(r, opts.Encoding); err != nil {
			return nil, err
		}
	}
	if opts.NoHeader {
		return newHeadlessReader(r, f, opts)
	}
	if opts.HeaderRow > 0 && f == JSONL {
		return nil, dvhc.Errorf(dvhc.EINVALID, "a header row is for CSV, TSV and XLSX, not JSONL (whose objects name their keys)")
	}
	if opts.HeaderRow == 0 && opts.HeaderLike != nil && (f == CSV || f == TSV) {
		var err error
		if r, opts.HeaderRow, err = detectTextHeader(r, f, opts); err != nil {
			return nil, err
		}
	}
	var rd Reader
	var err error
	switch f {
	case CSV, TSV:
		rd, err = newTextReader(r, f, opts)
	case JSONL:
		rd, err = newJSONLReader(r, opts)
	case XLSX:
		rd, err = newXLSXReader(r, opts)
	default:
		return nil, dvhc.Errorf(dvhc.EINVALID, "invalid table format %v", f)
	}
	if err != nil {
		return nil, err
	}
	if n := len(rd.Header()); n > opts.MaxColumns {
		rd.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "the header of the %v input has %d columns, more than %d", f, n, opts.MaxColumns)
	}
	return rd, nil
}

// NewWriter returns a Writer of format f to w.
func NewWriter(w io.Writer, f Format, opts WriterOptions) (Writer, error) {
	if opts.Comma == 0 {
		opts.Comma = ','
	}
	if opts.NoHeader {
		return newHeadlessWriter(w, f, opts)
	}
	switch f {
	case CSV, TSV:
		if f == CSV && (opts.Comma == '"' || opts.Comma == '\r' || opts.Comma == '\n' || opts.Comma >= 0x80) {
			return nil, dvhc.Errorf(dvhc.EINVALID, "invalid CSV delimiter %q", opts.Comma)
		}
		return newTextWriter(w, f, opts), nil
	case JSONL:
		return newJSONLWriter(w), nil
	case XLSX:
		return newXLSXWriter(w, opts)
	}
	return nil, dvhc.Errorf(dvhc.EINVALID, "invalid table format %v", f)
}

var errHeaderTwice = errors.New("tabular: WriteHeader called twice")
var errNoHeader = errors.New("tabular: WriteRow before WriteHeader")

// checkRow is the check of every writer's WriteRow: the header is written
// (header), and the row of n fields is not longer than its cols columns.
func checkRow(header bool, n, cols int) error {
	if !header {
		return errNoHeader
	}
	if n > cols {
		return dvhc.Errorf(dvhc.EINTERNAL, "tabular: row of %d fields for a header of %d columns", n, cols)
	}
	return nil
}
