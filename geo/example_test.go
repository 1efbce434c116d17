package geo_test

import (
	"fmt"
	"os"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
)

func ExampleLocate() {
	hoanKiemLake := dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}
	r, err := geo.Locate(hoanKiemLake, dvhc.MustParseDate("2025-07-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Commune, r.Province)

	_, err = geo.Locate(dvhc.LatLon{Lat: 16.10, Lon: 108.45}, dvhc.MustParseDate("2025-07-01"))
	fmt.Println(dvhc.ErrorKind(err), err)

	_, err = geo.Locate(hoanKiemLake, dvhc.MustParseDate("2025-06-30"))
	fmt.Println(dvhc.ErrorKind(err), err)
	// Output:
	// 00070 01
	// not_found geo: no commune contains the point (sea or outside Vietnam)
	// not_found geo: no boundaries before 2025-07-01 (asked for 2025-06-30)
}

func ExampleBoundaries_Contains() {
	b := geo.Default()
	p := dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}
	fmt.Println(b.Contains("00070", p), b.Contains("00004", p))
	// Output: true false
}

func ExampleResult_offshore() {
	r, _ := geo.Locate(dvhc.LatLon{Lat: 8.6447, Lon: 111.9200}, dvhc.Date{})
	fmt.Println(r.Commune, r.Province, r.Offshore)
	// Output: 22736 56 true
}

func ExampleWriteGeoJSON() {
	onlyHoanKiem := func(code, province dvhc.Code) bool { return code == "00070" }
	typ := func(code dvhc.Code) map[string]any { return map[string]any{"type": "Phường"} }
	if err := geo.WriteGeoJSON(os.Stdout, dvhc.LevelCommune, onlyHoanKiem, typ); err != nil {
		fmt.Println(err)
	}
}
