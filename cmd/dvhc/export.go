package main

import (
	"bufio"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/export/parquet"
	"github.com/dvhc-vn/dvhc/export/sqlite"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
	"golang.org/x/term"
)

var exportCmd = &command{
	name:    "export",
	args:    "[--format geojson|postgres|sqlite|csv|json|parquet] [--table NAME] [--level L] [--in CODE] [--at DATE] [-o OUT]",
	summary: "export the registry to PostgreSQL, SQLite, CSV, JSON, Parquet, or boundaries as GeoJSON",
	doc: `Writes the registry in a format other programs load. Every format but
geojson has the same temporal schema: tables unit_versions (one row per
version of a unit, valid_from and valid_to = last day in force, NULL while
in force), events and lineage_edges (old version → new version, whole or
part, with the official note, the basis, official or inferred by name, and
the weight with its kind and source); the databases add the table boundaries and
the views units_today (evaluated on the day of the query) and old_to_new
(each unit in force on 2025-06-30 → the units in force today). Codes are
text.

  postgres  an SQL script for psql, one transaction, into the new schema
            dvhc (--schema; --replace drops it first): tables loaded with
            COPY, boundaries as PostGIS geometry(MultiPolygon, 4326).
            Stdout, or -o FILE.
  sqlite    an SQLite database file (-o FILE required); boundaries as
            GeoJSON text in the column boundaries.geojson.
  csv       one file per table in the directory -o DIR, or the table
            --table NAME on stdout (or -o FILE). The file formats add the
            table old_to_new, as of the day of the export.
  json      one object with an array of rows per table (or the rows of
            --table NAME), on stdout or -o FILE.
  parquet   one file per table in the directory -o DIR, or --table NAME
            to -o FILE.
  geojson   (default) the boundaries of the communes (default) or provinces
            (--level) in force on --at (from 2025-07-01 on) as a GeoJSON
            FeatureCollection, streamed one feature at a time. Properties:
            code, name, type, province_code, province. --in keeps the
            communes of one province.

--boundaries=false leaves the boundaries out of postgres and sqlite (the
postgres script then needs no PostGIS). Files are written atomically.

Boundaries: "Vietnam Administrative Units Reference Map" (sapnhap.bando.com.vn),
simplified; cartographic, not cadastral.

Examples:
  dvhc export --format postgres | psql -q
  dvhc export --format postgres --replace | psql -q   # a newer release over an older one
  dvhc export --format sqlite -o dvhc.db
  dvhc export --format csv -o dvhc-csv
  dvhc export --format parquet -o dvhc-parquet
  dvhc export --format csv --table lineage_edges > edges.csv
  dvhc export --format geojson --level province -o provinces.geojson
  dvhc export --format geojson --in 01 > hanoi-communes.geojson`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		format := fs.String("format", "geojson", "output format: geojson, postgres, sqlite, csv, json or parquet")
		var level levelFlag
		levelVar(fs, &level, " (geojson; default commune)")
		in := fs.String("in", "", "geojson: only the communes of this province `CODE`")
		var at dateFlag
		atFlag(fs, &at)
		out := fs.String("o", "", "write to `OUT` (a file, or a directory for csv and parquet) instead of standard output")
		table := fs.String("table", "", "csv, json, parquet: only the table `NAME` (unit_versions, events, lineage_edges, old_to_new)")
		schema := fs.String("schema", "dvhc", "postgres: the schema to create")
		bounds := fs.Bool("boundaries", true, "postgres, sqlite: include the boundaries")
		replace := fs.Bool("replace", false, "postgres: drop the schema first (DROP SCHEMA ... CASCADE), in the same transaction")
		return func(e *env, args []string) error {
			if err := noArgs("export", args); err != nil {
				return err
			}
			set := map[string]bool{}
			fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
			allowed := map[string][]string{
				"geojson":  {"level", "in", "at"},
				"postgres": {"schema", "boundaries", "replace"},
				"sqlite":   {"boundaries"},
				"csv":      {"table"},
				"json":     {"table"},
				"parquet":  {"table"},
			}
			own, ok := allowed[*format]
			if !ok {
				return dvhc.Errorf(dvhc.EINVALID, "unknown export format %q (want geojson, postgres, sqlite, csv, json or parquet)", *format)
			}
			for name := range set {
				if name != "format" && name != "o" && !slices.Contains(own, name) {
					return dvhc.Errorf(dvhc.EINVALID, "--%s does not apply to --format %s", name, *format)
				}
			}
			if *format == "geojson" {
				return exportGeoJSON(e, level, *in, at, *out)
			}
			reg, err := registryOf()
			if err != nil {
				return err
			}
			var b *geo.Boundaries
			if *bounds {
				b = geo.Default()
			}
			switch *format {
			case "postgres":
				return writeOut(e, *out, func(w io.Writer) error {
					return export.WritePostgres(w, reg, export.PostgresOptions{Schema: *schema, Boundaries: b, Replace: *replace})
				})
			case "sqlite":
				if *out == "" || *out == "-" {
					return dvhc.Errorf(dvhc.EINVALID, "--format sqlite needs -o FILE (a database file)")
				}
				return sqlite.Write(*out, reg, sqlite.Options{Boundaries: b})
			}
			return exportTables(e, reg, *format, *table, *out)
		}
	},
}

