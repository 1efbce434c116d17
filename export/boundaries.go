package export

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
)

// Boundary is the boundary of one commune or province.
type Boundary struct {
	Level dvhc.Level
	Code  dvhc.Code
	// GeoJSON is the geometry as GeoJSON (a Polygon or a MultiPolygon, WGS
	// 84 lon/lat with 6 decimals).
	GeoJSON json.RawMessage
	// Polygons are the same coordinates: polygons of rings of [lon, lat].
	Polygons [][][][2]float64
}

// EWKT returns the boundary as PostGIS extended WKT:
// "SRID=4326;MULTIPOLYGON(((lon lat,...)))".
func (b *Boundary) EWKT(dst []byte) []byte {
	dst = append(dst, "SRID=4326;MULTIPOLYGON("...)
	for i, p := range b.Polygons {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '(')
		for j, r := range p {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '(')
			for k, pt := range r {
				if k > 0 {
					dst = append(dst, ',')
				}
				dst = strconv.AppendFloat(dst, pt[0], 'f', -1, 64)
				dst = append(dst, ' ')
				dst = strconv.AppendFloat(dst, pt[1], 'f', -1, 64)
			}
			dst = append(dst, ')')
		}
		dst = append(dst, ')')
	}
	return append(dst, ')')
}

// BoundaryLevels are the levels that have boundaries, in export order.
var BoundaryLevels = []dvhc.Level{dvhc.LevelProvince, dvhc.LevelCommune}

// EachBoundary calls yield with the boundary of every province, then every
// commune, of b (valid from geo.ValidFrom), in code order. The Boundary is
// reused between calls. It streams: one boundary is in memory at a time.
func EachBoundary(b *geo.Boundaries, yield func(*Boundary) error) error {
	for _, l := range BoundaryLevels {
		if err := eachBoundary(b, l, yield); err != nil {
			return err
		}
	}
	return nil
}

// eachBoundary reads the GeoJSON that b writes for level l through a pipe.
func eachBoundary(b *geo.Boundaries, l dvhc.Level, yield func(*Boundary) error) error {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(b.WriteGeoJSON(pw, l, nil, nil))
	}()
	defer pr.Close() // stops the writer if we return early
	dec := json.NewDecoder(pr)
	// {"type":"FeatureCollection","features":[ ... ]}
	for {
		t, err := dec.Token()
		if err != nil {
			return dvhc.Errorf(dvhc.EINTERNAL, "export: reading boundaries: %v", err)
		}
		if t == "features" {
			break
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return dvhc.Errorf(dvhc.EINTERNAL, "export: reading boundaries: want [, got %v (%v)", t, err)
	}
	var f struct {
		Properties struct {
			Code string `json:"code"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	}
	out := &Boundary{Level: l}
	for dec.More() {
		f.Geometry.Coordinates = nil
		if err := dec.Decode(&f); err != nil {
			return dvhc.Errorf(dvhc.EINTERNAL, "export: reading boundaries: %v", err)
		}
		out.Code = dvhc.Code(f.Properties.Code)
		out.Polygons = out.Polygons[:0]
		var err error
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			out.Polygons = append(out.Polygons, p)
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &out.Polygons)
		default:
			err = dvhc.Errorf(dvhc.EINTERNAL, "unexpected geometry %q", f.Geometry.Type)
		}
		if err != nil {
			return dvhc.Errorf(dvhc.EINTERNAL, "export: boundary of %s %s: %v", l, out.Code, err)
		}
		out.GeoJSON = append(out.GeoJSON[:0], `{"type":"`...)
		out.GeoJSON = append(out.GeoJSON, f.Geometry.Type...)
		out.GeoJSON = append(out.GeoJSON, `","coordinates":`...)
		out.GeoJSON = append(out.GeoJSON, f.Geometry.Coordinates...)
		out.GeoJSON = append(out.GeoJSON, '}')
		if err := yield(out); err != nil {
			return err
		}
	}
	return nil
}
