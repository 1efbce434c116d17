package registry

import (
	"fmt"

	"github.com/dvhc-vn/dvhc"
)

// Finding is one result of an audit.
type Finding struct {
	Check   string   // the rule: "reaches_new", "has_predecessors", "unique_code", "parent_valid", "shares", "unresolved_mention", "decision", "lineage_unknown", "inferred"
	Unit    dvhc.Key // the unit concerned, if any
	Message string   // for people
}

// Report is the result of Audit.
type Report struct {
	From, To dvhc.Date
	// Checked counts the unit versions examined per rule.
	Checked map[string]int
	// Violations break a rule; the transition is sound when there are none.
	Violations []Finding
	// Notes are facts a reviewer should know that break no rule: mentions
	// in the official texts that are not units, decisions between sources.
	Notes []Finding
}

// OK reports whether the audit found no violation.
func (rep *Report) OK() bool { return len(rep.Violations) == 0 }

// Audit checks the transition from the vintage of day from to that of day
// to (from before to): every unit that ends reaches the new vintage and
// the shares of its edges agree (one successor: whole; several: all part),
// every unit that starts has predecessors, codes are unique on both days
// and every unit has a valid parent on both days. "No area left
// unattended."
func (r *Registry) Audit(from, to dvhc.Date) (*Report, error) {
	if !from.Before(to) {
		return nil, dvhc.Errorf(dvhc.EINVALID, "audit: --from %s must be before --to %s", from, to)
	}
	if err := r.Covers(0, from); err != nil {
		return nil, err
	}
	rep := &Report{From: from, To: to, Checked: map[string]int{}}
	bad := func(check string, u *dvhc.Unit, format string, args ...any) {
		f := Finding{Check: check, Message: fmt.Sprintf(format, args...)}
		if u != nil {
			f.Unit = u.Key()
		}
		rep.Violations = append(rep.Violations, f)
	}
	for _, day := range []dvhc.Date{from, to} {
		seen := map[parentKey]bool{}
		for _, u := range r.At(day, Filter{}) {
			rep.Checked["unique_code"]++
			k := parentKey{u.Level, u.Code}
			if seen[k] {
				bad("unique_code", u, "%s code %s is used twice on %s", u.Level, u.Code, day)
			}
			seen[k] = true
			rep.Checked["parent_valid"]++
			if u.Level != dvhc.LevelProvince {
				if p, err := r.Parent(u, day); err != nil || p.Level >= u.Level {
					bad("parent_valid", u, "%s %s %s has no valid parent %s on %s", u.Level, u.Code, u.Name, u.Parent, day)
				}
			}
			if _, err := r.Province(u, day); err != nil {
				bad("parent_valid", u, "%s %s %s has no valid province %s on %s", u.Level, u.Code, u.Name, u.Province, day)
			}
		}
	}
	inferred := 0
	for _, u := range r.At(from, Filter{}) {
		if u.ValidAt(to) {
			continue
		}
		rep.Checked["reaches_new"]++
		links, err := r.Successors(u, to)
		if g := r.gap(u.Level, u.Code, u.Valid.To); g != nil && err == nil && len(links) == 0 {
			rep.Notes = append(rep.Notes, Finding{Check: "lineage_unknown", Unit: u.Key(),
				Message: fmt.Sprintf("%s %s %s: %s", u.Code, u.Name, g.Reason, "kept as a version without successor (a decision, not a violation)")})
			continue
		}
		if err != nil || len(links) == 0 {
			bad("reaches_new", u, "%s %s %s (in force on %s) reaches no unit in force on %s", u.Level, u.Code, u.Name, from, to)
			continue
		}
		if direct := r.outOf(u.Key()); len(direct) > 0 {
			rep.Checked["shares"]++
			for _, ei := range direct {
				e := &r.edges[ei]
				if e.Inferred() {
					inferred++
				}
				want := dvhc.ShareWhole
				if len(direct) > 1 {
					want = dvhc.SharePart
				}
				if e.Share != want {
					bad("shares", u, "%s %s %s has %d edges but its edge to %s is %s", u.Level, u.Code, u.Name, len(direct), e.To.Code, e.Share)
				}
			}
		}
	}
	if inferred > 0 {
		rep.Notes = append(rep.Notes, Finding{Check: "inferred",
			Message: fmt.Sprintf("%d lineage edges of this transition are inferred by name (communes merged in the 2023–2025 arrangement): no official text states them", inferred)})
	}
	for _, u := range r.At(to, Filter{}) {
		if u.ValidAt(from) {
			continue
		}
		rep.Checked["has_predecessors"]++
		links, err := r.Predecessors(u, from)
		if err != nil || len(links) == 0 {
			bad("has_predecessors", u, "%s %s %s (in force on %s) has no predecessor in force on %s", u.Level, u.Code, u.Name, to, from)
		}
	}
	for _, m := range r.data.Unresolved {
		u, err := r.Lookup(dvhc.LevelCommune, m.Code, to)
		if err != nil || !u.Valid.From.After(from) {
			continue
		}
		rep.Notes = append(rep.Notes, Finding{Check: "unresolved_mention", Unit: u.Key(),
			Message: fmt.Sprintf("%s %s: official text (%s) names %q: %s", u.Code, u.Name, m.Snapshot, m.Mention, m.Reason)})
	}
	decided := map[dvhc.Key]bool{}
	for _, e := range r.edges {
		if e.Decision == "" || decided[e.From] {
			continue
		}
		u := r.Version(e.From)
		if !u.ValidAt(from) || u.ValidAt(to) {
			continue
		}
		decided[e.From] = true
		rep.Notes = append(rep.Notes, Finding{Check: "decision", Unit: e.From, Message: e.From.Code.String() + " " + e.Decision})
	}
	return rep, nil
}
