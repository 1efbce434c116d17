package geo

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/dvhc-vn/dvhc"
	"github.com/paulmach/orb"
)

// features returns the communes or the provinces.
func (ix *index) features(level dvhc.Level) ([]feature, error) {
	switch level {
	case dvhc.LevelCommune:
		return ix.communes, nil
	case dvhc.LevelProvince:
		return ix.provinces, nil
	}
	return nil, dvhc.Errorf(dvhc.EINVALID, "geo: no boundaries for level %s (want province or commune)", level)
}

// Geometry returns the boundary of the commune or province with the code:
// an orb.Polygon or an orb.MultiPolygon of WGS 84 lon/lat points, exterior
// rings counter-clockwise and holes clockwise (RFC 7946). Unknown codes
// are ENOTFOUND errors, other levels EINVALID.
func (b *Boundaries) Geometry(level dvhc.Level, code dvhc.Code) (orb.Geometry, error) {
	ix, err := b.load()
	if err != nil {
		return nil, err
	}
	fs, err := ix.features(level)
	if err != nil {
		return nil, err
	}
	f := find(fs, code)
	if f == nil {
		return nil, dvhc.Errorf(dvhc.ENOTFOUND, "geo: no boundary for %s %s", level, code)
	}
	mp, err := ix.geometry(f)
	if err != nil {
		return nil, err
	}
	if len(mp) == 1 {
		return mp[0], nil
	}
	return mp, nil
}

// geometry converts f to orb polygons. It does not keep the decoded shape
// if f had none, so that exporting everything does not fill the cache.
func (ix *index) geometry(f *feature) (orb.MultiPolygon, error) {
	s := f.shape.Load()
	if s == nil {
		s = ix.decodeShape(f, false)
	}
	if s.err != nil {
		return nil, dvhc.Errorf(dvhc.EINTERNAL, "geo: %s: %v", f.code, s.err)
	}
	mp := make(orb.MultiPolygon, 0, f.poly1-f.poly0)
	r0 := ix.polyOff[f.poly0]
	for p := f.poly0; p < f.poly1; p++ {
		poly := make(orb.Polygon, 0, ix.polyOff[p+1]-ix.polyOff[p])
		for r := ix.polyOff[p] - r0; r < ix.polyOff[p+1]-r0; r++ {
			pts := s.pts[2*s.ringOff[r] : 2*s.ringOff[r+1]]
			ring := make(orb.Ring, len(pts)/2)
			for i := range ring {
				ring[i] = orb.Point{ix.tx + float64(pts[2*i])*ix.sx, ix.ty + float64(pts[2*i+1])*ix.sy}
			}
			want := orb.CCW
			if len(poly) > 0 {
				want = orb.CW
			}
			if len(ring) >= 3 && ring.Orientation() == -want {
				ring.Reverse()
			}
			poly = append(poly, ring)
		}
		mp = append(mp, poly)
	}
	return mp, nil
}

// WriteGeoJSON writes the communes or provinces as a GeoJSON
// FeatureCollection, one feature at a time; see Boundaries.WriteGeoJSON.
func WriteGeoJSON(w io.Writer, level dvhc.Level, filter func(code, province dvhc.Code) bool, props func(code dvhc.Code) map[string]any) error {
	return def.WriteGeoJSON(w, level, filter, props)
}

// WriteGeoJSON writes the communes (level dvhc.LevelCommune) or the
// provinces (dvhc.LevelProvince) as a GeoJSON FeatureCollection (RFC 7946),
// in code order, one feature at a time: nothing but the feature being
// written is held in memory, and shapes not already decoded by Locate are
// not kept.
//
// filter, if not nil, selects the features by code and province code (a
// province's province code is its own code). Every feature has the
// properties "code", "name" (as in the boundaries file, valid on
// 2025-07-01) and, for communes, "province_code"; props, if not nil, adds
// properties (such as "type") or replaces these. Coordinates have 6
// decimals; the geometry is a Polygon or a MultiPolygon.
func (b *Boundaries) WriteGeoJSON(w io.Writer, level dvhc.Level, filter func(code, province dvhc.Code) bool, props func(code dvhc.Code) map[string]any) error {
	ix, err := b.load()
	if err != nil {
		return err
	}
	fs, err := ix.features(level)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	var buf []byte
	n := 0
	for i := range fs {
		f := &fs[i]
		if filter != nil && !filter(f.code, f.province) {
			continue
		}
		mp, err := ix.geometry(f)
		if err != nil {
			return err
		}
		var extra map[string]any
		if props != nil {
			extra = props(f.code)
		}
		buf, err = appendFeature(buf[:0], f, level, mp, extra)
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
		n++
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// appendFeature appends one GeoJSON feature.
func appendFeature(b []byte, f *feature, level dvhc.Level, mp orb.MultiPolygon, extra map[string]any) ([]byte, error) {
	fixed := []struct {
		key string
		val any
	}{{"code", string(f.code)}, {"name", f.name}}
	if level == dvhc.LevelCommune {
		fixed = append(fixed, struct {
			key string
			val any
		}{"province_code", string(f.province)})
	}
	b = append(b, `{"type":"Feature","properties":{`...)
	sep := false
	prop := func(k string, v any) error {
		if sep {
			b = append(b, ',')
		}
		sep = true
		kj, _ := json.Marshal(k) // a string always marshals
		b = append(b, kj...)
		b = append(b, ':')
		j, err := json.Marshal(v)
		if err != nil {
			return dvhc.Errorf(dvhc.EINVALID, "geo: property %q of %s: %v", k, f.code, err)
		}
		b = append(b, j...)
		return nil
	}
	for _, p := range fixed {
		v, ok := extra[p.key]
		if !ok {
			v = p.val
		}
		if err := prop(p.key, v); err != nil {
			return b, err
		}
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if k != "code" && k != "name" && !(k == "province_code" && level == dvhc.LevelCommune) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := prop(k, extra[k]); err != nil {
			return b, err
		}
	}
	b = append(b, `},"geometry":{"type":`...)
	if len(mp) == 1 {
		b = append(b, `"Polygon","coordinates":`...)
		b = appendPolygon(b, mp[0])
	} else {
		b = append(b, `"MultiPolygon","coordinates":[`...)
		for i, p := range mp {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPolygon(b, p)
		}
		b = append(b, ']')
	}
	return append(b, "}}"...), nil
}

func appendPolygon(b []byte, p orb.Polygon) []byte {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, pt := range r {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendCoord(b, pt[0])
			b = append(b, ',')
			b = appendCoord(b, pt[1])
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendCoord appends v rounded to 6 decimals (about 0.1 m; the source
// grid is about 1.7 m).
func appendCoord(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*1e6)/1e6, 'f', -1, 64)
}
