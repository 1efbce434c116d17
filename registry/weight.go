package registry

import (
	"fmt"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// Basis is what a lineage weight apportions: the population or the area of
// a unit, or equal shares.
type Basis uint8

// The bases.
const (
	BasisPopulation Basis = iota + 1
	BasisArea
	BasisEqual
)

var basisNames = [...]string{"", "population", "area", "equal"}

// String returns "population", "area" or "equal".
func (b Basis) String() string {
	if int(b) < len(basisNames) && b != 0 {
		return basisNames[b]
	}
	return fmt.Sprintf("Basis(%d)", uint8(b))
}

// ParseBasis parses "population", "area" or "equal".
func ParseBasis(s string) (Basis, error) {
	for i, n := range basisNames {
		if i > 0 && strings.EqualFold(strings.TrimSpace(s), n) {
			return Basis(i), nil
		}
	}
	return 0, dvhc.Errorf(dvhc.EINVALID, "unknown weight basis %q (want population, area or equal)", s)
}

// The official notes that give a share: the piece that took all of the
// population (or area) of a split unit takes a weight of 1, its siblings 0.
const (
	notePopulation = "toàn bộ dân số"
	noteArea       = "toàn bộ diện tích"
)

// EdgeWeights returns, for every edge of r.Edges() (same index), two
// weights under basis b:
//
//   - fwd: the share of the edge's From that went to its To. An edge that
//     leaves its unit alone weighs 1 (kind whole). Where the official note
//     says which piece took all of the population ("toàn bộ dân số") or all
//     of the area ("toàn bộ diện tích") and b is that basis, that piece
//     weighs 1 and its siblings 0 (kind population or area). Otherwise
//     nothing is known — the sources hold no populations or areas of the
//     old units — and the share is assumed (kind assumed): proportional to
//     the published population (or area) of each successor divided by its
//     number of predecessors, or equal shares for BasisEqual or where a
//     successor's figure is missing.
//   - back: the share of the edge's To that came from its From. An edge
//     that reaches its unit alone weighs 1; otherwise the predecessors are
//     assumed of equal size, each contributing its fwd share (so a piece
//     that took none of the population gives none back, and a part weighs
//     less than a whole), kind assumed unless only one predecessor
//     contributes.
//
// Both add up to 1 over the edges leaving (fwd) or reaching (back) a unit.
func (r *Registry) EdgeWeights(b Basis) (fwd, back []dvhc.Weight) {
	fwd = make([]dvhc.Weight, len(r.edges))
	r.forwardWeights(b, func(ei int32, w dvhc.Weight) { fwd[ei] = w })
	back = make([]dvhc.Weight, len(r.edges))
	for u := range r.in.nodes() {
		if in := r.in.of(int32(u)); len(in) > 0 {
			weighIn(in, fwd, back)
		}
	}
	return fwd, back
}

// forwardWeights computes the forward weight of every edge under basis b
// and gives it to put.
func (r *Registry) forwardWeights(b Basis, put func(ei int32, w dvhc.Weight)) {
	var sizes []float64 // scratch
	for u := range r.out.nodes() {
		if out := r.out.of(int32(u)); len(out) > 0 {
			sizes = r.weighOut(b, out, put, sizes)
		}
	}
}

// weighEdges fills the Weight of every edge with its population weight.
func (r *Registry) weighEdges() {
	r.forwardWeights(BasisPopulation, func(ei int32, w dvhc.Weight) { r.edges[ei].Weight = w })
}

// weighOut gives put the forward weights of the edges out of one unit;
// sizes is scratch space, returned for reuse.
func (r *Registry) weighOut(b Basis, out []int32, put func(int32, dvhc.Weight), sizes []float64) []float64 {
	if len(out) == 1 {
		src := "the whole unit (only successor)"
		if r.edges[out[0]].Share == dvhc.ShareWhole {
			src = "share whole"
		}
		put(out[0], dvhc.Weight{Value: 1, Kind: dvhc.WeightWhole, Source: src})
		return sizes
	}
	note, kind := "", dvhc.WeightKind(0)
	switch b {
	case BasisPopulation:
		note, kind = notePopulation, dvhc.WeightPopulation
	case BasisArea:
		note, kind = noteArea, dvhc.WeightArea
	}
	if note != "" {
		n := 0
		for _, ei := range out {
			if strings.Contains(r.edges[ei].Note, note) {
				n++
			}
		}
		if n > 0 {
			for _, ei := range out {
				w := dvhc.Weight{Kind: kind, Source: "official note: another piece took " + note}
				if strings.Contains(r.edges[ei].Note, note) {
					w.Value, w.Source = 1/float64(n), "official note: "+r.edges[ei].Note
				}
				put(ei, w)
			}
			return sizes
		}
	}
	sizes = sizes[:0]
	for range out {
		sizes = append(sizes, 0)
	}
	total := 0.0
	for i, ei := range out {
		if b == BasisEqual {
			break
		}
		t := &r.units[r.to[ei]]
		x := float64(t.Population)
		if b == BasisArea {
			x = t.AreaKm2
		}
		if x <= 0 {
			total = 0
			break
		}
		sizes[i] = x / float64(len(r.in.of(r.to[ei])))
		total += sizes[i]
	}
	if total <= 0 {
		src := fmt.Sprintf("assumed: equal shares among the %d successors", len(out))
		if b != BasisEqual {
			src += " (the " + b.String() + " of a successor is not published)"
		}
		for _, ei := range out {
			put(ei, dvhc.Weight{Value: 1 / float64(len(out)), Kind: dvhc.WeightAssumed, Source: src})
		}
		return sizes
	}
	src := "assumed: in proportion to the population of each successor divided by its number of predecessors"
	if b == BasisArea {
		src = "assumed: in proportion to the area of each successor divided by its number of predecessors"
	}
	for i, ei := range out {
		put(ei, dvhc.Weight{Value: sizes[i] / total, Kind: dvhc.WeightAssumed, Source: src})
	}
	return sizes
}

func weighIn(in []int32, fwd, back []dvhc.Weight) {
	if len(in) == 1 {
		back[in[0]] = dvhc.Weight{Value: 1, Kind: dvhc.WeightWhole, Source: "only predecessor"}
		return
	}
	total, n, zero := 0.0, 0, dvhc.WeightKind(0)
	for _, ei := range in {
		if fwd[ei].Value > 0 {
			total += fwd[ei].Value
			n++
		} else {
			zero = fwd[ei].Kind
		}
	}
	if total <= 0 {
		src := fmt.Sprintf("assumed: equal shares among the %d predecessors", len(in))
		for _, ei := range in {
			back[ei] = dvhc.Weight{Value: 1 / float64(len(in)), Kind: dvhc.WeightAssumed, Source: src}
		}
		return
	}
	for _, ei := range in {
		f := fwd[ei]
		switch {
		case f.Value <= 0:
			back[ei] = dvhc.Weight{Kind: f.Kind, Source: f.Source}
		case n == 1:
			back[ei] = dvhc.Weight{Value: 1, Kind: zero, Source: "the only predecessor that contributes (the others gave none: official note)"}
		default:
			back[ei] = dvhc.Weight{Value: f.Value / total, Kind: dvhc.WeightAssumed,
				Source: "assumed: predecessors of equal size, each contributing its share"}
		}
	}
}
