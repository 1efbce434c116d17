package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// PostgresOptions configure WritePostgres.
type PostgresOptions struct {
	// Schema is the PostgreSQL schema that receives the tables and views;
	// it must not exist yet. Empty means "dvhc".
	Schema string
	// Boundaries, if not nil, adds the boundaries table (PostGIS geometry;
	// the script then runs CREATE EXTENSION IF NOT EXISTS postgis).
	Boundaries *geo.Boundaries
	// Replace drops the schema first (DROP SCHEMA ... CASCADE, in the same
	// transaction), so that loading a newer export replaces the older one
	// at once. Objects of other schemas that depend on it are dropped too.
	Replace bool
}

// WritePostgres writes the registry as an SQL script for psql: one
// transaction that creates the schema, its tables, loads them with COPY
// ... FROM stdin, then adds the indexes and views. The script stops at the
// first error (ON_ERROR_STOP), leaving the database as it was: loading it
// twice fails on the existing schema unless Replace is set.
func WritePostgres(w io.Writer, r *registry.Registry, opt PostgresOptions) error {
	schema := opt.Schema
	if schema == "" {
		schema = "dvhc"
	}
	if !isIdent(schema) {
		return dvhc.Errorf(dvhc.EINVALID, "export: schema %q is not a plain SQL identifier (lower-case letters, digits, _)", schema)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("-- dvhc: Vietnam's administrative units over time (unit versions, events, lineage edges")
	if opt.Boundaries != nil {
		bw.WriteString(", boundaries")
	}
	bw.WriteString(").\n-- Load with: psql -f FILE (or pipe it to psql). Codes are text; valid_to is the last day in force.\n")
	bw.WriteString("\\set ON_ERROR_STOP on\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\nSET LOCAL client_min_messages = warning;\n")
	if opt.Boundaries != nil {
		bw.WriteString("CREATE EXTENSION IF NOT EXISTS postgis;\n")
	}
	if opt.Replace {
		bw.WriteString("DROP SCHEMA IF EXISTS " + schema + " CASCADE;\n")
	}
	bw.WriteString("CREATE SCHEMA " + schema + ";\nSET LOCAL search_path = " + schema + ", public;\n\n")
	tables := Tables(r)
	for _, t := range tables {
		bw.WriteString(comment(t.Name, t.Doc))
		bw.WriteString(CreateTable(PostgreSQL, t))
		for _, c := range t.Columns {
			bw.WriteString("COMMENT ON COLUMN " + t.Name + "." + c.Name + " IS " + quote(c.Doc) + ";\n")
		}
		bw.WriteString("\n")
	}
	if opt.Boundaries != nil {
		bw.WriteString(comment(Boundaries, "boundaries of the communes and provinces from valid_from on, WGS 84") + CreateBoundaries(PostgreSQL) + "\n")
	}
	var buf []byte
	for _, t := range tables {
		bw.WriteString("COPY " + t.Name + " (")
		for i, c := range t.Columns {
			if i > 0 {
				bw.WriteString(", ")
			}
			bw.WriteString(c.Name)
		}
		bw.WriteString(") FROM stdin;\n")
		err := t.Rows(func(row []any) error {
			buf = buf[:0]
			for i, v := range row {
				if i > 0 {
					buf = append(buf, '\t')
				}
				buf = appendCopy(buf, v)
			}
			buf = append(buf, '\n')
			_, err := bw.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
		bw.WriteString("\\.\n\n")
	}
	if opt.Boundaries != nil {
		bw.WriteString("COPY boundaries (level, code, valid_from, geom) FROM stdin;\n")
		from := geo.ValidFrom.String()
		err := EachBoundary(opt.Boundaries, func(b *Boundary) error {
			buf = append(buf[:0], b.Level.String()...)
			buf = append(buf, '\t')
			buf = append(buf, b.Code...)
			buf = append(buf, '\t')
			buf = append(buf, from...)
			buf = append(buf, '\t')
			buf = b.EWKT(buf)
			buf = append(buf, '\n')
			_, err := bw.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
		bw.WriteString("\\.\n")
		// Simplification left a few self-intersecting rings; geo reads them
		// with the even-odd rule, which is what ST_MakeValid makes of them.
		bw.WriteString("UPDATE boundaries SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE NOT ST_IsValid(geom);\n\n")
	}
	for _, s := range Indexes(PostgreSQL, opt.Boundaries != nil) {
		bw.WriteString(s + "\n")
	}
	bw.WriteString("\n")
	for _, s := range Views(PostgreSQL) {
		bw.WriteString(s + "\n\n")
	}
	bw.WriteString("COMMENT ON VIEW units_today IS 'the unit versions in force on the day of the query, in Vietnam (UTC+7)';\n")
	bw.WriteString("COMMENT ON VIEW old_to_new IS " + quote("each unit in force on "+dvhc.LastOldDay.String()+" with the units in force today that it became") + ";\n")
	bw.WriteString("ANALYZE;\nCOMMIT;\n")
	return bw.Flush()
}

func comment(name, doc string) string { return "-- " + name + ": " + doc + "\n" }

// quote returns s as an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// isIdent reports whether s is a lower-case SQL identifier needing no
// quotes.
func isIdent(s string) bool {
	if s == "" || len(s) > 63 || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// appendCopy appends v in the text format of COPY.
func appendCopy(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, `\N`...)
	case string:
		for i := 0; i < len(v); i++ {
			switch c := v[i]; c {
			case '\\':
				b = append(b, `\\`...)
			case '\t':
				b = append(b, `\t`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			default:
				b = append(b, c)
			}
		}
		return b
	case int64:
		return strconv.AppendInt(b, v, 10)
	case float64:
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case dvhc.Date:
		return append(b, v.String()...)
	}
	panic("export: unexpected value type")
}
