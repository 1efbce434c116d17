package stats

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// Weighting says how the figure of a unit that was split (or, from new to
// old, a unit made of several) is apportioned.
type Weighting struct {
	// Basis of the built-in weights (see registry.EdgeWeights); zero means
	// BasisPopulation.
	Basis registry.Basis
	// Table, when not nil, gives the weights of the units it covers; the
	// built-in weights apply to the others.
	Table *WeightTable
}

// String returns the basis, or "table NAME (else BASIS)".
func (w Weighting) String() string {
	b := w.basis().String()
	if w.Table != nil {
		return "table " + w.Table.Name + " (else " + b + ")"
	}
	return b
}

func (w Weighting) basis() registry.Basis {
	if w.Basis == 0 {
		return registry.BasisPopulation
	}
	return w.Basis
}

// Share is the part of one source unit's figure that goes to one target
// unit.
type Share struct {
	To     *dvhc.Unit
	Weight float64 // between 0 and 1; a source's shares add up to 1
	// Assumed is true when the weight is an estimate (see
	// dvhc.WeightAssumed); a source with one target is never assumed.
	Assumed bool
	// Kind is the kind of the weight: whole, population, area, assumed or
	// user (the weakest along the way).
	Kind dvhc.WeightKind
}

// Plan is the conversion matrix from the units of one level in force on
// one date (the sources) to the units of the same or a coarser level in
// force on another date (the targets). It is safe for concurrent use and
// must not be modified: NewPlan hands out the same Plan again for the same
// question.
type Plan struct {
	From, To       dvhc.Date
	Source, Target dvhc.Level
	Weighting      Weighting

	src    []*dvhc.Unit
	srcIdx map[dvhc.Code]int32
	dst    []*dvhc.Unit
	dstIdx map[dvhc.Code]int32
	reg    *registry.Registry
	walker *walker
	start  []int32 // shares of source i: ent[start[i]:start[i+1]]
	ent    []entry
	// uncovered marks the sources whose pieces the weight table does not
	// all cover (nil without a table).
	uncovered []bool
}

type entry struct {
	t       int32
	w       float64
	assumed bool
	kind    dvhc.WeightKind
}

// Sources returns the source units, by code.
func (p *Plan) Sources() []*dvhc.Unit { return p.src }

// Targets returns the target units, by code.
func (p *Plan) Targets() []*dvhc.Unit { return p.dst }

// Shares returns how the figure of the source unit with code c is
// apportioned, or nil when c is not a source. A source without shares
// reaches no unit of the target date (its figure is lost).
func (p *Plan) Shares(c dvhc.Code) []Share {
	i, ok := p.srcIdx[c]
	if !ok {
		return nil
	}
	es := p.ent[p.start[i]:p.start[i+1]]
	out := make([]Share, len(es))
	for j, e := range es {
		out[j] = Share{To: p.dst[e.t], Weight: e.w, Assumed: e.assumed, Kind: e.kind}
	}
	return out
}

// NewPlan builds the conversion matrix from the units of level source on
// day from to the units of level target on day to, walking the lineage
// across any number of events in either direction: forward (to after
// from), a split unit's figure is apportioned among its successors by the
// edges' forward weights; backward (to before from), a new unit's figure is
// apportioned among its predecessors by the backward weights (see
// registry.EdgeWeights): whole edges carry 1. A target level coarser than
// the source aggregates (commune → province). Districts, abolished on
// 2025-07-01 without lineage of their own, convert to provinces through
// their province. Plans without a weight table are cached (a few dozen).
func NewPlan(reg *registry.Registry, from, to dvhc.Date, source, target dvhc.Level, wt Weighting) (*Plan, error) {
	if wt.Table != nil {
		return newPlan(reg, from, to, source, target, wt)
	}
	k := planKey{reg, from, to, source, target, wt.basis()}
	planMu.Lock()
	p, ok := plans[k]
	planMu.Unlock()
	if ok {
		return p, nil
	}
	p, err := newPlan(reg, from, to, source, target, wt)
	if err != nil {
		return nil, err
	}
	planMu.Lock()
	if len(plans) >= maxPlans {
		clear(plans)
	}
	plans[k] = p
	planMu.Unlock()
	return p, nil
}

