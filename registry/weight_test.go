package registry

import (
	"math"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// TestEdgeWeights checks that the weights leaving (fwd) and reaching (back)
// every unit add up to 1 under each basis, and that the official notes
// give measured, not assumed, weights.
func TestEdgeWeights(t *testing.T) {
	r := MustDefault()
	edges := r.Edges()
	for _, b := range []Basis{BasisPopulation, BasisArea, BasisEqual} {
		fwd, back := r.EdgeWeights(b)
		out := map[dvhc.Key]float64{}
		in := map[dvhc.Key]float64{}
		for i, e := range edges {
			out[e.From] += fwd[i].Value
			in[e.To] += back[i].Value
			if fwd[i].Kind == 0 || back[i].Kind == 0 {
				t.Fatalf("%v: edge %s → %s has no weight kind", b, e.From, e.To)
			}
		}
		for k, s := range out {
			if math.Abs(s-1) > 1e-9 {
				t.Errorf("%v: weights leaving %s add up to %v", b, k, s)
			}
		}
		for k, s := range in {
			if math.Abs(s-1) > 1e-9 {
				t.Errorf("%v: weights reaching %s add up to %v", b, k, s)
			}
		}
	}
	// The default weight of the edge (population): the piece that took
	// all of the population weighs 1, measured.
	n := 0
	for _, e := range edges {
		if strings.Contains(e.Note, "toàn bộ dân số") {
			n++
			if e.Weight.Value != 1 || e.Weight.Kind != dvhc.WeightPopulation || e.Weight.IsAssumed() {
				t.Errorf("%s → %s %q: weight %+v, want 1 population", e.From.Code, e.To.Code, e.Note, e.Weight)
			}
		}
		if e.Share == dvhc.ShareWhole && (e.Weight.Value != 1 || e.Weight.Kind != dvhc.WeightWhole) {
			t.Errorf("%s → %s whole: weight %+v, want 1 whole", e.From.Code, e.To.Code, e.Weight)
		}
	}
	if n != 58 {
		t.Errorf("%d edges noted toàn bộ dân số, want 58", n)
	}
}

func TestParseBasis(t *testing.T) {
	for _, s := range []string{"population", "Area", " equal "} {
		b, err := ParseBasis(s)
		if err != nil || !strings.EqualFold(b.String(), strings.TrimSpace(s)) {
			t.Errorf("ParseBasis(%q) = %v, %v", s, b, err)
		}
	}
	if _, err := ParseBasis("people"); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("ParseBasis(people): %v, want invalid", err)
	}
}
