// Package registry is the temporal registry of Vietnam's administrative
// units: it answers every question "as of" a date — snapshots, lookups by
// code, children and parents, name search — and walks the lineage between
// unit versions across any number of legal events.
//
// The registry knows what it does not know: it is complete from a first
// day per level (Coverage) and refuses earlier days with an ENOTCOVERED
// error rather than answering from a later vintage; it reports the day of
// the latest change it holds (DataDate) and the day up to which its
// sources were checked (CheckedTo); lineage edges inferred by name are
// marked (dvhc.Edge.Basis) and units known without lineage listed (Gaps).
//
// A Registry is immutable once built and safe for concurrent use.
package registry

import (
	"slices"
	"sync"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset"
	"github.com/dvhc-vn/dvhc/internal/gcpause"
)

// Registry holds unit versions, lineage edges and events, indexed.
type Registry struct {
	units  []dvhc.Unit // sorted by level, code, valid from
	runs   runs        // the versions of each (level, code)
	edges  []dvhc.Edge
	from   []int32 // per edge, the index of its From unit
	to     []int32 // per edge, the index of its To unit
	events map[string]*dvhc.Event
	order  []*dvhc.Event // by operative date, then id
	out    adj           // per unit index, the edges leaving it
	in     adj           // per unit index, the edges reaching it
	// children lists, per run of a parent, the unit indices whose Parent
	// is that code (at the level above); versions are filtered by date
	// when asked. orphans holds those of parents the registry lacks.
	children adj
	orphans  map[parentKey][]int32
	data     *dataset.Data
	cov      [dvhc.LevelCommune + 1]dvhc.Coverage // by level; zero: complete from the start
	gaps     map[parentKey][]int                  // indices in data.Gaps

	searchOnce sync.Once
	search     []searchEntry // built on the first Search

	// texts, when set, parses the official predecessor texts that data
	// was loaded without, on the first FormedFrom
	texts func() map[dvhc.Code][]dvhc.FormationText
}

type parentKey struct {
	level dvhc.Level
	code  dvhc.Code
}

// New indexes a dataset, which it takes over: d must not be modified
// afterwards. It checks that keys are unique and that edges join existing
// versions.
func New(d *dataset.Data) (*Registry, error) {
	r := &Registry{
		units:  d.Units,
		edges:  d.Edges,
		events: make(map[string]*dvhc.Event, len(d.Events)),
		data:   d,
		gaps:   make(map[parentKey][]int, len(d.Gaps)),
	}
	for _, l := range dvhc.Levels {
		r.cov[l].Level = l
	}
	for _, c := range d.Coverage {
		if !c.Level.IsValid() {
			return nil, dvhc.Errorf(dvhc.EINTERNAL, "registry: coverage of invalid level %d", uint8(c.Level))
		}
		r.cov[c.Level] = c
	}
	for i, g := range d.Gaps {
		k := parentKey{g.Level, g.Code}
		r.gaps[k] = append(r.gaps[k], i)
	}
	sortUnits(r.units)
	for i := 1; i < len(r.units); i++ {
		if byLevelCode(&r.units[i-1], &r.units[i]) == 0 {
			return nil, dvhc.Errorf(dvhc.EINTERNAL, "registry: duplicate unit version %s", r.units[i].Key())
		}
	}
	r.runs.build(r.units)
	r.indexChildren()
	for i := range d.Events {
		e := &d.Events[i]
		r.events[e.ID] = e
		r.order = append(r.order, e)
	}
	slices.SortStableFunc(r.order, func(a, b *dvhc.Event) int { return a.Operative.Compare(b.Operative) })
	if err := r.link(); err != nil {
		return nil, err
	}
	r.weighEdges()
	return r, nil
}

var (
	defaultOnce sync.Once
	defaultReg  *Registry
	defaultErr  error
)

// Default returns the registry of the embedded dataset, loading it on the
// first call (but for the official predecessor texts, parsed on the first
// FormedFrom).
func Default() (*Registry, error) {
	defaultOnce.Do(func() {
		// Loading allocates about 10 MB that stays live: collecting
		// garbage meanwhile is wasted work (a third of the CPU time of a
		// process's cold start).
		defer gcpause.Pause()()
		d, err := dataset.LoadWithoutTexts()
		if err != nil {
			defaultErr = err
			return
		}
		defaultReg, defaultErr = New(d)
		if defaultErr == nil {
			defaultReg.texts = sync.OnceValue(func() map[dvhc.Code][]dvhc.FormationText {
				ts, err := dataset.Texts()
				if err != nil {
					panic(err) // the embedded data is checked by tests: a build defect
				}
				return ts
			})
		}
	})
	return defaultReg, defaultErr
}

// MustDefault is Default that panics on error; the embedded dataset is
// checked by tests, so an error is a build defect.
func MustDefault() *Registry {
	r, err := Default()
	if err != nil {
		panic(err)
	}
	return r
}

// Units returns every unit version, sorted by level, code and start. The
// slice must not be modified.
func (r *Registry) Units() []dvhc.Unit { return r.units }

// Edges returns every lineage edge. The slice must not be modified.
func (r *Registry) Edges() []dvhc.Edge { return r.edges }

// Events returns the events in order of their operative date.
func (r *Registry) Events() []*dvhc.Event { return r.order }

// Event returns the event with the given ID, or nil.
func (r *Registry) Event(id string) *dvhc.Event { return r.events[id] }

