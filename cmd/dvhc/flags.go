package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// dateFlag is a flag.Value holding a date; unset, it is today.
type dateFlag struct{ d dvhc.Date }

func (f *dateFlag) String() string { return f.d.String() }
func (f *dateFlag) Set(s string) error {
	d, err := dvhc.ParseDate(s)
	f.d = d
	return err
}

// date returns the date, today when the flag was not set.
func (f *dateFlag) date() dvhc.Date {
	if f.d.IsZero() {
		return dvhc.Today()
	}
	return f.d
}

// levelFlag is a flag.Value holding a level; unset, it is zero.
type levelFlag struct{ l dvhc.Level }

func (f *levelFlag) String() string {
	if f.l == 0 {
		return ""
	}
	return f.l.String()
}
func (f *levelFlag) Set(s string) error {
	l, err := dvhc.ParseLevel(s)
	f.l = l
	return err
}

// or returns the level, def when unset.
func (f *levelFlag) or(def dvhc.Level) dvhc.Level {
	if f.l == 0 {
		return def
	}
	return f.l
}

func atFlag(fs *flag.FlagSet, f *dateFlag) {
	fs.Var(f, "at", "the date the question is asked for, YYYY-MM-DD (default today)")
}

func levelVar(fs *flag.FlagSet, f *levelFlag, def string) {
	fs.Var(f, "level", "province, district or commune"+def)
}

// changesDir is the folder of change sets given by --changes, "" for none;
// Run sets it.
var changesDir string

// registryOf returns the registry the commands answer from: the embedded
// one, with the change sets of --changes applied.
func registryOf() (*registry.Registry, error) {
	if changesDir == "" {
		return registry.Default()
	}
	dir := filepath.Clean(changesDir) // positions name the folder: "changes/2026-09-20.csv:4"
	return registry.WithChanges(os.DirFS(filepath.Dir(dir)), filepath.Base(dir))
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// unitTable prints units as aligned text, one per line.
func unitTable(w io.Writer, us []*dvhc.Unit, extra func(i int) string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, u := range us {
		valid := u.Valid.From.String()
		if valid == "" {
			valid = "…"
		}
		valid += " – " + u.Valid.Last().String()
		parent := ""
		if u.Parent != "" {
			parent = "in " + string(u.Parent)
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s", u.Level, u.Code, u.Name, parent, strings.TrimSpace(valid))
		if extra != nil {
			line += "\t" + extra(i)
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

// codeArg parses the single positional code argument for level l.
func codeArg(args []string, l dvhc.Level, what string) (dvhc.Code, error) {
	if len(args) != 1 {
		return "", dvhc.Errorf(dvhc.EINVALID, "want one %s, got %d arguments", what, len(args))
	}
	return dvhc.ParseCode(l, args[0])
}

// unitArg looks up the unit named by the single CODE argument on day at;
// level l defaults to the level of the code's width.
func unitArg(args []string, l dvhc.Level, at dvhc.Date) (*registry.Registry, *dvhc.Unit, error) {
	if l == 0 && len(args) == 1 {
		l = dvhc.LevelOfCode(args[0])
	}
	c, err := codeArg(args, l, "CODE")
	if err != nil {
		return nil, nil, err
	}
	r, err := registryOf()
	if err != nil {
		return nil, nil, err
	}
	u, err := r.Lookup(l, c, at)
	return r, u, err
}

// parseFlags parses args with fs, accepting flags anywhere among the
// positional arguments, as everyday Unix tools do: `search "thong nhat"
// --limit 30` is `search --limit 30 "thong nhat"`. "--" ends the flags: what
// follows is positional even if it starts with "-". A lone "-" (standard
// input) and negative numbers (-33.9) are positional. It returns the
// positional arguments in order.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(pos, args[i+1:]...), nil
		}
		if !isFlag(a) {
			pos = append(pos, a)
			continue
		}
		// One flag, with its value when it takes one and has no "=".
		chunk := args[i : i+1]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
			chunk = args[i : i+2]
			i++
		}
		if err := fs.Parse(chunk); err != nil {
			return nil, err
		}
	}
	return pos, nil
}

// isFlag tells an argument that names a flag: it starts with "-", is not
// "-" alone and is not a number.
func isFlag(a string) bool {
	if len(a) < 2 || a[0] != '-' {
		return false
	}
	_, err := strconv.ParseFloat(a, 64)
	return err != nil
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// flagSet tells whether the flag name was given on the command line (even
// with an empty value).
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// plural returns "n word" with an English plural s when n is not 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// noArgs refuses the arguments given to the command name, which takes
// only flags.
func noArgs(name string, args []string) error {
	if len(args) > 0 {
		return dvhc.Errorf(dvhc.EINVALID, "%s takes no arguments, got %q", name, args[0])
	}
	return nil
}
