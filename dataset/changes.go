package dataset

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset/changeset"
)

// Provenance maps the unit versions and edges that change sets created or
// ended to the row that did it.
type Provenance map[dvhc.Key]string

// Apply applies change sets to d, in order of date (rows of one date in
// file order), and returns where each version touched comes from. It
// checks each row against the data: the unit it changes is in force, its
// former name is the one given, a code that starts is free, an edge joins
// existing versions. The first row that breaks a rule is refused with a
// *changeset.Error; d is then partly changed and must be discarded. The audit
// of the resulting transitions is the registry's (registry.WithChanges).
func (d *Data) Apply(cs []changeset.Change) (Provenance, error) {
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(a, b changeset.Change) int { return a.Date.Compare(b.Date) })
	prov := Provenance{}
	events := map[string]int{}
	for i, e := range d.Events {
		events[e.ID] = i
	}
	created := map[string]bool{}
	// units the change sets add go after this prefix
	sorted := sortedPrefix(d.Units)
	for _, c := range cs {
		bad := func(rule, format string, args ...any) error {
			return &changeset.Error{Pos: c.Pos, Rule: rule, Message: fmt.Sprintf(format, args...)}
		}
		id := c.Date.String() + "/" + c.Level.String() + "s/" + c.Resolution
		if i, ok := events[id]; !ok {
			if c.Title == "" {
				return nil, bad("title", "the first row of event %s needs a title", id)
			}
			events[id] = len(d.Events)
			created[id] = true
			d.Events = append(d.Events, dvhc.Event{ID: id, Resolution: c.Resolution, Title: c.Title,
				Adopted: c.Adopted, Effective: c.Date, Operative: c.Date})
		} else if !created[id] {
			return nil, bad("already_applied", "event %s is in the data already", id)
		} else if c.Adopted != (dvhc.Date{}) && c.Adopted != d.Events[i].Adopted {
			return nil, bad("adopted", "%s, but an earlier row of event %s says %s", c.Adopted, id, d.Events[i].Adopted)
		}
		eve := c.Date.AddDays(-1)
		switch c.Action {
		case "change", "end":
			i := d.open(sorted, c.Level, c.Code)
			if i < 0 {
				return nil, bad("unit_in_force", "no %s %s is in force", c.Level, c.Code)
			}
			v := &d.Units[i]
			if !v.Valid.From.Before(c.Date) {
				return nil, bad("date_order", "%s %s %s starts on %s, not before %s", c.Level, c.Code, v.Name, v.Valid.From, c.Date)
			}
			if c.Was != "" && c.Was != v.Name {
				return nil, bad("was", "%s %s is %q, not %q", c.Level, c.Code, v.Name, c.Was)
			}
			v.Valid.To = c.Date
			prov[v.Key()] = c.Pos
			if c.Action == "end" {
				continue
			}
			nv := *v
			nv.Valid = dvhc.Interval{From: c.Date}
			nv.Resolution = c.Resolution
			if c.Type != "" {
				nv.Type = c.Type
				nv.NameEN = retypeEN(nv.NameEN, c.Type)
			}
			if c.Name != "" {
				nv.Name = c.Name
			}
			nv.ShortName = strings.TrimPrefix(nv.Name, nv.Type+" ")
			if c.Parent != "" {
				nv.Parent = c.Parent
			}
			note := c.Note
			if note == "" {
				note = changeNote(v, &nv)
			}
			d.Units = append(d.Units, nv)
			prov[nv.Key()] = c.Pos
			d.Edges = append(d.Edges, dvhc.Edge{From: v.Key(), To: nv.Key(), Share: dvhc.ShareWhole, Note: note, Event: id})
		case "start":
			if j := d.version(sorted, c.Level, c.Code, c.Date); j >= 0 {
				return nil, bad("unique_code", "%s code %s is %s on %s", c.Level, c.Code, d.Units[j].Name, c.Date)
			}
			u := dvhc.Unit{Level: c.Level, Code: c.Code, Name: c.Name, Type: c.Type, ShortName: strings.TrimPrefix(c.Name, c.Type+" "),
				Parent: c.Parent, Valid: dvhc.Interval{From: c.Date}, Resolution: c.Resolution}
			switch {
			case c.Level == dvhc.LevelProvince:
				u.Province, u.Parent = c.Code, ""
			case dvhc.LevelOfCode(string(c.Parent)) == dvhc.LevelProvince:
				u.Province = c.Parent
			default:
				j := d.version(sorted, dvhc.LevelDistrict, c.Parent, c.Date)
				if j < 0 {
					return nil, bad("parent_valid", "no district %s in force on %s", c.Parent, c.Date)
				}
				u.Province = d.Units[j].Province
			}
			if j := d.version(sorted, dvhc.LevelProvince, u.Province, c.Date); j < 0 {
				return nil, bad("parent_valid", "no province %s in force on %s", u.Province, c.Date)
			}
			d.Units = append(d.Units, u)
			prov[u.Key()] = c.Pos
		case "edge":
			i := d.version(sorted, c.Level, c.Code, eve)
			if i < 0 {
				return nil, bad("edge_source", "no %s %s in force on %s", c.Level, c.Code, eve)
			}
			j := d.version(sorted, c.Level, c.ToCode, c.Date)
			if j < 0 || d.Units[j].Valid.From != c.Date {
				return nil, bad("edge_target", "no %s %s starts on %s (a unit the change sets start or change)", c.Level, c.ToCode, c.Date)
			}
			if d.Units[i].Valid.To != c.Date {
				return nil, bad("edge_source", "%s %s %s does not end on %s: end or change it first", c.Level, c.Code, d.Units[i].Name, eve)
			}
			d.Edges = append(d.Edges, dvhc.Edge{From: d.Units[i].Key(), To: d.Units[j].Key(), Share: c.Share, Note: c.Note, Event: id})
		}
	}
	return prov, nil
}

