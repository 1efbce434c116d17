package dvhc

// Coverage states what the registry holds for one level: from which day it
// is complete (every unit of the level in force on a day from CompleteFrom
// on is a unit version of the registry, with its code) and up to which day
// its sources were checked. Before CompleteFrom the registry does not
// answer; after CheckedTo its answers assume that nothing changed.
type Coverage struct {
	Level        Level
	CompleteFrom Date
	CheckedTo    Date
	Basis        string // how the dates were established, for people
}

// Covers reports whether day d is on or after the complete date.
func (c Coverage) Covers(d Date) bool { return !d.Before(c.CompleteFrom) }
