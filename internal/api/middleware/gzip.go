package middleware

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"sync"
)

// GzipMinSize is the smallest response body Gzip compresses; smaller ones
// are sent as they are, since compressing them costs more than it saves.
const GzipMinSize = 1024

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return w
}}

// varyAcceptEncoding is shared by the responses that set no other Vary:
// one allocation less per request. Its length is its capacity, so
// Header.Add appends to a copy.
var varyAcceptEncoding = []string{"Accept-Encoding"}

// Gzip compresses responses of textual content types (JSON, HTML, CSS,
// JavaScript, GeoJSON, SVG) of at least GzipMinSize bytes when the client
// accepts gzip. Writers come from a sync.Pool.
func Gzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h := w.Header(); h["Vary"] == nil {
			h["Vary"] = varyAcceptEncoding
		} else {
			h.Add("Vary", "Accept-Encoding")
		}
		if r.Method == http.MethodHead || r.Header.Get("Range") != "" || !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{rw: w}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

// acceptsGzip reports whether an Accept-Encoding value allows gzip.
func acceptsGzip(ae string) bool {
	for part := range strings.SplitSeq(ae, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func compressible(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	if strings.HasPrefix(ct, "text/") {
		return true
	}
	switch ct {
	case "application/json", "application/problem+json", "application/geo+json",
		"application/javascript", "application/xml", "image/svg+xml", "application/manifest+json":
		return true
	}
	return false
}

// gzipWriter holds back the first GzipMinSize bytes to decide whether to
// compress.
type gzipWriter struct {
	rw      http.ResponseWriter
	status  int
	buf     []byte
	decided bool
	gz      *gzip.Writer
}

func (g *gzipWriter) Header() http.Header { return g.rw.Header() }

func (g *gzipWriter) WriteHeader(code int) {
	if g.decided || g.status != 0 {
		if g.decided && !g.compressing() {
			g.rw.WriteHeader(code)
		}
		return
	}
	g.status = code
	if code < 200 || code == http.StatusNoContent || code == http.StatusNotModified || code == http.StatusPartialContent {
		g.decide(false)
	}
}

func (g *gzipWriter) compressing() bool { return g.gz != nil }

func (g *gzipWriter) Write(p []byte) (int, error) {
	if g.decided {
		if g.gz != nil {
			return g.gz.Write(p)
		}
		return g.rw.Write(p)
	}
	if len(g.buf)+len(p) < GzipMinSize {
		g.buf = append(g.buf, p...)
		return len(p), nil
	}
	h := g.rw.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", http.DetectContentType(append(g.buf, p...)))
	}
	g.decide(h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")))
	if _, err := g.Write(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// decide sends the header, compressed or not, and what was held back.
func (g *gzipWriter) decide(compress bool) {
	g.decided = true
	if g.status == 0 {
		g.status = http.StatusOK
	}
	if compress {
		h := g.rw.Header()
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		h.Del("Accept-Ranges")
		g.gz = gzipPool.Get().(*gzip.Writer)
		g.gz.Reset(g.rw)
	}
	g.rw.WriteHeader(g.status)
	if len(g.buf) > 0 {
		buf := g.buf
		g.buf = nil
		if g.gz != nil {
			g.gz.Write(buf)
		} else {
			g.rw.Write(buf)
		}
	}
}

// Flush sends what is buffered to the client.
func (g *gzipWriter) Flush() {
	if !g.decided {
		g.decide(g.rw.Header().Get("Content-Encoding") == "" && compressible(g.rw.Header().Get("Content-Type")))
	}
	if g.gz != nil {
		g.gz.Flush()
	}
	http.NewResponseController(g.rw).Flush()
}

func (g *gzipWriter) close() {
	if !g.decided {
		if g.status == 0 && len(g.buf) == 0 {
			return // nothing written: let net/http send its default
		}
		g.decide(false)
	}
	if g.gz != nil {
		g.gz.Close()
		g.gz.Reset(io.Discard)
		gzipPool.Put(g.gz)
		g.gz = nil
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.rw }
