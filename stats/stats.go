// Package stats converts statistical tables keyed by administrative units
// from one vintage to another — old communes to new ones, new to old, and
// up to provinces — the one core behind "dvhc stats", POST /v1/stats and
// the web page's statistics panel.
//
// Counts (Options.Sum) are added up on merges and apportioned on splits by
// a weight; rates and averages (Options.Mean) are combined as means
// weighted by another column (Options.WeightBy). The weights come from the
// lineage (see registry.EdgeWeights and Plan): a whole unit carries all of
// its figure; where the official note says which piece of a split unit
// took all of its population, that piece takes all of a population-weighted
// figure; otherwise the share is assumed — the sources hold the areas and
// populations of the new communes only, none of the old ones — and every
// output row says whether an assumed weight went into it. A user's weight
// table (WeightTable) replaces the assumptions where it covers a unit; a
// column of the old units' populations (Options.WeightColumn) improves them.
//
// ConvertTable reads the table as a stream and keeps one accumulator per
// unit: memory stays flat whatever the number of rows. It is safe to call
// from several goroutines at once.
package stats

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fold"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// DefaultFrom is the default vintage of the input: the last day of the
// units before the 2025-07-01 reorganization.
var DefaultFrom = dvhc.LastOldDay

// MaxListed bounds each list of problems in a Report (unknown keys,
// duplicates, bad values, units without data); the counts go on.
const MaxListed = 1000

// Columns that ConvertTable writes around the converted columns.
const (
	ColCode    = "code"
	ColName    = "name"
	ColAssumed = "assumed_weight" // "yes" when an assumed weight went into the row
	ColSources = "sources"        // number of input units that contributed
)

