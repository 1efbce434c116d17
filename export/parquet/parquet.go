// Package parquet writes tables as Apache Parquet files, for Spark, DuckDB
// or a warehouse: the registry tables of package export, and string tables
// such as the results of file conversion. It is the only package of the
// module that imports a Parquet library (github.com/parquet-go/parquet-go).
package parquet

import (
	"io"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
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
	pw := pq.NewWriter(w, schemaOf(t.Name, t.Columns), pq.CreatedBy("dvhc", "", ""))
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
// string is NULL) to a Parquet file, one row at a time.
type TableWriter struct {
	pw   *pq.Writer
	row  pq.Row
	rows []pq.Row
}

// NewTableWriter starts a Parquet file of text columns with these names.
func NewTableWriter(w io.Writer, columns []string) *TableWriter {
	cols := make([]export.Column, len(columns))
	for i, n := range columns {
		cols[i] = export.Column{Name: n, Type: export.Text}
	}
	tw := &TableWriter{pw: pq.NewWriter(w, schemaOf("table", cols), pq.CreatedBy("dvhc", "", "")), row: make(pq.Row, len(cols))}
	tw.rows = []pq.Row{tw.row}
	return tw
}

// Write writes one row: one value per column, missing values are NULL,
// extra values an EINVALID error.
func (tw *TableWriter) Write(rec []string) error {
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

// Close writes the footer. It does not close the underlying writer.
func (tw *TableWriter) Close() error { return tw.pw.Close() }
