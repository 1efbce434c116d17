package main

import (
	"flag"
	"fmt"

	"github.com/dvhc-vn/dvhc/internal/wire"
)

var versionCmd = &command{
	name:    "version",
	args:    "[--json]",
	summary: "print the program's version and how current its data is",
	doc: `Prints the module version and the VCS commit the binary was built from, the
data date (the day of the latest change the registry holds), the day up to
which its sources were checked, and per level the first day from which the
registry is complete. Questions about days after the check date are answered
as if nothing changed since; questions about days before the complete date
are refused (exit status 2).

Example:
  dvhc version`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			if err := noArgs("version", args); err != nil {
				return err
			}
			r, err := registryOf()
			if err != nil {
				return err
			}
			m := wire.NewMeta(r, wire.CurrentBuild())
			if *asJSON {
				return writeJSON(e.stdout, m)
			}
			fmt.Fprintf(e.stdout, "dvhc %s\n", m.Version)
			if m.Commit != "" {
				fmt.Fprintf(e.stdout, "  commit        %s%s\n", m.Commit, map[bool]string{true: " (modified)"}[m.Modified])
			}
			fmt.Fprintf(e.stdout, "  data date     %s (latest change held)\n", m.DataDate)
			fmt.Fprintf(e.stdout, "  checked to    %s (sources checked up to this day)\n", m.CheckedTo)
			for _, c := range m.Coverage {
				fmt.Fprintf(e.stdout, "  %-13s complete from %s, checked to %s\n", c.Level, c.CompleteFrom, c.CheckedTo)
			}
			return nil
		}
	},
}
