// Package parquet writes tables as Apache Parquet files, for Spark, DuckDB
// or a warehouse: the registry tables of package export, and string tables
// such as the results of file conversion. It is the only package of the
// module that imports a Parquet library (github.com/parquet-go/parquet-go).
package parquet

import (
	"io"
	"strconv"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/format"
)

// group is a parquet group whose columns keep the order given, where
// parquet.Group sorts them by name.
type group struct {
	pq.Group
	names []string
}

// Fields returns the fields in the order of g.names.
func (g group) Fields() []pq.Field {
	byName := map[string]pq.Field{}
	for _, f := range g.Group.Fields() {
		byName[f.Name()] = f
	}
	out := make([]pq.Field, len(g.names))
	for i, n := range g.names {
		out[i] = byName[n]
	}
	return out
}

// codec is the compression of every column: Zstandard, read by Spark,
// DuckDB, Arrow and the warehouses.
var codec compress.Codec = &pq.Zstd

func schemaOf(name string, cols []export.Column) *pq.Schema {
	g := group{Group: pq.Group{}, names: make([]string, len(cols))}
	for i, c := range cols {
		var n pq.Node
		switch c.Type {
		case export.Integer:
			n = pq.Int(64)
		case export.Real:
			n = pq.Leaf(pq.DoubleType)
		case export.Date:
			n = pq.Date()
		default:
			n = pq.String()
		}
		n = pq.Compressed(n, codec)
		if !c.NotNull {
			n = pq.Optional(n)
		}
		g.Group[c.Name] = n
		g.names[i] = c.Name
	}
	return pq.NewSchema(name, g)
}

// WriteTable writes t as one Parquet file: one column per column of t, in
// order, of types STRING, INT64, DOUBLE and DATE; columns that may be
// NULL are optional.
func WriteTable(w io.Writer, t *export.Table) error {
	pw := pq.NewGenericWriter[any](w, schemaOf(t.Name, t.Columns), pq.CreatedBy("dvhc", "", ""))
	row := make(pq.Row, len(t.Columns))
	rows := []pq.Row{row}
	err := t.Rows(func(vals []any) error {
		for i, v := range vals {
			row[i] = value(v, t.Columns[i].NotNull, i)
		}
		_, err := pw.WriteRows(rows)
		return err
	})
	if err != nil {
		return err
	}
	return pw.Close()
}

// epoch is the day that DATE columns count from.
var epoch = dvhc.NewDate(1970, 1, 1)

func value(v any, required bool, col int) pq.Value {
	var pv pq.Value
	switch v := v.(type) {
	case nil:
		return pq.NullValue().Level(0, 0, col)
	case string:
		pv = pq.ByteArrayValue([]byte(v))
	case int64:
		pv = pq.Int64Value(v)
	case float64:
		pv = pq.DoubleValue(v)
	case dvhc.Date:
		pv = pq.Int32Value(int32(v.Time().Sub(epoch.Time()).Hours() / 24))
	default:
		panic("parquet: unexpected value type")
	}
	def := 1
	if required {
		def = 0
	}
	return pv.Level(0, def, col)
}

// TableWriter writes a table of text columns (all optional: an empty
// string is NULL) to a Parquet file, one row at a time; it has the methods
// of tabular.Writer, so that converted tables can be written as Parquet.
type TableWriter struct {
	w    io.Writer
	pw   *pq.GenericWriter[any]
	row  pq.Row
	rows []pq.Row
}

// NewTableWriter returns a TableWriter to w; WriteHeader starts the file.
func NewTableWriter(w io.Writer) *TableWriter { return &TableWriter{w: w} }

// rowGroup bounds the rows buffered before they are written out.
const rowGroup = 64 << 10