// SplitColumns splits a list of column names written "a, b,c" (as --sum
// and --mean, or the API's sum and mean, take them) into its names; blank
// names are dropped.
func SplitColumns(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Options select the columns and the conversion.
type Options struct {
	// From is the date of the input's units (zero: DefaultFrom); To the
	// date of the output's (zero: today).
	From, To dvhc.Date
	// Key names the column of unit codes. Empty: a column named "code",
	// "ma", "mã xã", …, else the first column.
	Key string
	// KeyLevel is the level of the input's codes; zero: from the width of
	// the widest code in the first 1000 rows (or 16 MiB): 5 or 4 digits
	// commune, 3 district, 2 province (leading zeros may have been lost).
	KeyLevel dvhc.Level
	// Level is the level of the output; zero: KeyLevel.
	Level dvhc.Level
	// Sum names the count columns; Mean the rate columns, averaged with the
	// weights of the WeightBy column (equal weights when empty).
	Sum, Mean []string
	WeightBy  string
	// Weight apportions split units' figures.
	Weight Weighting
	// WeightColumn, from old to new only, names a column holding each old
	// unit's population (or a measure like it): the piece of a split old
	// unit o in a new unit n is estimated as n's published population less
	// the WeightColumn values of n's whole predecessors, shared among n's
	// split predecessors in proportion to their values. Where that cannot
	// be computed (a value or a population missing, nothing left) Weight
	// applies. The shares are still assumed, never measured.
	WeightColumn string
}

// Total is the total of a column before and after conversion.
type Total struct {
	Column string
	Mean   bool // a rate: In and Out are weighted means
	// In is the total (or mean) of every value read; Unknown the part of
	// it on rows whose key is unknown; Lost the part whose units reach no
	// unit of the target date; Out the total (or mean) written.
	In, Unknown, Lost, Out float64
	Values                 int // values read
}

// Problem is a row that did not count, or counted twice.
type Problem struct {
	Row    int    // 1-based data row
	Line   int    // physical line (sheet row for XLSX)
	Key    string // the key as written
	Column string // for a bad value
	Detail string // what is wrong
}

// Report says what a conversion did.
type Report struct {
	From, To         dvhc.Date
	KeyLevel, Level  dvhc.Level
	Weighting        string
	Rows             int // data rows read
	SourceUnits      int // units of the source date
	SourceUnitsData  int // of them, units with at least one value
	TargetUnits      int // rows written
	Totals           []Total
	Unknown          []Problem // keys that are not units of KeyLevel on From
	UnknownCount     int
	Duplicates       []Problem // keys seen before (their values are added)
	DuplicateCount   int
	BadValues        []Problem // values that are not numbers
	BadValueCount    int
	BadRows          []Problem // rows that could not be read
	BadRowCount      int
	NoData           []dvhc.Code // target units that received no data
	NoDataCount      int
	Lost             []dvhc.Code // source units with data and no target
	Assumed          int         // rows written with an assumed weight
	WeightsUncovered int         // split source units the weight table or column did not cover
}

// Findings reports whether the input had problems a user must look at:
// unknown or duplicate keys, bad values, unreadable rows, lost units.
func (r *Report) Findings() bool {
	return r.UnknownCount+r.DuplicateCount+r.BadValueCount+r.BadRowCount+len(r.Lost) > 0
}

// keyNames are folded column names taken as the key column.
var keyNames = []string{"code", "ma", "ma xa", "ma tinh", "ma huyen", "ma dvhc", "commune code", "commune_code",
	"province code", "province_code", "ma_xa", "ma_tinh", "key", "id"}

// IsKeyName reports whether name, folded, is one of the column names
// taken as the key column when Options.Key is empty.
func IsKeyName(name string) bool {
	k := fold.Key(name)
	for _, n := range keyNames {
		if k == fold.Key(n) {
			return true
		}
	}
	return false
}

func findColumn(header []string, name, what string) (int, error) {
	k := fold.Key(name)
	for i, h := range header {
		if h == name {
			return i, nil
		}
	}
	for i, h := range header {
		if fold.Key(h) == k {
			return i, nil
		}
	}
	return -1, dvhc.Errorf(dvhc.EINVALID, "no %s column %q in the header (columns: %s)", what, name, strings.Join(header, ", "))
}

// column indices of the options in header.
type columns struct {
	key      int
	sum      []int
	mean     []int
	weightBy int
	weight   int // Options.WeightColumn, -1 without
}

func resolve(header []string, o *Options) (columns, error) {
	c := columns{key: -1, weightBy: -1, weight: -1}
	if len(header) == 0 {
		return c, dvhc.Errorf(dvhc.EINVALID, "the table is empty")
	}
	var err error
	if o.Key != "" {
		if c.key, err = findColumn(header, o.Key, "key"); err != nil {
			return c, err
		}
	} else {
		for _, n := range keyNames {
			if i, err := findColumn(header, n, "key"); err == nil {
				c.key = i
				break
			}
		}
		if c.key < 0 {
			c.key = 0
		}
	}
	if len(o.Sum)+len(o.Mean) == 0 {
		return c, dvhc.Errorf(dvhc.EINVALID, "name the columns to convert: --sum for counts, --mean for rates (columns: %s)", strings.Join(header, ", "))
	}
	seen := map[string]bool{ColCode: true, ColName: true, ColAssumed: true, ColSources: true}
	for _, list := range []struct {
		names []string
		dst   *[]int
		what  string
	}{{o.Sum, &c.sum, "--sum"}, {o.Mean, &c.mean, "--mean"}} {
		for _, n := range list.names {
			i, err := findColumn(header, n, list.what)
			if err != nil {
				return c, err
			}
			if seen[header[i]] {
				return c, dvhc.Errorf(dvhc.EINVALID, "column %q named twice, or clashes with an output column", header[i])
			}
			seen[header[i]] = true
			*list.dst = append(*list.dst, i)
		}
	}
	if o.WeightColumn != "" {
		if o.Weight.Table != nil {
			return c, dvhc.Errorf(dvhc.EINVALID, "give a weight table or a weight column, not both")
		}
		if c.weight, err = findColumn(header, o.WeightColumn, "--weight"); err != nil {
			return c, dvhc.Errorf(dvhc.EINVALID, "--weight %q is not area, population or equal, a weight table file, or a column (columns: %s)",
				o.WeightColumn, strings.Join(header, ", "))
		}
	}
	if o.WeightBy != "" {
		if len(o.Mean) == 0 {
			return c, dvhc.Errorf(dvhc.EINVALID, "--weight-by weights the --mean columns: name them")
		}
		if c.weightBy, err = findColumn(header, o.WeightBy, "--weight-by"); err != nil {
			return c, err
		}
	}
	return c, nil
}

// detectLevel guesses the level of codes from the widest key.
func detectLevel(keys []string) dvhc.Level {
	w := 0
	for _, k := range keys {
		k = strings.TrimSpace(k)
		if len(k) > w && len(k) <= 5 {
			w = len(k)
		}
	}
	switch {
	case w >= 4:
		return dvhc.LevelCommune
	case w == 3:
		return dvhc.LevelDistrict
	}
	return dvhc.LevelProvince
}

// acc holds the figures of one source unit.
type acc struct {
	firstRow int32 // 0: no row yet
	hasData  bool  // a value was read
	sum      []float64
	sumN     []int32
	mw, wb   []float64 // per mean column: Σ mean·weight, Σ weight
	w        float64   // Options.WeightColumn's value
	hasW     bool
}

// ConvertTable reads a table keyed by units of opts.From and writes one
// row per unit of opts.Level in force on opts.To: code, name, the Sum
// columns (totals), the Mean columns (weighted means), assumed_weight and
// sources. A value left empty is missing (not 0); an empty output cell
// means no data reached the unit. The Report lists unknown and duplicate
// keys, bad values and unreadable rows with their row numbers, the totals
// before and after per column, and the units without data. Nothing is
// dropped silently.
func ConvertTable(ctx context.Context, reg *registry.Registry, r tabular.Reader, w tabular.Writer, opts Options) (*Report, error) {
	if opts.From.IsZero() {
		opts.From = DefaultFrom
	}
	if opts.To.IsZero() {
		opts.To = dvhc.Today()
	}
	header := r.Header()
	cols, err := resolve(header, &opts)
	if err != nil {
		return nil, err
	}
	// Read ahead to tell the level of the codes.
	var ahead []tabular.Row
	if opts.KeyLevel == 0 {
		var keys []string
		size := 0 // bytes read ahead, bounded as the rows are
		for len(ahead) < 1000 && size < 16<<20 {
			var row tabular.Row
			if err := r.Next(&row); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				return nil, dvhc.Errorf(dvhc.EINVALID, "reading the table: %v", err)
			}
			ahead = append(ahead, row)
			keys = append(keys, row.Fields[cols.key])
			for _, f := range row.Fields {
				size += len(f)
			}
		}
		opts.KeyLevel = detectLevel(keys)
	}
	if opts.Level == 0 {
		opts.Level = opts.KeyLevel
	}
	if cols.weight >= 0 && opts.To.Before(opts.From) {
		return nil, dvhc.Errorf(dvhc.EINVALID, "a weight column gives the old units' sizes: it splits old units going forward (--to after --from); going back, give a weight table")
	}
	plan, err := NewPlan(reg, opts.From, opts.To, opts.KeyLevel, opts.Level, opts.Weight)
	if err != nil {
		return nil, err
	}
	c := &converter{plan: plan, cols: cols, header: header,
		accs: make([]acc, len(plan.src)), ns: len(cols.sum), nm: len(cols.mean)}
	c.rep = &Report{From: opts.From, To: opts.To, KeyLevel: opts.KeyLevel, Level: opts.Level,
		Weighting: weightingName(opts), SourceUnits: len(plan.src), TargetUnits: len(plan.dst),
	}
	c.in = make([]float64, c.ns)
	c.inN = make([]int, c.ns)
	c.unknown = make([]float64, c.ns)
	c.meanIn = make([][2]float64, c.nm)
	c.meanN = make([]int, c.nm)
	c.vals = make([]float64, c.ns)
	c.mvals = make([]float64, c.nm)
	c.wbs = make([]float64, c.nm)
	c.mok = make([]bool, c.nm)
	c.vok = make([]bool, c.ns)
	for i := range ahead {
		c.add(&ahead[i])
	}
	var row tabular.Row
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := r.Next(&row); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "reading the table: %v", err)
		}
		c.add(&row)
	}
	return c.rep, c.write(w)
}

