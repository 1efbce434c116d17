package api

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

var benchAddress = "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN"

// discard is a ResponseWriter that keeps nothing, so that the benchmark
// measures the server's work rather than a recorder's.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkConvertGET is one GET /v1/convert through every middleware.
func BenchmarkConvertGET(b *testing.B) {
	s := server(b)
	r := httptest.NewRequest("GET", "/v1/convert?to=2025-07-01&address="+url.QueryEscape(benchAddress), nil)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		s.ServeHTTP(w, r)
	}
}

// BenchmarkConvertOnly is the conversion and its wire form alone, for
// comparison: the difference is the HTTP layer's cost.
func BenchmarkConvertOnly(b *testing.B) {
	s := server(b)
	to := dvhc.MustParseDate("2025-07-01")
	b.ReportAllocs()
	for b.Loop() {
		_ = wire.NewConversion(s.conv.Convert(benchAddress, address.Options{To: to}))
	}
}
