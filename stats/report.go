package stats

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/tabular"
)

// textListed bounds each list of problems that WriteText prints.
const textListed = 50

// WriteText prints the report for people: one line on the conversion, the
// totals per column, then the problems with their row numbers (the first
// 50 of each kind, and how many more).
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%d rows: %d of %d %s units of %s have data → %d %s units of %s (weights: %s)\n",
		r.Rows, r.SourceUnitsData, r.SourceUnits, r.KeyLevel, r.From, r.TargetUnits, r.Level, r.To, r.Weighting)
	for _, t := range r.Totals {
		if t.Mean {
			fmt.Fprintf(w, "  %-20s mean in %s, out %s (%d values)\n", t.Column, FormatNumber(t.In), FormatNumber(t.Out), t.Values)
			continue
		}
		fmt.Fprintf(w, "  %-20s total in %s, out %s", t.Column, FormatNumber(t.In), FormatNumber(t.Out))
		if t.Unknown != 0 {
			fmt.Fprintf(w, ", unknown keys %s", FormatNumber(t.Unknown))
		}
		if t.Lost != 0 {
			fmt.Fprintf(w, ", lost %s", FormatNumber(t.Lost))
		}
		fmt.Fprintf(w, " (%d values)\n", t.Values)
	}
	if r.Assumed > 0 {
		fmt.Fprintf(w, "  %d of %d rows use an assumed weight (column %s)\n", r.Assumed, r.TargetUnits, ColAssumed)
	}
	if r.WeightsUncovered > 0 {
		fmt.Fprintf(w, "  the weight table or column does not cover %d split units: built-in weights used for them\n", r.WeightsUncovered)
	}
	list := func(what string, n int, ps []Problem) {
		if n == 0 {
			return
		}
		fmt.Fprintf(w, "%s: %d\n", what, n)
		ps = ps[:min(len(ps), textListed)]
		for _, p := range ps {
			col := ""
			if p.Column != "" {
				col = ", column " + strconv.Quote(p.Column)
			}
			fmt.Fprintf(w, "  row %d (line %d)%s, key %q: %s\n", p.Row, p.Line, col, p.Key, p.Detail)
		}
		if n > len(ps) {
			fmt.Fprintf(w, "  … and %d more\n", n-len(ps))
		}
	}
	list("unknown keys", r.UnknownCount, r.Unknown)
	list("duplicate keys", r.DuplicateCount, r.Duplicates)
	list("bad values", r.BadValueCount, r.BadValues)
	list("unreadable rows", r.BadRowCount, r.BadRows)
	if len(r.Lost) > 0 {
		fmt.Fprintf(w, "units that reach no unit of %s (their figures are lost): %s\n", r.To, joinCodes(r.Lost))
	}
	if r.NoDataCount > 0 {
		const show = 20
		cs := r.NoData[:min(len(r.NoData), show)]
		fmt.Fprintf(w, "units of %s with no data: %d: %s", r.To, r.NoDataCount, joinCodes(cs))
		if r.NoDataCount > len(cs) {
			fmt.Fprintf(w, " …")
		}
		fmt.Fprintln(w)
	}
}

func joinCodes(cs []dvhc.Code) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(c))
	}
	return b.String()
}

// sliceReader is a tabular.Reader over rows in memory.
type sliceReader struct {
	header []string
	rows   [][]string
	i      int
}

// NewSliceReader returns a tabular.Reader over a header and rows held in
// memory (rows as JSON objects, say). A row shorter than the header is
// padded with empty fields; a longer one is an error of that row.
func NewSliceReader(header []string, rows [][]string) tabular.Reader {
	return &sliceReader{header: header, rows: rows}
}

func (s *sliceReader) Header() []string { return s.header }
func (s *sliceReader) Close() error     { return nil }

func (s *sliceReader) Next(row *tabular.Row) error {
	if s.i >= len(s.rows) {
		return io.EOF
	}
	f := s.rows[s.i]
	s.i++
	row.Num, row.Line, row.Err = s.i, s.i+1, nil
	row.Fields = append(row.Fields[:0], f[:min(len(f), len(s.header))]...)
	for len(row.Fields) < len(s.header) {
		row.Fields = append(row.Fields, "")
	}
	if len(f) > len(s.header) {
		row.Err = &tabular.RowError{Row: row.Num, Line: row.Line, Err: tabular.ErrFieldCount}
	}
	return nil
}
