// Package changeset reads change sets: CSV files that describe legal
// events on top of dvhc's dataset, one action per row (the format is
// documented in dataset/sources/changes/README.md). Package dataset applies
// them; this package only parses and checks each row on its own.
package changeset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// Columns are the columns of a change set, in the documented order;
// a file may order them freely and leave out the optional ones (all but
// date, resolution, action, level and code).
var Columns = []string{"date", "resolution", "adopted", "action", "level", "code", "was", "name", "type",
	"parent", "to_code", "share", "note", "title"}

// Change is one row of a change set.
type Change struct {
	Pos        string    // "file.csv:LINE", for messages
	Date       dvhc.Date // first day of the new state
	Resolution string
	Adopted    dvhc.Date
	// Action is "change" (the unit in force becomes a new version: name,
	// type or parent), "end" (the unit in force ends on the eve of Date),
	// "start" (a new unit starts on Date) or "edge" (a lineage edge from
	// the unit in force on the eve to the unit ToCode starting on Date).
	Action string
	Level  dvhc.Level
	Code   dvhc.Code
	Was    string // the name in force before, checked when given
	Name   string
	Type   string
	Parent dvhc.Code
	ToCode dvhc.Code
	Share  dvhc.Share
	Note   string // the lineage note
	Title  string // the event's title
}

// Error is a change-set row that cannot be applied: the row, the
// rule it breaks and why.
type Error struct {
	Pos, Rule, Message string
}

func (e *Error) Error() string { return e.Pos + ": " + e.Rule + ": " + e.Message }

// MaxRows bounds the rows read from one change-set file, MaxBytes its
// size.
const (
	MaxRows  = 100_000
	MaxBytes = 32 << 20
)

// limited fails a read past MaxBytes.
type limited struct {
	r io.Reader
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("larger than %d bytes", MaxBytes)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// Parse reads one change-set file; name is used in positions.
func Parse(name string, r io.Reader) ([]Change, error) {
	cr := csv.NewReader(&limited{r: r, n: MaxBytes})
	cr.Comment = '#'
	head, err := cr.Read()
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "%s:1: header: %v", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !slices.Contains(Columns, h) {
			return nil, dvhc.Errorf(dvhc.EINVALID, "%s:1: header: unknown column %q (want %s)", name, h, strings.Join(Columns, ", "))
		}
		col[h] = i
	}
	for _, h := range []string{"date", "resolution", "action", "level", "code"} {
		if _, ok := col[h]; !ok {
			return nil, dvhc.Errorf(dvhc.EINVALID, "%s:1: header: missing column %q", name, h)
		}
	}
	var out []Change
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, dvhc.Errorf(dvhc.EINVALID, "%s:%d: %v", name, line, err)
		}
		line, _ := cr.FieldPos(0)
		if len(out) >= MaxRows {
			return nil, dvhc.Errorf(dvhc.EINVALID, "%s:%d: more than %d rows", name, line, MaxRows)
		}
		get := func(h string) string {
			if i, ok := col[h]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		c := Change{Pos: fmt.Sprintf("%s:%d", name, line), Resolution: get("resolution"), Action: get("action"),
			Was: get("was"), Name: get("name"), Type: get("type"), Note: get("note"), Title: get("title")}
		bad := func(field string, err error) error {
			return &Error{Pos: c.Pos, Rule: field, Message: err.Error()}
		}
		if c.Date, err = dvhc.ParseDate(get("date")); err != nil {
			return nil, bad("date", err)
		}
		if s := get("adopted"); s != "" {
			if c.Adopted, err = dvhc.ParseDate(s); err != nil {
				return nil, bad("adopted", err)
			}
		}
		if c.Level, err = dvhc.ParseLevel(get("level")); err != nil {
			return nil, bad("level", err)
		}
		if c.Code, err = dvhc.ParseCode(c.Level, get("code")); err != nil {
			return nil, bad("code", err)
		}
		if c.Resolution == "" {
			return nil, bad("resolution", errors.New("empty: every change names its legal act"))
		}
		switch c.Action {
		case "change":
			if c.Name == "" && c.Type == "" && get("parent") == "" {
				return nil, bad("name", errors.New("a change sets at least one of name, type, parent"))
			}
		case "end":
		case "start":
			if c.Name == "" || c.Type == "" {
				return nil, bad("name", errors.New("a unit that starts needs a name and a type"))
			}
			if c.Level != dvhc.LevelProvince && get("parent") == "" {
				return nil, bad("parent", errors.New("a unit that starts below a province needs a parent"))
			}
		case "edge":
			if c.ToCode, err = dvhc.ParseCode(c.Level, get("to_code")); err != nil {
				return nil, bad("to_code", err)
			}
			if c.Share, err = dvhc.ParseShare(get("share")); err != nil {
				return nil, bad("share", err)
			}
		default:
			return nil, bad("action", fmt.Errorf("unknown action %q (want change, end, start or edge)", c.Action))
		}
		if p := get("parent"); p != "" {
			if _, c.Parent, err = dvhc.ParseContainerCode(p); err != nil {
				return nil, bad("parent", err)
			}
		}
		out = append(out, c)
	}
}

// Read reads every *.csv file of the folder dir of fsys, in order
// of name. Positions name the files as dir/file.csv.
func Read(fsys fs.FS, dir string) ([]Change, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "change sets: %v", err)
	}
	var out []Change
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".csv") {
			continue
		}
		f, err := fsys.Open(path.Join(dir, e.Name()))
		if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "change sets: %v", err)
		}
		cs, err := Parse(path.Join(dir, e.Name()), f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}
