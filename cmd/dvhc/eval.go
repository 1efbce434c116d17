package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/address/evalset"
)

var evalCmd = &command{
	name:    "eval",
	args:    "[--n N] [--seed S] [--json]",
	summary: "measure address conversion on a generated, labelled set",
	doc: `Generates N messy addresses of old communes from the data itself, in every
style (full, no tones, lower and upper case, abbreviations, numbered wards,
nicknames, no separators, no district, a typo, new units, person-name streets,
former names), converts them to today's units and reports per style:
correct, missed and wrong for communes that moved whole; for split communes,
ambiguous with every successor (correct) or silently placed (wrong).

Exit status 1 when a style is under 99% or a split commune was placed
silently.

Examples:
  dvhc eval
  dvhc eval --n 20000 --seed 7 --json`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		n := fs.Int("n", 5000, "number of `N` addresses")
		seed := fs.Int64("seed", 1, "random `SEED`")
		asJSON := fs.Bool("json", false, "print JSON")
		emit := fs.Bool("emit", false, "print the labelled set as CSV (address, style, from_code, want) instead of evaluating it")
		return func(e *env, args []string) error {
			if len(args) > 0 {
				return dvhc.Errorf(dvhc.EINVALID, "eval takes no arguments, got %q", args[0])
			}
			if *n <= 0 {
				return dvhc.Errorf(dvhc.EINVALID, "--n must be positive")
			}
			c, err := address.Default()
			if err != nil {
				return err
			}
			if *emit {
				return emitCases(e, evalset.Generate(c.Registry(), *seed, *n))
			}
			rep := evalset.Evaluate(c, evalset.Generate(c.Registry(), *seed, *n))
			if *asJSON {
				if err := writeJSON(e.stdout, rep); err != nil {
					return err
				}
			} else {
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintln(tw, "style\tcases\twhole\tcorrect\tmissed\twrong\taccuracy\tsplit\tambiguous ok\tsilently wrong\tsplit wrong\tstreet kept\t")
				for _, s := range append(rep.Styles, rep.Total) {
					fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.2f%%\t%d\t%d\t%d\t%d\t%d\t\n", s.Style, s.Cases, s.Whole, s.Correct, s.Missed, s.Wrong,
						100*s.Accuracy, s.Split, s.AmbiguousCorrect, s.SilentlyWrong, s.SplitWrong, s.StreetKept)
				}
				tw.Flush()
			}
			for _, s := range rep.Styles {
				if s.Accuracy < 0.99 || s.SilentlyWrong > 0 {
					return errFindings
				}
			}
			return nil
		}
	},
}

// emitCases writes labelled cases as CSV, for benchmarks and other tools.
func emitCases(e *env, cases []evalset.Case) error {
	w := csv.NewWriter(e.stdout)
	w.Write([]string{"address", "style", "from_code", "want"})
	for _, c := range cases {
		want := make([]string, len(c.Want))
		for i, x := range c.Want {
			want[i] = string(x)
		}
		w.Write([]string{c.Input, c.Style, string(c.From.Code), strings.Join(want, ";")})
	}
	w.Flush()
	return w.Error()
}
