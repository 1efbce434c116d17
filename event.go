package dvhc

// Event is a legal act that changes administrative units on a date.
type Event struct {
	ID         string // stable identifier, e.g. "2025-07-01/communes/01"
	Resolution string // number of the act: "1656/NQ-UBTVQH15", "30/2026/QH16"
	Title      string // what it does, in a sentence
	Adopted    Date   // day the act was adopted
	// Effective is the day the act takes legal effect; Operative is the day
	// the new units start to work, which the validity intervals of the unit
	// versions use. They differ for Resolution 202/2025/QH15, in force on
	// adoption (2025-06-12) with the new provinces operating from 2025-07-01.
	Effective Date
	Operative Date
}

// Share says whether an old unit moved whole into a new one, or only part
// of it (the old unit was split). The zero value is unknown.
type Share uint8

// The shares.
const (
	ShareWhole Share = iota + 1
	SharePart
)

// String returns "whole" or "part".
func (s Share) String() string {
	switch s {
	case ShareWhole:
		return "whole"
	case SharePart:
		return "part"
	}
	return "unknown"
}

// ParseShare parses "whole" or "part".
func ParseShare(s string) (Share, error) {
	switch s {
	case "whole":
		return ShareWhole, nil
	case "part":
		return SharePart, nil
	}
	return 0, Errorf(EINVALID, "unknown share %q (want whole or part)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Share) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Edge is a lineage edge: territory (and people) of the unit version From
// went to the unit version To through the event Event.
type Edge struct {
	From, To Key
	Share    Share
	// Note is the official note of the government's conversion table:
	// "Nhập toàn bộ" (whole), "Nhập một phần" (part), "Nhập một phần diện
	// tích, toàn bộ dân số" (part of the area, all of the population),
	// "Giữ nguyên" (unchanged), "Đổi tên" (renamed), "Đổi loại hình" (type
	// changed), or the equivalent derived from the official texts.
	Note  string
	Event string // Event.ID
	// Decision records how a disagreement between sources was settled for
	// this edge, and why; empty where the sources agree.
	Decision string
	// Basis is empty for an edge an official act or table states, and
	// BasisInferredByName for one inferred by matching names (the communes
	// merged in 2024–2025, before the reform): never an official edge.
	Basis string
	// Weight is the share of From that went to To, where known, with its
	// kind and source; registry.New fills it (see registry.EdgeWeights).
	Weight Weight
}

// BasisInferredByName is the Basis of a lineage edge inferred by name.
const BasisInferredByName = "inferred by name"

// Inferred reports whether no official text states the edge.
func (e *Edge) Inferred() bool { return e.Basis != "" }
