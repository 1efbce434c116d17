package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/dvhc-vn/dvhc/export/sqlite"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// BenchmarkWrite measures writing the database file with its boundaries.
func BenchmarkWrite(b *testing.B) {
	reg := registry.MustDefault()
	path := filepath.Join(b.TempDir(), "dvhc.db")
	b.ReportAllocs()
	for b.Loop() {
		if err := sqlite.Write(path, reg, sqlite.Options{Boundaries: geo.Default()}); err != nil {
			b.Fatal(err)
		}
	}
}
