package wire

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/stats"
	"github.com/dvhc-vn/dvhc/tabular"
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

// StatsRows is a table given as JSON objects, one per row: the body of
// POST /v1/stats and the rows of the MCP tool convert_table.
type StatsRows struct {
	Columns []string         `json:"columns,omitempty" jsonschema:"the order of the columns; default the keys of the rows, sorted"`
	Rows    []map[string]any `json:"rows,omitempty" jsonschema:"the rows, one object per unit: column name to a string or a number, e.g. {\"code\": \"00004\", \"households\": 1200}"`
	Weights []StatsWeight    `json:"weights,omitempty" jsonschema:"optional weight table for split units: old code, optionally new code, weight; it replaces the assumed shares where it covers a unit"`
}

// StatsWeight is a row of a user's weight table: the weight of the piece
// of the old unit that went to the new one, or without New the size of the
// old unit.
type StatsWeight struct {
	Old    string  `json:"old" jsonschema:"code of the old unit"`
	New    string  `json:"new,omitempty" jsonschema:"code of the new unit; empty: the weight is the old unit's size"`
	Weight float64 `json:"weight" jsonschema:"the weight, 0 or more"`
}

// Table returns the rows as a table to convert, and the weight table (nil
// without weights). Each value must be a string, a number (float64 or
// json.Number), a boolean or null (empty).
func (b *StatsRows) Table() (tabular.Reader, *stats.WeightTable, error) {
	cols := b.Columns
	if len(cols) == 0 {
		seen := map[string]bool{}
		for _, row := range b.Rows {
			for k := range row {
				if !seen[k] {
					seen[k] = true
					cols = append(cols, k)
				}
			}
		}
		slices.Sort(cols)
	}
	rows := make([][]string, len(b.Rows))
	for i, row := range b.Rows {
		f := make([]string, len(cols))
		for j, c := range cols {
			switch v := row[c].(type) {
			case nil:
			case string:
				f[j] = v
			case json.Number:
				f[j] = v.String()
			case float64:
				f[j] = strconv.FormatFloat(v, 'f', -1, 64)
			case bool:
				f[j] = strconv.FormatBool(v)
			default:
				return nil, nil, dvhc.Errorf(dvhc.EINVALID, "row %d, column %q: want a string or a number", i+1, c)
			}
		}
		rows[i] = f
	}
	t, err := b.WeightTable()
	if err != nil {
		return nil, nil, err
	}
	return stats.NewSliceReader(cols, rows), t, nil
}

// WeightTable returns the weight table of b.Weights, nil without weights.
func (b *StatsRows) WeightTable() (*stats.WeightTable, error) {
	if len(b.Weights) == 0 {
		return nil, nil
	}
	t := stats.NewWeightTable("request")
	for i, wt := range b.Weights {
		if wt.Old == "" || !(wt.Weight >= 0) {
			return nil, dvhc.Errorf(dvhc.EINVALID, "weights[%d]: want an old code and a weight ≥ 0", i)
		}
		if wt.New != "" {
			t.SetPiece(wt.Old, wt.New, wt.Weight)
		} else {
			t.SetUnit(wt.Old, wt.Weight)
		}
	}
	return t, nil
}

// SetStatsWeight sets how opts apportions split units from a weight
// argument: a basis ("population", "area", "equal"), else the name of a
// column of the old units' populations.
func SetStatsWeight(opts *stats.Options, v string) {
	if v == "" {
		return
	}
	b, err := registry.ParseBasis(v)
	if err != nil {
		opts.WeightColumn = v
		return
	}
	opts.Weight.Basis = b
}

// ConvertStats converts the table in through stats.ConvertTable and
// returns the answer in JSON shape, with the report.
func ConvertStats(ctx context.Context, reg *registry.Registry, in tabular.Reader, opts stats.Options) (Stats, *stats.Report, error) {
	col := &collector{}
	rep, err := stats.ConvertTable(ctx, reg, in, col, opts)
	if err != nil {
		return Stats{}, nil, err
	}
	if col.rows == nil {
		col.rows = [][]string{}
	}
	return Stats{Columns: col.header, Rows: col.rows, Report: NewStatsReport(rep)}, rep, nil
}

// collector is a tabular.Writer that keeps the table.
type collector struct {
	header []string
	rows   [][]string
}

func (c *collector) WriteHeader(cols []string) error {
	c.header = slices.Clone(cols)
	return nil
}

func (c *collector) WriteRow(f []string) error {
	c.rows = append(c.rows, slices.Clone(f))
	return nil
}

func (c *collector) Close() error { return nil }
