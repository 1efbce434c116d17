package mcp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/prefertest"
)

// TestPreferMCP: the same address and point with each prefer value give
// the same status and commune through convert_address and
// convert_addresses as through the other doors (cmd/dvhc's TestPreferCLI,
// the API's TestPrefer): issue 17's example, and Phường Trúc Bạch with a
// point in Phường Sài Gòn, where the words and the point truly disagree.
func TestPreferMCP(t *testing.T) {
	s := start(t)
	defer s.cs.Close()
	s.tools()
	for _, prefer := range prefertest.Values {
		var want, one, many []string
		var addrs []string
		var points []map[string]float64
		for _, c := range prefertest.Cases {
			want = append(want, fmt.Sprint(c.Want[prefer]))
			args := map[string]any{"address": c.Address, "lat": c.Lat, "lon": c.Lon}
			if prefer != "" {
				args["prefer"] = prefer
			}
			var out ConvertAddressOutput
			if res := s.call("convert_address", args, &out); res.IsError {
				t.Fatalf("convert_address %v: %s", args, text(res))
			}
			one = append(one, fmt.Sprint([2]string{out.Status, out.CommuneCode}))
			addrs = append(addrs, c.Address)
			points = append(points, map[string]float64{"lat": c.Lat, "lon": c.Lon})
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
