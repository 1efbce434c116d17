package registry

import (
	"slices"

	"github.com/dvhc-vn/dvhc"
)

// runs indexes the unit versions, sorted by level, code and start, by
// (level, code): the versions of one code form a run of consecutive
// indices. An official code (digits, of its level's width) finds its run
// in an array indexed by its number, without hashing; other codes in a
// map.
type runs struct {
	start []int32                        // per run, its first unit index; then len(units)
	dense [dvhc.LevelCommune + 1][]int32 // per level, by numeric code: run + 1 (0: none)
	other map[parentKey]int32            // runs of codes that are not official
}

// number returns the numeric value of c if it is an official code of
// level l (l.CodeWidth() digits).
func number(l dvhc.Level, c dvhc.Code) (int, bool) {
	if w := l.CodeWidth(); w == 0 || len(c) != w {
		return 0, false
	}
	n := 0
	for i := 0; i < len(c); i++ {
		d := c[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int(d)
	}
	return n, true
}

// pow10 is 10^CodeWidth by level: the size of a level's dense array.
var pow10 = [dvhc.LevelCommune + 1]int{dvhc.LevelProvince: 100, dvhc.LevelDistrict: 1000, dvhc.LevelCommune: 100000}

// build indexes units, sorted by level and code.
func (x *runs) build(units []dvhc.Unit) {
	x.start = make([]int32, 0, len(units)/2)
	var used [dvhc.LevelCommune + 1]bool
	for i := range units {
		if i > 0 && units[i].Level == units[i-1].Level && units[i].Code == units[i-1].Code {
			continue
		}
		x.start = append(x.start, int32(i))
		u := &units[i]
		if u.Level.IsValid() {
			used[u.Level] = true
		}
	}
	x.start = append(x.start, int32(len(units)))
	for _, l := range dvhc.Levels {
		if used[l] {
			x.dense[l] = make([]int32, pow10[l])
		}
	}
	for r, s := range x.start[:len(x.start)-1] {
		u := &units[s]
		if n, ok := number(u.Level, u.Code); ok {
			x.dense[u.Level][n] = int32(r) + 1
			continue
		}
		if x.other == nil {
			x.other = map[parentKey]int32{}
		}
		x.other[parentKey{u.Level, u.Code}] = int32(r)
	}
}

// run returns the run of (l, c), or -1.
func (x *runs) run(l dvhc.Level, c dvhc.Code) int32 {
	if n, ok := number(l, c); ok {
		if d := x.dense[l]; d != nil {
			return d[n] - 1
		}
		return -1
	}
	if r, ok := x.other[parentKey{l, c}]; ok {
		return r
	}
	return -1
}

// span returns the unit indices [i, j) of the versions of (l, c).
func (x *runs) span(l dvhc.Level, c dvhc.Code) (i, j int32) {
	r := x.run(l, c)
	if r < 0 {
		return 0, 0
	}
	return x.start[r], x.start[r+1]
}

// byLevelCode orders unit versions by level, code and start.
func byLevelCode(a, b *dvhc.Unit) int {
	if a.Level != b.Level {
		return int(a.Level) - int(b.Level)
	}
	if c := a.Code.Compare(b.Code); c != 0 {
		return c
	}
	return a.Valid.From.Compare(b.Valid.From)
}

// sortUnits sorts units stably by level, code and start. The compiled data
// comes sorted but for the versions the change sets appended: the sorted
// prefix is kept, the tail sorted and merged into it from the back, which
// moves each unit at most once (a stable sort of the whole would move the
// big structs many times).
func sortUnits(units []dvhc.Unit) {
	p := 1
	for p < len(units) && byLevelCode(&units[p-1], &units[p]) <= 0 {
		p++
	}
	if p >= len(units) {
		return
	}
	tail := slices.Clone(units[p:])
	slices.SortStableFunc(tail, func(a, b dvhc.Unit) int { return byLevelCode(&a, &b) })
	i, w := p-1, len(units)-1
	for j := len(tail) - 1; j >= 0; w-- {
		// on a tie the tail's unit goes last: it came last
		if i >= 0 && byLevelCode(&units[i], &tail[j]) > 0 {
			units[w] = units[i]
			i--
		} else {
			units[w] = tail[j]
			j--
		}
	}
}

// index returns the index of the unit version with key k, or -1.
func (r *Registry) index(k dvhc.Key) int32 {
	i, j := r.runs.span(k.Level, k.Code)
	for ; i < j; i++ {
		if r.units[i].Valid.From == k.From {
			return i
		}
	}
	return -1
}

// outOf returns the edges leaving the unit version with key k.
func (r *Registry) outOf(k dvhc.Key) []int32 {
	if i := r.index(k); i >= 0 {
		return r.out.of(i)
	}
	return nil
}

// inOf returns the edges reaching the unit version with key k.
func (r *Registry) inOf(k dvhc.Key) []int32 {
	if i := r.index(k); i >= 0 {
		return r.in.of(i)
	}
	return nil
}

// link fills the edges' ends (r.from, r.to) and the edges leaving and
// reaching every unit (r.out, r.in), in edge order. It reports the first
// edge whose end is unknown.
func (r *Registry) link() error {
	r.from = make([]int32, len(r.edges))
	r.to = make([]int32, len(r.edges))
	for i := range r.edges {
		e := &r.edges[i]
		from := r.index(e.From)
		if from < 0 {
			return dvhc.Errorf(dvhc.EINTERNAL, "registry: edge %d from unknown %s", i, e.From)
		}
		to := r.index(e.To)
		if to < 0 {
			return dvhc.Errorf(dvhc.EINTERNAL, "registry: edge %d to unknown %s", i, e.To)
		}
		if i == 0 || e.Event != r.edges[i-1].Event { // edges come grouped by event
			if _, ok := r.events[e.Event]; !ok {
				return dvhc.Errorf(dvhc.EINTERNAL, "registry: edge %d has unknown event %q", i, e.Event)
			}
		}
		r.from[i], r.to[i] = from, to
	}
	r.out = newAdj(len(r.units), r.from)
	r.in = newAdj(len(r.units), r.to)
	return nil
}

// adj lists, per node (a unit, a run), the items attached to it (edges,
// units) in item order: those of node i are list[start[i]:start[i+1]].
// Two arrays for all the nodes: a list per node would cost an allocation
// and a slice header each.
type adj struct {
	start []int32 // per node, then len(list)
	list  []int32
}

// newAdj attaches item i to node of[i] (none if negative).
func newAdj(nodes int, of []int32) adj {
	a := adj{start: make([]int32, nodes+1)}
	for _, n := range of {
		if n >= 0 {
			a.start[n+1]++
		}
	}
	for i := range nodes {
		a.start[i+1] += a.start[i]
	}
	a.list = make([]int32, a.start[nodes])
	// start[n] serves as node n's cursor, ending on the start of node n+1
	for i, n := range of {
		if n >= 0 {
			a.list[a.start[n]] = int32(i)
			a.start[n]++
		}
	}
	copy(a.start[1:], a.start[:nodes])
	a.start[0] = 0
	return a
}

// of returns the items of node i; the slice must not be appended to.
func (a *adj) of(i int32) []int32 {
	j, k := a.start[i], a.start[i+1]
	return a.list[j:k:k]
}

// nodes returns the number of nodes.
func (a *adj) nodes() int { return len(a.start) - 1 }

// indexChildren lists, per run of a parent, the unit indices whose Parent
// is its code, in unit order; children of a parent the registry does not
// hold go to a map.
func (r *Registry) indexChildren() {
	parent := make([]int32, len(r.units)) // run of the parent, or -1
	for i := range r.units {
		u := &r.units[i]
		parent[i] = -1
		if u.Parent == "" {
			continue
		}
		if p := r.runs.run(u.ParentLevel(), u.Parent); p >= 0 {
			parent[i] = p
			continue
		}
		if r.orphans == nil {
			r.orphans = map[parentKey][]int32{}
		}
		pk := parentKey{u.ParentLevel(), u.Parent}
		r.orphans[pk] = append(r.orphans[pk], int32(i))
	}
	r.children = newAdj(len(r.runs.start)-1, parent)
}

// childrenOf returns the unit indices whose parent is (l, c).
func (r *Registry) childrenOf(l dvhc.Level, c dvhc.Code) []int32 {
	if p := r.runs.run(l, c); p >= 0 {
		return r.children.of(p)
	}
	return r.orphans[parentKey{l, c}]
}
