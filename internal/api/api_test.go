package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
)

var (
	testOnce sync.Once
	testSrv  *Server
	testLog  syncBuffer
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server returns an API over the embedded registry whose today is
// 2026-01-15.
func server(t testing.TB) *Server {
	t.Helper()
	testOnce.Do(func() {
		reg := registry.MustDefault()
		testSrv = New(Config{
			Registry:  reg,
			Converter: address.New(reg, geo.Default()),
			Log:       &testLog,
			MaxBatch:  100,
			MaxBody:   64 << 10,
			Today:     func() dvhc.Date { return dvhc.MustParseDate("2026-01-15") },
		})
	})
	return testSrv
}

// do serves one request and returns the recorder.
func do(t testing.TB, method, target string, body string) *httptest.ResponseRecorder {
	t.Helper()
	var r *http.Request
	if body != "" {
		r = httptest.NewRequest(method, target, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	} else {
		r = httptest.NewRequest(method, target, nil)
	}
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	return w
}

// get serves GET target, checks the status and decodes the JSON body
// into v (when v is not nil).
func get(t *testing.T, target string, status int, v any) *httptest.ResponseRecorder {
	t.Helper()
	w := do(t, "GET", target, "")
	if w.Code != status {
		t.Fatalf("GET %s: status %d, want %d; body %s", target, w.Code, status, w.Body)
	}
	if v != nil {
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			t.Fatalf("GET %s: %v in %s", target, err, w.Body)
		}
	}
	return w
}

// problem checks that w is a problem document of status and kind whose
// detail contains want.
func problem(t *testing.T, w *httptest.ResponseRecorder, status int, kind, want string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem: %v in %s", err, w.Body)
	}
	if p.Status != status || p.Type != "urn:dvhc:problem:"+kind || p.Title != http.StatusText(status) {
		t.Errorf("problem %+v, want status %d kind %s", p, status, kind)
	}
	if !strings.Contains(p.Detail, want) {
		t.Errorf("problem detail %q, want it to contain %q", p.Detail, want)
	}
}

func TestHealthz(t *testing.T) {
	var h Health
	get(t, "/healthz", 200, &h)
	if h.Status != "ok" || h.Units < 10000 || h.Events == 0 {
		t.Errorf("healthz = %+v", h)
	}
}

func TestListUnits(t *testing.T) {
	var l UnitList
	get(t, "/v1/units?level=province&at=2025-06-30", 200, &l)
	if l.Count != 63 || len(l.Units) != 63 || l.At != "2025-06-30" {
		t.Errorf("provinces on 2025-06-30: count %d, %d units, at %s; want 63", l.Count, len(l.Units), l.At)
	}
	get(t, "/v1/units?level=province&at=2025-07-01", 200, &l)
	if l.Count != 34 {
		t.Errorf("provinces on 2025-07-01: %d, want 34", l.Count)
	}
	get(t, "/v1/units?level=commune&at=2025-07-01", 200, &l)
	if l.Total != 3321 || l.Count != DefaultPageLimit {
		t.Errorf("communes on 2025-07-01: %d of %d, want %d of 3321", l.Count, l.Total, DefaultPageLimit)
	}
	get(t, "/v1/units?level=commune&at=2025-06-30", 200, &l)
	if l.Total != 10035 {
		t.Errorf("communes on 2025-06-30: %d, want 10035", l.Total)
	}
	get(t, "/v1/units?level=commune&in=001&at=2025-06-30", 200, &l)
	if l.Count == 0 {
		t.Fatal("no communes in district 001 on 2025-06-30")
	}
	for _, u := range l.Units {
		if u.ParentCode != "001" {
			t.Errorf("commune %s has parent %s, want 001", u.Code, u.ParentCode)
		}
	}
	// today is 2026-01-15: the 34 provinces
	get(t, "/v1/units?level=province", 200, &l)
	if l.At != "2026-01-15" || l.Count != 34 {
		t.Errorf("default date: at %s, %d provinces", l.At, l.Count)
	}
	problem(t, do(t, "GET", "/v1/units?level=village", ""), 400, "invalid", "unknown level")
	problem(t, do(t, "GET", "/v1/units?at=2025-13-01", ""), 400, "invalid", "parameter at")
	problem(t, do(t, "GET", "/v1/units?in=ab", ""), 400, "invalid", "parameter in")
	problem(t, do(t, "GET", "/v1/units?in=001&at=2025-07-01", ""), 404, "not_found", "district")
}

