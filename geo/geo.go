package geo

import (
	"math"
	"sort"
	"sync"

	"github.com/dvhc-vn/dvhc"
)

// ValidFrom is the first day the boundaries describe. Codes and territories
// have not changed since (later events changed only types), so they answer
// for every date from ValidFrom on.
var ValidFrom = dvhc.ReformDay

// ErrOutside is returned (as is, without allocating) by Locate when no
// commune contains the point: sea beyond the outlines, or abroad. Its kind
// is dvhc.ENOTFOUND.
var ErrOutside = dvhc.Errorf(dvhc.ENOTFOUND, "geo: no commune contains the point (sea or outside Vietnam)")

// Result is the answer of Locate.
type Result struct {
	Commune  dvhc.Code // code of the commune containing the point
	Province dvhc.Code // code of its province
	// Offshore is set when the commune's outline is known to enclose open
	// sea, so the point may be water rather than land: only Đặc khu
	// Trường Sa (22736), whose polygons are drawn around whole reefs and
	// atolls. See the package documentation.
	Offshore bool
}

// *Boundaries is the dvhc.Locator that address conversion uses to decide
// which successor of a split unit an address with coordinates belongs to.
var _ dvhc.Locator = (*Boundaries)(nil)

// Boundaries are the commune and province boundaries valid from
// 2025-07-01, decoded on first use. A Boundaries is safe for concurrent use.
type Boundaries struct {
	data []byte
	once sync.Once
	ix   *index
	err  error
}

var def = &Boundaries{data: compiled}

// Default returns the boundaries embedded in the package. Nothing is
// decoded until the first method call that needs them.
func Default() *Boundaries { return def }

// Locate finds the commune containing p on date at in the embedded
// boundaries; see Boundaries.Locate.
func Locate(p dvhc.LatLon, at dvhc.Date) (Result, error) { return def.Locate(p, at) }

// Contains reports whether commune code contains p in the embedded
// boundaries; see Boundaries.Contains.
func Contains(code dvhc.Code, p dvhc.LatLon) bool { return def.Contains(code, p) }

// load decodes the boundaries once.
func (b *Boundaries) load() (*index, error) {
	b.once.Do(func() { b.ix, b.err = parse(b.data) })
	return b.ix, b.err
}

// Load decodes the boundaries now rather than on first use, and reports a
// corrupt embedded file (an EINTERNAL error). Calling it is optional.
func (b *Boundaries) Load() error {
	_, err := b.load()
	return err
}

// checkDate rejects dates the boundaries do not describe. The zero Date
// means "today" and is accepted.
func checkDate(at dvhc.Date) error {
	if !at.IsZero() && at.Before(ValidFrom) {
		return dvhc.Errorf(dvhc.ENOTFOUND, "geo: no boundaries before %s (asked for %s)", ValidFrom, at)
	}
	return nil
}

// fixed converts p to fixed-point coordinates (1/256 of a quantum of the
// TopoJSON grid); ok is false if p is not a valid coordinate or lies
// outside the grid.
func (ix *index) fixed(p dvhc.LatLon) (x, y int64, ok bool) {
	fx := math.Round((p.Lon - ix.tx) / ix.sx * (1 << fixedShift))
	fy := math.Round((p.Lat - ix.ty) / ix.sy * (1 << fixedShift))
	// Also false for NaN.
	if !(fx >= 0 && fy >= 0 && fx < float64(int64(ix.nx)<<(ix.gshift+fixedShift)) &&
		fy < float64(int64(ix.ny)<<(ix.gshift+fixedShift))) {
		return 0, 0, false
	}
	return int64(fx), int64(fy), true
}

func validPoint(p dvhc.LatLon) error {
	if !p.IsValid() {
		return dvhc.Errorf(dvhc.EINVALID, "geo: invalid point %v,%v (want latitude in [-90, 90], longitude in [-180, 180])", p.Lat, p.Lon)
	}
	return nil
}

