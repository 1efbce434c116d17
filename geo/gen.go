package geo

import _ "embed"

//go:generate go run ./internal/gen

// compiled is boundaries.bin, generated from the TopoJSON source by
// internal/gen (see internal/compile for the format).
//
//go:embed boundaries.bin
var compiled []byte