func TestLookupUnit(t *testing.T) {
	var d UnitDetail
	get(t, "/v1/units/commune/00004?at=2025-07-01", 200, &d)
	if d.Name != "Phường Ba Đình" || d.Parent == nil || d.Parent.Code != "01" || d.Province == nil || d.Province.Name != "Thành phố Hà Nội" {
		t.Errorf("commune 00004 on 2025-07-01 = %+v", d)
	}
	if d.AdminCentre == "" || d.Resolution != "1656/NQ-UBTVQH15" {
		t.Errorf("admin centre %q, resolution %q", d.AdminCentre, d.Resolution)
	}
	if !strings.Contains(d.FormedFrom["2025-07-17"], "Phường Trúc Bạch") {
		t.Errorf("formed_from = %v, want the official text naming Phường Trúc Bạch", d.FormedFrom)
	}
	d = UnitDetail{}
	get(t, "/v1/units/xa/4?at=2025-06-30", 200, &d)
	if d.Name != "Phường Trúc Bạch" || d.Parent == nil || d.Parent.Name != "Quận Ba Đình" || d.Province == nil || d.Province.Code != "01" || d.FormedFrom != nil {
		t.Errorf("commune 4 on 2025-06-30 = %+v", d)
	}
	d = UnitDetail{}
	get(t, "/v1/units/province/01?at=2025-07-01", 200, &d)
	if d.Name != "Thành phố Hà Nội" || d.Parent != nil {
		t.Errorf("province 01 = %+v", d)
	}
	problem(t, do(t, "GET", "/v1/units/commune/123456", ""), 400, "invalid", "more than 5 digits")
	problem(t, do(t, "GET", "/v1/units/hamlet/1", ""), 400, "invalid", "unknown level")
	problem(t, do(t, "GET", "/v1/units/commune/4?at=yesterday", ""), 400, "invalid", "invalid date")
	problem(t, do(t, "GET", "/v1/units/commune/99999", ""), 404, "not_found", "no commune with code 99999")
	problem(t, do(t, "GET", "/v1/units/district/001?at=2025-07-01", ""), 404, "not_found", "in force")
}

func TestChildren(t *testing.T) {
	var l UnitList
	get(t, "/v1/units/province/01/children?at=2025-07-01", 200, &l)
	if l.Count != 126 {
		t.Errorf("Hà Nội has %d communes on 2025-07-01, want 126", l.Count)
	}
	get(t, "/v1/units/district/001/children?at=2025-06-30", 200, &l)
	found := false
	for _, u := range l.Units {
		found = found || u.Name == "Phường Trúc Bạch"
	}
	if !found {
		t.Errorf("Quận Ba Đình's children lack Phường Trúc Bạch: %+v", l.Units)
	}
	problem(t, do(t, "GET", "/v1/units/district/001/children?at=2025-07-01", ""), 404, "not_found", "district")
}

func TestSearch(t *testing.T) {
	var s SearchResult
	get(t, "/v1/search?q=truc+bach&level=commune", 200, &s)
	if len(s.Matches) == 0 || s.Matches[0].Name != "Phường Trúc Bạch" || s.Matches[0].Match != "name" {
		t.Errorf("search truc bach = %+v", s.Matches)
	}
	get(t, "/v1/search?q=truc+bach&level=commune&at=2025-07-01", 200, &s)
	for _, m := range s.Matches {
		if m.Name == "Phường Trúc Bạch" {
			t.Errorf("Phường Trúc Bạch found on 2025-07-01")
		}
	}
	get(t, "/v1/search?q=xa&limit=3", 200, &s)
	if len(s.Matches) > 3 {
		t.Errorf("limit 3 gave %d matches", len(s.Matches))
	}
	problem(t, do(t, "GET", "/v1/search", ""), 400, "invalid", "q is required")
	problem(t, do(t, "GET", "/v1/search?q=a&limit=0", ""), 400, "invalid", "limit")
	problem(t, do(t, "GET", "/v1/search?q=a&limit=1000", ""), 400, "invalid", "limit")
	problem(t, do(t, "GET", "/v1/search?q=a&level=x1", ""), 400, "invalid", "level")
}

