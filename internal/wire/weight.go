package wire

import (
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// LinkWeight is the weight of a lineage link: the share of the older unit
// that went to the newer one, the product of the edges' weights along the
// path, with the weakest kind met ("whole", "population", "area",
// "assumed") and where each weight comes from. An "assumed" weight is an
// estimate, never a measured share: the sources hold no populations or
// areas of the units before 2025-07-01.
type LinkWeight struct {
	Weight       *float64 `json:"weight,omitempty"`
	WeightKind   string   `json:"weight_kind,omitempty"`
	WeightSource string   `json:"weight_source,omitempty"`
}

// NewLinkWeight returns the weight of a link; empty for a unit that is its
// own successor (no edge walked).
func NewLinkWeight(l registry.Link) LinkWeight {
	if len(l.Path) == 0 {
		return LinkWeight{}
	}
	v, kind := 1.0, dvhc.WeightKind(0)
	var srcs []string
	for _, e := range l.Path {
		v *= e.Weight.Value
		if kind == 0 || rank(e.Weight.Kind) > rank(kind) {
			kind = e.Weight.Kind
		}
		srcs = append(srcs, e.Weight.Source)
	}
	if kind == 0 {
		return LinkWeight{}
	}
	return LinkWeight{Weight: &v, WeightKind: kind.String(), WeightSource: strings.Join(srcs, " → ")}
}

// rank orders the kinds from the most certain to an assumption.
func rank(k dvhc.WeightKind) int {
	switch k {
	case dvhc.WeightWhole:
		return 1
	case dvhc.WeightPopulation, dvhc.WeightArea, dvhc.WeightUser:
		return 2
	case dvhc.WeightAssumed:
		return 3
	}
	return 0
}
