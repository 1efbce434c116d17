package geo

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo/internal/compile"
)

const (
	sources     = "../dataset/sources"
	topoJSON    = sources + "/boundaries-2025-07-01/boundaries.topojson"
	communesCSV = sources + "/units-2025-07-01/communes.csv"
)

var (
	july2025 = dvhc.MustParseDate("2025-07-01")
	june2025 = dvhc.MustParseDate("2025-06-30")
	may2026  = dvhc.MustParseDate("2026-05-01")
)

// csvCommune is one row of units-2025-07-01/communes.csv.
type csvCommune struct {
	code, province dvhc.Code
	name           string
	point, inner   dvhc.LatLon
}

func readCommunes(t testing.TB) []csvCommune {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(communesCSV))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	num := func(row []string, name string) float64 {
		v, err := strconv.ParseFloat(row[col[name]], 64)
		if err != nil {
			t.Fatalf("%s: %v", row[0], err)
		}
		return v
	}
	var out []csvCommune
	for _, row := range rows[1:] {
		out = append(out, csvCommune{
			code:     dvhc.Code(row[col["code"]]),
			province: dvhc.Code(row[col["province_code"]]),
			name:     row[col["name"]],
			point:    dvhc.LatLon{Lat: num(row, "lat"), Lon: num(row, "lon")},
			inner:    dvhc.LatLon{Lat: num(row, "inner_lat"), Lon: num(row, "inner_lon")},
		})
	}
	return out
}

func mustIndex(t testing.TB) *index {
	t.Helper()
	ix, err := def.load()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestInnerPoints locates the inner point of every commune.
func TestInnerPoints(t *testing.T) {
	cs := readCommunes(t)
	if len(cs) != 3321 {
		t.Fatalf("%d communes in the csv, want 3321", len(cs))
	}
	hits := 0
	for _, c := range cs {
		r, err := Locate(c.inner, july2025)
		switch {
		case err != nil:
			t.Errorf("%s %s: inner point %v: %v", c.code, c.name, c.inner, err)
		case r.Commune != c.code || r.Province != c.province:
			t.Errorf("%s %s: inner point %v located in %s/%s", c.code, c.name, c.inner, r.Commune, r.Province)
		default:
			hits++
		}
		if !Contains(c.code, c.inner) {
			t.Errorf("%s: Contains(inner point) = false", c.code)
		}
		if r.Offshore != (c.code == "22736") {
			t.Errorf("%s: Offshore = %v", c.code, r.Offshore)
		}
	}
	t.Logf("inner points located in their own commune: %d/%d (%.2f%%)", hits, len(cs), 100*float64(hits)/float64(len(cs)))
}

// TestPublishedPoints checks the known defect of the published lon, lat:
// 28 fall outside their commune, 19 of them inside a neighbour.
func TestPublishedPoints(t *testing.T) {
	outside, neighbour := 0, 0
	for _, c := range readCommunes(t) {
		r, err := Locate(c.point, july2025)
		if err == nil && r.Commune == c.code {
			continue
		}
		outside++
		if err == nil {
			neighbour++
		}
	}
	if outside != 28 || neighbour != 19 {
		t.Errorf("published points outside their commune: %d (%d in a neighbour), want 28 (19)", outside, neighbour)
	}
}

func TestLocate(t *testing.T) {
	tests := []struct {
		name          string
		p             dvhc.LatLon
		at            dvhc.Date
		commune, prov dvhc.Code
		offshore      bool
		kind          string
	}{
		{"Hồ Hoàn Kiếm", dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}, july2025, "00070", "01", false, ""},
		{"Hồ Trúc Bạch", dvhc.LatLon{Lat: 21.0468, Lon: 105.8394}, july2025, "00004", "01", false, ""},
		{"Nhà thờ Đức Bà", dvhc.LatLon{Lat: 10.7798, Lon: 106.6990}, july2025, "26740", "79", false, ""},
		{"Sa Pa", dvhc.LatLon{Lat: 22.3364, Lon: 103.8438}, may2026, "03006", "15", false, ""},
		{"Côn Đảo, now in Hồ Chí Minh City", dvhc.LatLon{Lat: 8.6900, Lon: 106.6050}, july2025, "26732", "79", false, ""},
		{"Phú Quốc", dvhc.LatLon{Lat: 10.2270, Lon: 103.9670}, july2025, "31078", "91", false, ""},
		{"Trường Sa island", dvhc.LatLon{Lat: 8.6447, Lon: 111.9200}, july2025, "22736", "56", true, ""},
		{"zero date means today", dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}, dvhc.Date{}, "00070", "01", false, ""},
		{"sea off Đà Nẵng", dvhc.LatLon{Lat: 16.10, Lon: 108.45}, july2025, "", "", false, dvhc.ENOTFOUND},
		{"Bangkok", dvhc.LatLon{Lat: 13.7563, Lon: 100.5018}, july2025, "", "", false, dvhc.ENOTFOUND},
		{"Vientiane, inside the bbox", dvhc.LatLon{Lat: 17.9757, Lon: 102.6331}, july2025, "", "", false, dvhc.ENOTFOUND},
		{"Phú Lâm island, drawn off its position", dvhc.LatLon{Lat: 16.834, Lon: 112.335}, july2025, "", "", false, dvhc.ENOTFOUND},
		{"Null Island", dvhc.LatLon{}, july2025, "", "", false, dvhc.ENOTFOUND},
		{"before the reform", dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}, june2025, "", "", false, dvhc.ENOTFOUND},
		{"latitude out of range", dvhc.LatLon{Lat: 91, Lon: 105}, july2025, "", "", false, dvhc.EINVALID},
		{"NaN", dvhc.LatLon{Lat: math.NaN(), Lon: 105}, july2025, "", "", false, dvhc.EINVALID},
		{"infinite", dvhc.LatLon{Lat: 21, Lon: math.Inf(1)}, july2025, "", "", false, dvhc.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Locate(tt.p, tt.at)
			if k := dvhc.ErrorKind(err); k != tt.kind {
				t.Fatalf("Locate(%v) error %v (kind %q), want kind %q", tt.p, err, k, tt.kind)
			}
			want := Result{Commune: tt.commune, Province: tt.prov, Offshore: tt.offshore}
			if r != want {
				t.Errorf("Locate(%v) = %+v, want %+v", tt.p, r, want)
			}
			c, err := Default().LocateCommune(tt.p, tt.at)
			if c != tt.commune || dvhc.ErrorKind(err) != tt.kind {
				t.Errorf("LocateCommune = %q, %v", c, err)
			}
		})
	}
}