// open returns the index of the version of (l, c) without an end, or -1;
// d.Units[:sorted] is sorted by level and code.
func (d *Data) open(sorted int, l dvhc.Level, c dvhc.Code) int {
	return d.find(sorted, l, c, func(u *dvhc.Unit) bool { return u.Valid.To.IsZero() })
}

// version returns the index of the version of (l, c) in force on day at,
// or -1; d.Units[:sorted] is sorted by level and code.
func (d *Data) version(sorted int, l dvhc.Level, c dvhc.Code, at dvhc.Date) int {
	return d.find(sorted, l, c, func(u *dvhc.Unit) bool { return u.ValidAt(at) })
}

// find returns the first index of a version of (l, c) that ok accepts, or
// -1: by binary search in d.Units[:sorted], sorted by level and code (as
// Load reads them), then through the rest.
func (d *Data) find(sorted int, l dvhc.Level, c dvhc.Code, ok func(*dvhc.Unit) bool) int {
	i := sort.Search(sorted, func(i int) bool { return cmpLevelCode(&d.Units[i], l, c) >= 0 })
	for ; i < sorted && d.Units[i].Level == l && d.Units[i].Code == c; i++ {
		if ok(&d.Units[i]) {
			return i
		}
	}
	for i := sorted; i < len(d.Units); i++ {
		if u := &d.Units[i]; u.Code == c && u.Level == l && ok(u) {
			return i
		}
	}
	return -1
}

// sortedPrefix returns the length of the longest prefix of us sorted by
// level and code.
func sortedPrefix(us []dvhc.Unit) int {
	for i := 1; i < len(us); i++ {
		if cmpLevelCode(&us[i], us[i-1].Level, us[i-1].Code) < 0 {
			return i
		}
	}
	return len(us)
}

func cmpLevelCode(u *dvhc.Unit, l dvhc.Level, c dvhc.Code) int {
	if u.Level != l {
		return int(u.Level) - int(l)
	}
	return u.Code.Compare(c)
}

// changeNote words the note of a version change as the government's
// table does.
func changeNote(old, nw *dvhc.Unit) string {
	var parts []string
	if old.Name != nw.Name && strings.TrimPrefix(old.Name, old.Type+" ") != nw.ShortName {
		parts = append(parts, "Đổi tên")
	}
	if old.Type != nw.Type {
		parts = append(parts, "Đổi loại hình")
	}
	if old.Parent != nw.Parent {
		parts = append(parts, "Đổi đơn vị cấp trên")
	}
	if len(parts) == 0 {
		return "Giữ nguyên"
	}
	return strings.Join(parts, ", ")
}

// retypeEN changes the English type word at the end of a name.
func retypeEN(en, typ string) string {
	word := map[string]string{"Phường": "Ward", "Xã": "Commune", "Thành phố": "City", "Tỉnh": "Province"}[typ]
	if i := strings.LastIndexByte(en, ' '); i > 0 && word != "" {
		return en[:i+1] + word
	}
	return en
}
