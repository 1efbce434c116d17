package main

import (
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

var lineageCmd = &command{
	name:    "lineage",
	args:    "[--level L] [--at DATE] [--to DATE] [--json] CODE",
	summary: "follow a unit to its successors or predecessors",
	doc: `Takes the unit CODE in force on --at and walks the lineage to --to across
any number of events: successors when --to is later, predecessors when it is
earlier. Each result has its share (whole: all of it; part: the unit was
split) and the official note of the government's conversion table.
--to defaults to today.

Examples:
  dvhc lineage --level province --at 2025-06-30 --to 2025-07-01 54
  dvhc lineage --at 2025-07-01 --to 2025-06-30 --json 00004`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var level levelFlag
		var at, to dateFlag
		levelVar(fs, &level, " (default from the code's width)")
		atFlag(fs, &at)
		fs.Var(&to, "to", "the date to walk to, YYYY-MM-DD (default today)")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			r, u, err := unitArg(args, level.l, at.date())
			if err != nil {
				return err
			}
			l, err := wire.NewLineage(r, u, at.date(), to.date())
			if err != nil {
				return err
			}
			ws := l.Links
			if *asJSON {
				return writeJSON(e.stdout, ws)
			}
			fmt.Fprintf(e.stdout, "%s %s %s (%s): %d %s on %s\n", u.Level, u.Code, u.Name, at.date(), len(ws), l.Direction, to.date())
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, w := range ws {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", w.Code, w.Name, w.Share, w.Note, w.EventResolution)
			}
			return tw.Flush()
		}
	},
}

var auditCmd = &command{
	name:    "audit",
	args:    "[--from DATE] [--to DATE] [--json]",
	summary: "check a transition: no unit lost, no unit without origin",
	doc: `Checks the transition from the vintage of --from to that of --to: every unit
that ends reaches the new vintage with consistent shares, every unit that
starts has predecessors, codes are unique and parents valid on both days.
Notes (mentions in the official texts that are not units, decisions taken
where sources disagree) are listed but are not violations.
Exit status 0 when nothing is violated, 1 otherwise.

Example:
  dvhc audit --from 2025-06-30 --to 2025-07-01`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		from := &dateFlag{d: dvhc.MustParseDate("2025-06-30")}
		to := &dateFlag{d: dvhc.MustParseDate("2025-07-01")}
		fs.Var(from, "from", "the day before the transition")
		fs.Var(to, "to", "a day after the transition")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			if len(args) > 0 {
				return dvhc.Errorf(dvhc.EINVALID, "audit takes no arguments, got %q", args[0])
			}
			r, err := registryOf()
			if err != nil {
				return err
			}
			rep, err := r.Audit(from.date(), to.date())
			if err != nil {
				return err
			}
			if *asJSON {
				err = writeJSON(e.stdout, wire.NewAudit(rep))
			} else {
				fmt.Fprintf(e.stdout, "audit %s → %s\n", rep.From, rep.To)
				for _, k := range []string{"reaches_new", "has_predecessors", "shares", "unique_code", "parent_valid"} {
					fmt.Fprintf(e.stdout, "  %-17s %6d checked\n", k, rep.Checked[k])
				}
				for _, f := range rep.Violations {
					fmt.Fprintf(e.stdout, "VIOLATION %s: %s\n", f.Check, f.Message)
				}
				for _, f := range rep.Notes {
					fmt.Fprintf(e.stdout, "note %s: %s\n", f.Check, f.Message)
				}
				fmt.Fprintf(e.stdout, "%d violations, %d notes\n", len(rep.Violations), len(rep.Notes))
			}
			if err == nil && !rep.OK() {
				return errFindings
			}
			return err
		}
	},
}
