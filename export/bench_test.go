package export_test

import (
	"io"
	"testing"

	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// countWriter counts the bytes written.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkWritePostgres measures the whole PostgreSQL script, boundaries
// included.
func BenchmarkWritePostgres(b *testing.B) {
	reg := registry.MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		var w countWriter
		if err := export.WritePostgres(&w, reg, export.PostgresOptions{Boundaries: geo.Default()}); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(w.n)
	}
}

// BenchmarkWriteCSV measures the three registry tables as CSV.
func BenchmarkWriteCSV(b *testing.B) {
	reg := registry.MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range export.Tables(reg) {
			if err := export.WriteCSV(io.Discard, t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
