package api

import (
	"net/url"
	"strings"
	"testing"
)

// TestPaging walks /v1/units?limit=N by its cursors: every unit once, in
// order, the Link header pointing at the next page; limit is honoured.
func TestPaging(t *testing.T) {
	var l UnitList
	w := get(t, "/v1/units?level=commune&at=2025-07-01&limit=5", 200, &l)
	if l.Count != 5 || len(l.Units) != 5 || l.Total != 3321 || l.NextCursor == "" {
		t.Fatalf("limit=5: count %d, %d units, total %d, next %q", l.Count, len(l.Units), l.Total, l.NextCursor)
	}
	if link := w.Header().Get("Link"); !strings.Contains(link, "cursor="+l.NextCursor) || !strings.Contains(link, `rel="next"`) {
		t.Errorf("Link = %q", link)
	}
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		target := "/v1/units?level=commune&at=2025-07-01&limit=1000"
		if cursor != "" {
			target += "&cursor=" + url.QueryEscape(cursor)
		}
		var p UnitList
		get(t, target, 200, &p)
		pages++
		for _, u := range p.Units {
			if seen[u.Code] {
				t.Fatalf("unit %s twice", u.Code)
			}
			seen[u.Code] = true
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if len(seen) != 3321 || pages != 4 {
		t.Errorf("%d units in %d pages, want 3321 in 4", len(seen), pages)
	}
	get(t, "/v1/units/province/01/children?at=2025-07-01&limit=2", 200, &l)
	if l.Count != 2 || l.Total != 126 || l.NextCursor == "" {
		t.Errorf("children limit=2: %d of %d, next %q", l.Count, l.Total, l.NextCursor)
	}
	var evs []Event
	get(t, "/v1/events?limit=1", 200, &evs)
	if len(evs) != 1 {
		t.Errorf("events limit=1: %d", len(evs))
	}
	problem(t, do(t, "GET", "/v1/units?limit=0", ""), 400, "invalid", "parameter limit")
	problem(t, do(t, "GET", "/v1/units?cursor=x", ""), 400, "invalid", "parameter cursor")
}

// TestEmptyUpload: a file with a header and no rows answers empty arrays,
// not null.
func TestEmptyUpload(t *testing.T) {
	w := upload(t, "empty.csv", []byte("dia_chi\n"))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"rows":[]`) || !strings.Contains(w.Body.String(), `"results":[]`) {
		t.Errorf("empty upload: %d %s", w.Code, w.Body.String())
	}
}
