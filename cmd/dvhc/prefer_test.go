package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// preferCases are issue 17's example (the words and the point agree on
// 00082, by another reading of the words) and Phường Trúc Bạch with a
// point in Phường Sài Gòn (they truly disagree), with the status and
// commune each --prefer gives ("" is the default, both).
var preferCases = []struct {
	address, lat, lon string
	want              map[string][2]string
}{
	{"15 Phố Lý Thường Kiệt, Phan Chu Trinh, Hoàn Kiếm, Hà Nội", "21.0245", "105.8530", map[string][2]string{
		"": {"ok", "00082"}, "both": {"ok", "00082"}, "text": {"ok", "00082"}, "point": {"ok", "00082"}}},
	{"Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "10.78105", "106.703947", map[string][2]string{
		"": {"ambiguous", ""}, "both": {"ambiguous", ""}, "text": {"ok", "00004"}, "point": {"ok", "26740"}}},
}

// TestPreferCLI: the same address and point with each --prefer give the
// same status and commune through "dvhc convert --address" and "dvhc
// convert FILE" (whose rows all follow --prefer); a bad value is exit 2
// naming the flag.
func TestPreferCLI(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	var b strings.Builder
	b.WriteString("address,lat,lon\n")
	for _, c := range preferCases {
		fmt.Fprintf(&b, "%q,%s,%s\n", c.address, c.lat, c.lon)
	}
	os.WriteFile(in, []byte(b.String()), 0o644)
	for _, prefer := range []string{"", "both", "text", "point"} {
		var flags []string
		if prefer != "" {
			flags = []string{"--prefer", prefer}
		}
		out := filepath.Join(dir, "out-"+prefer+".csv")
		if _, stderr, code := run(t, append(append([]string{"convert", "--quiet", "-o", out}, flags...), in)...); code != 0 {
			t.Fatalf("convert --prefer %q FILE: exit %d, %s", prefer, code, stderr)
		}
		f, _ := os.Open(out)
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(recs) != len(preferCases)+1 {
			t.Fatalf("convert --prefer %q FILE: %v %v", prefer, err, recs)
		}
		for i, c := range preferCases {
			stdout, stderr, code := run(t, append([]string{"convert", "--address", c.address, "--lat", c.lat, "--lon", c.lon, "--json"}, flags...)...)
			var res struct {
				Status      string `json:"status"`
				CommuneCode string `json:"commune_code"`
			}
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("convert --address %q --prefer %q: %v %s", c.address, prefer, err, stderr)
			}
			want := c.want[prefer]
			if got := [2]string{res.Status, res.CommuneCode}; got != want || (code == 0) != (want[0] == "ok") {
				t.Errorf("--prefer %q, convert --address %q: %v (exit %d), want %v", prefer, c.address, got, code, want)
			}
			if got := [2]string{recs[i+1][3], recs[i+1][4]}; got != want {
				t.Errorf("--prefer %q, convert FILE, row %d: %v, want %v", prefer, i+1, got, want)
			}
		}
	}
	for _, args := range [][]string{
		{"convert", "--prefer", "words", "--address", "Hà Nội"},
		{"convert", "--prefer", "words", in},
	} {
		if _, stderr, code := run(t, args...); code != 2 || !strings.Contains(stderr, `--prefer: want both, text or point, got "words"`) {
			t.Errorf("dvhc %s: exit %d, %s", strings.Join(args, " "), code, stderr)
		}
	}
}
