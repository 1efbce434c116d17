// Package export writes the registry — unit versions, events, lineage edges
// and boundaries — to formats other programs load: PostgreSQL/PostGIS SQL,
// CSV and JSON here, SQLite and Parquet in the subpackages sqlite and
// parquet (each the only importer of its library).
//
// Every format shares one temporal schema, built from the registry's
// domain types (so new versions, events and edges flow through unchanged):
//
//	unit_versions  one row per unit version: id, level, code, valid_from,
//	               valid_to (last day in force, NULL while in force; NULL
//	               valid_from where the source records no start), names,
//	               parent, province and attributes
//	events         the legal acts: id, resolution, title, adopted,
//	               effective, operative
//	lineage_edges  old version → new version: from_id, to_id (ids of
//	               unit_versions) with both keys spelt out, share ("whole" or
//	               "part"), note, event_id, decision, basis ("official", or
//	               "inferred by name" for the communes merged in 2024–2025)
//	               and the edge's weight (dvhc.Edge.Weight: weight,
//	               weight_kind, weight_source)
//	boundaries     (databases only) the polygons of the communes and
//	               provinces valid from 2025-07-01 (level, code,
//	               valid_from): PostGIS geometry(MultiPolygon, 4326) in
//	               PostgreSQL, GeoJSON text in SQLite
//
// Ids are assigned in registry order on each export: join on them within
// one export, on (level, code, valid_from) across exports. The boundaries
// are those of package geo; the few rings that simplification left
// self-intersecting (7 communes) are repaired in PostgreSQL with
// ST_MakeValid, which reads them as geo does (even-odd), so that every
// geometry is valid.
//
// The databases also get two views: units_today, the versions in force on
// the day the view is queried (in Vietnam's time zone, UTC+7), and
// old_to_new, every unit in force on 2025-06-30 paired with the units in
// force today that it became, across any number of events, as
// registry.Successors answers (share "part" unless all of the old unit went
// to the new one; basis "inferred by name" when an edge walked is). The file formats (CSV, JSON, Parquet) have old_to_new
// as a table computed on the day of the export (FileTables). Codes are
// text: "00004", never 4.
package export

