package dvhc

// WeightKind says what an edge's Weight measures and how it is known. The
// zero value means no weight.
type WeightKind uint8

// The kinds of weight. Only WeightAssumed is an estimate; the others are
// read from the sources (the edge's share or the official note) or given by
// the user.
const (
	// WeightWhole: the whole unit went along the edge (all of its area and
	// population): the weight is 1.
	WeightWhole WeightKind = iota + 1
	// WeightPopulation: the share of the population, read from the official
	// note ("toàn bộ dân số": 1 on that edge, 0 on its siblings).
	WeightPopulation
	// WeightArea: the share of the area, read from the official note
	// ("toàn bộ diện tích": 1 on that edge, 0 on its siblings).
	WeightArea
	// WeightAssumed: no share is known; the value is an assumption (see
	// Weight.Source for which).
	WeightAssumed
	// WeightUser: given by the user (a weight table).
	WeightUser
)

var weightKindNames = [...]string{"", "whole", "population", "area", "assumed", "user"}

// String returns "whole", "population", "area", "assumed" or "user"
// ("" for the zero value).
func (k WeightKind) String() string {
	if int(k) < len(weightKindNames) {
		return weightKindNames[k]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (k WeightKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Weight is the share, between 0 and 1, of the unit at an edge's From that
// went along the edge to its To; the weights of the edges leaving a unit in
// one event add up to 1.
type Weight struct {
	Value float64
	Kind  WeightKind
	// Source says where the value comes from: "share whole", "official
	// note", or the assumption made.
	Source string
}

// IsAssumed reports whether the weight is an estimate rather than a figure
// read from the sources or given by the user.
func (w Weight) IsAssumed() bool { return w.Kind == WeightAssumed }
