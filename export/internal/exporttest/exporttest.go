// Package exporttest holds the queries that the tests of the database
// exports run in PostgreSQL and in SQLite, each with the answer the
// registry gives to the same question.
package exporttest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/registry"
)

// Check is one query and the rows the registry answers; NULL is "".
type Check struct {
	Name string
	SQL  string
	Want [][]string
}

// Query runs an SQL query and returns its rows as text, NULL as "".
type Query func(sql string) ([][]string, error)

// Run runs every check with q and reports the differences.
func Run(t *testing.T, q Query, checks []Check) {
	t.Helper()
	for _, c := range checks {
		got, err := q(c.SQL)
		if err != nil {
			t.Errorf("%s: %v\n%s", c.Name, err, c.SQL)
			continue
		}
		if !slices.EqualFunc(got, c.Want, slices.Equal) {
			t.Errorf("%s: the database and the registry differ\n%s\n%s", c.Name, c.SQL, diff(got, c.Want))
		}
	}
}

func diff(got, want [][]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d rows, want %d\n", len(got), len(want))
	n := 0
	for i := 0; i < max(len(got), len(want)) && n < 10; i++ {
		var g, w []string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !slices.Equal(g, w) {
			fmt.Fprintf(&b, "row %d: got %q, want %q\n", i, g, w)
			n++
		}
	}
	return b.String()
}

func lit(d dvhc.Date) string { return "'" + d.String() + "'" }