func TestContains(t *testing.T) {
	kiem := dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}
	for _, tt := range []struct {
		name string
		code dvhc.Code
		p    dvhc.LatLon
		want bool
	}{
		{"own commune", "00070", kiem, true},
		{"neighbour", "00004", kiem, false},
		{"unknown code", "99999", kiem, false},
		{"province code", "01", kiem, false},
		{"sea", "20263", dvhc.LatLon{Lat: 16.10, Lon: 108.45}, false},
	} {
		if got := Contains(tt.code, tt.p); got != tt.want {
			t.Errorf("%s: Contains(%s, %v) = %v, want %v", tt.name, tt.code, tt.p, got, tt.want)
		}
	}
}

// TestBordersExact checks that every vertex and edge midpoint of an arc
// shared by two communes belongs to exactly one commune, and that Locate
// answers that commune.
func TestBordersExact(t *testing.T) {
	ix := mustIndex(t)
	// Communes using each arc.
	users := make([][]int, len(ix.arcOff)-1)
	for i := range ix.communes {
		f := &ix.communes[i]
		for p := f.poly0; p < f.poly1; p++ {
			for _, a := range ix.refs[ix.ringOff[ix.polyOff[p]]:ix.ringOff[ix.polyOff[p+1]]] {
				if a < 0 {
					a = ^a
				}
				users[a] = append(users[a], i)
			}
		}
	}
	latlon := func(x2, y2 int64) dvhc.LatLon { // doubled quanta
		return dvhc.LatLon{Lon: ix.tx + float64(x2)/2*ix.sx, Lat: ix.ty + float64(y2)/2*ix.sy}
	}
	any := &feature{maxX: maxQuanta, maxY: maxQuanta}
	checked, overlaps := 0, 0
	for a, us := range users {
		if len(us) != 2 || us[0] == us[1] {
			continue
		}
		pts, err := ix.appendArc(nil, int32(a), false, any)
		if err != nil {
			t.Fatal(err)
		}
		for q := 0; q+3 < len(pts); q += 2 {
			x1, y1 := int64(pts[q]), int64(pts[q+1])
			x2, y2 := int64(pts[q+2]), int64(pts[q+3])
			ps := []dvhc.LatLon{latlon(x1+x2, y1+y2)}
			if q > 0 {
				// Arc ends are junctions that may touch a third commune.
				ps = append(ps, latlon(2*x1, 2*y1))
			}
			for _, p := range ps {
				in := containing(ix, p)
				r, err := Locate(p, july2025)
				if len(in) > 1 {
					// An overlap left by simplification: lowest code wins.
					overlaps++
					t.Logf("border point %v of %s/%s in %v (overlap)", p, ix.communes[us[0]].code, ix.communes[us[1]].code, in)
				}
				if err != nil || len(in) == 0 || r.Commune != in[0] {
					t.Fatalf("border point %v of arc %d: in %v of communes %s, %s; Locate = %v, %v",
						p, a, in, ix.communes[us[0]].code, ix.communes[us[1]].code, r, err)
				}
				checked++
			}
		}
	}
	t.Logf("%d border points checked, %d in more than one commune (overlaps)", checked, overlaps)
	if overlaps > 20 {
		t.Errorf("%d border points in more than one commune, want few", overlaps)
	}
}

