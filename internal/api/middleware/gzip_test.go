package middleware

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestGzip(t *testing.T) {
	big := strings.Repeat(`{"name":"Phường Ba Đình"},`, 200)
	h := Gzip(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Header().Set("Content-Type", "application/json")
			// in small pieces, to cross the threshold mid-way
			for i := 0; i < len(big); i += 100 {
				w.Write([]byte(big[i:min(i+100, len(big))]))
			}
		case "/small":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"ok":true}`))
		case "/png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte(big))
		case "/status":
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(404)
			w.Write([]byte(big))
		case "/empty":
			w.WriteHeader(204)
		}
	}))
	get := func(path string, gz bool) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		if gz {
			r.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	unzip := func(w *httptest.ResponseRecorder) string {
		t.Helper()
		if w.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("not gzipped: %v", w.Header())
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	var wg sync.WaitGroup // the pool under concurrent use
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := unzip(get("/big", true)); got != big {
				t.Errorf("big: got %d bytes, want %d", len(got), len(big))
			}
		}()
	}
	wg.Wait()
	if w := get("/big", true); w.Body.Len() >= len(big)/4 {
		t.Errorf("compressed to %d of %d bytes", w.Body.Len(), len(big))
	}
	if w := get("/big", false); w.Header().Get("Content-Encoding") != "" || w.Body.String() != big {
		t.Error("gzipped without Accept-Encoding")
	}
	if w := get("/small", true); w.Header().Get("Content-Encoding") != "" || w.Body.String() != `{"ok":true}` {
		t.Errorf("small response gzipped: %v", w.Header())
	}
	if w := get("/png", true); w.Header().Get("Content-Encoding") != "" || w.Body.Len() != len(big) {
		t.Error("image gzipped")
	}
	if w := get("/status", true); w.Code != 404 || unzip(w) != big {
		t.Errorf("status lost: %d", w.Code)
	}
	if w := get("/empty", true); w.Code != 204 || w.Body.Len() != 0 || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("204: %d %v", w.Code, w.Header())
	}
	if w := get("/big", true); w.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("Vary = %q", w.Header().Get("Vary"))
	}
	for ae, want := range map[string]bool{"gzip": true, "deflate, gzip": true, "gzip;q=0": false, "identity": false, "": false, "GZIP; q=0.5": true} {
		if acceptsGzip(ae) != want {
			t.Errorf("acceptsGzip(%q) = %v", ae, !want)
		}
	}
}