// exportTables writes the csv, json or parquet export.
func exportTables(e *env, reg *registry.Registry, format, table, out string) error {
	tables := export.FileTables(reg, dvhc.Today())
	if table != "" {
		var names []string
		for _, t := range tables {
			names = append(names, t.Name)
		}
		i := slices.Index(names, table)
		if i < 0 {
			return dvhc.Errorf(dvhc.EINVALID, "unknown table %q (want %s)", table, strings.Join(names, ", "))
		}
		tables = tables[i : i+1]
	}
	writeTable := export.WriteCSV
	if format == "parquet" {
		writeTable = parquet.WriteTable
	}
	switch {
	case format == "json":
		return writeOut(e, out, func(w io.Writer) error { return export.WriteJSON(w, tables) })
	case table != "":
		if format == "parquet" && (out == "" || out == "-") && isTerminal(e.stdout) {
			return dvhc.Errorf(dvhc.EINVALID, "Parquet is binary: give -o FILE or redirect standard output")
		}
		return writeOut(e, out, func(w io.Writer) error { return writeTable(w, tables[0]) })
	case out == "" || out == "-":
		return dvhc.Errorf(dvhc.EINVALID, "--format %s writes one file per table: give -o DIR, or --table NAME", format)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	for _, t := range tables {
		path := filepath.Join(out, t.Name+"."+format)
		if err := writeFile(e, path, func(w io.Writer) error { return writeTable(w, t) }); err != nil {
			return err
		}
	}
	return nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// writeOut runs write on standard output (out empty or "-") or on the file
// out, written atomically.
func writeOut(e *env, out string, write func(io.Writer) error) error {
	if out == "" || out == "-" {
		bw := bufio.NewWriterSize(e.stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return writeFile(e, out, write)
}

// writeFile writes path through write as every output of the CLI is
// written (createOut): atomically, never over an input, the temporary
// file removed on an error or a signal.
func writeFile(e *env, path string, write func(io.Writer) error) error {
	f, err := createOut(e.ctx, path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		f.abort()
		return err
	}
	return f.commit()
}

// exportGeoJSON writes the boundaries in force on at as GeoJSON.
func exportGeoJSON(e *env, level levelFlag, in string, at dateFlag, out string) error {
	l := level.or(dvhc.LevelCommune)
	if l == dvhc.LevelDistrict {
		return dvhc.Errorf(dvhc.EINVALID, "no boundaries for districts (the tier ended on 2025-06-30)")
	}
	day := at.date()
	if day.Before(geo.ValidFrom) {
		return dvhc.Errorf(dvhc.ENOTFOUND, "no boundaries before %s", geo.ValidFrom)
	}
	reg, err := registryOf()
	if err != nil {
		return err
	}
	var province dvhc.Code
	if in != "" {
		if province, err = dvhc.ParseCode(dvhc.LevelProvince, in); err != nil {
			return err
		}
		if _, err := reg.Lookup(dvhc.LevelProvince, province, day); err != nil {
			return err
		}
	}
	return writeOut(e, out, func(w io.Writer) error {
		return geo.Default().WriteUnits(w, reg, l, day,
			func(code, prov dvhc.Code) bool { return province == "" || prov == province })
	})
}