// FormerNames returns the former names of the units of the old vintage
// (mergers of 2018–2025) and of the districts split among several. The
// slice is shared: do not modify it.
func (r *Registry) FormerNames() []dvhc.FormerName { return r.data.Aliases }

// FormedFrom returns the official texts listing what commune u was formed
// from, oldest snapshot first: only a commune of the 2025 reform (a version
// in force from dvhc.ReformDay on) has them; nil otherwise. The slice is
// shared: do not modify it.
func (r *Registry) FormedFrom(u *dvhc.Unit) []dvhc.FormationText {
	if u == nil || u.Level != dvhc.LevelCommune || dvhc.VintageOf(u) != dvhc.VintageNew {
		return nil
	}
	if r.texts != nil {
		return r.texts()[u.Code]
	}
	return r.data.Texts[u.Code]
}

// Version returns the unit version with key k, or nil.
func (r *Registry) Version(k dvhc.Key) *dvhc.Unit {
	if i := r.index(k); i >= 0 {
		return &r.units[i]
	}
	return nil
}

// versions returns the versions of (level, code), oldest first.
func (r *Registry) versions(l dvhc.Level, c dvhc.Code) []dvhc.Unit {
	i, j := r.runs.span(l, c)
	return r.units[i:j]
}

// Versions returns every version of the unit (level, code), oldest first:
// possibly different units that reused the code.
func (r *Registry) Versions(l dvhc.Level, c dvhc.Code) []*dvhc.Unit {
	vs := r.versions(l, c)
	out := make([]*dvhc.Unit, len(vs))
	for i := range vs {
		out[i] = &vs[i]
	}
	return out
}

// Lookup returns the unit of level l with code c in force on day at. The
// error is ENOTFOUND, naming the dates the code was in force, when there
// is none, and ENOTCOVERED when at is before the registry is complete for
// level l (see Covers).
func (r *Registry) Lookup(l dvhc.Level, c dvhc.Code, at dvhc.Date) (*dvhc.Unit, error) {
	if !l.IsValid() || at.Before(r.cov[l].CompleteFrom) {
		return nil, r.Covers(l, at)
	}
	vs := r.versions(l, c)
	for i := range vs {
		if vs[i].ValidAt(at) {
			return &vs[i], nil
		}
	}
	if g := r.gap(l, c, dvhc.Date{}); g != nil {
		return nil, dvhc.Errorf(dvhc.ENOTFOUND, "no %s with code %s on %s: %s %s %s", l, c, at, c, g.Name, g.Reason)
	}
	if len(vs) == 0 {
		return nil, dvhc.Errorf(dvhc.ENOTFOUND, "no %s with code %s", l, c)
	}
	return nil, dvhc.Errorf(dvhc.ENOTFOUND, "no %s with code %s on %s (the code is in force %s)", l, c, at, spans(vs))
}

func spans(vs []dvhc.Unit) string {
	s := ""
	for i, v := range vs {
		if i > 0 {
			s += ", "
		}
		from, to := v.Valid.From.String(), v.Valid.Last().String()
		if from == "" {
			from = "…"
		}
		if to == "" {
			to = "today"
		}
		s += from + " to " + to
	}
	return s
}

// Filter selects units in At.
type Filter struct {
	Level dvhc.Level // zero: every level
	// In keeps only units inside the unit with this code (at the level of
	// the code's width: 2 province, 3 district); zero: everywhere.
	In dvhc.Code
}

// At returns the units in force on day at that pass the filter, sorted by
// level and code: the snapshot (vintage) of that date.
func (r *Registry) At(at dvhc.Date, f Filter) []*dvhc.Unit {
	var out []*dvhc.Unit
	for i := range r.units {
		u := &r.units[i]
		if (f.Level != 0 && u.Level != f.Level) || !u.ValidAt(at) {
			continue
		}
		if f.In != "" && !r.inside(u, f.In, at) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// inside reports whether u lies in the unit whose code is c on day at.
func (r *Registry) inside(u *dvhc.Unit, c dvhc.Code, at dvhc.Date) bool {
	switch dvhc.LevelOfCode(string(c)) {
	case dvhc.LevelProvince:
		return u.Province == c && u.Code != c
	case dvhc.LevelDistrict:
		return u.Level == dvhc.LevelCommune && u.Parent == c
	}
	return false
}

// Parent returns the unit containing u on day at (district of a pre-2025
// commune, province otherwise), or nil for a province.
func (r *Registry) Parent(u *dvhc.Unit, at dvhc.Date) (*dvhc.Unit, error) {
	if u.Parent == "" {
		return nil, nil
	}
	return r.Lookup(u.ParentLevel(), u.Parent, at)
}

// Province returns the province containing u on day at (u itself for a
// province).
func (r *Registry) Province(u *dvhc.Unit, at dvhc.Date) (*dvhc.Unit, error) {
	return r.Lookup(dvhc.LevelProvince, u.Province, at)
}

// Children returns the units directly below u in force on day at, by code.
func (r *Registry) Children(u *dvhc.Unit, at dvhc.Date) []*dvhc.Unit {
	var out []*dvhc.Unit
	for _, i := range r.childrenOf(u.Level, u.Code) {
		if c := &r.units[i]; c.ValidAt(at) {
			out = append(out, c)
		}
	}
	return out
}
