package evalset

import (
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// TestEval runs the converter on a generated set and fails below the
// targets of Pass.
func TestEval(t *testing.T) {
	r := registry.MustDefault()
	c := address.New(r, nil)
	n := 6000
	if testing.Short() {
		n = 1500
	}
	cases := Generate(r, 1, n)
	rep := EvaluateN(c, cases, 5)
	for _, s := range append(rep.Styles, rep.Total) {
		t.Logf("%-20s cases %4d ambiguous %4d right %4d (%.2f%%) amb-truth %3d not-found %3d SILENT-WRONG %3d amb-wrong %3d split-silent %d street %4d",
			s.Style, s.Cases, s.Ambiguous, s.Right, 100*s.RightRate, s.AmbiguousTruth, s.NotFound, s.SilentWrong, s.AmbiguousWrong, s.SplitSilent, s.StreetKept)
	}
	if !rep.Pass() {
		t.Errorf("below the targets (every style ≥ %.0f%% right, silent wrong ≤ %.1f%%, no split placed silently)", 100*MinRightRate, 100*MaxSilentWrong)
	}
	if t.Failed() || testing.Verbose() {
		for _, f := range rep.Failures {
			t.Logf("%+v", f)
		}
	}
}

// TestPointsNeverOkAgainst converts the labelled set with a point — the
// inner point of a true commune, then of an unrelated commune — and
// checks that no ok answer places the address in a commune that does not
// contain the point (issue 17), and that a point in the truth makes the
// answer right.
func TestPointsNeverOkAgainst(t *testing.T) {
	r := registry.MustDefault()
	c := address.New(r, geo.Default())
	n := 3000
	if testing.Short() {
		n = 800
	}
	today := dvhc.Today()
	communes := r.At(today, registry.Filter{Level: dvhc.LevelCommune})
	against, agreeRight := 0, 0
	for i, tc := range Generate(r, 3, n) {
		w, err := r.Lookup(dvhc.LevelCommune, tc.Want[i%len(tc.Want)], today)
		if err != nil {
			t.Fatal(err)
		}
		other := communes[(i*7919)%len(communes)]
		for k, u := range []*dvhc.Unit{w, other} {
			p := u.InnerPoint
			res := c.Convert(tc.Input, address.Options{Point: &p})
			if res.Status == address.StatusOK && !geo.Default().Contains(res.Commune.Code, p) {
				against++
				if against < 10 {
					t.Errorf("%q at %v (inner point of %s): ok %s, which does not contain the point (%s)", tc.Input, p, u.Code, res.Commune.Code, res.Note)
				}
			}
			if k == 0 && res.Status == address.StatusOK && res.Commune.Code == w.Code {
				agreeRight++
			}
		}
	}
	t.Logf("%d cases: with the true point, %d ok and right; %d ok against the point", n, agreeRight, against)
	if against > 0 {
		t.Errorf("%d ok answers against the point", against)
	}
}
