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
	// Right: ok with an acceptable commune, or, when the case has no
	// single answer, ambiguous with every commune of the truth among the
	// candidates.
	Right Outcome = iota
	// AmbiguousTruth: ambiguous with the truth among the candidates,
	// although the text has a single answer (not right, not wrong).
	AmbiguousTruth
	// NotFound: no answer (not found or invalid).
	NotFound
	// SilentWrong: ok with a commune that is not acceptable — a wrong
	// place given as sure, or a split commune placed without coordinates.
	SilentWrong
	// AmbiguousWrong: ambiguous without the whole truth among the
	// candidates.
	AmbiguousWrong
)

var outcomeNames = [...]string{"right", "ambiguous_with_truth", "not_found", "silent_wrong", "ambiguous_wrong"}

// String returns the outcome's name.
func (o Outcome) String() string { return outcomeNames[o] }

// Judge scores one result (obtained without a point) against its case.
func Judge(c Case, r address.Result) Outcome {
	switch r.Status {
	case address.StatusOK:
		if slices.Contains(c.Accept, r.Commune.Code) {
			return Right
		}
		return SilentWrong
	case address.StatusAmbiguous:
		for _, w := range c.Want {
			if !slices.ContainsFunc(r.Candidates, func(x address.Candidate) bool { return x.Commune.Code == w }) {
				return AmbiguousWrong
			}
		}
		if c.Ambiguous() {
			return Right
		}
		return AmbiguousTruth
	}
	return NotFound
}

// StyleReport sums the outcomes of one style.
type StyleReport struct {
	Style          string `json:"style"`
	Cases          int    `json:"cases"`
	Ambiguous      int    `json:"ambiguous"` // cases without a single answer (split, or names shared in the scope written)
	Split          int    `json:"split"`     // cases of split communes
	Right          int    `json:"right"`
	AmbiguousTruth int    `json:"ambiguous_with_truth"`
	NotFound       int    `json:"not_found"`
	SilentWrong    int    `json:"silent_wrong"`
	AmbiguousWrong int    `json:"ambiguous_wrong"`
	// SplitSilent counts split communes answered ok (without a point).
	SplitSilent int     `json:"split_silent"`
	StreetKept  int     `json:"street_kept"`
	RightRate   float64 `json:"right_rate"`
	SilentRate  float64 `json:"silent_wrong_rate"`
}

// Bucket is one confidence bucket of the ok answers.
type Bucket struct {
	Min, Max float64 // Min ≤ confidence < Max (Max 1 includes 1)
	OK       int     `json:"ok"`
	Right    int     `json:"right"`
	Share    float64 `json:"share_right"`
}

// Report is the result of an evaluation.
type Report struct {
	Styles []StyleReport `json:"styles"`
	Total  StyleReport   `json:"total"`
	// Calibration gives, per confidence bucket, the share of ok answers
	// that were right.
	Calibration []Bucket `json:"calibration"`
	// Failures lists up to 50 failed cases per style for inspection.
	Failures []Failure `json:"failures,omitempty"`
}

// Failure is a case answered otherwise than right.
type Failure struct {
	Style      string         `json:"style"`
	Input      string         `json:"input"`
	Want       []dvhc.Code    `json:"want"`
	Accept     []dvhc.Code    `json:"accept"`
	Outcome    string         `json:"outcome"`
	Status     address.Status `json:"status"`
	Got        dvhc.Code      `json:"got,omitempty"`
	Confidence float64        `json:"confidence"`
	Street     string         `json:"street"`
	Note       string         `json:"note,omitempty"`
}

// bucketEdges are the confidence buckets of the calibration table.
var bucketEdges = []float64{0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0001}

// Evaluate converts every case with c (to today, without points) and
// sums the outcomes per style; failures holds up to perStyle failed
// cases of each style.
func Evaluate(c *address.Converter, cases []Case) Report {
	return EvaluateN(c, cases, 50)
}

// EvaluateN is Evaluate keeping up to perStyle failures per style.
func EvaluateN(c *address.Converter, cases []Case, perStyle int) Report {
	by := map[string]*StyleReport{}
	var rep Report
	for _, s := range Styles {
		by[s] = &StyleReport{Style: s}
	}
	for i := 0; i+1 < len(bucketEdges); i++ {
		rep.Calibration = append(rep.Calibration, Bucket{Min: bucketEdges[i], Max: min(bucketEdges[i+1], 1)})
	}
	fails := map[string]int{}
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
			if tc.Ambiguous() {
				x.Ambiguous++
			}
			if tc.Split {
				x.Split++
			}
			switch o {
			case Right:
				x.Right++
			case AmbiguousTruth:
				x.AmbiguousTruth++
			case NotFound:
				x.NotFound++
			case SilentWrong:
				x.SilentWrong++
				if tc.Split {
					x.SplitSilent++
				}
			case AmbiguousWrong:
				x.AmbiguousWrong++
			}
			if r.Street == tc.Street {
				x.StreetKept++
			}
		}
		if r.Status == address.StatusOK {
			for i := range rep.Calibration {
				b := &rep.Calibration[i]
				if r.Confidence >= bucketEdges[i] && r.Confidence < bucketEdges[i+1] {
					b.OK++
					if o == Right {
						b.Right++
					}
				}
			}
		}
		if o != Right && fails[tc.Style] < perStyle {
			fails[tc.Style]++
			f := Failure{Style: tc.Style, Input: tc.Input, Want: tc.Want, Accept: tc.Accept, Outcome: o.String(), Status: r.Status,
				Confidence: r.Confidence, Street: r.Street, Note: r.Note}
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
		rates(&rep.Styles[i])
	}
	rates(&rep.Total)
	for i := range rep.Calibration {
		b := &rep.Calibration[i]
		if b.OK > 0 {
			b.Share = float64(b.Right) / float64(b.OK)
		}
	}
	return rep
}

func rates(s *StyleReport) {
	if s.Cases == 0 {
		s.RightRate = 1
		return
	}
	s.RightRate = float64(s.Right) / float64(s.Cases)
	s.SilentRate = float64(s.SilentWrong) / float64(s.Cases)
}

// Targets are the acceptance thresholds of issue 8.
const (
	MinRightRate   = 0.97  // every style
	MaxSilentWrong = 0.003 // overall
)

// Pass reports whether the report meets the targets: every style right
// at MinRightRate or more, overall silent wrong at MaxSilentWrong or less,
// and no split commune placed without a point.
func (rep Report) Pass() bool {
	for _, s := range rep.Styles {
		if s.RightRate < MinRightRate {
			return false
		}
	}
	return rep.Total.SilentRate <= MaxSilentWrong && rep.Total.SplitSilent == 0
}
