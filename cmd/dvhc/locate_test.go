package main

import (
	"strings"
	"testing"
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
