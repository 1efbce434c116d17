// Package geo locates points in the commune and province boundaries of
// Vietnam valid from 2025-07-01, and exports those boundaries as GeoJSON.
//
// It is the only package of the module that imports a geometry library,
// github.com/paulmach/orb, for what orb does well: the geometry types that
// Geometry returns (so that a Go caller can hand them to orb's encoders and
// algorithms) and ring orientation. Point location and GeoJSON writing are
// hand-written, for the measured reasons under "Why not orb".
//
//	r, err := geo.Locate(dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}, day)
//	// r.Commune == "00070" (Phường Hoàn Kiếm), r.Province == "01"
//
// Locate, Contains and LocateCommune (the dvhc.Locator interface used by
// address conversion for split units) answer from the boundaries embedded in
// the package, which Default returns; WriteGeoJSON streams them.
//
// # Dates
//
// The boundaries are those of the units created on 2025-07-01. Codes and
// territories have not changed since (the later events changed only types),
// so they answer for every date from 2025-07-01 on; the zero Date means
// today. For an earlier date Locate returns an ENOTFOUND error: there are no
// boundaries for the pre-reform units.
//
// # Cost
//
// The boundaries are compiled into boundaries.bin (4.7 MB, embedded), which
// a program that never locates a point never decodes: it costs only the size
// of the binary. The first call of a Boundaries method decodes, once, the
// tables and the grid index: about 9 ms and 5 MB of retained heap (10 MB
// allocated). The polygons of a commune, with their band index, are decoded
// the first time a lookup needs them (tens of microseconds each) and kept:
// a process that locates points all over the country ends with every shape
// decoded, about 62 MB of heap, 180 ms in all. Lookups then take 0.1–1 µs
// and do not allocate. BenchmarkLoad, BenchmarkFirstLocate,
// BenchmarkLoadAll, BenchmarkLocate and TestHeap measure these figures.
//
// # How a point is located
//
// Coordinates are kept in the integer grid of the source TopoJSON (1e6
// steps over the bbox, about 1.7 m). The query point is converted to 1/256
// of that grid and every test is exact integer arithmetic. A uniform grid of
// cells of 1024 steps (about 1.7 × 1.8 km) lists, for each cell, the
// communes whose edges touch it and the commune that contains all of it; a
// point in such a cell is answered at once. Otherwise each candidate commune
// is tested with the even-odd rule (crossing number of a ray towards the
// east), using only the edges of the horizontal band of its bbox that holds
// the point, about ten on average.
//
// A point exactly on a border shared by two communes belongs to exactly one
// of them: the one to its east, or to its north when the border runs due
// east–west (as if the point were moved east by an infinitesimal distance,
// and north by a far smaller one). TestBordersExact checks this on every vertex and edge
// midpoint of the shared borders.
//
// # Why not orb
//
// Point in polygon. orb's planar.MultiPolygonContains tests one polygon in
// floating point, with no index: on the same machine (AMD EPYC, 2 cores
// shared) BenchmarkContains takes 0.28 µs for a commune's inner point and
// BenchmarkContainsOrb 42 µs for the same test (150 times slower, both 0
// allocations); locating a random point on land takes 0.87 µs with the
// grid index (BenchmarkLocate/land) and 90 µs with orb and a bounding-box
// filter (BenchmarkLocateOrb). orb also counts a point on a shared border
// as inside both communes, where the exact integer test gives it to one
// (TestBordersExact).
//
// GeoJSON. orb's geojson package marshals a whole FeatureCollection held
// in memory (every polygon of every commune at once), writes full float
// precision, and imports the MongoDB driver's bson package: WriteGeoJSON
// streams one feature at a time with 6 decimals and no dependency.
//
// # Known defects of the data, and how they are handled
//
// Trường Sa. The polygons of Đặc khu Trường Sa (22736, Khánh Hòa) are
// outlines drawn around whole reefs and atolls, sea included: 4,235 km²
// against 7.7 km² of land published. The islands themselves are not in the
// data, so a point cannot be told to be on land or at sea. Locate reports
// 22736 for any point inside those outlines (that is the area the data
// attributes to the special zone) and sets Result.Offshore so that callers
// can treat the answer as approximate; points outside the outlines are
// ErrOutside like any other sea.
//
// Hoàng Sa. The islands of Đặc khu Hoàng Sa (20333, Đà Nẵng) are drawn
// schematically: the real position of Phú Lâm island (16.834, 112.335) falls
// between two of its polygons and is not located.
//
// Published points. The lon, lat published for each commune is outside its
// own polygon for 28 communes (19 inside a neighbour, 9 outside every
// polygon; TestPublishedPoints checks these counts). Tests use the inner
// points (inner_lat, inner_lon), which are inside by construction: all 3,321
// locate to their own commune.
//
// Overlaps and self-intersections. Simplification left 12 segment
// intersections. The even-odd rule gives self-intersecting rings a definite
// inside. Three small places are covered by three communes at once (near
// the corners of 00382/00385/08746, 08686/09676/09700 and
// 28901/28915/28948); there, and wherever polygons overlap, Locate returns
// the lowest code, and Contains is true for each commune that covers the
// point.
//
// Accuracy. The boundaries are cartographic, not cadastral: derived from a
// reference map, simplified with a 5 m tolerance and quantized to about
// 1.7 m. Near a border (tens of metres) the answer may be the neighbour;
// an address or a cadastral survey is the authority there. The coastline
// is the map's: points on beaches, piers or reclaimed land may be
// ErrOutside.
//
// Names. The names in the boundaries file are those valid on 2025-07-01;
// the types of eleven communes changed on 2026-04-30. WriteUnits, the
// writer of "dvhc export" and /v1/boundaries, gives every feature the
// properties of its unit version on the day asked (UnitProperties);
// WriteGeoJSON alone gives the file's.
//
// # Generation
//
// boundaries.bin is generated from
// dataset/sources/boundaries-2025-07-01/boundaries.topojson by
// "go generate ./geo" (internal/gen; the format is documented in
// internal/compile). TestGeneratedUpToDate compiles the source again in
// memory and fails if the committed file differs. Nothing outside the
// module is read, at generation or at run time.
package geo