// containing returns the codes of all communes of p's grid cell that
// contain p, in order.
func containing(ix *index, p dvhc.LatLon) []dvhc.Code {
	x, y, ok := ix.fixed(p)
	if !ok {
		return nil
	}
	s := ix.gshift + fixedShift
	c := (y>>s)*int64(ix.nx) + x>>s
	var in []dvhc.Code
	for _, e := range ix.cellEnt[ix.cellOff[c]:ix.cellOff[c+1]] {
		if f := &ix.communes[e>>1]; must(ix.inside(f, x, y)) {
			in = append(in, f.code)
		}
	}
	return in
}

func must(in bool, err error) bool {
	if err != nil {
		panic(err)
	}
	return in
}

// TestAgainstFloat compares the index with a plain float64 even-odd test
// over all edges, on random points in the bbox of random communes.
func TestAgainstFloat(t *testing.T) {
	ix := mustIndex(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 3000; n++ {
		f := &ix.communes[rng.IntN(len(ix.communes))]
		qx := float64(f.minX) + rng.Float64()*float64(f.maxX-f.minX)
		qy := float64(f.minY) + rng.Float64()*float64(f.maxY-f.minY)
		p := dvhc.LatLon{Lon: ix.tx + qx*ix.sx, Lat: ix.ty + qy*ix.sy}
		in := false
		sh := ix.shapeOf(f)
		for r := 0; r+1 < len(sh.ringOff); r++ {
			for e := sh.ringOff[r]; e+1 < sh.ringOff[r+1]; e++ {
				x1, y1 := float64(sh.pts[2*e]), float64(sh.pts[2*e+1])
				x2, y2 := float64(sh.pts[2*e+2]), float64(sh.pts[2*e+3])
				if (y1 > qy) != (y2 > qy) && x1+(qy-y1)*(x2-x1)/(y2-y1) > qx {
					in = !in
				}
			}
		}
		if got := Contains(f.code, p); got != in {
			t.Errorf("Contains(%s, %v) = %v, brute force says %v", f.code, p, got, in)
		}
	}
}

func TestDates(t *testing.T) {
	p := dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}
	_, err := Locate(p, june2025)
	if dvhc.ErrorKind(err) != dvhc.ENOTFOUND || !bytes.Contains([]byte(err.Error()), []byte("before 2025-07-01")) {
		t.Errorf("Locate before the reform: %v", err)
	}
	for _, d := range []dvhc.Date{july2025, may2026, dvhc.MustParseDate("2100-01-01")} {
		if _, err := Locate(p, d); err != nil {
			t.Errorf("Locate on %s: %v", d, err)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	mustIndex(t)
	for _, p := range []dvhc.LatLon{{Lat: 21.0287, Lon: 105.8524}, {Lat: 16.10, Lon: 108.45}, {Lat: 13.7563, Lon: 100.5018}} {
		if n := testing.AllocsPerRun(100, func() { Locate(p, july2025) }); n != 0 {
			t.Errorf("Locate(%v) allocates %v times", p, n)
		}
	}
}

// TestGeneratedUpToDate recompiles the TopoJSON in memory and compares
// with the embedded boundaries.bin.
func TestGeneratedUpToDate(t *testing.T) {
	if header != compile.Header || magic != compile.Magic {
		t.Fatal("header or magic differ between geo and internal/compile")
	}
	f, err := os.Open(filepath.FromSlash(topoJSON))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := compile.Compile(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, compiled) {
		t.Fatalf("boundaries.bin is stale (%d bytes, fresh %d): run go generate ./geo", len(compiled), len(b))
	}
}

// TestHeap measures the heap taken by the decoded boundaries: the tables
// and grid decoded on first use, then every commune and province shape.
func TestHeap(t *testing.T) {
	var m0, m1, m2 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	ix, err := parse(compiled)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	decodeAll(ix)
	runtime.GC()
	runtime.ReadMemStats(&m2)
	tables := float64(m1.HeapAlloc-m0.HeapAlloc) / (1 << 20)
	all := float64(m2.HeapAlloc-m0.HeapAlloc) / (1 << 20)
	t.Logf("heap: %.1f MB after the first lookup, %.1f MB with every shape decoded", tables, all)
	if all > 150 {
		t.Errorf("decoded boundaries take %.1f MB, want < 150", all)
	}
	runtime.KeepAlive(ix)
}

// decodeAll decodes the shape of every feature.
func decodeAll(ix *index) {
	for _, fs := range [][]feature{ix.communes, ix.provinces} {
		for i := range fs {
			if s := ix.shapeOf(&fs[i]); s.err != nil {
				panic(s.err)
			}
		}
	}
}

func TestParseCorrupt(t *testing.T) {
	for _, b := range [][]byte{nil, []byte(header), []byte(header + magic), compiled[:len(compiled)-1], append(append([]byte{}, compiled...), 0)} {
		if _, err := parse(b); dvhc.ErrorKind(err) != dvhc.EINTERNAL {
			t.Errorf("parse(%d bytes): %v, want EINTERNAL", len(b), err)
		}
	}
	bad := &Boundaries{data: []byte("junk")}
	if _, err := bad.Locate(dvhc.LatLon{Lat: 21, Lon: 105.8}, july2025); dvhc.ErrorKind(err) != dvhc.EINTERNAL {
		t.Errorf("Locate on corrupt data: %v", err)
	}
	if bad.Contains("00070", dvhc.LatLon{Lat: 21, Lon: 105.8}) {
		t.Error("Contains on corrupt data")
	}
}

// FuzzParse checks that decoding arbitrary bytes never panics, and that
// whatever decodes can be queried.
func FuzzParse(f *testing.F) {
	f.Add([]byte{})
	f.Add(tinyFile())
	f.Fuzz(func(t *testing.T, b []byte) {
		ix, err := parseIndex(append([]byte(header+magic), b...))
		if err != nil {
			return
		}
		ix.locate(dvhc.LatLon{Lat: ix.ty + ix.sy, Lon: ix.tx + ix.sx})
		for _, fs := range [][]feature{ix.communes, ix.provinces} {
			for i := range fs {
				f := &fs[i]
				ix.inside(f, int64(f.minX)<<fixedShift+1, int64(f.minY)<<fixedShift+1)
				ix.geometry(f)
			}
		}
	})
}

// tinyFile is the body of a valid compiled file holding one square commune.
func tinyFile() []byte {
	b := []byte{}
	for _, v := range []float64{1, 1, 0, 0} {
		b = append(b, make([]byte, 8)...)
		bits := math.Float64bits(v)
		for i := 0; i < 8; i++ {
			b[len(b)-8+i] = byte(bits >> (8 * i))
		}
	}
	zz := func(v int) byte { return byte(v<<1) ^ byte(v>>7) }
	// Communes: 1; code "1", name "a", province "2"; bbox; 1 polygon, 1 ring, 1 arc: 0.
	b = append(b, 1, 1, '1', 1, 'a', 1, '2', 1, 1, 3, 3, 1, 1, 1, 0)
	// Provinces: none. Grid: shift 2, 1×1, one cell with entry 0.
	b = append(b, 0, 2, 1, 1, 1, 1, 1, 0)
	// One arc of 11 bytes: a closed square (1,1) (3,1) (3,3) (1,3) (1,1), deltas.
	b = append(b, 1, 11, 5, zz(1), zz(1), zz(2), 0, 0, zz(2), zz(-2), 0, 0, zz(-2))
	return b
}

func TestTinyFile(t *testing.T) {
	b := &Boundaries{data: append([]byte(header+magic), tinyFile()...)}
	if err := b.Load(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		p    dvhc.LatLon
		want dvhc.Code
	}{
		{dvhc.LatLon{Lat: 2, Lon: 2}, "1"},
		{dvhc.LatLon{Lat: 1, Lon: 2}, "1"}, // south border: inside (north of it)
		{dvhc.LatLon{Lat: 3, Lon: 2}, ""},  // north border: outside
		{dvhc.LatLon{Lat: 2, Lon: 1}, "1"}, // west border: inside (east of it)
		{dvhc.LatLon{Lat: 2, Lon: 3}, ""},  // east border: outside
		{dvhc.LatLon{Lat: 0.5, Lon: 0.5}, ""},
	} {
		got, _ := b.LocateCommune(tt.p, july2025)
		if got != tt.want {
			t.Errorf("LocateCommune(%v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// randomPoints returns n points uniformly in Vietnam's bbox (most are sea
// or abroad) and n points drawn from land (points that Locate finds).
func randomPoints(tb testing.TB, n int) (bbox, land []dvhc.LatLon) {
	ix := mustIndex(tb)
	rng := rand.New(rand.NewPCG(7, 8))
	lon0, lat0 := ix.tx, ix.ty
	w := float64(int64(ix.nx)<<ix.gshift) * ix.sx
	h := float64(int64(ix.ny)<<ix.gshift) * ix.sy
	for len(bbox) < n || len(land) < n {
		p := dvhc.LatLon{Lat: lat0 + rng.Float64()*h, Lon: lon0 + rng.Float64()*w}
		if len(bbox) < n {
			bbox = append(bbox, p)
		}
		if f, _ := ix.locate(p); f != nil && len(land) < n {
			land = append(land, p)
		}
	}
	return bbox, land
}

func benchLocate(b *testing.B, ps []dvhc.LatLon) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Locate(ps[i%len(ps)], july2025)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}

func BenchmarkLocate(b *testing.B) {
	bbox, land := randomPoints(b, 1<<16)
	var inner []dvhc.LatLon
	for _, c := range readCommunes(b) {
		inner = append(inner, c.inner)
	}
	b.Run("land", func(b *testing.B) { benchLocate(b, land) })
	b.Run("bbox", func(b *testing.B) { benchLocate(b, bbox) })
	b.Run("inner", func(b *testing.B) { benchLocate(b, inner) })
}

func BenchmarkContains(b *testing.B) {
	cs := readCommunes(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := &cs[i%len(cs)]
		Contains(c.code, c.inner)
	}
}

// BenchmarkLoad is the cost of the first use: the tables and the grid.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(compiled); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAll decodes everything: tables, grid and every shape with
// its band index, as a process that locates points all over the country
// ends up doing.
func BenchmarkLoadAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ix, err := parse(compiled)
		if err != nil {
			b.Fatal(err)
		}
		decodeAll(ix)
	}
}

// BenchmarkFirstLocate is the cost of a process's first Locate: decoding
// the tables and grid, and the shapes of the candidate communes.
func BenchmarkFirstLocate(b *testing.B) {
	b.ReportAllocs()
	p := dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}
	for b.Loop() {
		bs := &Boundaries{data: compiled}
		if _, err := bs.Locate(p, july2025); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrent locates from many goroutines on fresh boundaries, so that
// first decodes race (run with -race).
func TestConcurrent(t *testing.T) {
	cs := readCommunes(t)
	b := &Boundaries{data: compiled}
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for i := g; i < len(cs); i += 3 {
				c := &cs[i]
				r, err := b.Locate(c.inner, july2025)
				if err == nil && r.Commune != c.code {
					err = dvhc.Errorf(dvhc.EINTERNAL, "%s located in %s", c.code, r.Commune)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
