package registry

import (
	"slices"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset"
)

// Coverage returns what the registry holds, per level from the top: the
// day from which it is complete and the day up to which its sources were
// checked.
func (r *Registry) Coverage() []dvhc.Coverage {
	out := make([]dvhc.Coverage, 0, len(dvhc.Levels))
	for _, l := range dvhc.Levels {
		out = append(out, r.cov[l])
	}
	return out
}

// Covers returns nil if the registry is complete on day at for level l (l
// zero: every level), and otherwise an ENOTCOVERED error naming the first
// day from which it is. Lookups, lineage and audits check it; callers of At
// and Search check it themselves.
func (r *Registry) Covers(l dvhc.Level, at dvhc.Date) error {
	levels := []dvhc.Level{l}
	if l == 0 {
		levels = dvhc.Levels
	}
	for _, l := range levels {
		if !l.IsValid() {
			return dvhc.Errorf(dvhc.EINVALID, "invalid level %d", uint8(l))
		}
		if c := r.cov[l]; !c.Covers(at) {
			return dvhc.Errorf(dvhc.ENOTCOVERED, "%s is before %s, the first day from which the registry is complete for %ss: earlier units are not recorded", at, c.CompleteFrom, l)
		}
	}
	return nil
}

// DataDate returns the operative date of the latest event the registry
// holds: the day of the last change it knows.
func (r *Registry) DataDate() dvhc.Date {
	if len(r.order) == 0 {
		return dvhc.Date{}
	}
	return r.order[len(r.order)-1].Operative
}

// CheckedTo returns the day up to which the sources were checked for every
// level (the earliest check date of the levels): after it, the registry's
// answers assume that nothing changed. Zero when the dataset does not say.
func (r *Registry) CheckedTo() dvhc.Date {
	var d dvhc.Date
	for _, l := range dvhc.Levels {
		if c := r.cov[l].CheckedTo; d.IsZero() || c.Before(d) {
			d = c
		}
	}
	return d
}

// Transitions returns every day on which a unit version starts or ends and
// whose eve is covered, in order: the days Audit can check.
func (r *Registry) Transitions() []dvhc.Date {
	seen := map[dvhc.Date]bool{}
	var out []dvhc.Date
	add := func(d dvhc.Date) {
		if !d.IsZero() && !seen[d] && r.Covers(0, d.AddDays(-1)) == nil {
			seen[d] = true
			out = append(out, d)
		}
	}
	for i := range r.units {
		add(r.units[i].Valid.From)
		add(r.units[i].Valid.To)
	}
	slices.SortFunc(out, dvhc.Date.Compare)
	return out
}

// Gaps returns the units the sources name that the registry holds without
// lineage or not at all. The slice must not be modified.
func (r *Registry) Gaps() []dataset.Gap { return r.data.Gaps }

// GapOf returns the gap of the unit version u if the registry holds it
// without lineage (its successors are unknown), or nil.
func (r *Registry) GapOf(u *dvhc.Unit) *dataset.Gap {
	if u.Valid.To.IsZero() {
		return nil
	}
	return r.gap(u.Level, u.Code, u.Valid.To)
}

// gap returns the gap of (level, code) ending on day ended (zero: with an
// unknown end), or nil.
func (r *Registry) gap(l dvhc.Level, c dvhc.Code, ended dvhc.Date) *dataset.Gap {
	for _, i := range r.gaps[parentKey{l, c}] {
		if g := &r.data.Gaps[i]; g.Ended == ended {
			return g
		}
	}
	return nil
}

// AuditAll audits every transition of the registry (see Transitions), in
// order.
func (r *Registry) AuditAll() ([]*Report, error) {
	var out []*Report
	for _, d := range r.Transitions() {
		rep, err := r.Audit(d.AddDays(-1), d)
		if err != nil {
			return nil, err
		}
		out = append(out, rep)
	}
	return out, nil
}
