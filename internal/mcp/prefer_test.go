package mcp

import (
	"fmt"
	"strings"
	"testing"
)

// TestPreferMCP: the same address and point with each prefer value give
// the same status and commune through convert_address and
// convert_addresses as through the other doors (cmd/dvhc's TestPreferCLI,
// the API's TestPrefer): issue 17's example, and Phường Trúc Bạch with a
// point in Phường Sài Gòn, where the words and the point truly disagree.
func TestPreferMCP(t *testing.T) {
	cases := []struct {
		address  string
		lat, lon float64
		want     map[string][2]string
	}{
		{"15 Phố Lý Thường Kiệt, Phan Chu Trinh, Hoàn Kiếm, Hà Nội", 21.0245, 105.8530, map[string][2]string{
			"": {"ok", "00082"}, "both": {"ok", "00082"}, "text": {"ok", "00082"}, "point": {"ok", "00082"}}},
		{"Phường Trúc Bạch, Quận Ba Đình, Hà Nội", 10.78105, 106.703947, map[string][2]string{
			"": {"ambiguous", ""}, "both": {"ambiguous", ""}, "text": {"ok", "00004"}, "point": {"ok", "26740"}}},
	}
	s := start(t)
	defer s.cs.Close()
	s.tools()
	for _, prefer := range []string{"", "both", "text", "point"} {
		var want, one, many []string
		var addrs []string
		var points []map[string]float64
		for _, c := range cases {
			want = append(want, fmt.Sprint(c.want[prefer]))
			args := map[string]any{"address": c.address, "lat": c.lat, "lon": c.lon}
			if prefer != "" {
				args["prefer"] = prefer
			}
			var out ConvertAddressOutput
			if res := s.call("convert_address", args, &out); res.IsError {
				t.Fatalf("convert_address %v: %s", args, text(res))
			}
			one = append(one, fmt.Sprint([2]string{out.Status, out.CommuneCode}))
			addrs = append(addrs, c.address)
			points = append(points, map[string]float64{"lat": c.lat, "lon": c.lon})
		}
		args := map[string]any{"addresses": addrs, "points": points}
		if prefer != "" {
			args["prefer"] = prefer
		}
		var out ConvertAddressesOutput
		if res := s.call("convert_addresses", args, &out); res.IsError {
			t.Fatalf("convert_addresses: %s", text(res))
		}
		for _, r := range out.Results {
			many = append(many, fmt.Sprint([2]string{r.Status, r.CommuneCode}))
		}
		for door, got := range map[string][]string{"convert_address": one, "convert_addresses": many} {
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("prefer %q, %s: %v, want %v", prefer, door, got, want)
			}
		}
	}
}
