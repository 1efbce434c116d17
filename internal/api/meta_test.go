package api

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMeta(t *testing.T) {
	w := do(t, "GET", "/v1/meta", "")
	if w.Code != 200 {
		t.Fatalf("GET /v1/meta: %d %s", w.Code, w.Body)
	}
	var m struct {
		Version   string `json:"version"`
		DataDate  string `json:"data_date"`
		CheckedTo string `json:"checked_to"`
		Coverage  []struct {
			Level        string `json:"level"`
			CompleteFrom string `json:"complete_from"`
			CheckedTo    string `json:"checked_to"`
		} `json:"coverage"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m.Version == "" || m.DataDate != "2026-09-20" || m.CheckedTo != "2026-10-09" || len(m.Coverage) != 3 ||
		m.Coverage[2].Level != "commune" || m.Coverage[2].CompleteFrom != "2024-04-30" {
		t.Errorf("GET /v1/meta = %+v", m)
	}
}

// TestNotCovered: a date before the registry is complete is 422, naming
// the first complete date; the same question from it on is answered.
func TestNotCovered(t *testing.T) {
	for _, target := range []string{
		"/v1/units?at=2020-01-01",
		"/v1/units/commune/00004?at=2020-01-01",
		"/v1/search?q=ba+dinh&at=2020-01-01",
		"/v1/lineage/commune/00004?at=2025-07-01&to=2020-01-01",
	} {
		w := do(t, "GET", target, "")
		if w.Code != 422 || !strings.Contains(w.Body.String(), "urn:dvhc:problem:not_covered") || !strings.Contains(w.Body.String(), "2024-04-30") {
			t.Errorf("GET %s: %d %s", target, w.Code, w.Body)
		}
	}
	w := do(t, "GET", "/v1/units/commune/00010?at=2024-06-01", "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Phường Nguyễn Trung Trực") {
		t.Errorf("GET 00010 on 2024-06-01: %d %s", w.Code, w.Body)
	}
	w = do(t, "GET", "/v1/lineage/commune/00010?at=2024-06-01&to=2025-07-01", "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"basis":"inferred by name"`) {
		t.Errorf("GET lineage 00010: %d %s", w.Code, w.Body)
	}
}
