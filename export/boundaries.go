package export

import (
	"encoding/json"
	"io"
	"math"
	"strconv"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
)

// Boundary is the boundary of one commune or province.
type Boundary struct {
	Level dvhc.Level
	Code  dvhc.Code
	// GeoJSON is the geometry as GeoJSON: a Polygon or a MultiPolygon of
	// WGS 84 [lon, lat] with 6 decimals, exterior rings counter-clockwise.
	GeoJSON json.RawMessage
	coords  json.RawMessage // the coordinates member of GeoJSON
	multi   bool            // a MultiPolygon
}

// EWKT appends the boundary as PostGIS extended WKT,
// "SRID=4326;MULTIPOLYGON(((lon lat,...)))", to dst. The coordinates are
// copied as written in the GeoJSON.
func (b *Boundary) EWKT(dst []byte) []byte {
	dst = append(dst, "SRID=4326;MULTIPOLYGON"...)
	// Positions are the arrays at depth 3 of a Polygon's coordinates and
	// 4 of a MultiPolygon's: their brackets go, their comma becomes a space.
	pos := 3
	if !b.multi {
		dst = append(dst, '(')
	} else {
		pos = 4
	}
	depth := 0
	for _, c := range b.coords {
		switch c {
		case '[':
			depth++
			if depth != pos {
				dst = append(dst, '(')
			}
		case ']':
			if depth != pos {
				dst = append(dst, ')')
			}
			depth--
		case ',':
			if depth == pos {
				dst = append(dst, ' ')
			} else {
				dst = append(dst, ',')
			}
		case ' ', '\t', '\n', '\r':
		default:
			dst = append(dst, c)
		}
	}
	if !b.multi {
		dst = append(dst, ')')
	}
	return dst
}

// BBox returns the bounding box of the boundary; ok is false if it has no
// valid position.
func (b *Boundary) BBox() (minLon, minLat, maxLon, maxLat float64, ok bool) {
	pos := 3
	if b.multi {
		pos = 4
	}
	minLon, minLat, maxLon, maxLat = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	depth, i, start := 0, 0, -1 // i: index of the number in its position
	end := func(at int) {
		if start < 0 {
			return
		}
		v, err := strconv.ParseFloat(string(b.coords[start:at]), 64)
		start = -1
		if err != nil {
			return
		}
		switch i {
		case 0:
			minLon, maxLon = min(minLon, v), max(maxLon, v)
		case 1:
			minLat, maxLat = min(minLat, v), max(maxLat, v)
		}
	}
	for at, c := range b.coords {
		switch c {
		case '[':
			depth++
			i = 0
		case ']':
			end(at)
			depth--
		case ',':
			end(at)
			i++
		case ' ', '\t', '\n', '\r':
			end(at)
		default:
			if depth == pos && start < 0 {
				start = at
			}
		}
	}
	ok = minLon <= maxLon && minLat <= maxLat
	return minLon, minLat, maxLon, maxLat, ok
}

// NewBoundary returns the boundary of a unit from its GeoJSON geometry,
// which must be a Polygon or a MultiPolygon.
func NewBoundary(l dvhc.Level, c dvhc.Code, geojson []byte) (*Boundary, error) {
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(geojson, &g); err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "export: boundary of %s %s: %v", l, c, err)
	}
	if g.Type != "Polygon" && g.Type != "MultiPolygon" {
		return nil, dvhc.Errorf(dvhc.EINVALID, "export: boundary of %s %s: geometry %q, want Polygon or MultiPolygon", l, c, g.Type)
	}
	return &Boundary{Level: l, Code: c, GeoJSON: geojson, coords: g.Coordinates, multi: g.Type == "MultiPolygon"}, nil
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
		switch f.Geometry.Type {
		case "Polygon", "MultiPolygon":
		default:
			return dvhc.Errorf(dvhc.EINTERNAL, "export: boundary of %s %s: unexpected geometry %q", l, out.Code, f.Geometry.Type)
		}
		out.multi = f.Geometry.Type == "MultiPolygon"
		out.coords = f.Geometry.Coordinates
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
