package registry

import (
	"slices"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// Link is a unit version reached by walking lineage edges.
type Link struct {
	Unit *dvhc.Unit
	// Share is whole when all of the starting unit went to Unit (for
	// successors) or when all of Unit went into the starting unit (for
	// predecessors), part otherwise.
	Share dvhc.Share
	// Path is the chain of edges walked, in the direction of time. It is
	// empty when the unit itself is in force on both dates.
	Path []*dvhc.Edge
}

// Inferred reports whether an edge of the path was inferred by name rather
// than stated officially (see dvhc.Edge.Basis).
func (l Link) Inferred() bool {
	for _, e := range l.Path {
		if e.Inferred() {
			return true
		}
	}
	return false
}

// Note returns the official note of the link: that of its last edge for a
// successor, its first edge for a predecessor, joined by " → " along
// longer paths.
func (l Link) Note() string {
	var notes []string
	for _, e := range l.Path {
		notes = append(notes, e.Note)
	}
	return strings.Join(notes, " → ")
}

// Successors returns the units in force on day to that the unit version u
// became, across any number of events, most likely first (see
// RankSuccessors). A unit still in force on day to is its own successor.
// The district tier, abolished on 2025-07-01 without edges of its own,
// reaches the new communes through its communes.
func (r *Registry) Successors(u *dvhc.Unit, to dvhc.Date) ([]Link, error) {
	if to.Before(u.Valid.From) {
		return nil, dvhc.Errorf(dvhc.EINVALID, "%s %s starts on %s, after %s: ask for predecessors", u.Level, u.Code, u.Valid.From, to)
	}
	if err := r.Covers(u.Level, to); err != nil {
		return nil, err
	}
	if u.ValidAt(to) {
		return []Link{{Unit: u, Share: dvhc.ShareWhole}}, nil
	}
	var links []Link
	seen := map[dvhc.Key]int{}
	var walk func(k dvhc.Key, path []*dvhc.Edge, whole bool)
	walk = func(k dvhc.Key, path []*dvhc.Edge, whole bool) {
		for _, ei := range r.outOf(k) {
			e := &r.edges[ei]
			t := &r.units[r.to[ei]]
			p := append(path[:len(path):len(path)], e)
			w := whole && e.Share == dvhc.ShareWhole
			switch {
			case t.ValidAt(to):
				if j, ok := seen[t.Key()]; ok {
					if w {
						links[j].Share = dvhc.ShareWhole
					}
					continue
				}
				seen[t.Key()] = len(links)
				links = append(links, Link{Unit: t, Share: shareOf(w), Path: p})
			case t.Valid.To.IsZero() || t.Valid.To.After(to):
				// starts after the target date: not reached yet
			default:
				walk(e.To, p, w)
			}
		}
	}
	if len(r.outOf(u.Key())) == 0 && u.Level == dvhc.LevelDistrict {
		for _, c := range r.Children(u, u.Valid.Last()) {
			walk(c.Key(), nil, false)
		}
	} else {
		walk(u.Key(), nil, true)
	}
	if len(links) == 1 {
		links[0].Share = dvhc.ShareWhole
	}
	RankSuccessors(u, links)
	return links, nil
}

// RankSuccessors orders the successors of an old unit from most to least
// likely to hold a given address of it: the piece that took all of the
// population ("toàn bộ dân số") first, then the one that kept the old code,
// then the remainder ("phần còn lại"), then by code.
func RankSuccessors(from *dvhc.Unit, links []Link) {
	score := func(l Link) int {
		s := 0
		n := l.Note()
		switch {
		case strings.Contains(n, "toàn bộ dân số"):
			s += 8
		case strings.Contains(n, "một phần dân số"):
			s += 1
		}
		if l.Unit.Code == from.Code {
			s += 4
		}
		if strings.Contains(n, "phần còn lại") {
			s += 2
		}
		return s
	}
	slices.SortStableFunc(links, func(a, b Link) int {
		if sa, sb := score(a), score(b); sa != sb {
			return sb - sa
		}
		return a.Unit.Code.Compare(b.Unit.Code)
	})
}

// Predecessors returns the units in force on day to (earlier than u's
// start) that became u, across any number of events, by code.
func (r *Registry) Predecessors(u *dvhc.Unit, to dvhc.Date) ([]Link, error) {
	if !u.Valid.To.IsZero() && !to.Before(u.Valid.To) {
		return nil, dvhc.Errorf(dvhc.EINVALID, "%s %s ends on %s, before %s: ask for successors", u.Level, u.Code, u.Valid.Last(), to)
	}
	if err := r.Covers(0, to); err != nil {
		return nil, err
	}
	if u.ValidAt(to) {
		return []Link{{Unit: u, Share: dvhc.ShareWhole}}, nil
	}
	var links []Link
	seen := map[dvhc.Key]bool{}
	var walk func(k dvhc.Key, path []*dvhc.Edge, whole bool)
	walk = func(k dvhc.Key, path []*dvhc.Edge, whole bool) {
		for _, ei := range r.inOf(k) {
			e := &r.edges[ei]
			s := &r.units[r.from[ei]]
			p := append([]*dvhc.Edge{e}, path...)
			w := whole && e.Share == dvhc.ShareWhole
			switch {
			case s.ValidAt(to):
				if !seen[s.Key()] {
					seen[s.Key()] = true
					links = append(links, Link{Unit: s, Share: shareOf(w), Path: p})
					// units that merged into s after day to were in force
					// on it too
					walk(e.From, p, w)
				}
			case !s.Valid.From.After(to):
				// ended before the target date
			default:
				walk(e.From, p, w)
			}
		}
	}
	walk(u.Key(), nil, true)
	slices.SortStableFunc(links, func(a, b Link) int {
		if a.Unit.Level != b.Unit.Level {
			return int(a.Unit.Level) - int(b.Unit.Level)
		}
		return a.Unit.Code.Compare(b.Unit.Code)
	})
	return links, nil
}

func shareOf(whole bool) dvhc.Share {
	if whole {
		return dvhc.ShareWhole
	}
	return dvhc.SharePart
}
