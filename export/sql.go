package export

import (
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// Dialect is an SQL dialect of the database exports.
type Dialect uint8

// The dialects.
const (
	PostgreSQL Dialect = iota + 1
	SQLite
)

func (d Dialect) typeOf(t Type) string {
	switch {
	case t == Integer:
		if d == PostgreSQL {
			return "bigint"
		}
		return "INTEGER"
	case t == Real:
		if d == PostgreSQL {
			return "double precision"
		}
		return "REAL"
	case t == Date && d == PostgreSQL:
		return "date"
	case d == PostgreSQL:
		return "text"
	}
	return "TEXT" // SQLite keeps dates as 'YYYY-MM-DD' text, which sorts and compares as dates
}

// today is the SQL expression of the current day in Vietnam, evaluated
// when a view is queried.
func (d Dialect) today() string {
	if d == PostgreSQL {
		return "(CURRENT_TIMESTAMP AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
	}
	return "date('now', '+7 hours')"
}

// InForce returns the SQL condition that the unit version with table
// alias a (or no alias if a is empty) is in force on day, an SQL
// expression such as '2025-07-01'.
func InForce(a, day string) string {
	if a != "" {
		a += "."
	}
	return "(" + a + "valid_from IS NULL OR " + a + "valid_from <= " + day + ") AND (" + a + "valid_to IS NULL OR " + a + "valid_to >= " + day + ")"
}

// CreateTable returns the CREATE TABLE statement of t.
func CreateTable(d Dialect, t *Table) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + t.Name + " (\n")
	for _, c := range t.Columns {
		b.WriteString("  " + c.Name + " " + d.typeOf(c.Type))
		if c.NotNull {
			b.WriteString(" NOT NULL")
		}
		switch {
		case c.Name == "level" || strings.HasSuffix(c.Name, "_level"):
			b.WriteString(" CHECK (" + c.Name + " IN ('province', 'district', 'commune'))")
		case c.Name == "share":
			b.WriteString(" CHECK (share IN ('whole', 'part'))")
		case c.Name == "basis":
			b.WriteString(" CHECK (basis IN ('" + BasisOfficial + "', '" + BasisInferred + "'))")
		case c.Name == "weight":
			b.WriteString(" CHECK (weight BETWEEN 0 AND 1)")
		case c.Name == "weight_kind":
			b.WriteString(" CHECK (weight_kind IN ('whole', 'population', 'area', 'assumed', 'user'))")
		case c.Name == "from_id" || c.Name == "to_id":
			b.WriteString(" REFERENCES unit_versions (id)")
		case c.Name == "event_id":
			b.WriteString(" REFERENCES events (id)")
		}
		b.WriteString(",\n")
	}
	b.WriteString("  PRIMARY KEY (" + strings.Join(t.Key, ", ") + ")\n);\n")
	return b.String()
}

// CreateBoundaries returns the CREATE TABLE statement of the boundaries:
// a PostGIS geometry column geom in PostgreSQL; in SQLite, GeoJSON text
// (column geojson) and its bounding box (min_lon, min_lat, max_lon,
// max_lat) to select the candidates for a point.
func CreateBoundaries(d Dialect) string {
	geom := "  geom geometry(MultiPolygon, 4326) NOT NULL,\n"
	if d == SQLite {
		geom = "  geojson TEXT NOT NULL,\n" +
			"  min_lon REAL NOT NULL,\n  min_lat REAL NOT NULL,\n  max_lon REAL NOT NULL,\n  max_lat REAL NOT NULL,\n"
	}
	return "CREATE TABLE boundaries (\n" +
		"  level " + d.typeOf(Text) + " NOT NULL CHECK (level IN ('province', 'commune')),\n" +
		"  code " + d.typeOf(Text) + " NOT NULL,\n" +
		"  valid_from " + d.typeOf(Date) + " NOT NULL,\n" +
		geom +
		"  PRIMARY KEY (level, code)\n);\n"
}

// Indexes returns the CREATE INDEX statements, to run after the rows are
// in.
func Indexes(d Dialect, boundaries bool) []string {
	s := []string{
		"CREATE INDEX unit_versions_code ON unit_versions (level, code, valid_from);",
		"CREATE INDEX unit_versions_parent ON unit_versions (parent_level, parent_code);",
		"CREATE INDEX lineage_edges_from ON lineage_edges (from_id);",
		"CREATE INDEX lineage_edges_to ON lineage_edges (to_id);",
	}
	if boundaries && d == PostgreSQL {
		s = append(s, "CREATE INDEX boundaries_geom ON boundaries USING gist (geom);")
	}
	return s
}

// Views returns the CREATE VIEW statements of units_today and old_to_new.
func Views(d Dialect) []string {
	today := d.today()
	old := "'" + dvhc.LastOldDay.String() + "'"
	unitsToday := "CREATE VIEW units_today AS\n" +
		"-- the unit versions in force on the day of the query (Vietnam's time)\n" +
		"SELECT * FROM unit_versions WHERE " + InForce("", today) + ";"
	oldToNew := `CREATE VIEW old_to_new AS
-- every unit in force on ` + dvhc.LastOldDay.String() + ` and the units in force today that it became,
-- across any number of events; districts without edges of their own reach them
-- through their communes
WITH RECURSIVE walk (old_id, cur_id, whole, note, inferred) AS (
  SELECT o.id, o.id, 1, CAST(NULL AS ` + d.typeOf(Text) + `), 0 FROM unit_versions o
  WHERE ` + InForce("o", old) + `
  UNION ALL
  SELECT o.id, c.id, 0, CAST(NULL AS ` + d.typeOf(Text) + `), 0 FROM unit_versions o
  JOIN unit_versions c ON c.parent_level = 'district' AND c.parent_code = o.code AND ` + InForce("c", old) + `
  WHERE o.level = 'district' AND ` + InForce("o", old) + `
    AND NOT EXISTS (SELECT 1 FROM lineage_edges x WHERE x.from_id = o.id)
  UNION ALL
  SELECT w.old_id, e.to_id, CASE WHEN e.share = 'whole' THEN w.whole ELSE 0 END,
         CASE WHEN w.note IS NULL THEN e.note ELSE w.note || ' → ' || e.note END,
         CASE WHEN e.basis = '` + BasisOfficial + `' THEN w.inferred ELSE 1 END
  FROM walk w
  JOIN unit_versions c ON c.id = w.cur_id AND c.valid_to < ` + today + `
  JOIN lineage_edges e ON e.from_id = w.cur_id
)
SELECT o.level AS old_level, o.code AS old_code, o.name AS old_name,
       o.valid_from AS old_valid_from, o.valid_to AS old_valid_to,
       n.level AS new_level, n.code AS new_code, n.name AS new_name, n.valid_from AS new_valid_from,
       CASE WHEN max(w.whole) = 1 OR count(*) OVER (PARTITION BY o.id) = 1 THEN 'whole' ELSE 'part' END AS share,
       min(w.note) AS note,
       CASE WHEN min(w.inferred) = 1 THEN '` + BasisInferred + `' ELSE '` + BasisOfficial + `' END AS basis
FROM walk w
JOIN unit_versions o ON o.id = w.old_id
JOIN unit_versions n ON n.id = w.cur_id
WHERE ` + InForce("n", today) + `
GROUP BY o.id, n.id;`
	return []string{unitsToday, oldToNew}
}