func TestLineage(t *testing.T) {
	var l Lineage
	get(t, "/v1/lineage/commune/00004?at=2025-06-30&to=2025-07-01", 200, &l)
	if l.Direction != "successors" || len(l.Links) != 1 || l.Links[0].Name != "Phường Ba Đình" || l.Links[0].Resolution != "1656/NQ-UBTVQH15" {
		t.Errorf("successors of Trúc Bạch = %+v", l)
	}
	get(t, "/v1/lineage/commune/00004?at=2025-07-01&to=2025-06-30", 200, &l)
	names := map[string]bool{}
	for _, k := range l.Links {
		names[k.Name] = true
	}
	if l.Direction != "predecessors" || !names["Phường Trúc Bạch"] || !names["Phường Quán Thánh"] {
		t.Errorf("predecessors of Ba Đình = %v (%s)", names, l.Direction)
	}
	// a split commune has several successors, each part
	get(t, "/v1/lineage/commune/00055?at=2025-06-30&to=2025-07-01", 200, &l)
	if len(l.Links) != 2 || l.Links[0].Share != "part" || l.Links[0].Note == "" {
		t.Errorf("successors of Cửa Đông = %+v", l.Links)
	}
	problem(t, do(t, "GET", "/v1/lineage/commune/00004?at=2025-06-30&to=2025-7-1", ""), 400, "invalid", "parameter to")
	problem(t, do(t, "GET", "/v1/lineage/commune/99999?at=2025-06-30", ""), 404, "not_found", "99999")
}

func TestEvents(t *testing.T) {
	var evs []Event
	get(t, "/v1/events", 200, &evs)
	found := false
	for i, e := range evs {
		if i > 0 && e.Operative < evs[i-1].Operative {
			t.Errorf("events out of order: %s after %s", e.ID, evs[i-1].ID)
		}
		found = found || (e.Resolution == "202/2025/QH15" && e.Operative == "2025-07-01" && e.Effective == "2025-06-12")
	}
	if !found {
		t.Errorf("no Resolution 202/2025/QH15 operative 2025-07-01 in %+v", evs)
	}
}

func TestLocate(t *testing.T) {
	var l Location
	// Phường Ba Đình's published point
	get(t, "/v1/locate?lat=21.037623&lon=105.838616&at=2025-07-01", 200, &l)
	if l.Commune.Code != "00004" || l.Province.Code != "01" {
		t.Errorf("locate Ba Đình = %+v", l)
	}
	problem(t, do(t, "GET", "/v1/locate?lat=21", ""), 400, "invalid", "go together")
	problem(t, do(t, "GET", "/v1/locate", ""), 400, "invalid", "required")
	problem(t, do(t, "GET", "/v1/locate?lat=abc&lon=105", ""), 400, "invalid", "invalid point")
	problem(t, do(t, "GET", "/v1/locate?lat=95&lon=105", ""), 400, "invalid", "invalid point")
	problem(t, do(t, "GET", "/v1/locate?lat=10&lon=-30", ""), 404, "not_found", "")
	problem(t, do(t, "GET", "/v1/locate?lat=21.037623&lon=105.838616&at=2025-06-30", ""), 404, "not_found", "")
}

func TestNoRoute(t *testing.T) {
	problem(t, do(t, "GET", "/v1/nope", ""), 404, "not_found", "/v1/nope")
	problem(t, do(t, "GET", "/elsewhere", ""), 404, "not_found", "/elsewhere")
	w := do(t, "DELETE", "/v1/units", "")
	problem(t, w, 405, "method_not_allowed", "DELETE")
	if w.Header().Get("Allow") != "GET" {
		t.Errorf("Allow = %q, want GET", w.Header().Get("Allow"))
	}
}

func TestProblemTable(t *testing.T) {
	for _, tc := range []struct {
		err    error
		status int
		kind   string
	}{
		{dvhc.Errorf(dvhc.EINVALID, "x"), 400, "invalid"},
		{dvhc.Errorf(dvhc.ENOTFOUND, "x"), 404, "not_found"},
		{dvhc.Errorf(dvhc.EINTERNAL, "secret"), 500, "internal"},
		{&http.MaxBytesError{Limit: 10}, 413, "too_large"},
		{bytes.ErrTooLarge, 500, "internal"},
	} {
		kind, detail := problemOf(tc.err)
		if kind != tc.kind || statusOf[kind] != tc.status {
			t.Errorf("%v: kind %s status %d, want %s %d", tc.err, kind, statusOf[kind], tc.kind, tc.status)
		}
		if kind == "internal" && detail != "internal error" {
			t.Errorf("internal detail leaked: %q", detail)
		}
	}
}

func TestPanicIsProblem(t *testing.T) {
	s := New(Config{Registry: registry.MustDefault(), Log: &testLog})
	s.mux.Handle("GET /v1/panic", s.adapt(func(w http.ResponseWriter, r *http.Request) error { panic("boom") }))
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/v1/panic", nil))
	problem(t, w, 500, "internal", "internal error")
	s.Close()
	if !strings.Contains(testLog.String(), "boom") {
		t.Errorf("panic not logged")
	}
}

