package stats

import (
	"math"
	"sync"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
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