// Checks returns the queries and the registry's answers: unit counts per
// level on several dates (the vintages), the successors of the split
// commune 00553 Xã Cổ Bi on 2025-07-01 (as "dvhc lineage") and today
// (the view old_to_new), the predecessors of 00004 on 2025-07-01, what code
// 00004 meant on 2025-06-30 and 2025-07-01, units_today, and the whole
// old_to_new view against registry.Successors of every unit in force on
// 2025-06-30.
func Checks(r *registry.Registry, today dvhc.Date) []Check {
	var cs []Check
	days := []dvhc.Date{dvhc.LastOldDay, dvhc.LastOldDay.AddDays(1)}
	for _, e := range r.Events() {
		if !e.Operative.IsZero() {
			days = append(days, e.Operative.AddDays(-1), e.Operative)
		}
	}
	days = append(days, today)
	slices.SortFunc(days, dvhc.Date.Compare)
	days = slices.Compact(days)
	for _, d := range days {
		cs = append(cs, Check{
			Name: "units in force on " + d.String(),
			SQL:  "SELECT level, count(*) FROM unit_versions WHERE " + export.InForce("", lit(d)) + " GROUP BY level ORDER BY level",
			Want: counts(r.At(d, registry.Filter{})),
		})
	}
	cs = append(cs, Check{
		Name: "units_today",
		SQL:  "SELECT level, count(*) FROM units_today GROUP BY level ORDER BY level",
		Want: counts(r.At(today, registry.Filter{})),
	})

	old, _ := r.Lookup(dvhc.LevelCommune, "00553", dvhc.LastOldDay)
	reform := dvhc.LastOldDay.AddDays(1)
	cs = append(cs, Check{
		Name: "successors of commune 00553 on " + reform.String(),
		SQL: "SELECT e.to_code, n.name, e.share, e.note FROM lineage_edges e" +
			" JOIN unit_versions o ON o.id = e.from_id JOIN unit_versions n ON n.id = e.to_id" +
			" WHERE o.level = 'commune' AND o.code = '00553' AND " + export.InForce("o", lit(dvhc.LastOldDay)) +
			" AND " + export.InForce("n", lit(reform)) + " ORDER BY e.to_code",
		Want: links(r.Successors(old, reform)),
	}, Check{
		Name: "old_to_new of commune 00553",
		SQL:  "SELECT new_code, new_name, share, note FROM old_to_new WHERE old_level = 'commune' AND old_code = '00553' ORDER BY new_code",
		Want: links(r.Successors(old, today)),
	})
	nu, _ := r.Lookup(dvhc.LevelCommune, "00004", reform)
	cs = append(cs, Check{
		Name: "predecessors of commune 00004 of " + reform.String(),
		SQL: "SELECT o.code, o.name, e.share, e.note FROM lineage_edges e JOIN unit_versions o ON o.id = e.from_id" +
			" JOIN unit_versions n ON n.id = e.to_id WHERE n.level = 'commune' AND n.code = '00004' AND " +
			export.InForce("n", lit(reform)) + " ORDER BY o.code",
		Want: links(r.Predecessors(nu, dvhc.LastOldDay)),
	})
	for _, d := range []dvhc.Date{dvhc.LastOldDay, reform, today} {
		u, _ := r.Lookup(dvhc.LevelCommune, "00004", d)
		cs = append(cs, Check{
			Name: "commune 00004 on " + d.String(),
			SQL: "SELECT code, name, type, parent_code, province_code, valid_from, valid_to FROM unit_versions" +
				" WHERE level = 'commune' AND code = '00004' AND " + export.InForce("", lit(d)),
			Want: [][]string{{string(u.Code), u.Name, u.Type, string(u.Parent), string(u.Province), u.Valid.From.String(), u.Valid.Last().String()}},
		})
	}

	var all [][]string
	for _, u := range r.At(dvhc.LastOldDay, registry.Filter{}) {
		ls, _ := r.Successors(u, today)
		for _, l := range ls {
			b := export.BasisOfficial
			if l.Inferred() {
				b = export.BasisInferred
			}
			all = append(all, []string{u.Level.String(), string(u.Code), l.Unit.Level.String(), string(l.Unit.Code), l.Share.String(), b})
		}
	}
	slices.SortFunc(all, func(a, b []string) int { return slices.Compare(a, b) })
	cs = append(cs, Check{
		Name: "old_to_new: every unit of " + dvhc.LastOldDay.String(),
		SQL:  "SELECT old_level, old_code, new_level, new_code, share, basis FROM old_to_new ORDER BY old_level, old_code, new_level, new_code",
		Want: all,
	})

	var shares [][]string
	n := map[string]int{}
	for _, e := range r.Edges() {
		n[e.Share.String()]++
	}
	for _, s := range []string{"part", "whole"} {
		shares = append(shares, []string{s, strconv.Itoa(n[s])})
	}
	cs = append(cs, Check{
		Name: "edges by share",
		SQL:  "SELECT share, count(*) FROM lineage_edges GROUP BY share ORDER BY share",
		Want: shares,
	}, Check{
		Name: "edges by basis",
		SQL:  "SELECT basis, count(*) FROM lineage_edges GROUP BY basis ORDER BY basis",
		Want: bases(r.Edges()),
	}, Check{
		Name: "every edge: basis and weight",
		SQL: "SELECT from_level, from_code, from_valid_from, to_code, to_valid_from, basis, weight_kind, weight_source," +
			" CAST(round(weight * 1000000) AS bigint) FROM lineage_edges ORDER BY id",
		Want: edgeWeights(r.Edges()),
	}, Check{
		Name: "lineage of commune 00010, merged in 2025 (inferred by name), to " + reform.String(),
		SQL: "SELECT e1.basis, e1.to_code, e2.basis, e2.to_code, n.name FROM unit_versions o" +
			" JOIN lineage_edges e1 ON e1.from_id = o.id JOIN lineage_edges e2 ON e2.from_id = e1.to_id" +
			" JOIN unit_versions n ON n.id = e2.to_id AND " + export.InForce("n", lit(reform)) +
			" WHERE o.level = 'commune' AND o.code = '00010' AND " + export.InForce("o", "'2024-06-01'"),
		Want: inferredPath(r, reform),
	}, Check{
		Name: "events",
		SQL:  "SELECT count(*) FROM events",
		Want: [][]string{{strconv.Itoa(len(r.Events()))}},
	})
	return cs
}

