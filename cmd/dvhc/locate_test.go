package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/registry"
)

func TestLocateCLI(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"Hồ Hoàn Kiếm", []string{"locate", "21.0287", "105.8524"}, 0, "00070 Phường Hoàn Kiếm, 01 Thành phố Hà Nội"},
		{"sea off Đà Nẵng", []string{"locate", "--json", "16.10", "108.45"}, 1, `"status": "not_found"`},
		{"Bangkok", []string{"locate", "--json", "13.7563", "100.5018"}, 1, `"status": "not_found"`},
		{"before the boundaries: a usage error", []string{"locate", "--at", "2025-06-30", "--json", "21.0287", "105.8524"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := run(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.contains) {
				t.Errorf("exit %d (want %d)\nstdout %s\nstderr %s", code, tt.code, out, stderr)
			}
		})
	}
	if _, stderr, code := run(t, "locate", "north", "east"); code != 2 || !strings.Contains(stderr, "decimal degrees") {
		t.Errorf("bad coordinates: exit %d, %s", code, stderr)
	}
}

func TestExportGeoJSONCLI(t *testing.T) {
	out, stderr, code := run(t, "export", "--format", "geojson", "--level", "province")
	if code != 0 || strings.Count(out, `"type":"Feature"`) != 34 || !strings.Contains(out, `"name":"Thành phố Hà Nội"`) {
		t.Errorf("export provinces: exit %d, %d features, stderr %s", code, strings.Count(out, `"type":"Feature"`), stderr)
	}
	out, _, _ = run(t, "export", "--format", "geojson", "--in", "01", "--at", "2026-05-01")
	if n := strings.Count(out, `"type":"Feature"`); n != 126 {
		t.Errorf("export communes of Hà Nội: %d features, want 126", n)
	}
	if _, stderr, code := run(t, "export", "--format", "shp"); code != 2 || !strings.Contains(stderr, "unknown export format") {
		t.Errorf("bad format: exit %d %s", code, stderr)
	}
}

// TestLocateJSONMatchesAPI: "dvhc locate --json" prints what GET
// /v1/locate answers, byte for byte after re-encoding, for a commune on
// land and for Đặc khu Trường Sa (offshore, with its note).
func TestLocateJSONMatchesAPI(t *testing.T) {
	reg := registry.MustDefault()
	srv := api.New(api.Config{Registry: reg, Converter: address.New(reg, geo.Default()),
		Today: func() dvhc.Date { return dvhc.MustParseDate("2025-07-01") }})
	defer srv.Close()
	tsa, _ := reg.Lookup(dvhc.LevelCommune, "22736", dvhc.ReformDay)
	if tsa == nil || tsa.InnerPoint.IsZero() {
		t.Fatal("no inner point for 22736")
	}
	for _, p := range [][2]string{{"21.0287", "105.8524"}, {fmt.Sprint(tsa.InnerPoint.Lat), fmt.Sprint(tsa.InnerPoint.Lon)}} {
		out, stderr, code := run(t, "locate", "--at", "2025-07-01", "--json", p[0], p[1])
		if code != 0 {
			t.Fatalf("locate %v: exit %d: %s", p, code, stderr)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", "/v1/locate?at=2025-07-01&lat="+p[0]+"&lon="+p[1], nil))
		if w.Code != 200 {
			t.Fatalf("/v1/locate %v: %d %s", p, w.Code, w.Body)
		}
		var cli, web any
		if err := json.Unmarshal([]byte(out), &cli); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(w.Body.Bytes(), &web); err != nil {
			t.Fatal(err)
		}
		cb, _ := json.Marshal(cli)
		wb, _ := json.Marshal(web)
		if !bytes.Equal(cb, wb) {
			t.Errorf("locate %v:\nCLI %s\nAPI %s", p, cb, wb)
		}
		if !strings.Contains(string(cb), `"status":"ok"`) {
			t.Errorf("locate %v: no status ok: %s", p, cb)
		}
	}
}
