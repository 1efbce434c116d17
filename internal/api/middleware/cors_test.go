package middleware

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

func TestCORS(t *testing.T) {
	called := 0
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { called++ })
	req := func(h http.Handler, method, origin string, preflight bool) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "/v1/units", nil)
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		if preflight {
			r.Header.Set("Access-Control-Request-Method", "POST")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	off := CORS(nil)(next)
	if w := req(off, "GET", "https://a.example", false); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS off sent Access-Control-Allow-Origin")
	}

	some := CORS(ParseOrigins(" https://a.example/, https://b.example ,"))(next)
	if w := req(some, "GET", "https://b.example", false); w.Header().Get("Access-Control-Allow-Origin") != "https://b.example" {
		t.Errorf("allowed origin: %v", w.Header())
	}
	if w := req(some, "GET", "https://evil.example", false); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %v", w.Header())
	}
	called = 0
	w := req(some, "OPTIONS", "https://a.example", true)
	if w.Code != 204 || called != 0 || w.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Errorf("preflight: %d, called %d, %v", w.Code, called, w.Header())
	}
	if !slices.Contains(w.Header().Values("Vary"), "Origin") {
		t.Errorf("no Vary: Origin")
	}

	all := CORS([]string{"*"})(next)
	if w := req(all, "GET", "https://x.example", false); w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("*: %v", w.Header())
	}
	called = 0
	req(all, "GET", "", false)
	if called != 1 {
		t.Error("request without Origin not passed on")
	}
}
