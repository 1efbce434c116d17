package geo

import (
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The benchmarks below measure what orb would do in place of the
// hand-written code (see "Why not orb" in the package documentation).

// orbShapes decodes every commune's polygons as orb geometries.
func orbShapes(b *testing.B) ([]orb.MultiPolygon, []orb.Bound, []dvhc.Code) {
	ix, err := Default().load()
	if err != nil {
		b.Fatal(err)
	}
	fs, err := ix.features(dvhc.LevelCommune)
	if err != nil {
		b.Fatal(err)
	}
	mps := make([]orb.MultiPolygon, len(fs))
	bounds := make([]orb.Bound, len(fs))
	codes := make([]dvhc.Code, len(fs))
	for i := range fs {
		if mps[i], err = ix.geometry(&fs[i]); err != nil {
			b.Fatal(err)
		}
		bounds[i], codes[i] = mps[i].Bound(), fs[i].code
	}
	return mps, bounds, codes
}

// BenchmarkContainsOrb is BenchmarkContains with planar.MultiPolygonContains
// on the same (already decoded) commune.
func BenchmarkContainsOrb(b *testing.B) {
	cs := readCommunes(b)
	mps, _, codes := orbShapes(b)
	byCode := map[dvhc.Code]orb.MultiPolygon{}
	for i, c := range codes {
		byCode[c] = mps[i]
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c := &cs[i%len(cs)]
		planar.MultiPolygonContains(byCode[c.code], orb.Point{c.inner.Lon, c.inner.Lat})
	}
}

// BenchmarkLocateOrb is BenchmarkLocate/land with orb: orb has no polygon
// index, so every commune whose bound holds the point is tested.
func BenchmarkLocateOrb(b *testing.B) {
	_, land := randomPoints(b, 1<<16)
	mps, bounds, _ := orbShapes(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := land[i%len(land)]
		pt := orb.Point{p.Lon, p.Lat}
		for j := range mps {
			if bounds[j].Contains(pt) && planar.MultiPolygonContains(mps[j], pt) {
				break
			}
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}
