package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
		l = levelOfWidth(args[0])
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
