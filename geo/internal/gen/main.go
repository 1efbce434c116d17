// Command gen compiles dataset/sources/boundaries-2025-07-01/boundaries.topojson
// into geo/boundaries.bin; run it with go generate in package geo.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dvhc-vn/dvhc/geo/internal/compile"
)

// Source is the TopoJSON, relative to the geo package directory.
const source = "../dataset/sources/boundaries-2025-07-01/boundaries.topojson"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	f, err := os.Open(filepath.FromSlash(source))
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := compile.Compile(f)
	if err != nil {
		return err
	}
	return os.WriteFile("boundaries.bin", b, 0o644)
}