type converter struct {
	plan   *Plan
	cols   columns
	header []string
	accs   []acc
	ns, nm int
	rep    *Report

	in, unknown []float64
	inN         []int
	meanIn      [][2]float64 // Σ mean·weight, Σ weight of every value read
	meanN       []int
	// per-row scratch
	vals, mvals, wbs []float64
	vok, mok         []bool
}

func listed[T any](list []T, v T) []T {
	if len(list) < MaxListed {
		list = append(list, v)
	}
	return list
}

// problem describes a row; the texts are clipped, so that the lists of a
// report stay small whatever the input.
func (c *converter) problem(row *tabular.Row, key, column, detail string) Problem {
	return Problem{Row: row.Num, Line: row.Line, Key: strings.Clone(clip(key)), Column: clip(column), Detail: clip(detail)}
}

// clip shortens s to at most 200 bytes, on a rune boundary, marking the cut.
func clip(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// value reads the number in column ci of row: an empty cell has no value,
// and a bad one is listed as a bad value.
func (c *converter) value(row *tabular.Row, key string, ci int) (float64, bool) {
	s := row.Fields[ci]
	if strings.TrimSpace(s) == "" {
		return 0, false
	}
	v, err := ParseNumber(s)
	if err != nil {
		c.badValue(row, key, ci, err)
		return 0, false
	}
	return v, true
}

// weight reads the weight in column ci of row: a number, not negative; a
// bad one (an empty cell too) is listed as a bad value and returned as the
// error.
func (c *converter) weight(row *tabular.Row, key string, ci int) (float64, error) {
	s := row.Fields[ci]
	w, err := ParseNumber(s)
	if err == nil && w < 0 {
		err = fmt.Errorf("negative weight %s", strings.TrimSpace(s))
	}
	if err != nil {
		c.badValue(row, key, ci, err)
	}
	return w, err
}

// badValue lists the bad value in column ci of row.
func (c *converter) badValue(row *tabular.Row, key string, ci int, err error) {
	c.rep.BadValueCount++
	c.rep.BadValues = listed(c.rep.BadValues, c.problem(row, key, c.header[ci], err.Error()))
}

// add counts one row.
func (c *converter) add(row *tabular.Row) {
	rep := c.rep
	rep.Rows++
	key := strings.TrimSpace(row.Fields[c.cols.key])
	if row.Err != nil && (!errors.Is(row.Err, tabular.ErrFieldCount) || key == "") {
		rep.BadRowCount++
		rep.BadRows = listed(rep.BadRows, c.problem(row, key, row.Err.Column, row.Err.Err.Error()))
		return
	}
	// Read the values first: they count in the input totals whatever the
	// key.
	for j, ci := range c.cols.sum {
		v, ok := c.value(row, key, ci)
		c.vok[j] = ok
		if !ok {
			continue
		}
		c.vals[j] = v
		c.in[j] += v
		c.inN[j]++
	}
	for j, ci := range c.cols.mean {
		c.mok[j] = false
		v, ok := c.value(row, key, ci)
		if !ok {
			continue
		}
		wb := 1.0
		if c.cols.weightBy >= 0 {
			var err error
			if wb, err = c.weight(row, key, c.cols.weightBy); err != nil {
				continue
			}
		}
		c.mvals[j], c.wbs[j], c.mok[j] = v, wb, true
		c.meanIn[j][0] += v * wb
		c.meanIn[j][1] += wb
		c.meanN[j]++
	}
	code, err := dvhc.ParseCode(c.plan.Source, key)
	var idx int32 = -1
	if err == nil {
		if i, ok := c.plan.srcIdx[code]; ok {
			idx = i
		} else {
			err = fmt.Errorf("no %s with code %s on %s", c.plan.Source, code, c.plan.From)
		}
	}
	if idx < 0 {
		rep.UnknownCount++
		rep.Unknown = listed(rep.Unknown, c.problem(row, key, "", err.Error()))
		for j := range c.vals {
			if c.vok[j] {
				c.unknown[j] += c.vals[j]
			}
		}
		return
	}
	a := &c.accs[idx]
	if a.firstRow == 0 {
		a.firstRow = int32(row.Num)
		a.sum = make([]float64, c.ns)
		a.sumN = make([]int32, c.ns)
		a.mw = make([]float64, c.nm)
		a.wb = make([]float64, c.nm)
	} else {
		rep.DuplicateCount++
		if len(rep.Duplicates) < MaxListed {
			rep.Duplicates = append(rep.Duplicates, c.problem(row, key, "",
				fmt.Sprintf("%s %s already on row %d (values added)", c.plan.Source, code, a.firstRow)))
		}
	}
	for j := range c.vals {
		if c.vok[j] {
			a.sum[j] += c.vals[j]
			a.sumN[j]++
			a.hasData = true
		}
	}
	for j := range c.mvals {
		if c.mok[j] {
			a.mw[j] += c.mvals[j] * c.wbs[j]
			a.wb[j] += c.wbs[j]
			a.hasData = true
		}
	}
	if c.cols.weight >= 0 {
		if strings.TrimSpace(row.Fields[c.cols.weight]) == "" {
			return
		}
		v, err := c.weight(row, key, c.cols.weight)
		if err != nil {
			return
		}
		a.w += v
		a.hasW = true
	}
}

// columnShares estimates the shares of the split source i from the weight
// column (see Options.WeightColumn); ok is false when they cannot be
// computed, and the plan's shares apply.
func (c *converter) columnShares(i int, dst []entry) (ents []entry, ok bool) {
	p := c.plan
	a := &c.accs[i]
	if !a.hasW || a.w <= 0 || p.Source == dvhc.LevelDistrict {
		return nil, false
	}
	leaves := p.walker.walk(p.src[i], nil)
	if len(leaves) < 2 {
		return nil, false
	}
	total := 0.0
	for k := range leaves {
		l := &leaves[k]
		if !l.assumed {
			return nil, false // the official note gives the shares
		}
		pop := float64(l.u.Population)
		links, err := p.reg.Predecessors(l.u, p.From)
		if pop <= 0 || err != nil {
			return nil, false
		}
		whole, split := 0.0, 0.0
		for _, pl := range links {
			j, found := p.srcIdx[pl.Unit.Code]
			if !found || pl.Unit.Level != p.Source || !c.accs[j].hasW {
				return nil, false
			}
			if pl.Share == dvhc.ShareWhole {
				whole += c.accs[j].w
			} else {
				split += c.accs[j].w
			}
		}
		if split <= 0 || pop-whole <= 0 {
			return nil, false
		}
		l.w = (pop - whole) * a.w / split
		total += l.w
	}
	for k := range leaves {
		leaves[k].w /= total
	}
	return p.merge(leaves, dst), true
}

// write computes the target units' figures, writes them and completes the
// report.
func (c *converter) write(w tabular.Writer) error {
	p, rep := c.plan, c.rep
	nt := len(p.dst)
	sum := make([]float64, nt*c.ns)
	sumN := make([]int32, nt*c.ns)
	mw := make([]float64, nt*c.nm)
	wb := make([]float64, nt*c.nm)
	assumed := make([]bool, nt)
	sources := make([]int32, nt)
	lost := make([]float64, c.ns)
	var colEnts []entry
	for i := range c.accs {
		a := &c.accs[i]
		if !a.hasData {
			continue
		}
		rep.SourceUnitsData++
		if p.uncovered != nil && p.uncovered[i] {
			rep.WeightsUncovered++
		}
		es := p.ent[p.start[i]:p.start[i+1]]
		if c.cols.weight >= 0 && len(es) > 1 {
			if ce, ok := c.columnShares(i, colEnts[:0]); ok {
				es, colEnts = ce, ce
			} else {
				rep.WeightsUncovered++
			}
		}
		if len(es) == 0 {
			rep.Lost = append(rep.Lost, p.src[i].Code)
			for j := range a.sum {
				lost[j] += a.sum[j]
			}
			continue
		}
		for _, e := range es {
			t := int(e.t)
			sources[t]++
			if e.assumed {
				assumed[t] = true
			}
			for j := range a.sum {
				if a.sumN[j] > 0 {
					sum[t*c.ns+j] += a.sum[j] * e.w
					sumN[t*c.ns+j]++
				}
			}
			for j := range a.mw {
				mw[t*c.nm+j] += a.mw[j] * e.w
				wb[t*c.nm+j] += a.wb[j] * e.w
			}
		}
	}
	out := []string{ColCode, ColName}
	for _, ci := range c.cols.sum {
		out = append(out, c.header[ci])
	}
	for _, ci := range c.cols.mean {
		out = append(out, c.header[ci])
	}
	out = append(out, ColAssumed, ColSources)
	if err := w.WriteHeader(out); err != nil {
		return err
	}
	outSum := make([]float64, c.ns)
	outMean := make([][2]float64, c.nm)
	for t, u := range p.dst {
		out = out[:0]
		out = append(out, string(u.Code), u.Name)
		for j := 0; j < c.ns; j++ {
			if sumN[t*c.ns+j] == 0 {
				out = append(out, "")
				continue
			}
			v := sum[t*c.ns+j]
			outSum[j] += v
			out = append(out, FormatNumber(v))
		}
		for j := 0; j < c.nm; j++ {
			d := wb[t*c.nm+j]
			if d <= 0 {
				out = append(out, "")
				continue
			}
			outMean[j][0] += mw[t*c.nm+j]
			outMean[j][1] += d
			out = append(out, FormatNumber(mw[t*c.nm+j]/d))
		}
		a := "no"
		if assumed[t] {
			a = "yes"
			rep.Assumed++
		}
		if sources[t] == 0 {
			rep.NoDataCount++
			rep.NoData = listed(rep.NoData, u.Code)
		}
		out = append(out, a, strconv.Itoa(int(sources[t])))
		if err := w.WriteRow(out); err != nil {
			return err
		}
	}
	for j, ci := range c.cols.sum {
		rep.Totals = append(rep.Totals, Total{Column: c.header[ci], In: c.in[j], Unknown: c.unknown[j],
			Lost: lost[j], Out: outSum[j], Values: c.inN[j]})
	}
	for j, ci := range c.cols.mean {
		t := Total{Column: c.header[ci], Mean: true, Values: c.meanN[j]}
		if c.meanIn[j][1] > 0 {
			t.In = c.meanIn[j][0] / c.meanIn[j][1]
		}
		if outMean[j][1] > 0 {
			t.Out = outMean[j][0] / outMean[j][1]
		}
		rep.Totals = append(rep.Totals, t)
	}
	slices.Sort(rep.Lost)
	return nil
}

func weightingName(o Options) string {
	if o.WeightColumn != "" {
		return "column " + o.WeightColumn + " (else " + o.Weight.String() + ")"
	}
	return o.Weight.String()
}