// WriteHeader names the columns. Parquet needs distinct, non-empty names:
// an empty name becomes column_N (N from 1) and a repeated one gets a
// suffix _2, _3, ….
func (tw *TableWriter) WriteHeader(columns []string) error {
	if tw.pw != nil {
		return dvhc.Errorf(dvhc.EINTERNAL, "parquet: WriteHeader called twice")
	}
	cols := make([]export.Column, len(columns))
	seen := map[string]bool{}
	for i, n := range columns {
		if n == "" {
			n = "column_" + strconv.Itoa(i+1)
		}
		for k := 2; seen[n]; k++ {
			n = columns[i] + "_" + strconv.Itoa(k)
		}
		seen[n] = true
		cols[i] = export.Column{Name: n, Type: export.Text}
	}
	tw.pw = pq.NewGenericWriter[any](tw.w, schemaOf("table", cols), pq.CreatedBy("dvhc", "", ""), pq.MaxRowsPerRowGroup(rowGroup))
	tw.row = make(pq.Row, len(cols))
	tw.rows = []pq.Row{tw.row}
	return nil
}

// WriteRow writes one row: one value per column, missing values are NULL,
// extra values an EINVALID error.
func (tw *TableWriter) WriteRow(rec []string) error {
	if tw.pw == nil {
		return dvhc.Errorf(dvhc.EINTERNAL, "parquet: WriteRow before WriteHeader")
	}
	if len(rec) > len(tw.row) {
		return dvhc.Errorf(dvhc.EINVALID, "parquet: %d values for %d columns", len(rec), len(tw.row))
	}
	for i := range tw.row {
		var v any
		if i < len(rec) && rec[i] != "" {
			v = rec[i]
		}
		tw.row[i] = value(v, false, i)
	}
	_, err := tw.pw.WriteRows(tw.rows)
	return err
}

// Close writes the footer (an empty table if WriteHeader was not called).
// It does not close the underlying writer.
func (tw *TableWriter) Close() error {
	if tw.pw == nil {
		if err := tw.WriteHeader(nil); err != nil {
			return err
		}
	}
	return tw.pw.Close()
}

// Read reads a flat Parquet file such as WriteTable and TableWriter write:
// its column names and its rows, each value nil (NULL), string (STRING
// and other byte arrays), int64, int32, float64, bool or dvhc.Date (DATE).
// It holds the whole table in memory; it is meant for tests and small
// files.
func Read(r io.ReaderAt, size int64) (columns []string, rows [][]any, err error) {
	f, err := pq.OpenFile(r, size)
	if err != nil {
		return nil, nil, dvhc.Errorf(dvhc.EINVALID, "parquet: %v", err)
	}
	fields := f.Schema().Fields()
	dates := make([]bool, len(fields))
	for i, c := range fields {
		if !c.Leaf() {
			return nil, nil, dvhc.Errorf(dvhc.EINVALID, "parquet: column %q is not flat", c.Name())
		}
		columns = append(columns, c.Name())
		lt := c.Type().LogicalType()
		if lt != nil {
			_, dates[i] = lt.Value.(*format.DateType)
		}
	}
	pr := pq.NewReader(f)
	defer pr.Close()
	buf := make([]pq.Row, 256)
	for {
		n, err := pr.ReadRows(buf)
		for _, row := range buf[:n] {
			vals := make([]any, len(columns))
			for _, v := range row {
				i := v.Column()
				switch {
				case v.IsNull():
				case v.Kind() == pq.ByteArray:
					vals[i] = string(v.ByteArray())
				case v.Kind() == pq.Int64:
					vals[i] = v.Int64()
				case v.Kind() == pq.Int32 && dates[i]:
					vals[i] = epoch.AddDays(int(v.Int32()))
				case v.Kind() == pq.Int32:
					vals[i] = v.Int32()
				case v.Kind() == pq.Double:
					vals[i] = v.Double()
				case v.Kind() == pq.Boolean:
					vals[i] = v.Boolean()
				default:
					return nil, nil, dvhc.Errorf(dvhc.EINVALID, "parquet: column %q: unsupported type %v", columns[i], v.Kind())
				}
			}
			rows = append(rows, vals)
		}
		if err == io.EOF {
			return columns, rows, nil
		}
		if err != nil {
			return nil, nil, dvhc.Errorf(dvhc.EINVALID, "parquet: %v", err)
		}
	}
}
