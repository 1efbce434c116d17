// Package api is the HTTP JSON API of dvhc (version 1), with the problem
// documents, route table, OpenAPI document and server life cycle that the
// "dvhc serve" command runs.
//
// Handlers hold no logic: each translates a request into calls to package
// registry (and address, geo) and their answer into the JSON shapes of
// internal/wire. A handler returns an error; one adapter renders it as an
// RFC 7807 problem document with the status of its kind (see statusOf).
package api

import (
	"io"
	"net/http"
	"runtime"
	"time"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/internal/api/middleware"
	"github.com/dvhc-vn/dvhc/registry"
)

// Defaults of the limits in Config.
const (
	DefaultMaxBody        = 8 << 20 // bytes of a request body
	DefaultMaxBatch       = 10000   // addresses in one POST /v1/convert, rows of an upload
	DefaultRequestTimeout = 30 * time.Second
	DefaultSearchLimit    = 10
	MaxSearchLimit        = 100
)

// Config is what the API is built from. Zero limits take the defaults.
type Config struct {
	Registry *registry.Registry // required

	// Converter converts addresses; nil leaves the /v1/convert routes
	// out (they answer 404).
	Converter *address.Converter

	// Web serves everything outside the API (the page and its assets);
	// nil serves 404 problems there.
	Web http.Handler

	MaxBody     int64 // largest request body, bytes
	MaxBatch    int   // most addresses in one batch conversion
	MaxResponse int   // largest answer to a file upload, bytes
	// MaxConcurrent bounds the expensive requests (batch conversions,
	// uploads) served at once; others wait for a slot until their
	// deadline, then get a 503. Default: 2 × GOMAXPROCS.
	MaxConcurrent  int
	RequestTimeout time.Duration // deadline of a request's context
	CORS           []string      // allowed origins; "*" any; empty: no CORS

	// Log receives the access log (one line per request) and internal
	// errors; nil discards them.
	Log io.Writer

	// Today returns the default date of "at" parameters; nil is
	// dvhc.Today. Tests fix it.
	Today func() dvhc.Date
}

func (c *Config) defaults() {
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.MaxBatch <= 0 {
		c.MaxBatch = DefaultMaxBatch
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 2 * runtime.GOMAXPROCS(0)
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	if c.Today == nil {
		c.Today = dvhc.Today
	}
}

// Server is the API: its route table and its dependencies.
type Server struct {
	cfg  Config
	reg  *registry.Registry
	conv *address.Converter
	mux  *http.ServeMux
	log  *middleware.AccessLog
	h    http.Handler
	busy chan struct{} // slots of expensive requests
}

// handlerFunc is an API handler: it writes a response, or returns an error
// for the adapter to render as a problem document.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// route is one entry of the route table. A long route (a batch) gets a
// context deadline of Config.RequestTimeout; the others are quick and
// bounded by the server's write timeout alone, which keeps a timer off
// their path.
type route struct {
	method, path string
	h            handlerFunc
	long         bool
}

// New builds the API from cfg.
func New(cfg Config) *Server {
	cfg.defaults()
	s := &Server{cfg: cfg, reg: cfg.Registry, conv: cfg.Converter, mux: http.NewServeMux(),
		busy: make(chan struct{}, cfg.MaxConcurrent)}
	deadline := middleware.Deadline(cfg.RequestTimeout)
	for _, rt := range s.routes() {
		h := s.adapt(rt.h)
		if rt.long {
			h = deadline(s.limit(h))
		}
		s.mux.Handle(rt.method+" "+rt.path, h)
	}
	s.mux.Handle("/v1/", s.adapt(s.noRoute))
	if cfg.Web != nil {
		s.mux.Handle("/", cfg.Web)
	} else {
		s.mux.Handle("/", s.adapt(s.noRoute))
	}
	s.log = middleware.NewAccessLog(cfg.Log, time.Second)
	s.h = middleware.Chain(s.mux,
		noSniff,
		s.log.Handler,
		middleware.Recover(cfg.Log, s.writeError),
		middleware.CORS(cfg.CORS),
		middleware.Gzip,
		middleware.MaxBytes(cfg.MaxBody),
	)
	return s
}

// limit serves at most Config.MaxConcurrent requests through next at
// once; a request waits for a slot until its context is done, then gets a
// 503 problem with Retry-After.
func (s *Server) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.busy <- struct{}{}:
		default:
			select {
			case s.busy <- struct{}{}:
			case <-r.Context().Done():
				w.Header().Set("Retry-After", "5")
				s.writeError(w, r, dvhc.Errorf(kindBusy, "the server is busy with %d batch requests: retry later", cap(s.busy)))
				return
			}
		}
		defer func() { <-s.busy }()
		next.ServeHTTP(w, r)
	})
}

// noSniff tells browsers to trust the Content-Type of every response
// (JSON, problems, the page, assets) instead of guessing one.
func noSniff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// routes is the route table: every documented route of the API. The
// OpenAPI document lists exactly these (see TestOpenAPIMatchesRoutes).
func (s *Server) routes() []route {
	rs := []route{
		{"GET", "/healthz", s.healthz, false},
		{"GET", "/openapi.json", s.openAPI, false},
		{"GET", "/v1/units", s.listUnits, false},
		{"GET", "/v1/units/{level}/{code}", s.lookupUnit, false},
		{"GET", "/v1/units/{level}/{code}/children", s.children, false},
		{"GET", "/v1/search", s.search, false},
		{"GET", "/v1/lineage/{level}/{code}", s.lineage, false},
		{"GET", "/v1/events", s.events, false},
		{"GET", "/v1/locate", s.locate, false},
		{"GET", "/v1/boundaries/{level}/{code}", s.boundary, false},
		{"GET", "/v1/boundaries/{level}", s.boundaries, false},
		{"GET", "/v1/meta", s.meta, false},
		{"POST", "/v1/stats", s.stats, true},
	}
	if s.conv != nil {
		rs = append(rs,
			route{"GET", "/v1/convert", s.convertOne, false},
			route{"POST", "/v1/convert", s.convertBatch, true},
			route{"POST", "/v1/convert/file", s.convertFile, true},
		)
	}
	return rs
}

// Routes returns the route table as "METHOD /path" patterns.
func (s *Server) Routes() []string {
	var out []string
	for _, rt := range s.routes() {
		out = append(out, rt.method+" "+rt.path)
	}
	return out
}

// ServeHTTP serves the API and, outside it, the web handler, through the
// middleware: access log, panic recovery, CORS, gzip and body limit (and,
// on long routes, a deadline and the concurrency limit).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.h.ServeHTTP(w, r) }

// Close flushes the access log and stops its flusher.
func (s *Server) Close() error { return s.log.Close() }

// adapt turns a handlerFunc into an http.Handler that renders its error.
func (s *Server) adapt(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// noRoute answers paths that no route matches: 405 when another method
// would match, 404 otherwise.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) error {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pat := s.mux.Handler(r2); pat != "/v1/" && pat != "/" && pat != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		for _, m := range allow {
			w.Header().Add("Allow", m)
		}
		return dvhc.Errorf(kindMethod, "method %s not allowed on %s", r.Method, r.URL.Path)
	}
	return dvhc.Errorf(dvhc.ENOTFOUND, "no such resource: %s", r.URL.Path)
}

// Features names the optional parts of the API that c serves, for the web
// page: "locate" and "boundaries" always, "convert" and "xlsx" (file
// upload) with a Converter.
func (c Config) Features() []string {
	fs := []string{"locate", "boundaries"}
	if c.Converter != nil {
		fs = append(fs, "convert", "xlsx")
	}
	return fs
}
