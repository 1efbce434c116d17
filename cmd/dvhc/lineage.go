package main

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
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
			fmt.Fprintf(e.stdout, "%s %s %s (%s): %s on %s\n", u.Level, u.Code, u.Name, at.date(), plural(len(ws), strings.TrimSuffix(l.Direction, "s")), to.date())
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, w := range ws {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", w.Code, w.Name, w.Share, w.Note, w.EventResolution)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if g := r.GapOf(u); g != nil && len(ws) == 0 {
				fmt.Fprintf(e.stdout, "  lineage unknown: %s\n", g.Reason)
			}
			// A path with an edge inferred by name is spelt out hop by hop,
			// so that no inferred hop passes for an official one.
			for _, w := range ws {
				if w.Basis == "official" {
					continue
				}
				fmt.Fprintf(e.stdout, "  path to %s %s (one hop inferred by name, not official):\n", w.Code, w.Name)
				for i, h := range w.Hops {
					mark := "official"
					if h.Basis != "official" {
						mark = "INFERRED BY NAME"
					}
					fmt.Fprintf(tw, "    %d. %s\t%s %s → %s %s\t%s\t%s\n", i+1, h.Date, h.FromCode, h.FromName, h.ToCode, h.ToName, mark, or(h.Resolution, "-"))
				}
				if err := tw.Flush(); err != nil {
					return err
				}
			}
			return nil
		}
	},
}

var auditCmd = &command{
	name:    "audit",
	args:    "[--from DATE --to DATE] [--json]",
	summary: "check transitions: no unit lost, no unit without origin",
	doc: `Checks the transition from the vintage of --from to that of --to: every unit
that ends reaches the new vintage with consistent shares, every unit that
starts has predecessors, codes are unique and parents valid on both days.
Without --from and --to, checks every transition the registry holds (each
day a unit version starts or ends, from the first day it is complete) and
lists the gaps: units the sources name but the registry holds without
lineage or not at all.
Notes (mentions in the official texts that are not units, decisions taken
where sources disagree, lineage inferred by name) are listed but are not
violations. Exit status 0 when nothing is violated, 1 otherwise.

Examples:
  dvhc audit
  dvhc audit --from 2025-06-30 --to 2025-07-01`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var from, to dateFlag
		fs.Var(&from, "from", "the day before the transition")
		fs.Var(&to, "to", "a day after the transition")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			if err := noArgs("audit", args); err != nil {
				return err
			}
			if from.d.IsZero() != to.d.IsZero() {
				return dvhc.Errorf(dvhc.EINVALID, "audit wants both --from and --to, or neither")
			}
			r, err := registryOf()
			if err != nil {
				return err
			}
			var reps []*registry.Report
			if !from.d.IsZero() {
				rep, err := r.Audit(from.date(), to.date())
				if err != nil {
					return err
				}
				reps = append(reps, rep)
			} else if reps, err = r.AuditAll(); err != nil {
				return err
			}
			ok := true
			for _, rep := range reps {
				ok = ok && rep.OK()
			}
			switch {
			case *asJSON && !from.d.IsZero():
				err = writeJSON(e.stdout, wire.NewAudit(reps[0]))
			case *asJSON:
				err = writeJSON(e.stdout, wire.NewAuditAll(r, reps))
			default:
				violations, notes := 0, 0
				for _, rep := range reps {
					printAudit(e, rep)
					violations += len(rep.Violations)
					notes += len(rep.Notes)
				}
				if from.d.IsZero() {
					fmt.Fprintf(e.stdout, "gaps (%d): units the sources name that the registry holds without lineage or not at all\n", len(r.Gaps()))
					for _, g := range r.Gaps() {
						fmt.Fprintf(e.stdout, "  %s %s %s: %s\n", g.Level, g.Code, g.Name, g.Reason)
					}
					fmt.Fprintf(e.stdout, "%d transitions: %d violations, %d notes\n", len(reps), violations, notes)
				}
			}
			if err == nil && !ok {
				return errFindings
			}
			return err
		}
	},
}

func printAudit(e *env, rep *registry.Report) {
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
