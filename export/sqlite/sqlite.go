// Package sqlite writes the registry as an SQLite database file, with the
// schema of package export (boundaries as GeoJSON text). It is the only
// package of the module that imports an SQLite driver (modernc.org/sqlite,
// pure Go: no cgo).
package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DriverName is the database/sql driver name of the SQLite driver this
// package registers.
const DriverName = "sqlite"

// Options configure Write.
//
// The boundaries table of the SQLite database holds each geometry as
// GeoJSON text with its bounding box: a point's candidate communes are
//
//	SELECT code FROM boundaries WHERE level = 'commune'
//	  AND :lon BETWEEN min_lon AND max_lon AND :lat BETWEEN min_lat AND max_lat
type Options struct {
	// Boundaries, if not nil, adds the boundaries table (geometry as
	// GeoJSON text in column geojson).
	Boundaries *geo.Boundaries
}

// Write creates the SQLite database file path (replacing it atomically if
// it exists) with the tables and views of package export.
func Write(path string, r *registry.Registry, opt Options) error {
	return export.ReplaceFile(path, func(tmp string) error {
		if err := os.Remove(tmp); err != nil { // SQLite creates it
			return err
		}
		return write(tmp, r, opt)
	})
}

func write(path string, r *registry.Registry, opt Options) (err error) {
	db, err := sql.Open(DriverName, "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) error {
		if _, err := tx.Exec(q, args...); err != nil {
			return dvhc.Errorf(dvhc.EINTERNAL, "sqlite: %v in %.60q", err, q)
		}
		return nil
	}
	tables := export.Tables(r)
	for _, t := range tables {
		if err := exec(export.CreateTable(export.SQLite, t)); err != nil {
			return err
		}
	}
	if opt.Boundaries != nil {
		if err := exec(export.CreateBoundaries(export.SQLite)); err != nil {
			return err
		}
	}
	for _, t := range tables {
		names := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			names[i] = c.Name
		}
		stmt, err := tx.Prepare(fmt.Sprintf("INSERT INTO %s (%s) VALUES (?%s)", t.Name,
			strings.Join(names, ", "), strings.Repeat(", ?", len(names)-1)))
		if err != nil {
			return err
		}
		args := make([]any, len(t.Columns))
		err = t.Rows(func(row []any) error {
			for i, v := range row {
				if d, ok := v.(dvhc.Date); ok {
					v = d.String()
				}
				args[i] = v
			}
			_, err := stmt.Exec(args...)
			return err
		})
		stmt.Close()
		if err != nil {
			return dvhc.Errorf(dvhc.EINTERNAL, "sqlite: %s: %v", t.Name, err)
		}
	}
	if opt.Boundaries != nil {
		stmt, err := tx.Prepare("INSERT INTO boundaries (level, code, valid_from, geojson, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		from := geo.ValidFrom.String()
		err = export.EachBoundary(opt.Boundaries, func(b *export.Boundary) error {
			x0, y0, x1, y1, ok := b.BBox()
			if !ok {
				return dvhc.Errorf(dvhc.EINTERNAL, "boundary of %s %s has no point", b.Level, b.Code)
			}
			_, err := stmt.Exec(b.Level.String(), string(b.Code), from, string(b.GeoJSON), x0, y0, x1, y1)
			return err
		})
		stmt.Close()
		if err != nil {
			return dvhc.Errorf(dvhc.EINTERNAL, "sqlite: boundaries: %v", err)
		}
	}
	for _, q := range export.Indexes(export.SQLite, opt.Boundaries != nil) {
		if err := exec(q); err != nil {
			return err
		}
	}
	for _, q := range export.Views(export.SQLite) {
		if err := exec(q); err != nil {
			return err
		}
	}
	if err := exec("ANALYZE"); err != nil {
		return err
	}
	return tx.Commit()
}
