// Package dataset is dvhc's embedded, compiled dataset of Vietnam's
// administrative units: both vintages around the 2025-07-01 reform, the
// lineage between them, the communes merged in 2024–2025 before it (with
// lineage inferred by name), the changes since, and what the data covers.
//
// The files in data/ are generated from the sources in sources/ (copied,
// with their licences and provenance, from the public datasets credited in
// sources/README.md and NOTICE) by "go generate ./dataset"; a test fails if
// they are not up to date. The changes since the reform are change sets
// (sources/changes, package changeset), applied by Load as a user's own
// would be (Data.Apply). Importing this package adds about 2.9 MB to a
// binary. Load parses it in a few milliseconds; most programs want
// registry.Default, which calls Load once.
package dataset

//go:generate go run ./internal/compile/gen -src sources -out data

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset/changeset"
	"github.com/dvhc-vn/dvhc/dataset/internal/pack"
)

// The generated files, embedded as strings so that parsed fields can be
// substrings of them without copying. The units and edges are read from
// their binary form (package pack), written beside their TSV: a process
// starts without parsing their text.
var (
	//go:embed data/units.bin
	unitsBin string
	//go:embed data/edges.bin
	edgesBin string
	//go:embed data/events.tsv
	eventsTSV string
	//go:embed data/aliases.tsv
	aliasesTSV string
	//go:embed data/texts.tsv
	textsTSV string
	//go:embed data/unresolved.tsv
	unresolvedTSV string
	//go:embed data/gaps.tsv
	gapsTSV string
	//go:embed data/coverage.tsv
	coverageTSV string
	// The change sets since the reform, applied by Load.
	//go:embed sources/changes/*.csv
	changeSets embed.FS
)

// Data is the whole dataset as domain values.
type Data struct {
	Units   []dvhc.Unit
	Edges   []dvhc.Edge
	Events  []dvhc.Event
	Aliases []dvhc.FormerName
	// Texts holds the official "before merger" texts of the communes created
	// on 2025-07-01, by new commune code, oldest snapshot first (the
	// snapshot days are those of texts.tsv's header).
	Texts map[dvhc.Code][]dvhc.FormationText
	// Unresolved lists the items of the official texts that are not
	// administrative units (a firing range, an alluvial area, hamlets).
	Unresolved []Mention
	// Gaps lists the units the sources name but the registry cannot hold
	// fully: an end date or a successor not recorded.
	Gaps []Gap
	// Coverage states, per level, from which day the data is complete and
	// up to which day its sources were checked.
	Coverage []dvhc.Coverage
}

// Gap is a unit known to the sources that the registry holds without
// lineage (Ended set: a version without successor) or not at all (Ended
// zero: its end date is not recorded).
type Gap struct {
	Level  dvhc.Level
	Code   dvhc.Code
	Name   string
	Ended  dvhc.Date // first day no longer in force; zero if unknown
	Reason string
}

// Mention is an item of a new commune's official predecessor text that
// names no administrative unit.
type Mention struct {
	Code     dvhc.Code // the new commune whose text has the item
	Snapshot string    // date of the text snapshot
	Mention  string    // the item, verbatim
	Reason   string
}

// textSnapshots returns the snapshot days of texts.tsv's text columns,
// named text_YYYY_MM_DD in its header.
func textSnapshots(s string) ([]dvhc.Date, error) {
	for l := range strings.Lines(s) {
		if strings.HasPrefix(l, "#") {
			continue
		}
		var days []dvhc.Date
		for _, col := range strings.Split(strings.TrimSpace(l), "\t")[1:] {
			d, ok := strings.CutPrefix(col, "text_")
			day, err := dvhc.ParseDate(strings.ReplaceAll(d, "_", "-"))
			if !ok || err != nil {
				return nil, fmt.Errorf("texts.tsv: column %q is not text_YYYY_MM_DD", col)
			}
			days = append(days, day)
		}
		return days, nil
	}
	return nil, fmt.Errorf("texts.tsv: no header")
}

// Load parses the embedded dataset. Each call returns fresh slices.
func Load() (*Data, error) { return load(true) }

// LoadWithoutTexts is Load but for Data.Texts, left nil: the official
// predecessor texts are a sixth of the data, and a program that may not
// need them (a converter) parses them on first use with Texts.
func LoadWithoutTexts() (*Data, error) { return load(false) }

// Texts parses the official predecessor texts alone, as Load fills
// Data.Texts. Each call returns a fresh map.
func Texts() (map[dvhc.Code][]dvhc.FormationText, error) {
	ts, err := parseTexts()
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINTERNAL, "dataset: %v", err)
	}
	return ts, nil
}

func parseTexts() (map[dvhc.Code][]dvhc.FormationText, error) {
	snaps, err := textSnapshots(textsTSV)
	if err != nil {
		return nil, err
	}
	texts := make(map[dvhc.Code][]dvhc.FormationText, lines(textsTSV))
	err = each("texts.tsv", textsTSV, 1+len(snaps), func(f []string) error {
		var ts []dvhc.FormationText
		for i, t := range f[1:] {
			if t != "" {
				ts = append(ts, dvhc.FormationText{Snapshot: snaps[i], Text: t})
			}
		}
		texts[dvhc.Code(f[0])] = ts
		return nil
	})
	return texts, err
}

