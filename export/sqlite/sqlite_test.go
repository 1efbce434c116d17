package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/export/internal/exporttest"
	"github.com/dvhc-vn/dvhc/export/sqlite"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// TestQueries writes the database, opens it again and asks it the
// questions the registry answers.
func TestQueries(t *testing.T) {
	reg := registry.MustDefault()
	path := filepath.Join(t.TempDir(), "dvhc.db")
	if err := sqlite.Write(path, reg, sqlite.Options{Boundaries: geo.Default()}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(sqlite.DriverName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	query := func(q string) ([][]string, error) {
		rows, err := db.Query(q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out [][]string
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return nil, err
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				row[i] = v.String
			}
			out = append(out, row)
		}
		return out, rows.Err()
	}
	exporttest.Run(t, query, exporttest.Checks(reg, dvhc.Today()))

	// The table old_to_new of the file formats has the rows of the view.
	var want [][]string
	export.OldToNew(reg, dvhc.Today()).Rows(func(row []any) error {
		want = append(want, []string{row[0].(string), row[1].(string), row[5].(string), row[6].(string), row[9].(string)})
		return nil
	})
	slices.SortFunc(want, slices.Compare)
	exporttest.Run(t, query, []exporttest.Check{{
		Name: "the view old_to_new and the table of the file formats",
		SQL:  "SELECT old_level, old_code, new_level, new_code, share FROM old_to_new ORDER BY old_level, old_code, new_level, new_code",
		Want: want,
	}})

	// Boundaries: one per commune and province, valid GeoJSON geometries.
	exporttest.Run(t, query, []exporttest.Check{{
		Name: "boundaries",
		SQL:  "SELECT level, count(*) FROM boundaries GROUP BY level ORDER BY level",
		Want: [][]string{{"commune", "3321"}, {"province", "34"}},
	}})
	// The bounding boxes hold the inner points of their communes.
	for _, p := range exporttest.InnerPoints(reg, dvhc.Today(), 100) {
		var n int
		err := db.QueryRow("SELECT count(*) FROM boundaries WHERE level = 'commune' AND code = ? AND ? BETWEEN min_lon AND max_lon AND ? BETWEEN min_lat AND max_lat",
			string(p.Code), p.Lon, p.Lat).Scan(&n)
		if err != nil || n != 1 {
			t.Errorf("inner point %v,%v of %s outside its bounding box (%v)", p.Lat, p.Lon, p.Code, err)
		}
	}
	var g string
	if err := db.QueryRow("SELECT geojson FROM boundaries WHERE level = 'commune' AND code = '00004'").Scan(&g); err != nil {
		t.Fatal(err)
	}
	var geom struct {
		Type        string
		Coordinates json.RawMessage
	}
	if err := json.Unmarshal([]byte(g), &geom); err != nil || (geom.Type != "Polygon" && geom.Type != "MultiPolygon") || len(geom.Coordinates) < 100 {
		t.Errorf("boundary of 00004: %v %.80s", err, g)
	}
}

// TestReplace writes over an existing database, which is replaced whole.
func TestReplace(t *testing.T) {
	reg := registry.MustDefault()
	path := filepath.Join(t.TempDir(), "dvhc.db")
	for range 2 {
		if err := sqlite.Write(path, reg, sqlite.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open(sqlite.DriverName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM unit_versions").Scan(&n); err != nil || n != len(reg.Units()) {
		t.Errorf("unit_versions: %d rows (%v), want %d", n, err, len(reg.Units()))
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'boundaries'").Scan(&n); err != nil || n != 0 {
		t.Errorf("boundaries table without Options.Boundaries: %d (%v)", n, err)
	}
}
