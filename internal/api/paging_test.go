package api

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/tabular"
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

// TestBoundariesCollection: the outlines the page draws as its base map.
func TestBoundariesCollection(t *testing.T) {
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	get(t, "/v1/boundaries/province?at=2025-07-01", 200, &fc)
	if len(fc.Features) != 34 {
		t.Errorf("%d provinces, want 34", len(fc.Features))
	}
	get(t, "/v1/boundaries/commune?in=01&at=2025-07-01", 200, &fc)
	if len(fc.Features) != 126 || fc.Features[0].Properties["name"] == nil {
		t.Errorf("%d communes of Hà Nội, want 126", len(fc.Features))
	}
	problem(t, do(t, "GET", "/v1/boundaries/commune", ""), 400, "invalid", "parameter in")
	problem(t, do(t, "GET", "/v1/boundaries/district", ""), 400, "invalid", "no boundaries for level district")
	problem(t, do(t, "GET", "/v1/boundaries/province?at=2025-06-30", ""), 404, "not_found", "no boundaries before")
}

// TestConvertFileToXLSX: the upload converted to a workbook to download.
func TestConvertFileToXLSX(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "dia-chi.csv")
	fw.Write([]byte("id,dia_chi\n1,\"P7, Q5, TP.HCM\"\n2,\"12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN\"\n"))
	mw.Close()
	r := httptest.NewRequest("POST", "/v1/convert/file?to=2025-07-01&format=xlsx", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Accept-Language", "vi")
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), "dvhc-converted.xlsx") {
		t.Fatalf("xlsx: %d %s", w.Code, w.Body.String())
	}
	rd, err := tabular.NewReader(w.Body, tabular.XLSX, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if h := rd.Header(); len(h) != 2+len(fileconv.AddressColumns) || h[1] != "dia_chi" || h[2] != "dvhc_status" {
		t.Errorf("header %q", h)
	}
	var row tabular.Row
	rd.Next(&row)
	if row.Fields[2] != "ok" || row.Fields[4] != "Phường An Đông" {
		t.Errorf("row 1 %q", row.Fields)
	}
	rd.Next(&row)
	if row.Fields[2] != "ambiguous" || !strings.Contains(row.Fields[len(row.Fields)-1], "đã được chia") {
		t.Errorf("row 2 %q", row.Fields)
	}
}

// TestConvertFileToCSV: the CSV download is Excel-safe with a BOM, takes
// the column parameter, and a table refused by the check is a problem
// document, not a half file.
func TestConvertFileToCSV(t *testing.T) {
	upload := func(target, content string) *httptest.ResponseRecorder {
		return postFile(t, target, "f.csv", []byte(content))
	}
	w := upload("/v1/convert/file?to=2025-07-01&format=csv&column=noi_o", "ghi_chu,noi_o\n=1+2,\"P7, Q5, TP.HCM\"\n")
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("csv: %d %s", w.Code, w.Body.String())
	}
	if got := w.Body.String(); !strings.HasPrefix(got, "\xEF\xBB\xBFghi_chu,noi_o,dvhc_status,") || !strings.Contains(got, "\n'=1+2,\"P7, Q5, TP.HCM\",ok,27316,") {
		t.Errorf("csv body:\n%s", got)
	}
	problem(t, upload("/v1/convert/file?format=csv", "a,b\n1,2\n"), 400, "invalid", "which column holds the address")
	problem(t, upload("/v1/convert/file?format=csv", "dia_chi\n"+strings.Repeat("x\n", 101)), 413, "too_large", "more than 100 rows")
	problem(t, upload("/v1/convert/file?format=jsonl", "dia_chi\nx\n"), 400, "invalid", `parameter format: want xlsx or csv, got "jsonl"`)
}

// TestSearchCursor pages search matches like every list.
func TestSearchCursor(t *testing.T) {
	var all, p1, p2 SearchResult
	get(t, "/v1/search?q=thong+nhat&at=2025-06-30&limit=6", 200, &all)
	get(t, "/v1/search?q=thong+nhat&at=2025-06-30&limit=3", 200, &p1)
	if len(all.Matches) != 6 || len(p1.Matches) != 3 || p1.NextCursor != "3" {
		t.Fatalf("search: %d matches, page of %d, next %q", len(all.Matches), len(p1.Matches), p1.NextCursor)
	}
	get(t, "/v1/search?q=thong+nhat&at=2025-06-30&limit=3&cursor="+p1.NextCursor, 200, &p2)
	for i, m := range append(p1.Matches, p2.Matches...) {
		if m.Code != all.Matches[i].Code || m.Level != all.Matches[i].Level {
			t.Errorf("match %d: %s %s, want %s %s", i, m.Level, m.Code, all.Matches[i].Level, all.Matches[i].Code)
		}
	}
	problem(t, do(t, "GET", "/v1/search?q=x&cursor=-1", ""), 400, "invalid", "parameter cursor")
}