func TestGzipAndAccessLog(t *testing.T) {
	r := httptest.NewRequest("GET", "/v1/units?level=province&at=2025-06-30", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("a list of 63 provinces was not gzipped: %v", w.Header())
	}
	server(t).log.Flush()
	if !strings.Contains(testLog.String(), "GET /v1/units?level=province&at=2025-06-30 200 ") {
		t.Errorf("access log lacks the request: %s", testLog.String())
	}
}

func TestBoundary(t *testing.T) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type       string         `json:"type"`
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type string `json:"type"`
			} `json:"geometry"`
		} `json:"features"`
	}
	w := get(t, "/v1/boundaries/commune/00004?at=2025-07-01", 200, &fc)
	if ct := w.Header().Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("Content-Type %q", ct)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 1 {
		t.Fatalf("boundary of 00004: %+v", fc)
	}
	f := fc.Features[0]
	if f.Properties["code"] != "00004" || f.Properties["name"] != "Phường Ba Đình" || (f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon") {
		t.Errorf("feature %+v", f)
	}
	get(t, "/v1/boundaries/province/1", 200, &fc)
	if len(fc.Features) != 1 || fc.Features[0].Properties["name"] != "Thành phố Hà Nội" {
		t.Errorf("boundary of province 01: %+v", fc.Features)
	}
	problem(t, do(t, "GET", "/v1/boundaries/commune/00004?at=2025-06-30", ""), 404, "not_found", "no boundaries before 2025-07-01")
	problem(t, do(t, "GET", "/v1/boundaries/commune/99999", ""), 404, "not_found", "99999")
	problem(t, do(t, "GET", "/v1/boundaries/district/001", ""), 404, "not_found", "district")
	problem(t, do(t, "GET", "/v1/boundaries/commune/abc", ""), 400, "invalid", "not all digits")
}

func TestConvertOne(t *testing.T) {
	var c wire.Conversion
	get(t, "/v1/convert?to=2025-07-01&address="+url.QueryEscape("Phường Trúc Bạch, Quận Ba Đình, Hà Nội"), 200, &c)
	if c.Status != "ok" || c.CommuneCode != "00004" || c.Commune != "Phường Ba Đình" || c.Address != "Phường Ba Đình, Thành phố Hà Nội" {
		t.Errorf("convert Trúc Bạch = %+v", c)
	}
	// a split commune: ambiguous, both successors with their official notes
	get(t, "/v1/convert?to=2025-07-01&address="+url.QueryEscape("12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN"), 200, &c)
	if c.Status != "ambiguous" || len(c.Candidates) != 2 || c.Candidates[0].Note == "" || c.Street != "12 ngõ 5" {
		t.Errorf("convert Cửa Đông = %+v", c)
	}
	// a point inside Phường Hoàn Kiếm decides
	var hk Location
	get(t, "/v1/locate?lat=21.0287&lon=105.8524&at=2025-07-01", 200, &hk)
	if hk.Commune.Code != "00070" {
		t.Fatalf("the point is in %s %s, not Phường Hoàn Kiếm", hk.Commune.Code, hk.Commune.Name)
	}
	c = wire.Conversion{}
	get(t, "/v1/convert?to=2025-07-01&lat=21.0287&lon=105.8524&address="+url.QueryEscape("12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN"), 200, &c)
	if c.Status != "ok" || c.CommuneCode != "00070" {
		t.Errorf("convert Cửa Đông with a point in Hoàn Kiếm = %+v", c)
	}
	get(t, "/v1/convert?address=xyz", 200, &c)
	if c.Status != "not_found" {
		t.Errorf("convert xyz: status %s", c.Status)
	}
	problem(t, do(t, "GET", "/v1/convert", ""), 400, "invalid", "address is required")
	problem(t, do(t, "GET", "/v1/convert?address=a&to=2025-02-30", ""), 400, "invalid", "parameter to")
	problem(t, do(t, "GET", "/v1/convert?address=a&lat=21", ""), 400, "invalid", "lat and lon")
	problem(t, do(t, "GET", "/v1/convert?address="+strings.Repeat("a", 1001), ""), 400, "invalid", "longer than")
}

