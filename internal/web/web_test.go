package web

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func serve(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w
}

func TestPage(t *testing.T) {
	h, err := Handler(Config{Tiles: "https://{s}.tile.example.org/{z}/{x}/{y}.png", MaxBatch: 123, Features: []string{"convert"}})
	if err != nil {
		t.Fatal(err)
	}
	w := serve(t, h, "/")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	for _, want := range []string{
		`<html lang="vi">`,
		`name="viewport"`,
		`"maxBatch":123`,
		`"features":["convert"]`,
		`"tiles":"https://{s}.tile.example.org/{z}/{x}/{y}.png"`,
		`/static/vendor/leaflet/leaflet.js`,
		"Chuyển đổi địa chỉ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data: https://*.tile.example.org") {
		t.Errorf("CSP %q does not allow the tile host", csp)
	}
}

func TestPageWithoutTiles(t *testing.T) {
	h, err := Handler(Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := serve(t, h, "/")
	if !strings.Contains(w.Body.String(), `"tiles":""`) || !strings.Contains(w.Body.String(), `"features":[]`) {
		t.Errorf("config without tiles: %s", w.Body.String()[:400])
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data:;") {
		t.Errorf("CSP %q", csp)
	}
}

func TestStatic(t *testing.T) {
	h, err := Handler(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for path, ctype := range map[string]string{
		"/static/app.js":                                "text/javascript",
		"/static/i18n.js":                               "text/javascript",
		"/static/stats.js":                              "text/javascript",
		"/static/style.css":                             "text/css",
		"/static/vendor/leaflet/leaflet.js":             "text/javascript",
		"/static/vendor/leaflet/leaflet.css":            "text/css",
		"/static/vendor/leaflet/images/marker-icon.png": "image/png",
		"/static/vendor/leaflet/LICENSE":                "text/plain",
	} {
		w := serve(t, h, path)
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), ctype) || w.Body.Len() == 0 {
			t.Errorf("GET %s: %d %q, %d bytes", path, w.Code, w.Header().Get("Content-Type"), w.Body.Len())
		}
		if w.Header().Get("Cache-Control") == "" {
			t.Errorf("GET %s: no Cache-Control", path)
		}
	}
	for _, path := range []string{"/static/", "/static/vendor/", "/static/nope.js", "/other"} {
		if w := serve(t, h, path); w.Code != 404 {
			t.Errorf("GET %s: %d, want 404", path, w.Code)
		}
	}
}

// TestI18NKeys checks that every data-i18n key of the page and every t("…")
// key of the script exists in both languages.
func TestI18NKeys(t *testing.T) {
	read := func(name string) string {
		b, err := fs.ReadFile(static, "static/"+name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	dict := read("i18n.js")
	vi, en, ok := strings.Cut(dict, "\n  en: {")
	if !ok {
		t.Fatal("i18n.js: no en section")
	}
	// stats.js adds the strings of the statistics panel.
	svi, sen, _ := strings.Cut(read("stats.js"), "Object.assign(I18N.en")
	vi, en = vi+svi, en+sen
	var keys []string
	collect := func(src, open, close string) {
		for _, part := range strings.Split(src, open)[1:] {
			if k, _, ok := strings.Cut(part, close); ok && !strings.ContainsAny(k, " +") {
				keys = append(keys, k)
			}
		}
	}
	collect(read("index.html"), `data-i18n="`, `"`)
	collect(read("index.html"), `data-i18n-placeholder="`, `"`)
	for _, m := range regexp.MustCompile(`\bt\("([a-zA-Z]+\.[a-zA-Z.]*[a-zA-Z])"`).FindAllStringSubmatch(read("app.js"), -1) {
		keys = append(keys, m[1])
	}
	for _, m := range regexp.MustCompile(`\bt\("([a-zA-Z]+\.[a-zA-Z.]*[a-zA-Z])"`).FindAllStringSubmatch(read("stats.js"), -1) {
		keys = append(keys, m[1])
	}
	if len(keys) < 30 {
		t.Fatalf("found only %d keys", len(keys))
	}
	for _, k := range keys {
		if !strings.Contains(vi, `"`+k+`":`) {
			t.Errorf("key %q missing in vi", k)
		}
		if !strings.Contains(en, `"`+k+`":`) {
			t.Errorf("key %q missing in en", k)
		}
	}
}

func TestTileOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"https://tile.openstreetmap.org/{z}/{x}/{y}.png": "https://tile.openstreetmap.org",
		"https://{s}.tiles.example/{z}/{x}/{y}.png":      "https://*.tiles.example",
		"":          "",
		"not a url": "",
	} {
		if got := tileOrigin(in); got != want {
			t.Errorf("tileOrigin(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStaticBadNames(t *testing.T) {
	h, err := Handler(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/static/%ff", "/static/", "/static/a%00b"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != 404 {
			t.Errorf("GET %s: %d, want 404", path, w.Code)
		}
	}
}
