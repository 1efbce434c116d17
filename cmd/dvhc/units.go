package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
)

var listCmd = &command{
	name:    "list",
	args:    "[--level L] [--at DATE] [--in CODE] [--json]",
	summary: "list the units in force on a date",
	doc: `Prints the units in force on --at (default today), optionally of one level
and inside one province (2-digit code) or district (3-digit code). With
--json, a JSON array of units.

Examples:
  dvhc list --level province --at 2025-06-30          # the 63 old provinces
  dvhc list --level commune --in 01 --json            # communes of Hà Nội today`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var level levelFlag
		var at dateFlag
		levelVar(fs, &level, " (default every level)")
		atFlag(fs, &at)
		in := fs.String("in", "", "only units inside this province or district `CODE`")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			if err := noArgs("list", args); err != nil {
				return err
			}
			r, err := registryOf()
			if err != nil {
				return err
			}
			f := registry.Filter{Level: level.l}
			if *in != "" {
				l, c, err := dvhc.ParseContainerCode(*in)
				if err != nil {
					return err
				}
				if _, err := r.Lookup(l, c, at.date()); err != nil {
					return err
				}
				f.In = c
			}
			if err := r.Covers(level.l, at.date()); err != nil {
				return err
			}
			us := r.At(at.date(), f)
			if *asJSON {
				return writeJSON(e.stdout, wire.Units(us))
			}
			return unitTable(e.stdout, us, nil)
		}
	},
}

var lookupCmd = &command{
	name:    "lookup",
	args:    "[--level L] [--at DATE] [--json] CODE",
	summary: "show the unit that a code names on a date",
	doc: `A code means nothing without its date: commune 00004 is Phường Trúc Bạch
until 2025-06-30 and Phường Ba Đình from 2025-07-01. --level defaults to the
level of the code's width (2 province, 3 district, 5 commune).

Examples:
  dvhc lookup --at 2025-06-30 00004
  dvhc lookup --level province --at 2026-05-01 --json 75`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var level levelFlag
		var at dateFlag
		levelVar(fs, &level, " (default from the code's width)")
		atFlag(fs, &at)
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			r, u, err := unitArg(args, level.l, at.date())
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(e.stdout, wire.NewUnit(u))
			}
			return printUnit(e, r, u, at.date())
		}
	},
}

func printUnit(e *env, r *registry.Registry, u *dvhc.Unit, at dvhc.Date) error {
	w := e.stdout
	if u.NameEN != "" {
		fmt.Fprintf(w, "%s %s  %s (%s)\n", u.Level, u.Code, u.Name, u.NameEN)
	} else {
		fmt.Fprintf(w, "%s %s  %s\n", u.Level, u.Code, u.Name)
	}
	from, to := u.Valid.From.String(), u.Valid.Last().String()
	fmt.Fprintf(w, "  in force   %s – %s\n", or(from, "…"), or(to, "today"))
	if p, _ := r.Parent(u, at); p != nil {
		fmt.Fprintf(w, "  in         %s %s\n", p.Code, p.Name)
	}
	if u.Level != dvhc.LevelProvince && u.Parent != u.Province {
		if p, _ := r.Province(u, at); p != nil {
			fmt.Fprintf(w, "  province   %s %s\n", p.Code, p.Name)
		}
	}
	if u.AdminCentre != "" {
		fmt.Fprintf(w, "  seat       %s\n", u.AdminCentre)
	}
	if u.AreaKm2 != 0 || u.Population != 0 {
		fmt.Fprintf(w, "  area       %.2f km², population %d\n", u.AreaKm2, u.Population)
	}
	if u.Resolution != "" {
		fmt.Fprintf(w, "  by         %s\n", u.Resolution)
	}
	return nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

var searchCmd = &command{
	name:    "search",
	args:    "[--level L] [--at DATE] [--limit N] [--json] TEXT",
	summary: "find units by name (folds case, tones and đ; tolerates a typo)",
	doc: `Exact matches of the full name come first, then the name without its type,
then names starting with the text, names containing all its words, and
names one letter off.

Examples:
  dvhc search --at 2025-06-30 "buon ma thuot"
  dvhc search --level commune "ba dinh"`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var level levelFlag
		var at dateFlag
		levelVar(fs, &level, " (default every level)")
		atFlag(fs, &at)
		limit := fs.Int("limit", 10, "at most `N` results")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			text := strings.TrimSpace(strings.Join(args, " "))
			if text == "" {
				return dvhc.Errorf(dvhc.EINVALID, "search wants a TEXT")
			}
			r, err := registryOf()
			if err != nil {
				return err
			}
			if err := r.Covers(level.l, at.date()); err != nil {
				return err
			}
			ms := r.Search(registry.Query{Text: text, At: at.date(), Level: level.l, Limit: *limit})
			if *asJSON {
				return writeJSON(e.stdout, wire.NewMatches(ms))
			}
			if len(ms) == 0 {
				return dvhc.Errorf(dvhc.ENOTFOUND, "no unit named %q on %s", text, at.date())
			}
			us := make([]*dvhc.Unit, len(ms))
			for i, m := range ms {
				us[i] = m.Unit
			}
			return unitTable(e.stdout, us, func(i int) string { return ms[i].Kind.String() })
		}
	},
}
