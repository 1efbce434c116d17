package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/stats"
	"github.com/dvhc-vn/dvhc/tabular"
)

var statsCmd = &command{
	name:    "stats",
	args:    "[--from DATE] [--to DATE] [--key COL] [--level L] [--sum COLS] [--mean COLS --weight-by COL] [--weight area|population|equal|COL|FILE[:COL]] [--format csv|xlsx] [-o OUT] FILE",
	summary: "convert a table of figures per unit from one vintage to another",
	doc: `Reads FILE (CSV, TSV, JSONL or Excel; standard input for "-" or none), a
table keyed by the codes of units in force on --from (default 2025-06-30),
and writes one row per unit of --level in force on --to (default today):
code, name, the converted columns, assumed_weight (yes when an assumed
weight went into the row) and sources (input units that contributed).

--sum COLS (comma-separated) are counts: added up on merges, apportioned on
splits. --mean COLS are rates or averages: combined as means weighted by
--weight-by COL (equal weights without it). --to earlier than --from goes
back: a new unit's figure is apportioned among its predecessors, assumed of
equal size, each in proportion to the share of it that went into the new
unit (1 for a whole one, its --weight share for a split one). --level
aggregates (commune → province); the level of the keys is read from the
widest code of the first 1000 rows (5 or 4 digits commune, 3 district, 2
province: leading zeros may be lost).

Values: 1234.5, 12,5, 1,234,567 or 1.234.567,5 (a lone comma before three
digits, 1,234, is ambiguous and reported); an empty cell is missing, not 0.

--weight says how a split unit's figure is apportioned:
  population  (default) the piece the official note says took all of the
              population ("toàn bộ dân số") takes all; otherwise assumed in
              proportion to the successors' published population
  area        the same with "toàn bộ diện tích" and published areas
  equal       equal shares
  COL         a column of FILE holding the old units' populations (from
              old to new): the piece of a split old unit in a new one is
              the new unit's published population less the populations of
              its whole predecessors, shared among its split predecessors
              in proportion to theirs; population weights where a value is
              missing
  FILE[:COL]  a weight table: old code, optionally new code (per piece),
              and the weight (column COL, "weight", or the last column);
              the built-in population weights apply where it has no row
The sources hold no population or area of the old units: every share not
read from a note is an assumption, and the rows it reaches say so.

The report on standard error gives the totals per column before and after
(a sum is preserved up to float rounding), the unknown keys, duplicate keys
(their values are added), bad values and unreadable rows with their row
numbers, and the units with no data. Exit status 1 when the input has such
problems (the output is written all the same).

The output is written to a temporary file beside OUT and renamed into
place; never over the input.

Examples (docs/examples/daklak-phuyen.csv: old communes of Đắk Lắk and Phú Yên):
  dvhc stats --to 2025-07-01 --sum households -o new.xlsx docs/examples/daklak-phuyen.csv
  dvhc stats --to 2025-07-01 --level province --sum households --mean poverty_rate --weight-by households docs/examples/daklak-phuyen.csv
  dvhc stats --from 2025-07-01 --to 2025-06-30 --sum households --weight equal new.xlsx`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		from := &dateFlag{d: stats.DefaultFrom}
		var to dateFlag
		var level levelFlag
		fs.Var(from, "from", "the date of the input's units, YYYY-MM-DD")
		fs.Var(&to, "to", "the date of the output's units, YYYY-MM-DD (default today)")
		key := fs.String("key", "", "the column of unit codes `COL` (default a column named code or mã…, else the first)")
		levelVar(fs, &level, " of the output (default the level of the keys)")
		sum := fs.String("sum", "", "count columns `COLS`, comma-separated")
		mean := fs.String("mean", "", "rate columns `COLS`, comma-separated")
		weightBy := fs.String("weight-by", "", "the column `COL` that weights the --mean columns")
		weight := fs.String("weight", "population", "how splits are apportioned: area, population, equal, a column `COL` of old populations, or a weight table FILE[:COL]")
		format := fs.String("format", "", "output format: csv or xlsx (default from -o's extension, else csv)")
		out := fs.String("o", "", "write to `OUT` instead of standard output")
		var headerRow int
		headerRowVar(fs, &headerRow)
		return func(e *env, args []string) error {
			if len(args) > 1 {
				return dvhc.Errorf(dvhc.EINVALID, "want one FILE, got %d", len(args))
			}
			path := "-"
			if len(args) == 1 {
				path = args[0]
			}
			reg, err := registryOf()
			if err != nil {
				return err
			}
			wt, err := weighting(*weight, path, *out)
			col := ""
			if errors.Is(err, errColumn) {
				col, err = *weight, nil
			}
			if err != nil {
				return err
			}
			opts := stats.Options{From: from.date(), To: to.date(), Key: *key, Level: level.l,
				Sum: stats.SplitColumns(*sum), Mean: stats.SplitColumns(*mean), WeightBy: *weightBy, Weight: wt, WeightColumn: col}
			return runStats(e, reg, path, *out, *format, headerRow, opts)
		}
	},
}

