package api

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/wire"
)

func getLang(t *testing.T, target, lang string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	if lang != "" {
		r.Header.Set("Accept-Language", lang)
	}
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	return w
}

// TestVietnameseMessages: notes and problem details follow Accept-Language.
func TestVietnameseMessages(t *testing.T) {
	target := "/v1/convert?to=2025-07-01&address=" + url.QueryEscape("12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN")
	for lang, want := range map[string]string{
		"":                "Phường Cửa Đông was split among 2 communes",
		"en":              "Phường Cửa Đông was split among 2 communes",
		"vi-VN,vi;q=0.9":  "Phường Cửa Đông đã được chia cho 2 xã, phường mới",
		"en;q=0.5, vi":    "Phường Cửa Đông đã được chia cho 2 xã, phường mới",
		"fr-FR, en;q=0.8": "Phường Cửa Đông was split among 2 communes",
	} {
		w := getLang(t, target, lang)
		var c wire.Conversion
		if err := json.Unmarshal(w.Body.Bytes(), &c); err != nil || !strings.HasPrefix(c.Note, want) {
			t.Errorf("Accept-Language %q: note %q, want %q…", lang, c.Note, want)
		}
		if !strings.Contains(strings.Join(w.Header().Values("Vary"), ","), "Accept-Language") {
			t.Errorf("Accept-Language %q: Vary = %q", lang, w.Header().Values("Vary"))
		}
	}
	w := getLang(t, "/v1/units/commune/99999?at=2025-07-01", "vi")
	var p Problem
	json.Unmarshal(w.Body.Bytes(), &p)
	if w.Code != 404 || !strings.HasPrefix(p.Detail, "không có xã mã 99999") {
		t.Errorf("problem in Vietnamese: %d %q", w.Code, p.Detail)
	}
	if w.Header().Get("Content-Language") != "vi" {
		t.Errorf("Content-Language = %q", w.Header().Get("Content-Language"))
	}
	w = getLang(t, "/v1/units?at=2025-13-01", "vi")
	json.Unmarshal(w.Body.Bytes(), &p)
	if !strings.HasPrefix(p.Detail, "tham số at: ngày không hợp lệ") {
		t.Errorf("bad date in Vietnamese: %q", p.Detail)
	}
}

// TestEveryProblemHasVietnamese: the problems of bad requests come back
// translated with Accept-Language: vi.
func TestEveryProblemHasVietnamese(t *testing.T) {
	for _, target := range []string{
		"/v1/units?level=village", "/v1/units?at=2025-13-01", "/v1/units?in=ab", "/v1/units?in=001&at=2025-07-01",
		"/v1/units?limit=0", "/v1/units?cursor=x", "/v1/units/commune/99999", "/v1/units/commune/abc",
		"/v1/search", "/v1/search?q=" + strings.Repeat("x", 201), "/v1/locate", "/v1/locate?lat=1",
		"/v1/locate?lat=x&lon=y", "/v1/locate?lat=16.10&lon=108.45", "/v1/locate?lat=21&lon=105.8&at=2025-06-30",
		"/v1/boundaries/commune/00004?at=2025-06-30", "/v1/boundaries/district/001", "/v1/convert",
		"/v1/units/province/99", "/v1/nothing",
	} {
		en, vi := getLang(t, target, "en"), getLang(t, target, "vi")
		var pe, pv Problem
		json.Unmarshal(en.Body.Bytes(), &pe)
		json.Unmarshal(vi.Body.Bytes(), &pv)
		if en.Code < 400 || pe.Detail == "" {
			t.Errorf("%s: %d %q, want a problem", target, en.Code, pe.Detail)
			continue
		}
		if pv.Detail == pe.Detail || pv.Status != pe.Status {
			t.Errorf("%s: no Vietnamese for %q", target, pe.Detail)
		}
	}
}
