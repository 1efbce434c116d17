// Package prefertest holds the cases that every door's prefer test runs,
// so that the CLI, the HTTP API and the MCP server are held to one answer.
package prefertest

// Case is an address with a point, and the status and commune code that
// each prefer value gives it (key "" is the default, both).
type Case struct {
	Address  string
	Lat, Lon float64
	Want     map[string][2]string
}

// Values are the prefer values the cases answer for, the default ("")
// first.
var Values = []string{"", "both", "text", "point"}

// Cases are issue 17's example (the words and the point agree on 00082,
// by another reading of the words) and Phường Trúc Bạch with a point in
// Phường Sài Gòn (they truly disagree).
var Cases = []Case{
	{"15 Phố Lý Thường Kiệt, Phan Chu Trinh, Hoàn Kiếm, Hà Nội", 21.0245, 105.8530, map[string][2]string{
		"": {"ok", "00082"}, "both": {"ok", "00082"}, "text": {"ok", "00082"}, "point": {"ok", "00082"}}},
	{"Phường Trúc Bạch, Quận Ba Đình, Hà Nội", 10.78105, 106.703947, map[string][2]string{
		"": {"ambiguous", ""}, "both": {"ambiguous", ""}, "text": {"ok", "00004"}, "point": {"ok", "26740"}}},
}