func TestConvertBatch(t *testing.T) {
	body := `{"addresses": ["Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "xyz", "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN", ""], "to": "2025-07-01", "points": [null, null, null, null]}`
	w := do(t, "POST", "/v1/convert", body)
	if w.Code != 200 {
		t.Fatalf("POST /v1/convert: %d %s", w.Code, w.Body)
	}
	var b ConvertBatch
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	want := []string{"ok", "not_found", "ambiguous", "invalid"}
	if b.To != "2025-07-01" || b.Count != 4 || len(b.Results) != 4 {
		t.Fatalf("batch = %+v", b)
	}
	for i, r := range b.Results {
		if r.Status != want[i] {
			t.Errorf("result %d: status %s, want %s (%+v)", i, r.Status, want[i], r)
		}
	}
	if b.Results[0].CommuneCode != "00004" || b.Results[1].Input != "xyz" {
		t.Errorf("results out of order: %+v", b.Results[:2])
	}

	// a batch larger than the parallel split, in order
	var many []string
	for i := range 100 {
		if i%2 == 0 {
			many = append(many, "Phường Trúc Bạch, Quận Ba Đình, Hà Nội")
		} else {
			many = append(many, "Phường Cửa Đông, Quận Hoàn Kiếm, Hà Nội")
		}
	}
	js, _ := json.Marshal(ConvertRequest{Addresses: many, To: "2025-07-01"})
	w = do(t, "POST", "/v1/convert", string(js))
	b = ConvertBatch{}
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil || len(b.Results) != 100 {
		t.Fatalf("100 addresses: %v, %d results", err, len(b.Results))
	}
	for i, r := range b.Results {
		if r.Input != many[i] {
			t.Fatalf("result %d is for %q, want %q", i, r.Input, many[i])
		}
	}

	problem(t, do(t, "POST", "/v1/convert", `{"addresses": [`), 400, "invalid", "malformed JSON")
	problem(t, do(t, "POST", "/v1/convert", `{"addresses": ["a"]} {}`), 400, "invalid", "after the object")
	problem(t, do(t, "POST", "/v1/convert", `{"adresses": ["a"]}`), 400, "invalid", "unknown field")
	problem(t, do(t, "POST", "/v1/convert", `{}`), 400, "invalid", "addresses is required")
	problem(t, do(t, "POST", "/v1/convert", `{"addresses": ["a"], "to": "01/07/2025"}`), 400, "invalid", "field to")
	problem(t, do(t, "POST", "/v1/convert", `{"addresses": ["a", "b"], "points": [null]}`), 400, "invalid", "1 points for 2 addresses")
	problem(t, do(t, "POST", "/v1/convert", `{"addresses": ["a"], "points": [{"lat": 100, "lon": 0}]}`), 400, "invalid", "not a WGS 84")
	// the test server allows 100 addresses and 64 KiB
	js, _ = json.Marshal(ConvertRequest{Addresses: make([]string, 101)})
	problem(t, do(t, "POST", "/v1/convert", string(js)), 413, "too_large", "at most 100")
	problem(t, do(t, "POST", "/v1/convert", `{"addresses": ["`+strings.Repeat("a", 70<<10)+`"]}`), 413, "too_large", "larger than 65536 bytes")
	r := httptest.NewRequest("POST", "/v1/convert", strings.NewReader(`{"addresses": ["a"]}`))
	r.Header.Set("Content-Type", "text/plain")
	w = httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	problem(t, w, 415, "unsupported_media_type", "Content-Type")
	r = httptest.NewRequest("POST", "/v1/convert", strings.NewReader(`{"addresses": ["a"]}`))
	w = httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	problem(t, w, 415, "unsupported_media_type", "no Content-Type")
	problem(t, do(t, "POST", "/v1/convert", `{"addresses": ["a"], "points": [{}]}`), 400, "invalid", "point 0: give both lat and lon")
	problem(t, do(t, "POST", "/v1/convert", `{"addresses": ["a"], "points": [{"lat": 21}]}`), 400, "invalid", "point 0: give both lat and lon")
}

func TestConvertDeadline(t *testing.T) {
	s := New(Config{Registry: registry.MustDefault(), Converter: server(t).conv, RequestTimeout: time.Nanosecond, Log: &testLog})
	defer s.Close()
	w := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/v1/convert", strings.NewReader(`{"addresses": ["Phường Trúc Bạch, Quận Ba Đình, Hà Nội"]}`))
	r.Header.Set("Content-Type", "application/json")
	s.ServeHTTP(w, r)
	problem(t, w, 503, "timeout", "too long")
}

func TestNoConverter(t *testing.T) {
	s := New(Config{Registry: registry.MustDefault(), Log: &testLog})
	defer s.Close()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/v1/convert?address=a", nil))
	problem(t, w, 404, "not_found", "/v1/convert")
	if slices.Contains((Config{}).Features(), "convert") {
		t.Error("Features without a converter lists convert")
	}
}
