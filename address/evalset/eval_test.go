package evalset

import (
	"fmt"
	"testing"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/registry"
)

// TestEval runs the converter on a generated set and fails below the
// targets: 99% of the communes that moved whole in every style, and no
// split commune placed silently.
func TestEval(t *testing.T) {
	r := registry.MustDefault()
	c := address.New(r, nil)
	n := 4000
	if testing.Short() {
		n = 1000
	}
	cases := Generate(r, 1, n)
	rep := Evaluate(c, cases)
	for _, s := range rep.Styles {
		t.Logf("%-14s cases %4d whole %4d correct %4d missed %3d wrong %3d | split %3d ambiguous-correct %3d silently-wrong %d split-wrong %d | street %4d | accuracy %.2f%%",
			s.Style, s.Cases, s.Whole, s.Correct, s.Missed, s.Wrong, s.Split, s.AmbiguousCorrect, s.SilentlyWrong, s.SplitWrong, s.StreetKept, 100*s.Accuracy)
		if s.Accuracy < 0.99 {
			t.Errorf("style %s: accuracy %.2f%% < 99%%", s.Style, 100*s.Accuracy)
		}
		if s.SilentlyWrong > 0 {
			t.Errorf("style %s: %d split communes placed silently", s.Style, s.SilentlyWrong)
		}
	}
	if t.Failed() || testing.Verbose() {
		for _, f := range rep.Failures {
			t.Log(fmt.Sprintf("%+v", f))
		}
	}
}
