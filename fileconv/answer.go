package fileconv

import (
	"context"
	"io"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/stats"
	"github.com/dvhc-vn/dvhc/tabular"
)

// Format is the file format of a table answer: csv, tsv, jsonl or xlsx.
// The zero Format is none. It lets a door (the HTTP API) name a format
// without knowing package tabular.
type Format struct{ f tabular.Format }

// ParseFormat parses "csv", "tsv", "jsonl" or "xlsx" (as tabular.ParseFormat).
func ParseFormat(s string) (Format, error) {
	f, err := tabular.ParseFormat(s)
	return Format{f}, err
}

// IsZero reports whether f is no format.
func (f Format) IsZero() bool { return f.f == 0 }

// String returns the format's name, which is also its file extension; ""
// for the zero Format.
func (f Format) String() string {
	if f.f == 0 {
		return ""
	}
	return f.f.String()
}

// ContentType returns the media type of a file of format f.
func (f Format) ContentType() string {
	switch f.f {
	case tabular.CSV:
		return "text/csv; charset=utf-8"
	case tabular.TSV:
		return "text/tab-separated-values; charset=utf-8"
	case tabular.JSONL:
		return "application/jsonl"
	case tabular.XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/octet-stream"
}

// Output says how a table answer is written.
type Output struct {
	Format Format
	// BOM starts a CSV with a byte-order mark; ExcelSafe quotes the cells a
	// spreadsheet would run as formulas (tabular.WriterOptions).
	BOM, ExcelSafe bool
	// Note, if not nil, rewrites the dvhc_note of every row of an address
	// table (the API translates it).
	Note func(string) string
}

// writer returns the table writer of o on w, like the input in for an
// XLSX output from an XLSX input (cell types kept).
func (o Output) writer(w io.Writer, in tabular.Reader) (tabular.Writer, error) {
	tw, err := tabular.NewWriter(w, o.Format.f, tabular.WriterOptions{BOM: o.BOM, ExcelSafe: o.ExcelSafe, Like: in})
	if err != nil {
		return nil, err
	}
	if o.Note != nil && in != nil {
		tw = &noteWriter{Writer: tw, note: len(in.Header()) + len(AddressColumns) - 1, fn: o.Note}
	}
	return tw, nil
}

// noteWriter writes rows with their dvhc_note rewritten.
type noteWriter struct {
	tabular.Writer
	note int // index of dvhc_note
	fn   func(string) string
}

// WriteRow writes fields with the note rewritten.
func (t *noteWriter) WriteRow(fields []string) error {
	if t.note < len(fields) {
		fields[t.note] = t.fn(fields[t.note])
	}
	return t.Writer.WriteRow(fields)
}

// AddressTableTo is AddressTable writing the table to w as out says: the
// core of the API's converted-file download.
func AddressTableTo(ctx context.Context, conv *address.Converter, src io.Reader, name string, opts Options, w io.Writer, out Output) (batch.Summary, error) {
	return AddressTable(ctx, conv, src, name, opts, func(in tabular.Reader) (tabular.Writer, error) {
		return out.writer(w, in)
	})
}

// StatsSource is the table of a statistics conversion: a file whose format
// its name gives, or rows already in memory.
type StatsSource struct {
	File io.Reader
	Name string
	// Rows, if not nil, is the table (File and Name are then unused).
	Rows tabular.Reader
	// HeaderRow is the 1-based row of the header of File (CSV, TSV,
	// XLSX); the rows above it are title rows, skipped. 0: the first
	// row, or the header found below title rows by Like.
	HeaderRow int
	// Like, if set, names the columns by which a header is found below
	// title rows (StatsHeaderLike).
	Like func(string) bool
}

// StatsHeaderLike returns the test by which a statistics table's header
// is found below title rows: a column that o names (key, sum, mean,
// weight), a key column name the statistics know (mã xã, code…), or one
// of HeaderLike's.
func StatsHeaderLike(o stats.Options) func(string) bool {
	names := append([]string{o.Key, o.WeightBy, o.WeightColumn}, o.Sum...)
	named := NamedLike(append(names, o.Mean...)...)
	return func(name string) bool { return named(name) || stats.IsKeyName(name) }
}

// Open returns the reader of the table; the caller closes it.
func (s StatsSource) Open(ctx context.Context) (tabular.Reader, error) {
	if s.Rows != nil {
		return s.Rows, nil
	}
	return readTable(ctx, &errReader{r: s.File}, s.Name, s.HeaderRow, s.Like)
}

// Stats converts the statistics table in between vintages
// (stats.ConvertTable) and writes it to w as out says.
func Stats(ctx context.Context, reg *registry.Registry, in tabular.Reader, w io.Writer, out Output, opts stats.Options) (*stats.Report, error) {
	tw, err := out.writer(w, nil)
	if err != nil {
		return nil, err
	}
	rep, err := stats.ConvertTable(ctx, reg, in, tw, opts)
	if err != nil {
		return nil, err
	}
	return rep, tw.Close()
}
