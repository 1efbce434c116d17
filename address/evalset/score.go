package evalset

import (
	"slices"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
)

// Outcome is how a converter did on one case.
type Outcome uint8

// The outcomes.
const (
	// Correct: one answer, the right one (a commune that moved whole).
	Correct Outcome = iota
	// AmbiguousCorrect: a split commune came back ambiguous with every
	// successor among the candidates.
	AmbiguousCorrect
	// Missed: no answer (not found, or ambiguous for a commune that moved
	// whole but with the right commune among the candidates).
	Missed
	// Wrong: a wrong answer, or candidates without the right commune.
	Wrong
	// SilentlyWrong: a split commune came back with one answer and no
	// point to decide it.
	SilentlyWrong
)

var outcomeNames = [...]string{"correct", "ambiguous_correct", "missed", "wrong", "silently_wrong"}

// String returns the outcome's name.
func (o Outcome) String() string { return outcomeNames[o] }

// Judge scores one result against its case.
func Judge(c Case, r address.Result) Outcome {
	if c.Split {
		switch r.Status {
		case address.StatusOK:
			return SilentlyWrong
		case address.StatusAmbiguous:
			for _, w := range c.Want {
				if !slices.ContainsFunc(r.Candidates, func(x address.Candidate) bool { return x.Commune.Code == w }) {
					return Wrong
				}
			}
			return AmbiguousCorrect
		}
		return Missed
	}
	switch r.Status {
	case address.StatusOK:
		if r.Commune.Code == c.Want[0] {
			return Correct
		}
		return Wrong
	case address.StatusAmbiguous:
		if slices.ContainsFunc(r.Candidates, func(x address.Candidate) bool { return x.Commune.Code == c.Want[0] }) {
			return Missed
		}
		return Wrong
	}
	return Missed
}

// StyleReport sums the outcomes of one style.
type StyleReport struct {
	Style            string  `json:"style"`
	Cases            int     `json:"cases"`
	Whole            int     `json:"whole"` // cases of communes that moved whole
	Correct          int     `json:"correct"`
	Missed           int     `json:"missed"`
	Wrong            int     `json:"wrong"`
	Split            int     `json:"split"` // cases of split communes
	AmbiguousCorrect int     `json:"ambiguous_correct"`
	SilentlyWrong    int     `json:"silently_wrong"`
	SplitWrong       int     `json:"split_wrong"` // split: missed or incomplete candidates
	StreetKept       int     `json:"street_kept"`
	Accuracy         float64 `json:"accuracy"` // Correct / Whole
}

// Report is the result of an evaluation.
type Report struct {
	Styles []StyleReport `json:"styles"`
	Total  StyleReport   `json:"total"`
	// Failures lists up to 50 failed cases for inspection.
	Failures []Failure `json:"failures,omitempty"`
}

// Failure is a failed case.
type Failure struct {
	Style   string         `json:"style"`
	Input   string         `json:"input"`
	Want    []dvhc.Code    `json:"want"`
	Outcome string         `json:"outcome"`
	Status  address.Status `json:"status"`
	Got     dvhc.Code      `json:"got,omitempty"`
	Street  string         `json:"street"`
	Note    string         `json:"note,omitempty"`
}

// Evaluate converts every case with c (to today, without points) and
// sums the outcomes per style.
func Evaluate(c *address.Converter, cases []Case) Report {
	by := map[string]*StyleReport{}
	var rep Report
	for _, s := range Styles {
		by[s] = &StyleReport{Style: s}
	}
	for _, tc := range cases {
		r := c.Convert(tc.Input, address.Options{})
		o := Judge(tc, r)
		sr := by[tc.Style]
		if sr == nil {
			sr = &StyleReport{Style: tc.Style}
			by[tc.Style] = sr
		}
		for _, x := range []*StyleReport{sr, &rep.Total} {
			x.Cases++
			if tc.Split {
				x.Split++
			} else {
				x.Whole++
			}
			switch o {
			case Correct:
				x.Correct++
			case AmbiguousCorrect:
				x.AmbiguousCorrect++
			case SilentlyWrong:
				x.SilentlyWrong++
			case Missed:
				if tc.Split {
					x.SplitWrong++
				} else {
					x.Missed++
				}
			case Wrong:
				if tc.Split {
					x.SplitWrong++
				} else {
					x.Wrong++
				}
			}
			if r.Street == tc.Street {
				x.StreetKept++
			}
		}
		if (o != Correct && o != AmbiguousCorrect || r.Street != tc.Street) && len(rep.Failures) < 50 {
			f := Failure{Style: tc.Style, Input: tc.Input, Want: tc.Want, Outcome: o.String(), Status: r.Status, Street: r.Street, Note: r.Note}
			if r.Commune != nil {
				f.Got = r.Commune.Code
			}
			rep.Failures = append(rep.Failures, f)
		}
	}
	seen := map[string]bool{}
	for _, s := range Styles {
		rep.Styles = append(rep.Styles, *by[s])
		seen[s] = true
	}
	for s, x := range by {
		if !seen[s] {
			rep.Styles = append(rep.Styles, *x)
		}
	}
	rep.Total.Style = "total"
	for i := range rep.Styles {
		rep.Styles[i].Accuracy = acc(rep.Styles[i])
	}
	rep.Total.Accuracy = acc(rep.Total)
	return rep
}

func acc(s StyleReport) float64 {
	if s.Whole == 0 {
		return 1
	}
	return float64(s.Correct) / float64(s.Whole)
}
