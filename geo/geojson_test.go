package geo

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// fc is the part of a FeatureCollection the tests read.
type fc struct {
	Type     string `json:"type"`
	Features []struct {
		Type       string         `json:"type"`
		Properties map[string]any `json:"properties"`
		Geometry   struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// multiPolygon decodes the coordinates of a Polygon or MultiPolygon.
func multiPolygon(t *testing.T, typ string, raw json.RawMessage) orb.MultiPolygon {
	t.Helper()
	var mp orb.MultiPolygon
	var err error
	if typ == "Polygon" {
		var p orb.Polygon
		err = json.Unmarshal(raw, &p)
		mp = orb.MultiPolygon{p}
	} else {
		err = json.Unmarshal(raw, &mp)
	}
	if err != nil {
		t.Fatal(err)
	}
	return mp
}

// TestGeoJSONCommunes exports the communes of Hà Nội and checks them
// against the inner points with orb's planar test.
func TestGeoJSONCommunes(t *testing.T) {
	var buf bytes.Buffer
	hanoi := func(code, province dvhc.Code) bool { return province == "01" }
	props := func(code dvhc.Code) map[string]any {
		return map[string]any{"type": "t" + string(code), "name": "override"}
	}
	if err := WriteGeoJSON(&buf, dvhc.LevelCommune, hanoi, props); err != nil {
		t.Fatal(err)
	}
	var got fc
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	inner := map[dvhc.Code]dvhc.LatLon{}
	for _, c := range readCommunes(t) {
		if c.province == "01" {
			inner[c.code] = c.inner
		}
	}
	if got.Type != "FeatureCollection" || len(got.Features) != len(inner) || len(inner) != 126 {
		t.Fatalf("%s of %d features, want 126", got.Type, len(got.Features))
	}
	for _, f := range got.Features {
		code := dvhc.Code(f.Properties["code"].(string))
		if f.Properties["province_code"] != "01" || f.Properties["name"] != "override" || f.Properties["type"] != "t"+string(code) {
			t.Errorf("properties %v", f.Properties)
		}
		mp := multiPolygon(t, f.Geometry.Type, f.Geometry.Coordinates)
		for _, p := range mp {
			if p[0].Orientation() != orb.CCW {
				t.Errorf("%s: exterior ring not counter-clockwise", code)
			}
		}
		p := inner[code]
		if !planar.MultiPolygonContains(mp, orb.Point{p.Lon, p.Lat}) {
			t.Errorf("%s: exported polygon does not contain the inner point", code)
		}
	}
}

func TestGeoJSONProvinces(t *testing.T) {
	var buf bytes.Buffer
	if err := Default().WriteGeoJSON(&buf, dvhc.LevelProvince, nil, nil); err != nil {
		t.Fatal(err)
	}
	var got fc
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if len(got.Features) != 34 {
		t.Fatalf("%d provinces, want 34", len(got.Features))
	}
	hn := got.Features[0]
	if hn.Properties["code"] != "01" || hn.Properties["name"] != "Thành phố Hà Nội" || hn.Properties["province_code"] != nil {
		t.Errorf("first province: %v", hn.Properties)
	}
	kiem := orb.Point{105.8524, 21.0287}
	if !planar.MultiPolygonContains(multiPolygon(t, hn.Geometry.Type, hn.Geometry.Coordinates), kiem) {
		t.Error("Hà Nội does not contain Hồ Hoàn Kiếm")
	}
}

func TestGeoJSONErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, dvhc.LevelDistrict, nil, nil); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("districts: %v", err)
	}
	bad := func(dvhc.Code) map[string]any { return map[string]any{"x": func() {}} }
	if err := WriteGeoJSON(&buf, dvhc.LevelProvince, nil, bad); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("unencodable property: %v", err)
	}
	buf.Reset()
	none := func(code, province dvhc.Code) bool { return false }
	if err := WriteGeoJSON(&buf, dvhc.LevelCommune, none, nil); err != nil || strings.TrimSpace(buf.String()) != `{"type":"FeatureCollection","features":[`+"\n]}" {
		t.Errorf("empty collection: %q, %v", buf.String(), err)
	}
}

func TestGeometry(t *testing.T) {
	g, err := Default().Geometry(dvhc.LevelCommune, "22736")
	if err != nil {
		t.Fatal(err)
	}
	if mp, ok := g.(orb.MultiPolygon); !ok || len(mp) != 140 {
		t.Errorf("Trường Sa: %T of %d parts, want a MultiPolygon of 140", g, len(mp))
	}
	g, err = Default().Geometry(dvhc.LevelCommune, "00070")
	if _, ok := g.(orb.Polygon); err != nil || !ok {
		t.Errorf("Hoàn Kiếm: %T, %v", g, err)
	}
	if _, err := Default().Geometry(dvhc.LevelCommune, "99999"); dvhc.ErrorKind(err) != dvhc.ENOTFOUND {
		t.Errorf("unknown code: %v", err)
	}
	if _, err := Default().Geometry(dvhc.LevelDistrict, "001"); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("district: %v", err)
	}
}
