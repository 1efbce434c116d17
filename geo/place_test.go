package geo_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// TestWriteUnits: every feature carries the properties of its unit version
// on the day asked, the same for provinces and communes.
func TestWriteUnits(t *testing.T) {
	reg := registry.MustDefault()
	day := dvhc.MustParseDate("2026-05-01")
	var buf bytes.Buffer
	err := geo.Default().WriteUnits(&buf, reg, dvhc.LevelCommune, day, func(code, _ dvhc.Code) bool { return code == "00004" })
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil || len(fc.Features) != 1 {
		t.Fatalf("%v: %d features", err, len(fc.Features))
	}
	want := map[string]any{"code": "00004", "name": "Phường Ba Đình", "type": "Phường", "name_en": "Ba Dinh Ward",
		"level": "commune", "at": "2026-05-01", "province_code": "01", "province": "Thành phố Hà Nội"}
	if got := fc.Features[0].Properties; !reflect.DeepEqual(got, want) {
		t.Errorf("properties\n got %v\nwant %v", got, want)
	}
	if err := geo.Default().WriteUnits(&buf, reg, dvhc.LevelCommune, dvhc.LastOldDay, nil); dvhc.ErrorKind(err) != dvhc.ENOTFOUND {
		t.Errorf("before the boundaries: %v", err)
	}
}

func TestPlace(t *testing.T) {
	reg := registry.MustDefault()
	pl, err := geo.Default().Place(reg, dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}, dvhc.ReformDay)
	if err != nil || pl.Commune.Code != "00070" || pl.Province.Code != "01" || pl.Note() != "" {
		t.Errorf("Place = %+v, %v", pl, err)
	}
	if _, err := geo.Default().Place(reg, dvhc.LatLon{Lat: 16.10, Lon: 108.45}, dvhc.ReformDay); dvhc.ErrorKind(err) != dvhc.ENOTFOUND {
		t.Errorf("at sea: %v", err)
	}
}