// Plans without a weight table are kept: a server converts between the same
// few dates again and again.
type planKey struct {
	reg            *registry.Registry
	from, to       dvhc.Date
	source, target dvhc.Level
	basis          registry.Basis
}

const maxPlans = 32

var (
	planMu sync.Mutex
	plans  = map[planKey]*Plan{}
)

func newPlan(reg *registry.Registry, from, to dvhc.Date, source, target dvhc.Level, wt Weighting) (*Plan, error) {
	if !source.IsValid() || !target.IsValid() {
		return nil, dvhc.Errorf(dvhc.EINVALID, "invalid level")
	}
	if target > source {
		return nil, dvhc.Errorf(dvhc.EINVALID, "cannot convert %s figures to the finer %s level", source, target)
	}
	p := &Plan{From: from, To: to, Source: source, Target: target, Weighting: wt, srcIdx: map[dvhc.Code]int32{}}
	p.src = reg.At(from, registry.Filter{Level: source})
	if len(p.src) == 0 {
		return nil, dvhc.Errorf(dvhc.EINVALID, "no %s units on %s", source, from)
	}
	p.dst = reg.At(to, registry.Filter{Level: target})
	if len(p.dst) == 0 {
		return nil, dvhc.Errorf(dvhc.EINVALID, "no %s units on %s", target, to)
	}
	for i, u := range p.src {
		p.srcIdx[u.Code] = int32(i)
	}
	p.dstIdx = make(map[dvhc.Code]int32, len(p.dst))
	for i, u := range p.dst {
		p.dstIdx[u.Code] = int32(i)
	}
	w := newWalker(reg, from, to, wt.basis())
	p.reg, p.walker = reg, w
	p.start = make([]int32, len(p.src)+1)
	var leaves []leaf
	var merged []entry
	for i, u := range p.src {
		start := u
		if source == dvhc.LevelDistrict && target == dvhc.LevelProvince {
			pu, err := reg.Province(u, from)
			if err != nil {
				return nil, err
			}
			start = pu
		}
		leaves = w.walk(start, leaves[:0])
		if wt.Table != nil && !applyTable(wt.Table, u, leaves, w.forward) {
			if p.uncovered == nil {
				p.uncovered = make([]bool, len(p.src))
			}
			p.uncovered[i] = true
		}
		merged = p.merge(leaves, merged[:0])
		p.ent = append(p.ent, merged...)
		p.start[i+1] = int32(len(p.ent))
	}
	return p, nil
}

// merge appends to dst the shares of one source: its leaves, mapped to
// their units of the target level and added up per target.
func (p *Plan) merge(leaves []leaf, dst []entry) []entry {
	for _, l := range leaves {
		a := ancestor(p.reg, l.u, p.Target, p.To)
		if a == nil || l.w <= 0 {
			continue
		}
		t, ok := p.dstIdx[a.Code]
		if !ok {
			continue
		}
		k := -1
		for j := range dst {
			if dst[j].t == t {
				k = j
			}
		}
		if k < 0 {
			dst = append(dst, entry{t: t, kind: l.kind})
			k = len(dst) - 1
		}
		dst[k].w += l.w
		dst[k].assumed = dst[k].assumed || l.assumed
		dst[k].kind = weaker(dst[k].kind, l.kind)
	}
	if len(dst) == 1 && math.Abs(dst[0].w-1) < 1e-9 {
		// all of the source goes to one target, whatever the weights of
		// the pieces on the way
		dst[0].w, dst[0].assumed = 1, false
		if dst[0].kind == dvhc.WeightAssumed {
			dst[0].kind = dvhc.WeightWhole
		}
	}
	return dst
}

