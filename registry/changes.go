package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset"
	"github.com/dvhc-vn/dvhc/dataset/changeset"
)

// WithChanges returns the registry of the embedded dataset with the change
// sets of folder dir of fsys applied (every *.csv file, see package
// changeset), after auditing every transition they make. A row that
// cannot be applied, or a transition that breaks a rule of the audit, is
// refused with an EINVALID error naming the file, the line and the rule.
func WithChanges(fsys fs.FS, dir string) (*Registry, error) {
	cs, err := changeset.Read(fsys, dir)
	if err != nil {
		return nil, invalid(err)
	}
	d, err := dataset.Load()
	if err != nil {
		return nil, err
	}
	prov, err := d.Apply(cs)
	if err != nil {
		return nil, invalid(err)
	}
	r, err := New(d)
	if err != nil {
		return nil, invalid(err)
	}
	var days []dvhc.Date
	first := map[dvhc.Date]string{} // day → first row of that day
	for _, c := range cs {
		if _, ok := first[c.Date]; !ok {
			first[c.Date] = c.Pos
			days = append(days, c.Date)
		}
	}
	slices.SortFunc(days, dvhc.Date.Compare)
	var msgs []string
	for _, day := range days {
		rep, err := r.Audit(day.AddDays(-1), day)
		if err != nil {
			return nil, invalid(fmt.Errorf("%s: %w", first[day], err))
		}
		for _, f := range rep.Violations {
			pos, ok := prov[f.Unit]
			if !ok {
				pos = first[day]
			}
			msgs = append(msgs, pos+": "+f.Check+": "+f.Message)
		}
	}
	if len(msgs) > 0 {
		n := len(msgs)
		if n > 10 {
			msgs = append(msgs[:10], fmt.Sprintf("… and %d more", n-10))
		}
		return nil, dvhc.Errorf(dvhc.EINVALID, "change sets refused by the audit (%d violations):\n%s", n, strings.Join(msgs, "\n"))
	}
	return r, nil
}

// invalid makes err an EINVALID error unless it has a kind already.
func invalid(err error) error {
	var e *dvhc.Error
	if errors.As(err, &e) {
		return err
	}
	return dvhc.Errorf(dvhc.EINVALID, "%v", err)
}
