package address

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fold"
)

// FuzzParse checks that parsing and converting never panic, that the
// street is cut from the start of the input, and that results are
// consistent with their status.
func FuzzParse(f *testing.F) {
	for _, s := range goldenInputs {
		f.Add(s)
	}
	// seeds: odd separators, glued numbers, marks without letters, very
	// long numbers, invalid UTF-8, type words alone.
	f.Add("P7Q5HCM")
	f.Add("Phường, Quận, Tỉnh")
	f.Add("\u0301\u0300 , ,, -- xã")
	f.Add("00000000000000000007 p")
	f.Add("F\xff7, Q\xfe5")
	f.Add("thị trấn thị xã thành phố")
	f.Add(strings.Repeat("Phường 1 ", 50))
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		p := c.Parse(in)
		r := c.Convert(in, Options{Point: &dvhc.LatLon{Lat: 10, Lon: 106}})
		if p.Street != r.Street {
			t.Fatalf("Parse street %q, Convert street %q", p.Street, r.Street)
		}
		// the street starts the input, or ends it when the address was
		// written province first (then read in reverse order)
		rev := strings.Contains(r.Note, "read in reverse order")
		if utf8.ValidString(in) && fold.IsNFC(in) && !strings.HasPrefix(trimSeps(in), r.Street) && !(rev && strings.Contains(in, r.Street)) {
			t.Fatalf("street %q is not the start of %q", r.Street, in)
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Fatalf("confidence %v", r.Confidence)
		}
		switch r.Status {
		case StatusOK:
			if r.Commune == nil || r.Province == nil || r.Address == "" || len(r.Candidates) != 0 {
				t.Fatalf("ok without commune/province/address: %+v", r)
			}
		case StatusAmbiguous:
			if r.Commune != nil || len(r.Candidates) < 2 {
				t.Fatalf("ambiguous with %d candidates: %+v", len(r.Candidates), r)
			}
		case StatusNotFound, StatusInvalid:
			if r.Commune != nil || r.Note == "" {
				t.Fatalf("%s with a commune or without a note: %+v", r.Status, r)
			}
		default:
			t.Fatalf("status %d", r.Status)
		}
		for _, tk := range p.Tokens {
			if !strings.Contains(in, tk.Text) {
				t.Fatalf("token %q not in input", tk.Text)
			}
		}
	})
}