// weaker returns the kind that says least: assumed over the measured kinds,
// user and the notes over whole.
func weaker(a, b dvhc.WeightKind) dvhc.WeightKind {
	rank := func(k dvhc.WeightKind) int {
		switch k {
		case dvhc.WeightAssumed:
			return 4
		case dvhc.WeightUser:
			return 3
		case dvhc.WeightPopulation, dvhc.WeightArea:
			return 2
		case dvhc.WeightWhole:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// ancestor returns the unit of level l containing u on day at (u itself at
// its own level), or nil.
func ancestor(reg *registry.Registry, u *dvhc.Unit, l dvhc.Level, at dvhc.Date) *dvhc.Unit {
	for u != nil && u.Level > l {
		p, err := reg.Parent(u, at)
		if err != nil {
			return nil
		}
		u = p
	}
	if u == nil || u.Level != l {
		return nil
	}
	return u
}

// leaf is a unit in force on the target date reached from a source, with
// the share of the source that reached it.
type leaf struct {
	u       *dvhc.Unit
	w       float64 // share of the source (forward or backward weights)
	fw      float64 // forward share along the path (of the older unit)
	assumed bool
	kind    dvhc.WeightKind
}

// walker walks the lineage from the units of one date to those of another.
type walker struct {
	reg       *registry.Registry
	to        dvhc.Date
	forward   bool
	out, in   map[dvhc.Key][]int32
	fwd, back []dvhc.Weight
	edges     []dvhc.Edge
}

func newWalker(reg *registry.Registry, from, to dvhc.Date, b registry.Basis) *walker {
	w := &walker{reg: reg, to: to, forward: !to.Before(from), edges: reg.Edges(),
		out: map[dvhc.Key][]int32{}, in: map[dvhc.Key][]int32{}}
	for i, e := range w.edges {
		w.out[e.From] = append(w.out[e.From], int32(i))
		w.in[e.To] = append(w.in[e.To], int32(i))
	}
	w.fwd, w.back = reg.EdgeWeights(b)
	return w
}

// walk appends to dst the units in force on the target date that u became
// (forward) or came from (backward).
func (w *walker) walk(u *dvhc.Unit, dst []leaf) []leaf {
	return w.step(u, leaf{w: 1, fw: 1, kind: dvhc.WeightWhole}, dst, 0)
}

func (w *walker) step(u *dvhc.Unit, acc leaf, dst []leaf, depth int) []leaf {
	if u.ValidAt(w.to) {
		acc.u = u
		return append(dst, acc)
	}
	if depth > 64 {
		return dst
	}
	adj := w.out[u.Key()]
	if !w.forward {
		adj = w.in[u.Key()]
	}
	for _, ei := range adj {
		e := &w.edges[ei]
		var next *dvhc.Unit
		wt := w.fwd[ei]
		if w.forward {
			next = w.reg.Version(e.To)
			if next.Valid.From.After(w.to) {
				continue // not yet in force on the target date
			}
		} else {
			next, wt = w.reg.Version(e.From), w.back[ei]
			if !next.ValidAt(w.to) && !next.Valid.From.After(w.to) {
				continue
			}
		}
		a := acc
		a.w *= wt.Value
		a.fw *= w.fwd[ei].Value
		a.assumed = a.assumed || wt.IsAssumed()
		a.kind = weaker(a.kind, wt.Kind)
		dst = w.step(next, a, dst, depth+1)
	}
	return dst
}

// WeightTable holds weights given by the user: per piece (an old unit and
// a new unit it went to, or came from) or per old unit.
type WeightTable struct {
	Name string // where the table comes from, for reports
	edge map[[2]string]float64
	unit map[string]float64
}

// NewWeightTable returns an empty weight table named name.
func NewWeightTable(name string) *WeightTable {
	return &WeightTable{Name: name, edge: map[[2]string]float64{}, unit: map[string]float64{}}
}

// SetPiece sets the weight of the piece of the old unit with code old that
// went to the new unit with code new (codes of the conversion's source
// level; leading zeros may be omitted): forward, a split unit's figure is
// apportioned in proportion to its pieces; backward, a new unit's figure in
// proportion to the pieces it is made of.
func (t *WeightTable) SetPiece(old, new string, w float64) {
	t.edge[[2]string{codeKey(old), codeKey(new)}] = w
}

// SetUnit sets the weight of the old unit with code old (its population,
// say): backward, a new unit's figure is apportioned among its
// predecessors in proportion to this weight times the share of each that
// went into it.
func (t *WeightTable) SetUnit(old string, w float64) { t.unit[codeKey(old)] = w }

// Len returns the number of weights in the table.
func (t *WeightTable) Len() int { return len(t.edge) + len(t.unit) }

func codeKey(c string) string {
	c = strings.TrimSpace(c)
	for len(c) > 1 && c[0] == '0' {
		c = c[1:]
	}
	return c
}

// applyTable replaces the weights of the leaves of source u by those of
// the table when it covers all of them, and reports whether it did.
func applyTable(t *WeightTable, u *dvhc.Unit, leaves []leaf, forward bool) bool {
	if len(leaves) <= 1 {
		return true
	}
	sizes := make([]float64, len(leaves))
	total := 0.0
	assumed := make([]bool, len(leaves))
	for i, l := range leaves {
		old, new := string(u.Code), string(l.u.Code)
		if !forward {
			old, new = new, old
		}
		if v, ok := t.edge[[2]string{codeKey(old), codeKey(new)}]; ok {
			sizes[i] = v
		} else if v, ok := t.unit[codeKey(old)]; ok && !forward {
			sizes[i] = v * l.fw
			assumed[i] = l.fw > 0 && l.fw < 1 && l.assumed
		} else {
			return false
		}
		total += sizes[i]
	}
	if total <= 0 {
		return false
	}
	for i := range leaves {
		leaves[i].w = sizes[i] / total
		leaves[i].assumed = assumed[i]
		leaves[i].kind = dvhc.WeightUser
		if assumed[i] {
			leaves[i].kind = dvhc.WeightAssumed
		}
	}
	return true
}

// describe returns a one-line description of the plan for reports.
func (p *Plan) describe() string {
	return fmt.Sprintf("%d %s units of %s → %d %s units of %s, weights: %s",
		len(p.src), p.Source, p.From, len(p.dst), p.Target, p.To, p.Weighting)
}

// MaxWeightRows bounds the rows of a weight table.
const MaxWeightRows = 1_000_000

// ReadWeightTable reads a user's weight table named name. Its columns: the
// old unit's code ("old", "from", "old_code", "ma_cu"; else the first
// column), optionally the new unit's code ("new", "to", "new_code",
// "ma_moi") when the weights are per piece, and the weight (the column col;
// empty: "weight", "trong_so", else the last column). A row without a new
// code gives the old unit's weight (see SetUnit), a row with one the
// piece's (see SetPiece). Weights must be numbers ≥ 0; a bad row is an
// error naming it.
func ReadWeightTable(r tabular.Reader, name, col string) (*WeightTable, error) {
	h := r.Header()
	if len(h) < 2 {
		return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: want at least an old code and a weight column", name)
	}
	pick := func(names []string, def int) int {
		for _, n := range names {
			if i, err := findColumn(h, n, ""); err == nil {
				return i
			}
		}
		return def
	}
	oi := pick([]string{"old", "from", "old_code", "ma_cu", "ma cu"}, 0)
	ni := pick([]string{"new", "to", "new_code", "ma_moi", "ma moi"}, -1)
	wi := pick([]string{"weight", "trong_so", "trong so"}, len(h)-1)
	if col != "" {
		var err error
		if wi, err = findColumn(h, col, "weight"); err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: %v", name, err)
		}
	}
	if wi == oi || wi == ni {
		return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: no weight column (columns: %s)", name, strings.Join(h, ", "))
	}
	t := NewWeightTable(name)
	var row tabular.Row
	for n := 0; ; n++ {
		if err := r.Next(&row); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: %v", name, err)
		}
		if n == MaxWeightRows {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: more than %d rows", name, MaxWeightRows)
		}
		if row.Err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: %v", name, row.Err)
		}
		old := strings.TrimSpace(row.Fields[oi])
		v, err := ParseNumber(row.Fields[wi])
		if err == nil && v < 0 {
			err = fmt.Errorf("negative weight %s", FormatNumber(v))
		}
		if err == nil && old == "" {
			err = fmt.Errorf("no old code in column %q", h[oi])
		}
		if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weight table %s: row %d (line %d), column %q: %v", name, row.Num, row.Line, h[wi], err)
		}
		if ni >= 0 && strings.TrimSpace(row.Fields[ni]) != "" {
			t.SetPiece(old, row.Fields[ni], v)
		} else {
			t.SetUnit(old, v)
		}
	}
	return t, nil
}
