package export_test

import (
	"bytes"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
)

// FuzzEWKT feeds NewBoundary arbitrary GeoJSON: it returns an error or a
// boundary whose EWKT has balanced parentheses and no brackets, and
// whose bounding box, if any, is not inverted.
func FuzzEWKT(f *testing.F) {
	f.Add([]byte(`{"type":"Polygon","coordinates":[[[105,21],[105.5,21],[105,21.5],[105,21]]]}`))
	f.Add([]byte(`{"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[5,6],[1,2]]],[[[-1,-2],[-3,-4],[-5,-6],[-1,-2]]]]}`))
	f.Add([]byte(`{"type":"Polygon","coordinates":[]}`))
	f.Add([]byte(`{"type":"Point","coordinates":[1,2]}`))
	f.Add([]byte(`{"type":"Polygon","coordinates":[[["a",1]]]}`))
	f.Fuzz(func(t *testing.T, geojson []byte) {
		b, err := export.NewBoundary(dvhc.LevelCommune, "00004", geojson)
		if err != nil {
			return
		}
		if x0, y0, x1, y1, ok := b.BBox(); ok && (x0 > x1 || y0 > y1) {
			t.Fatalf("bbox %v %v %v %v", x0, y0, x1, y1)
		}
		w := b.EWKT(nil)
		if bytes.ContainsAny(w, "[]") {
			t.Fatalf("brackets left in %q", w)
		}
		depth := 0
		for _, c := range w {
			switch c {
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth < 0 {
				t.Fatalf("unbalanced %q", w)
			}
		}
		if depth != 0 {
			t.Fatalf("unbalanced %q", w)
		}
	})
}