import (
	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// Type is the type of a column.
type Type uint8

// The column types. Dates are dvhc.Date values; NULL is nil.
const (
	Text Type = iota + 1
	Integer
	Real
	Date
)

// Column is one column of a table.
type Column struct {
	Name    string
	Type    Type
	NotNull bool
	Doc     string // what the column holds, one line
}

// Table is one table of the schema with the means to produce its rows.
type Table struct {
	Name    string
	Doc     string
	Columns []Column
	// Key lists the columns of the primary key.
	Key []string
	// Rows calls yield with each row in order, one value per column: nil
	// (NULL), string, int64, float64 or dvhc.Date. The row slice is reused
	// between calls. Rows stops at the first error yield returns.
	Rows func(yield func(row []any) error) error
}

// The values of the column basis: an edge stated by an official act or
// table, or one inferred by matching names (dvhc.BasisInferredByName).
const (
	BasisOfficial = "official"
	BasisInferred = dvhc.BasisInferredByName
)

func basis(inferred bool) string {
	if inferred {
		return BasisInferred
	}
	return BasisOfficial
}

// Table names.
const (
	UnitVersions = "unit_versions"
	Events       = "events"
	LineageEdges = "lineage_edges"
	Boundaries   = "boundaries"
)

// Tables returns the tables unit_versions, events and lineage_edges of the
// registry, in that order. A unit version's id is its index in
// r.Units() plus one.
func Tables(r *registry.Registry) []*Table {
	return []*Table{unitsTable(r), eventsTable(r), edgesTable(r)}
}

// TableNames lists the names of the tables Tables returns.
var TableNames = []string{UnitVersions, Events, LineageEdges}

// OldToNewName is the name of the view, and of the table OldToNew.
const OldToNewName = "old_to_new"

// FileTables returns the tables of the file formats (CSV, JSON, Parquet):
// those of Tables, then old_to_new as of day (OldToNew), which the
// databases have as a view.
func FileTables(r *registry.Registry, day dvhc.Date) []*Table {
	return append(Tables(r), OldToNew(r, day))
}

// OldToNew returns the table old_to_new: every unit in force on
// dvhc.LastOldDay with the units in force on day that it became
// (registry.Successors, most likely first), with the columns of the view
// old_to_new of the databases.
func OldToNew(r *registry.Registry, day dvhc.Date) *Table {
	return &Table{
		Name: OldToNewName,
		Doc:  "each unit in force on " + dvhc.LastOldDay.String() + " with the units in force on " + day.String() + " that it became",
		Key:  []string{"old_level", "old_code", "new_level", "new_code"},
		Columns: []Column{
			{"old_level", Text, true, "level of the old unit"},
			{"old_code", Text, true, "code of the old unit"},
			{"old_name", Text, true, "name of the old unit"},
			{"old_valid_from", Date, false, "valid_from of the old unit's version"},
			{"old_valid_to", Date, false, "valid_to of the old unit's version"},
			{"new_level", Text, true, "level of the new unit"},
			{"new_code", Text, true, "code of the new unit"},
			{"new_name", Text, true, "name of the new unit"},
			{"new_valid_from", Date, false, "valid_from of the new unit's version"},
			{"share", Text, true, "whole (all of the old unit went to the new one) or part"},
			{"note", Text, false, "the official notes of the edges walked, joined by →"},
			{"basis", Text, true, "official, or inferred by name when an edge walked was inferred by matching names"},
		},
		Rows: func(yield func([]any) error) error {
			row := make([]any, 12)
			for _, u := range r.At(dvhc.LastOldDay, registry.Filter{}) {
				links, err := r.Successors(u, day)
				if err != nil {
					return err
				}
				for _, l := range links {
					n := l.Unit
					row[0], row[1], row[2], row[3], row[4] = u.Level.String(), string(u.Code), u.Name, date(u.Valid.From), date(u.Valid.Last())
					row[5], row[6], row[7], row[8] = n.Level.String(), string(n.Code), n.Name, date(n.Valid.From)
					row[9], row[10], row[11] = l.Share.String(), text(l.Note()), basis(l.Inferred())
					if err := yield(row); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}

// ids maps every unit version's key to its id.
func ids(r *registry.Registry) map[dvhc.Key]int64 {
	us := r.Units()
	m := make(map[dvhc.Key]int64, len(us))
	for i := range us {
		m[us[i].Key()] = int64(i + 1)
	}
	return m
}

func unitsTable(r *registry.Registry) *Table {
	return &Table{
		Name: UnitVersions,
		Doc:  "one row per version of an administrative unit: the unit as it was over [valid_from, valid_to]",
		Key:  []string{"id"},
		Columns: []Column{
			{"id", Integer, true, "identity of the version (lineage_edges.from_id, to_id)"},
			{"level", Text, true, "province, district or commune"},
			{"code", Text, true, "official code, zero-padded: 01, 001, 00004"},
			{"valid_from", Date, false, "first day in force; NULL where the source records no start"},
			{"valid_to", Date, false, "last day in force; NULL while in force"},
			{"name", Text, true, "full official name with its type"},
			{"short_name", Text, true, "the name without the type"},
			{"type", Text, true, "Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu"},
			{"name_en", Text, false, "unofficial English name"},
			{"parent_level", Text, false, "level of the parent: district (communes before 2025-07-01) or province"},
			{"parent_code", Text, false, "code of the unit above over the same dates; NULL for provinces"},
			{"province_code", Text, true, "code of the province (its own code for a province)"},
			{"area_km2", Real, false, "published area"},
			{"population", Integer, false, "published population"},
			{"admin_centre", Text, false, "seat of the unit's government"},
			{"lat", Real, false, "published point, latitude (may fall outside the unit)"},
			{"lon", Real, false, "published point, longitude"},
			{"inner_lat", Real, false, "a point inside the unit's boundary, latitude"},
			{"inner_lon", Real, false, "a point inside the unit's boundary, longitude"},
			{"region", Text, false, "geographic region"},
			{"resolution", Text, false, "number of the act that established this version"},
		},
		Rows: func(yield func([]any) error) error {
			row := make([]any, 21)
			us := r.Units()
			for i := range us {
				u := &us[i]
				var plevel any
				if u.Parent != "" {
					plevel = u.ParentLevel().String()
				}
				row[0], row[1], row[2], row[3], row[4] = int64(i+1), u.Level.String(), string(u.Code), date(u.Valid.From), date(u.Valid.Last())
				row[5], row[6], row[7], row[8] = u.Name, u.ShortName, u.Type, text(u.NameEN)
				row[9], row[10], row[11] = plevel, text(string(u.Parent)), string(u.Province)
				row[12], row[13], row[14] = num(u.AreaKm2), integer(u.Population), text(u.AdminCentre)
				row[15], row[16], row[17], row[18] = point(u.Point, u.Point.Lat), point(u.Point, u.Point.Lon), point(u.InnerPoint, u.InnerPoint.Lat), point(u.InnerPoint, u.InnerPoint.Lon)
				row[19], row[20] = text(u.Region), text(u.Resolution)
				if err := yield(row); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func eventsTable(r *registry.Registry) *Table {
	return &Table{
		Name: Events,
		Doc:  "the legal acts that changed administrative units, by operative date",
		Key:  []string{"id"},
		Columns: []Column{
			{"id", Text, true, "stable identifier (lineage_edges.event_id)"},
			{"resolution", Text, true, "number of the act"},
			{"title", Text, true, "what it does, in a sentence"},
			{"adopted", Date, false, "day the act was adopted"},
			{"effective", Date, false, "day the act took legal effect"},
			{"operative", Date, false, "day the new units started to work (valid_from of the versions it created)"},
		},
		Rows: func(yield func([]any) error) error {
			row := make([]any, 6)
			for _, e := range r.Events() {
				row[0], row[1], row[2] = e.ID, e.Resolution, e.Title
				row[3], row[4], row[5] = date(e.Adopted), date(e.Effective), date(e.Operative)
				if err := yield(row); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func edgesTable(r *registry.Registry) *Table {
	return &Table{
		Name: LineageEdges,
		Doc:  "lineage: territory and people of one unit version went (whole or part) to another",
		Key:  []string{"id"},
		Columns: []Column{
			{"id", Integer, true, "identity of the edge"},
			{"from_id", Integer, true, "unit_versions.id of the old version"},
			{"from_level", Text, true, "level of the old version"},
			{"from_code", Text, true, "code of the old version"},
			{"from_valid_from", Date, false, "valid_from of the old version"},
			{"to_id", Integer, true, "unit_versions.id of the new version"},
			{"to_level", Text, true, "level of the new version"},
			{"to_code", Text, true, "code of the new version"},
			{"to_valid_from", Date, false, "valid_from of the new version"},
			{"share", Text, true, "whole (all of the old unit) or part (it was split)"},
			{"note", Text, false, "official note of the government's conversion table"},
			{"event_id", Text, true, "events.id of the act"},
			{"decision", Text, false, "how a disagreement between sources was settled, and why"},
			{"basis", Text, true, "official (stated by an act or the government's table) or inferred by name (communes merged in 2024–2025, matched by name)"},
			{"weight", Real, false, "share of the old version that went to the new one, 0 to 1 (by population unless the note says area); the weights leaving a version add up to 1"},
			{"weight_kind", Text, false, "whole, population or area (read from the share or the official note), or assumed (an estimate)"},
			{"weight_source", Text, false, "where the weight comes from, or the assumption made"},
		},
		Rows: func(yield func([]any) error) error {
			id := ids(r)
			row := make([]any, 17)
			for i, e := range r.Edges() {
				row[0] = int64(i + 1)
				row[1], row[2], row[3], row[4] = id[e.From], e.From.Level.String(), string(e.From.Code), date(e.From.From)
				row[5], row[6], row[7], row[8] = id[e.To], e.To.Level.String(), string(e.To.Code), date(e.To.From)
				row[9], row[10], row[11], row[12] = e.Share.String(), text(e.Note), e.Event, text(e.Decision)
				row[13], row[14], row[15], row[16] = basis(e.Inferred()), nil, nil, nil
				if e.Weight.Kind != 0 {
					row[14], row[15], row[16] = e.Weight.Value, e.Weight.Kind.String(), text(e.Weight.Source)
				}
				if err := yield(row); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func date(d dvhc.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func num(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

func integer(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

func point(p dvhc.LatLon, v float64) any {
	if p.IsZero() {
		return nil
	}
	return v
}
