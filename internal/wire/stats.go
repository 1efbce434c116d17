package wire

import (
	"github.com/dvhc-vn/dvhc/stats"
)

// StatsTotal is a column's total (or weighted mean) before and after a
// table conversion.
type StatsTotal struct {
	Column  string  `json:"column"`
	Mean    bool    `json:"mean"`
	In      float64 `json:"in"`
	Unknown float64 `json:"unknown"` // on rows whose key is unknown
	Lost    float64 `json:"lost"`    // of units that reach no unit of the target date
	Out     float64 `json:"out"`
	Values  int     `json:"values"`
}

// StatsProblem is an input row that did not count, or counted twice.
type StatsProblem struct {
	Row    int    `json:"row"`
	Line   int    `json:"line"`
	Key    string `json:"key"`
	Column string `json:"column,omitempty"`
	Detail string `json:"detail"`
}

// StatsReport is what a table conversion did (see stats.Report). Lists hold
// at most stats.MaxListed entries; the counts go on.
type StatsReport struct {
	From             string         `json:"from"`
	To               string         `json:"to"`
	KeyLevel         string         `json:"key_level"`
	Level            string         `json:"level"`
	Weighting        string         `json:"weighting"`
	Rows             int            `json:"rows_read"`
	SourceUnits      int            `json:"source_units"`
	SourceUnitsData  int            `json:"source_units_with_data"`
	TargetUnits      int            `json:"target_units"`
	Totals           []StatsTotal   `json:"totals"`
	Unknown          []StatsProblem `json:"unknown_keys"`
	UnknownCount     int            `json:"unknown_key_count"`
	Duplicates       []StatsProblem `json:"duplicate_keys"`
	DuplicateCount   int            `json:"duplicate_key_count"`
	BadValues        []StatsProblem `json:"bad_values"`
	BadValueCount    int            `json:"bad_value_count"`
	BadRows          []StatsProblem `json:"bad_rows"`
	BadRowCount      int            `json:"bad_row_count"`
	NoData           []string       `json:"no_data"`
	NoDataCount      int            `json:"no_data_count"`
	Lost             []string       `json:"lost"`
	Assumed          int            `json:"assumed_rows"`
	WeightsUncovered int            `json:"weights_uncovered"`
	Findings         bool           `json:"findings"`
}

// Stats is the answer of POST /v1/stats in JSON: the converted table and
// the report.
type Stats struct {
	Columns []string    `json:"columns"`
	Rows    [][]string  `json:"rows"`
	Report  StatsReport `json:"report"`
}

// NewStatsReport converts a conversion report.
func NewStatsReport(r *stats.Report) StatsReport {
	probs := func(ps []stats.Problem) []StatsProblem {
		out := make([]StatsProblem, len(ps))
		for i, p := range ps {
			out[i] = StatsProblem{Row: p.Row, Line: p.Line, Key: p.Key, Column: p.Column, Detail: p.Detail}
		}
		return out
	}
	w := StatsReport{
		From: r.From.String(), To: r.To.String(), KeyLevel: r.KeyLevel.String(), Level: r.Level.String(),
		Weighting: r.Weighting, Rows: r.Rows, SourceUnits: r.SourceUnits, SourceUnitsData: r.SourceUnitsData,
		TargetUnits: r.TargetUnits, Totals: []StatsTotal{},
		Unknown: probs(r.Unknown), UnknownCount: r.UnknownCount,
		Duplicates: probs(r.Duplicates), DuplicateCount: r.DuplicateCount,
		BadValues: probs(r.BadValues), BadValueCount: r.BadValueCount,
		BadRows: probs(r.BadRows), BadRowCount: r.BadRowCount,
		NoData: []string{}, NoDataCount: r.NoDataCount, Lost: []string{},
		Assumed: r.Assumed, WeightsUncovered: r.WeightsUncovered, Findings: r.Findings(),
	}
	for _, t := range r.Totals {
		w.Totals = append(w.Totals, StatsTotal{Column: t.Column, Mean: t.Mean, In: t.In, Unknown: t.Unknown,
			Lost: t.Lost, Out: t.Out, Values: t.Values})
	}
	for _, c := range r.NoData {
		w.NoData = append(w.NoData, string(c))
	}
	for _, c := range r.Lost {
		w.Lost = append(w.Lost, string(c))
	}
	return w
}
