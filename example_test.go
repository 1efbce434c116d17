package dvhc_test

import (
	"fmt"

	"github.com/dvhc-vn/dvhc"
)

// A code is read with its level, and means a unit only with a date: the
// key of a unit version is (level, code, first day).
func ExampleKey() {
	code, _ := dvhc.ParseCode(dvhc.LevelCommune, "4")
	k := dvhc.Key{Level: dvhc.LevelCommune, Code: code, From: dvhc.ReformDay}
	fmt.Println(code, dvhc.LevelOfCode("01"), dvhc.LevelOfCode("001"))
	fmt.Println(k)
	// Output:
	// 00004 province district
	// commune 00004@2025-07-01
}

// Dates are calendar days; validity intervals are half-open, so the old
// vintage ends the day before the reform.
func ExampleInterval_Contains() {
	old := dvhc.Interval{To: dvhc.ReformDay} // in force until the reform
	fmt.Println(dvhc.LastOldDay, old.Contains(dvhc.LastOldDay), old.Contains(dvhc.ReformDay), old.Last())
	d, err := dvhc.ParseDate("2025-02-30")
	fmt.Println(d.IsZero(), dvhc.ErrorKind(err))
	// Output:
	// 2025-06-30 true false 2025-06-30
	// true invalid
}

// Every door reads a point with ParseLatLon: decimal degrees, a decimal
// comma allowed, NaN and out-of-range values refused.
func ExampleParseLatLon() {
	p, err := dvhc.ParseLatLon("21,0335", " 105.8465")
	fmt.Println(p, err)
	_, err = dvhc.ParseLatLon("NaN", "105")
	fmt.Println(err)
	// Output:
	// {21.0335 105.8465} <nil>
	// latitude "NaN" is not a number of decimal degrees in [-90, 90]
}

// A unit version belongs to the old vintage (with districts) when it is in
// force on the last day before the reform, to the new one when it starts on
// or after the reform.
func ExampleVintageOf() {
	truc := &dvhc.Unit{Name: "Phường Trúc Bạch", Valid: dvhc.Interval{To: dvhc.ReformDay}}
	baDinh := &dvhc.Unit{Name: "Phường Ba Đình", Valid: dvhc.Interval{From: dvhc.ReformDay}}
	fmt.Println(truc.Name, dvhc.VintageOf(truc))
	fmt.Println(baDinh.Name, dvhc.VintageOf(baDinh))
	// Output:
	// Phường Trúc Bạch old
	// Phường Ba Đình new
}