func load(withTexts bool) (*Data, error) {
	cs, err := embeddedChanges()
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINTERNAL, "dataset: %v", err)
	}
	// room for what the change sets add, so that applying them copies nothing
	d := &Data{
		Units:   make([]dvhc.Unit, 0, pack.Len(unitsBin)+len(cs)),
		Edges:   make([]dvhc.Edge, 0, pack.Len(edgesBin)+len(cs)),
		Aliases: make([]dvhc.FormerName, 0, lines(aliasesTSV)),
	}
	// The units (half of the data) are read on another core meanwhile:
	// a cold start waits for the slower half only. An error of the units
	// is reported first, as if they had been read first.
	unitsDone := make(chan error, 1)
	go func() {
		var err error
		d.Units, err = pack.ReadUnits(unitsBin, d.Units)
		if err != nil {
			err = fmt.Errorf("units.bin: %w", err)
		}
		unitsDone <- err
	}()
	dates := dateCache{}
	d.Edges, err = pack.ReadEdges(edgesBin, d.Edges)
	if err != nil {
		err = fmt.Errorf("edges.bin: %w", err)
	}
	if err == nil {
		err = each("events.tsv", eventsTSV, 6, func(f []string) error {
			var e dvhc.Event
			e.ID, e.Resolution, e.Title = f[0], f[1], f[5]
			err := firstErr(dates.parse(f[2], &e.Adopted), dates.parse(f[3], &e.Effective), dates.parse(f[4], &e.Operative))
			d.Events = append(d.Events, e)
			return err
		})
	}
	if err == nil {
		err = each("aliases.tsv", aliasesTSV, 8, func(f []string) error {
			l, err := dvhc.ParseLevel(f[0])
			d.Aliases = append(d.Aliases, dvhc.FormerName{Level: l, Code: dvhc.Code(f[1]), SplitFrom: f[2] == "split_from",
				FormerType: f[3], Key: f[4], Year: f[5], Default: f[6] == "yes", Source: f[7]})
			return err
		})
	}
	if err == nil && withTexts {
		d.Texts, err = parseTexts()
	}
	if err == nil {
		err = each("unresolved.tsv", unresolvedTSV, 4, func(f []string) error {
			d.Unresolved = append(d.Unresolved, Mention{Code: dvhc.Code(f[0]), Snapshot: f[1], Mention: f[2], Reason: f[3]})
			return nil
		})
	}
	if err == nil {
		err = each("gaps.tsv", gapsTSV, 5, func(f []string) error {
			g := Gap{Code: dvhc.Code(f[1]), Name: f[2], Reason: f[4]}
			l, err := dvhc.ParseLevel(f[0])
			g.Level = l
			d.Gaps = append(d.Gaps, g)
			return firstErr(err, dates.parse(f[3], &d.Gaps[len(d.Gaps)-1].Ended))
		})
	}
	if err == nil {
		err = each("coverage.tsv", coverageTSV, 4, func(f []string) error {
			c := dvhc.Coverage{Basis: f[3]}
			l, err := dvhc.ParseLevel(f[0])
			c.Level = l
			err = firstErr(err, dates.parse(f[1], &c.CompleteFrom), dates.parse(f[2], &c.CheckedTo))
			d.Coverage = append(d.Coverage, c)
			return err
		})
	}
	if uerr := <-unitsDone; uerr != nil {
		err = uerr
	}
	if err == nil {
		_, err = d.Apply(cs)
	}
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINTERNAL, "dataset: %v", err)
	}
	return d, nil
}

// each calls fn with the fields of every data line of the named file. The
// fields are substrings of the embedded file where nothing was escaped.
func each(name, s string, n int, fn func([]string) error) error {
	fields := make([]string, n)
	line := 0
	header := true
	for len(s) > 0 {
		line++
		end := strings.IndexByte(s, '\n')
		if end < 0 {
			end = len(s)
		}
		l := s[:end]
		s = s[min(end+1, len(s)):]
		if strings.HasPrefix(l, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		i := 0
		for ; i < n-1; i++ {
			j := strings.IndexByte(l, '\t')
			if j < 0 {
				return fmt.Errorf("%s:%d: %d fields, want %d", name, line, i+1, n)
			}
			fields[i], l = unescape(l[:j]), l[j+1:]
		}
		if strings.IndexByte(l, '\t') >= 0 {
			return fmt.Errorf("%s:%d: more than %d fields", name, line, n)
		}
		fields[i] = unescape(l)
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return nil
}

var unescaper = strings.NewReplacer(`\\`, "\\", `\t`, "\t", `\n`, "\n", `\r`, "\r")

func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	return unescaper.Replace(s)
}

// dateCache parses each distinct date once; the dataset has a handful.
type dateCache map[string]dvhc.Date

func (c dateCache) parse(s string, d *dvhc.Date) error {
	if v, ok := c[s]; ok {
		*d = v
		return nil
	}
	if err := d.UnmarshalText([]byte(s)); err != nil {
		return err
	}
	c[s] = *d
	return nil
}

// lines counts the lines of s, an upper bound of its records.
func lines(s string) int { return strings.Count(s, "\n") }

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// embeddedChanges reads the shipped change sets (sources/changes).
func embeddedChanges() ([]changeset.Change, error) {
	sub, err := fs.Sub(changeSets, "sources")
	if err != nil {
		return nil, err
	}
	return changeset.Read(sub, "changes")
}
