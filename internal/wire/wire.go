// Package wire defines the JSON shapes that the CLI, the HTTP API and the
// MCP server print and read: response types kept apart from the domain
// types, so that the domain can change without breaking the contract, and
// one converter for each. It is their only home (package api names them by
// aliases): wire.go the units, lineage and audit, answers.go the answers
// built from several packages (unit detail, lineage, location), convert.go
// the conversions, stats.go the statistics, api.go the API's lists,
// batches, uploads and problems.
//
// Dates are "YYYY-MM-DD". valid_to is the last day a unit is in force
// (inclusive), null while it is still in force; valid_from is null where
// the source does not record the start.
package wire

import (
	"runtime/debug"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// Unit is a unit version.
type Unit struct {
	Level        string   `json:"level"`
	Code         string   `json:"code"`
	Name         string   `json:"name"`
	ShortName    string   `json:"short_name"`
	Type         string   `json:"type"`
	NameEN       string   `json:"name_en,omitempty"`
	ParentCode   string   `json:"parent_code"`
	ProvinceCode string   `json:"province_code"`
	ValidFrom    *string  `json:"valid_from"`
	ValidTo      *string  `json:"valid_to"`
	AreaKm2      *float64 `json:"area_km2,omitempty"`
	Population   *int     `json:"population,omitempty"`
	AdminCentre  string   `json:"admin_centre,omitempty"`
	Point        *Point   `json:"point,omitempty"`
	Resolution   string   `json:"resolution,omitempty"`
	Region       string   `json:"region,omitempty"`
}

// Point is a WGS 84 position.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// NewUnit converts a domain unit version.
func NewUnit(u *dvhc.Unit) Unit {
	w := Unit{
		Level: u.Level.String(), Code: string(u.Code), Name: u.Name, ShortName: u.ShortName, Type: u.Type,
		NameEN: u.NameEN, ParentCode: string(u.Parent), ProvinceCode: string(u.Province),
		ValidFrom: date(u.Valid.From), ValidTo: date(u.Valid.Last()),
		AdminCentre: u.AdminCentre, Resolution: u.Resolution, Region: u.Region,
	}
	if u.AreaKm2 != 0 {
		a := u.AreaKm2
		w.AreaKm2 = &a
	}
	if u.Population != 0 {
		p := u.Population
		w.Population = &p
	}
	if !u.InnerPoint.IsZero() {
		w.Point = &Point{Lat: u.InnerPoint.Lat, Lon: u.InnerPoint.Lon}
	} else if !u.Point.IsZero() {
		w.Point = &Point{Lat: u.Point.Lat, Lon: u.Point.Lon}
	}
	return w
}

// Units converts a list of unit versions.
func Units(us []*dvhc.Unit) []Unit {
	out := make([]Unit, len(us))
	for i, u := range us {
		out[i] = NewUnit(u)
	}
	return out
}

func date(d dvhc.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// Link is a unit reached through lineage.
type Link struct {
	Unit
	Share string `json:"share"` // "whole" or "part"
	LinkWeight
	Note            string `json:"note"`                       // the official note(s) of the edges
	Event           string `json:"event,omitempty"`            // event of the edge nearest the starting unit's side
	EventResolution string `json:"event_resolution,omitempty"` // resolution of that event (the unit's own is resolution)
	Effective       string `json:"effective,omitempty"`
	Decision        string `json:"decision,omitempty"` // how a disagreement of sources was settled
	Steps           int    `json:"steps"`              // number of events walked
	// Basis is "official" when every edge walked is stated by an official
	// act or table, "inferred by name" when one of them was inferred.
	Basis string `json:"basis"`
	Hops  []Hop  `json:"hops,omitempty"` // the edges walked, in the direction of time
}

// Hop is one lineage edge of a Link's path.
type Hop struct {
	FromCode   string `json:"from_code"`
	FromName   string `json:"from_name"`
	ToCode     string `json:"to_code"`
	ToName     string `json:"to_name"`
	Date       string `json:"date"` // first day of the new version
	Share      string `json:"share"`
	Note       string `json:"note"`
	Event      string `json:"event"`
	Resolution string `json:"event_resolution,omitempty"`
	Basis      string `json:"basis"` // "official" or "inferred by name"
}

func basisOf(inferred bool) string {
	if inferred {
		return dvhc.BasisInferredByName
	}
	return "official"
}

// NewLinks converts lineage links.
func NewLinks(r *registry.Registry, ls []registry.Link) []Link {
	out := make([]Link, len(ls))
	for i, l := range ls {
		w := Link{Unit: NewUnit(l.Unit), Share: l.Share.String(), Note: l.Note(), Steps: len(l.Path), Basis: basisOf(l.Inferred())}
		w.LinkWeight = NewLinkWeight(l)
		for _, e := range l.Path {
			if e.Decision != "" {
				w.Decision = e.Decision
			}
			h := Hop{FromCode: string(e.From.Code), ToCode: string(e.To.Code), Date: e.To.From.String(),
				Share: e.Share.String(), Note: e.Note, Event: e.Event, Basis: basisOf(e.Inferred())}
			if u := r.Version(e.From); u != nil {
				h.FromName = u.Name
			}
			if u := r.Version(e.To); u != nil {
				h.ToName = u.Name
			}
			if ev := r.Event(e.Event); ev != nil {
				h.Resolution = ev.Resolution
				h.Date = ev.Operative.String()
			}
			w.Hops = append(w.Hops, h)
		}
		if len(l.Path) > 0 {
			if ev := r.Event(l.Path[0].Event); ev != nil {
				w.Event, w.EventResolution, w.Effective = ev.ID, ev.Resolution, ev.Operative.String()
			}
		}
		out[i] = w
	}
	return out
}

// Match is a search result.
type Match struct {
	Unit
	Match string `json:"match"` // "exact", "name", "prefix", "words" or "typo"
}

// NewMatches converts search results.
func NewMatches(ms []registry.Match) []Match {
	out := make([]Match, len(ms))
	for i, m := range ms {
		out[i] = Match{Unit: NewUnit(m.Unit), Match: m.Kind.String()}
	}
	return out
}

// Finding is an audit finding.
type Finding struct {
	Check   string `json:"check"`
	Level   string `json:"level,omitempty"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
}

// Audit is an audit report.
type Audit struct {
	From       string         `json:"from"`
	To         string         `json:"to"`
	OK         bool           `json:"ok"`
	Checked    map[string]int `json:"checked"`
	Violations []Finding      `json:"violations"`
	Notes      []Finding      `json:"notes"`
}

// NewAudit converts an audit report.
func NewAudit(rep *registry.Report) Audit {
	conv := func(fs []registry.Finding) []Finding {
		out := make([]Finding, 0, len(fs))
		for _, f := range fs {
			w := Finding{Check: f.Check, Code: string(f.Unit.Code), Message: f.Message}
			if f.Unit.Level.IsValid() {
				w.Level = f.Unit.Level.String()
			}
			out = append(out, w)
		}
		return out
	}
	return Audit{From: rep.From.String(), To: rep.To.String(), OK: rep.OK(), Checked: rep.Checked,
		Violations: conv(rep.Violations), Notes: conv(rep.Notes)}
}

// AuditAll is the audit of every transition of the registry, with its gaps.
type AuditAll struct {
	OK          bool    `json:"ok"`
	Transitions []Audit `json:"transitions"`
	Gaps        []Gap   `json:"gaps"`
}

// Gap is a unit the sources name that the registry holds without lineage
// (ended set) or not at all (ended null: its end date is not recorded).
type Gap struct {
	Level  string  `json:"level"`
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Ended  *string `json:"ended"` // first day no longer in force
	Reason string  `json:"reason"`
}

// NewAuditAll converts the reports of Registry.AuditAll.
func NewAuditAll(r *registry.Registry, reps []*registry.Report) AuditAll {
	out := AuditAll{OK: true, Transitions: make([]Audit, 0, len(reps)), Gaps: []Gap{}}
	for _, rep := range reps {
		out.OK = out.OK && rep.OK()
		out.Transitions = append(out.Transitions, NewAudit(rep))
	}
	for _, g := range r.Gaps() {
		out.Gaps = append(out.Gaps, Gap{Level: g.Level.String(), Code: string(g.Code), Name: g.Name, Ended: date(g.Ended), Reason: g.Reason})
	}
	return out
}

// Build is what a binary knows of itself.
type Build struct {
	Version  string `json:"version"`            // module version, "(devel)" when built from a checkout
	Commit   string `json:"commit,omitempty"`   // VCS revision, when stamped
	Modified bool   `json:"modified,omitempty"` // built from a modified checkout
}

// Coverage is what the registry holds for one level.
type Coverage struct {
	Level        string `json:"level"`
	CompleteFrom string `json:"complete_from"` // first day the registry is complete
	CheckedTo    string `json:"checked_to"`    // day up to which the sources were checked
	Basis        string `json:"basis"`
}

// Meta says which program answers and how current its data is.
type Meta struct {
	Build
	// DataDate is the day of the latest change the registry holds;
	// CheckedTo the day up to which its sources were checked (the earliest
	// of the levels). Days after CheckedTo are answered as if nothing
	// changed.
	DataDate  string     `json:"data_date"`
	CheckedTo string     `json:"checked_to"`
	Coverage  []Coverage `json:"coverage"`
	Units     int        `json:"units"`
	Events    int        `json:"events"`
}

// NewMeta describes the registry r served by the binary b.
func NewMeta(r *registry.Registry, b Build) Meta {
	m := Meta{Build: b, DataDate: r.DataDate().String(), CheckedTo: r.CheckedTo().String(),
		Units: len(r.Units()), Events: len(r.Events())}
	for _, c := range r.Coverage() {
		m.Coverage = append(m.Coverage, Coverage{Level: c.Level.String(), CompleteFrom: c.CompleteFrom.String(),
			CheckedTo: c.CheckedTo.String(), Basis: c.Basis})
	}
	return m
}

// CurrentBuild reads the module version and VCS commit stamped in the
// running binary.
func CurrentBuild() Build {
	b := Build{Version: "(devel)"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if v := bi.Main.Version; v != "" {
		b.Version = v
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}