// Locate returns the commune and province containing p on date at.
//
// Points are tested against the polygons with the even-odd rule. A point
// exactly on a border shared by two communes belongs to exactly one: the
// one to its east, or to its north when the border runs due east–west.
// Where polygons overlap, the lowest code wins.
//
// Errors: a date before 2025-07-01 (ENOTFOUND: there are no boundaries for
// the pre-reform units); an invalid latitude or longitude (EINVALID); a
// point outside every commune (ErrOutside, ENOTFOUND); a corrupt embedded
// file (EINTERNAL). Locate does not allocate.
func (b *Boundaries) Locate(p dvhc.LatLon, at dvhc.Date) (Result, error) {
	if err := checkDate(at); err != nil {
		return Result{}, err
	}
	ix, err := b.load()
	if err != nil {
		return Result{}, err
	}
	f, err := ix.locate(p)
	if err != nil {
		return Result{}, dvhc.Errorf(dvhc.EINTERNAL, "geo: %v", err)
	}
	if f == nil {
		if err := validPoint(p); err != nil {
			return Result{}, err
		}
		return Result{}, ErrOutside
	}
	return Result{Commune: f.code, Province: f.province, Offshore: f.offshore}, nil
}

// LocateCommune returns the code of the commune containing p on date at;
// errors as for Locate. It implements dvhc.Locator.
func (b *Boundaries) LocateCommune(p dvhc.LatLon, at dvhc.Date) (dvhc.Code, error) {
	r, err := b.Locate(p, at)
	return r.Commune, err
}

// Contains reports whether the polygon of commune code contains p, by the
// same rule as Locate. It is false for an unknown code or if the embedded
// file cannot be decoded.
func (b *Boundaries) Contains(code dvhc.Code, p dvhc.LatLon) bool {
	ix, err := b.load()
	if err != nil {
		return false
	}
	i := sort.Search(len(ix.communes), func(i int) bool { return ix.communes[i].code >= code })
	if i == len(ix.communes) || ix.communes[i].code != code {
		return false
	}
	f := &ix.communes[i]
	x, y, ok := ix.fixed(p)
	if !ok {
		return false
	}
	// The grid lists f in p's cell if f contains the whole cell or touches
	// it; otherwise f cannot contain p.
	fi := uint32(i)
	s := ix.gshift + fixedShift
	c := (y>>s)*int64(ix.nx) + x>>s
	for _, e := range ix.cellEnt[ix.cellOff[c]:ix.cellOff[c+1]] {
		if e>>1 == fi {
			if e&1 != 0 {
				return true
			}
			in, _ := ix.inside(f, x, y)
			return in
		}
	}
	return false
}

func find(fs []feature, code dvhc.Code) *feature {
	i := sort.Search(len(fs), func(i int) bool { return fs[i].code >= code })
	if i < len(fs) && fs[i].code == code {
		return &fs[i]
	}
	return nil
}

// locate returns the first commune of p's grid cell that contains p, or
// nil; the error is errCorrupt if a shape cannot be decoded.
func (ix *index) locate(p dvhc.LatLon) (*feature, error) {
	x, y, ok := ix.fixed(p)
	if !ok {
		return nil, nil
	}
	s := ix.gshift + fixedShift
	c := (y>>s)*int64(ix.nx) + x>>s
	for _, e := range ix.cellEnt[ix.cellOff[c]:ix.cellOff[c+1]] {
		f := &ix.communes[e>>1]
		if e&1 != 0 {
			return f, nil
		}
		in, err := ix.inside(f, x, y)
		if err != nil || in {
			return f, err
		}
	}
	return nil, nil
}

// inside is the even-odd test of the fixed-point (x, y) against commune
// f, over the edges of the band of y, in exact integer arithmetic. An edge
// counts if it straddles the horizontal line through the point (lower end
// inclusive) and crosses it strictly east of the point.
func (ix *index) inside(f *feature, x, y int64) (bool, error) {
	qy := y >> fixedShift
	if qy < int64(f.minY) || qy >= int64(f.maxY) ||
		x < int64(f.minX)<<fixedShift || x > int64(f.maxX)<<fixedShift {
		return false, nil
	}
	s := ix.shapeOf(f)
	if s.err != nil || s.bandOff == nil {
		return false, errCorrupt
	}
	b := uint32(qy-int64(f.minY)) >> s.bshift
	pts := s.pts
	in := false
	for _, e := range s.edges[s.bandOff[b]:s.bandOff[b+1]] {
		y1 := int64(pts[2*e+1]) << fixedShift
		y2 := int64(pts[2*e+3]) << fixedShift
		if (y1 > y) == (y2 > y) {
			continue
		}
		x1 := int64(pts[2*e]) << fixedShift
		x2 := int64(pts[2*e+2]) << fixedShift
		d := (x1-x)*(y2-y1) + (y-y1)*(x2-x1)
		if (d > 0 && y2 > y1) || (d < 0 && y2 < y1) {
			in = !in
		}
	}
	return in, nil
}