// errColumn says that --weight names a column of the input.
var errColumn = errors.New("a column")

// weighting reads --weight: a basis or a weight table FILE[:COL]; the
// error errColumn when it is neither (a column of the input, then).
func weighting(v, input, output string) (stats.Weighting, error) {
	if b, err := registry.ParseBasis(v); err == nil {
		return stats.Weighting{Basis: b}, nil
	}
	path, col := v, ""
	if _, err := os.Stat(path); err != nil {
		if i := strings.LastIndexByte(v, ':'); i > 0 {
			path, col = v[:i], v[i+1:]
		}
	}
	if _, err := os.Stat(path); err != nil {
		// a column of the input (checked against its header)
		return stats.Weighting{}, errColumn
	}
	f, err := tabular.FormatFromPath(path)
	if err != nil {
		return stats.Weighting{}, err
	}
	in, err := os.Open(path)
	if err != nil {
		return stats.Weighting{}, dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	defer in.Close()
	r, err := tabular.NewReader(in, f, tabular.ReaderOptions{})
	if err != nil {
		return stats.Weighting{}, dvhc.Errorf(dvhc.EINVALID, "%s: %v", path, err)
	}
	defer r.Close()
	t, err := stats.ReadWeightTable(r, filepath.Base(path), col)
	if err != nil {
		return stats.Weighting{}, err
	}
	return stats.Weighting{Table: t}, nil
}

// runStats opens the input and the output and runs stats.ConvertTable.
func runStats(e *env, reg *registry.Registry, path, outPath, format string, headerRow int, opts stats.Options) error {
	var src io.Reader = e.stdin
	inFmt := tabular.CSV
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return dvhc.Errorf(dvhc.EINVALID, "%v", err)
		}
		defer f.Close()
		src = f
		if inFmt, err = tabular.FormatFromPath(path); err != nil {
			return err
		}
	}
	var ropts tabular.ReaderOptions
	setHeaderRow(&ropts, headerRow, fileconv.StatsHeaderLike(opts))
	r, err := tabular.NewReader(src, inFmt, ropts)
	if err != nil {
		return dvhc.Errorf(dvhc.EINVALID, "%s: %v", path, err)
	}
	defer r.Close()
	titleNote(e.stderr, r, headerRow > 0)
	outFmt := tabular.CSV
	switch {
	case format != "":
		if outFmt, err = tabular.ParseFormat(format); err != nil {
			return err
		}
	case outPath != "" && outPath != "-":
		if f, err := tabular.FormatFromPath(outPath); err == nil {
			outFmt = f
		}
	}
	var dst io.Writer = e.stdout
	var out *outFile
	if outPath != "" && outPath != "-" {
		var inStat os.FileInfo // the input's identity, to refuse writing over it
		if f, ok := src.(*os.File); ok {
			inStat, _ = f.Stat()
		}
		if out, err = createOut(e.ctx, outPath, inStat); err != nil {
			return err
		}
		dst = out
	} else if outFmt == tabular.XLSX && isTerminal(e.stdout) {
		return dvhc.Errorf(dvhc.EINVALID, "will not write an Excel file to a terminal: give -o OUT.xlsx")
	}
	w, err := tabular.NewWriter(dst, outFmt, tabular.WriterOptions{})
	var rep *stats.Report
	if err == nil {
		rep, err = stats.ConvertTable(e.ctx, reg, r, w, opts)
	}
	if err == nil {
		err = w.Close()
	}
	if out != nil {
		if err == nil {
			err = out.commit()
		} else {
			out.abort()
		}
	}
	if err != nil {
		return err
	}
	rep.WriteText(e.stderr)
	if rep.Findings() {
		return errFindings
	}
	return nil
}
