package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address/evalset"
)

var evalCmd = &command{
	name:    "eval",
	args:    "[--n N] [--seed S] [--json]",
	summary: "measure address conversion on a generated, labelled set",
	doc: `Generates N messy addresses from the data itself, in every style (full,
no tones, lower and upper case, abbreviations, numbered wards, nicknames, no
separators, no district, a typo, new units, person-name streets, former
names, and the ways people write without the official form: type words
dropped, hamlet prefixes, odd separators, districts or provinces named like
a commune, addresses in new units of merged provinces, bare numbers, typos
without type words, mixed case, dotted abbreviations; then N/24 written
province first, street last), converts them to
today's units without coordinates and reports per style: right (ok with an
acceptable commune, or ambiguous with the truth when the text has no single
answer), ambiguous with the truth, not found, silent wrong (ok with a commune
that is not acceptable) and ambiguous without the truth; then the share of
ok answers that were right per confidence bucket.

Exit status 1 when a style is under 97% right, silent wrong is over 0.3%
overall, or a split commune was placed without coordinates.

Examples:
  dvhc eval
  dvhc eval --n 20000 --seed 7
  dvhc eval --n 20000 --seed 7 --json`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		n := fs.Int("n", 5000, "number of `N` addresses")
		seed := fs.Int64("seed", 1, "random `SEED`")
		asJSON := fs.Bool("json", false, "print JSON")
		emit := fs.Bool("emit", false, "print the labelled set as CSV (address, style, from_code, want, accept) instead of evaluating it")
		return func(e *env, args []string) error {
			if err := noArgs("eval", args); err != nil {
				return err
			}
			if *n <= 0 {
				return dvhc.Errorf(dvhc.EINVALID, "--n must be positive")
			}
			c, err := converter(false)
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
				fmt.Fprintln(tw, "style\tcases\tno single answer\tright\tright %\tambiguous with truth\tnot found\tSILENT WRONG\tambiguous wrong\tsplit placed silently\tstreet kept\t")
				for _, s := range append(rep.Styles, rep.Total) {
					fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f%%\t%d\t%d\t%d\t%d\t%d\t%d\t\n", s.Style, s.Cases, s.Ambiguous, s.Right, 100*s.RightRate,
						s.AmbiguousTruth, s.NotFound, s.SilentWrong, s.AmbiguousWrong, s.SplitSilent, s.StreetKept)
				}
				tw.Flush()
				fmt.Fprintf(e.stdout, "\nsilent wrong %.3f%% of %d\n\nconfidence of ok\tok\tright\tshare right\n", 100*rep.Total.SilentRate, rep.Total.Cases)
				for _, b := range rep.Calibration {
					fmt.Fprintf(e.stdout, "%.2f–%.2f\t%d\t%d\t%.2f%%\n", b.Min, b.Max, b.OK, b.Right, 100*b.Share)
				}
			}
			if !rep.Pass() {
				return errFindings
			}
			return nil
		}
	},
}

// emitCases writes labelled cases as CSV, for benchmarks and other tools.
func emitCases(e *env, cases []evalset.Case) error {
	w := csv.NewWriter(e.stdout)
	w.Write([]string{"address", "style", "from_code", "want", "accept"})
	codes := func(cs []dvhc.Code) string {
		s := make([]string, len(cs))
		for i, x := range cs {
			s[i] = string(x)
		}
		return strings.Join(s, ";")
	}
	for _, c := range cases {
		w.Write([]string{c.Input, c.Style, string(c.From.Code), codes(c.Want), codes(c.Accept)})
	}
	w.Flush()
	return w.Error()
}
