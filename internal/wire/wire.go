// Package wire defines the JSON shapes that the CLI and the HTTP API print:
// response types kept apart from the domain types, so that the domain can
// change without breaking the contract, and one converter for each.
//
// Dates are "YYYY-MM-DD". valid_to is the last day a unit is in force
// (inclusive), null while it is still in force; valid_from is null where
// the source does not record the start.
package wire

import (
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
	LinkWeight
	Share      string `json:"share"`           // "whole" or "part"
	Note       string `json:"note"`            // the official note(s) of the edges
	Event      string `json:"event,omitempty"` // event of the edge nearest the starting unit's side
	Resolution string `json:"event_resolution,omitempty"`
	Effective  string `json:"effective,omitempty"`
	Decision   string `json:"decision,omitempty"` // how a disagreement of sources was settled
	Steps      int    `json:"steps"`              // number of events walked
}

// NewLinks converts lineage links.
func NewLinks(r *registry.Registry, ls []registry.Link) []Link {
	out := make([]Link, len(ls))
	for i, l := range ls {
		w := Link{Unit: NewUnit(l.Unit), Share: l.Share.String(), Note: l.Note(), Steps: len(l.Path)}
		w.LinkWeight = NewLinkWeight(l)
		for _, e := range l.Path {
			if e.Decision != "" {
				w.Decision = e.Decision
			}
		}
		if len(l.Path) > 0 {
			if ev := r.Event(l.Path[0].Event); ev != nil {
				w.Event, w.Resolution, w.Effective = ev.ID, ev.Resolution, ev.Operative.String()
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
