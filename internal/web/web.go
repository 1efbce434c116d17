// Package web serves the dvhc web page: search, address converter and unit
// map, in Vietnamese and English, from assets embedded in the binary
// (Leaflet included), with no build step.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var static embed.FS

// Config is what the page is built with.
type Config struct {
	// Tiles is a base-map tile URL template for Leaflet
	// ("https://tile.example.org/{z}/{x}/{y}.png"); empty: no base map,
	// boundaries and points show on a blank background.
	Tiles string
	// TilesAttribution is shown on the map when Tiles is set.
	TilesAttribution string
	// MaxBatch is the largest batch the converter sends at once.
	MaxBatch int
	// Features names the optional API features the page may use:
	// "convert", "boundaries", "locate", "xlsx".
	Features []string
}

// pageConfig is the configuration the page's script reads.
type pageConfig struct {
	Tiles            string   `json:"tiles"`
	TilesAttribution string   `json:"tilesAttribution"`
	MaxBatch         int      `json:"maxBatch"`
	Features         []string `json:"features"`
}

// Handler serves the page at "/" and its assets under "/static/".
func Handler(cfg Config) (http.Handler, error) {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	tmpl, err := template.ParseFS(sub, "index.html")
	if err != nil {
		return nil, err
	}
	if cfg.Features == nil {
		cfg.Features = []string{}
	}
	js, err := json.Marshal(pageConfig(cfg))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, struct{ Config template.JS }{template.JS(js)}); err != nil {
		return nil, err
	}
	page := buf.Bytes()
	files := http.FileServerFS(sub)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Security-Policy", csp(cfg.Tiles))
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(page)
	})
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheable(files)))
	return mux, nil
}

// cacheable lets browsers keep assets for an hour; they change only with
// the binary.
func cacheable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || !fs.ValidPath(r.URL.Path) {
			http.NotFound(w, r) // no directory listings, no invalid names (%ff)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// csp is the page's Content-Security-Policy: everything from the server
// itself, images also from the tile host when there is one.
func csp(tiles string) string {
	img := "'self' data:"
	if host := tileOrigin(tiles); host != "" {
		img += " " + host
	}
	return "default-src 'self'; img-src " + img + "; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"
}

// tileOrigin returns the scheme and host of a tile URL template, with any
// {s} subdomain placeholder widened to a wildcard.
func tileOrigin(tiles string) string {
	scheme, rest, ok := strings.Cut(tiles, "://")
	if !ok {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	host = strings.ReplaceAll(host, "{s}.", "*.")
	return scheme + "://" + host
}
