package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/prefertest"
)

// TestPreferCLI: the same address and point with each --prefer give the
// same status and commune through "dvhc convert --address" and "dvhc
// convert FILE" (whose rows all follow --prefer); a bad value is exit 2
// naming the flag.
func TestPreferCLI(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	var b strings.Builder
	b.WriteString("address,lat,lon\n")
	for _, c := range prefertest.Cases {
		fmt.Fprintf(&b, "%q,%v,%v\n", c.Address, c.Lat, c.Lon)
	}
	os.WriteFile(in, []byte(b.String()), 0o644)
	for _, prefer := range prefertest.Values {
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
		if err != nil || len(recs) != len(prefertest.Cases)+1 {
			t.Fatalf("convert --prefer %q FILE: %v %v", prefer, err, recs)
		}
		for i, c := range prefertest.Cases {
			stdout, stderr, code := run(t, append([]string{"convert", "--address", c.Address, "--lat", fmt.Sprint(c.Lat), "--lon", fmt.Sprint(c.Lon), "--json"}, flags...)...)
			var res struct {
				Status      string `json:"status"`
				CommuneCode string `json:"commune_code"`
			}
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("convert --address %q --prefer %q: %v %s", c.Address, prefer, err, stderr)
			}
			want := c.Want[prefer]
			if got := [2]string{res.Status, res.CommuneCode}; got != want || (code == 0) != (want[0] == "ok") {
				t.Errorf("--prefer %q, convert --address %q: %v (exit %d), want %v", prefer, c.Address, got, code, want)
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