// counts returns (level, count) rows ordered by level name.
func counts(us []*dvhc.Unit) [][]string {
	n := map[string]int{}
	for _, u := range us {
		n[u.Level.String()]++
	}
	var rows [][]string
	for l, c := range n {
		rows = append(rows, []string{l, strconv.Itoa(c)})
	}
	slices.SortFunc(rows, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return rows
}

// links returns (code, name, share, note) rows ordered by code.
func links(ls []registry.Link, err error) [][]string {
	if err != nil {
		panic(err)
	}
	var rows [][]string
	for _, l := range ls {
		rows = append(rows, []string{string(l.Unit.Code), l.Unit.Name, l.Share.String(), l.Note()})
	}
	slices.SortFunc(rows, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return rows
}

// bases returns (basis, count) rows of the edges, ordered by basis.
func bases(es []dvhc.Edge) [][]string {
	n := map[string]int{}
	for i := range es {
		if es[i].Inferred() {
			n[export.BasisInferred]++
		} else {
			n[export.BasisOfficial]++
		}
	}
	var rows [][]string
	for _, b := range []string{export.BasisInferred, export.BasisOfficial} {
		if n[b] > 0 {
			rows = append(rows, []string{b, strconv.Itoa(n[b])})
		}
	}
	return rows
}

// edgeWeights returns, for every edge in order, its keys, basis, weight
// kind and source, and its weight in millionths.
func edgeWeights(es []dvhc.Edge) [][]string {
	rows := make([][]string, len(es))
	for i := range es {
		e := &es[i]
		b := export.BasisOfficial
		if e.Inferred() {
			b = export.BasisInferred
		}
		w := []string{"", "", ""}
		if e.Weight.Kind != 0 {
			w = []string{e.Weight.Kind.String(), e.Weight.Source, strconv.FormatInt(int64(math.Round(e.Weight.Value*1e6)), 10)}
		}
		rows[i] = append([]string{e.From.Level.String(), string(e.From.Code), e.From.From.String(), string(e.To.Code), e.To.From.String(), b}, w...)
	}
	return rows
}

// inferredPath returns the path of commune 00010 of 2024-06-01 (merged in
// 2025 into 00004, an edge inferred by name) to the units of day to:
// (basis, code) of each of its two edges, and the name reached.
func inferredPath(r *registry.Registry, to dvhc.Date) [][]string {
	u, err := r.Lookup(dvhc.LevelCommune, "00010", dvhc.NewDate(2024, 6, 1))
	if err != nil {
		panic(err)
	}
	ls, err := r.Successors(u, to)
	if err != nil {
		panic(err)
	}
	var rows [][]string
	for _, l := range ls {
		if len(l.Path) != 2 {
			panic(fmt.Sprintf("commune 00010: a path of %d edges", len(l.Path)))
		}
		row := []string{}
		for _, e := range l.Path {
			b := export.BasisOfficial
			if e.Inferred() {
				b = export.BasisInferred
			}
			row = append(row, b, string(e.To.Code))
		}
		rows = append(rows, append(row, l.Unit.Name))
	}
	return rows
}

// Point is the inner point of a commune.
type Point struct {
	Code     dvhc.Code
	Lat, Lon float64
}

// InnerPoints returns the inner points of n communes in force on day,
// drawn at random with a fixed seed, by code.
func InnerPoints(r *registry.Registry, day dvhc.Date, n int) []Point {
	us := r.At(day, registry.Filter{Level: dvhc.LevelCommune})
	rng := rand.New(rand.NewPCG(12, 2026))
	rng.Shuffle(len(us), func(i, j int) { us[i], us[j] = us[j], us[i] })
	var ps []Point
	for _, u := range us {
		if len(ps) == n {
			break
		}
		if !u.InnerPoint.IsZero() {
			ps = append(ps, Point{u.Code, u.InnerPoint.Lat, u.InnerPoint.Lon})
		}
	}
	slices.SortFunc(ps, func(a, b Point) int { return a.Code.Compare(b.Code) })
	return ps
}
