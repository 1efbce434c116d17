package evalset

import (
	"fmt"
	"testing"

	"github.com/dvhc-vn/dvhc/address"
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
			t.Log(fmt.Sprintf("%+v", f))
		}
	}
}
