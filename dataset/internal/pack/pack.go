// Package pack is the compact binary form of the two big tables of the
// compiled dataset, units.tsv and edges.tsv, that "go generate" writes
// beside them (units.bin, edges.bin) so that a process starts without
// parsing text: strings are read as substrings of the embedded file,
// numbers and dates without parsing.
//
// A file is: the magic line, the number of records (uvarint), a table of
// the distinct dates (uvarint count, then each as a string), then the
// records. A string is its length (uvarint) and its bytes; a date is its
// index in the table plus one (uvarint; 0 is no date); a level or a share
// is one byte. A unit's numbers follow a byte whose bits say which are
// non-zero; each of them is 8 bytes (float64 bits, little-endian) or, for
// the population, a varint.
package pack

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// The magic lines of the two files.
const (
	unitsMagic = "dvhc units 1\n"
	edgesMagic = "dvhc edges 1\n"
)

// The bits of a unit's numbers byte, in the order the numbers follow it.
const (
	hasArea = 1 << iota
	hasPopulation
	hasLat
	hasLon
	hasInnerLat
	hasInnerLon
)

// Units encodes the rows of units.tsv (its 19 fields, unescaped), as the
// TSV parser of package dataset would read them.
func Units(rows [][]string) ([]byte, error) {
	us := make([]dvhc.Unit, len(rows))
	for i, f := range rows {
		var err error
		if us[i], err = ParseUnit(f); err != nil {
			return nil, fmt.Errorf("units.tsv: row %d: %w", i+1, err)
		}
	}
	return AppendUnits(nil, us), nil
}

// Edges encodes the rows of edges.tsv (its 11 fields, unescaped).
func Edges(rows [][]string) ([]byte, error) {
	es := make([]dvhc.Edge, len(rows))
	for i, f := range rows {
		var err error
		if es[i], err = ParseEdge(f); err != nil {
			return nil, fmt.Errorf("edges.tsv: row %d: %w", i+1, err)
		}
	}
	return AppendEdges(nil, es), nil
}

// ParseUnit reads the fields of a row of units.tsv.
func ParseUnit(f []string) (dvhc.Unit, error) {
	if len(f) != 19 {
		return dvhc.Unit{}, fmt.Errorf("%d fields, want 19", len(f))
	}
	u := dvhc.Unit{Code: dvhc.Code(f[1]), Name: f[4], ShortName: f[5], Type: f[6], NameEN: f[7],
		Parent: dvhc.Code(f[8]), Province: dvhc.Code(f[9]), AdminCentre: f[12], Region: f[17], Resolution: f[18]}
	l, err := dvhc.ParseLevel(f[0])
	u.Level = l
	return u, firstErr(err,
		date(f[2], &u.Valid.From), date(f[3], &u.Valid.To),
		float(f[10], &u.AreaKm2), integer(f[11], &u.Population),
		float(f[13], &u.Point.Lat), float(f[14], &u.Point.Lon),
		float(f[15], &u.InnerPoint.Lat), float(f[16], &u.InnerPoint.Lon),
	)
}

// ParseEdge reads the fields of a row of edges.tsv.
func ParseEdge(f []string) (dvhc.Edge, error) {
	if len(f) != 11 {
		return dvhc.Edge{}, fmt.Errorf("%d fields, want 11", len(f))
	}
	e := dvhc.Edge{Event: f[7], Note: f[8], Decision: f[9], Basis: f[10]}
	e.From.Code, e.To.Code = dvhc.Code(f[1]), dvhc.Code(f[4])
	var err1, err2, err3 error
	e.From.Level, err1 = dvhc.ParseLevel(f[0])
	e.To.Level, err2 = dvhc.ParseLevel(f[3])
	e.Share, err3 = dvhc.ParseShare(f[6])
	return e, firstErr(err1, err2, err3, date(f[2], &e.From.From), date(f[5], &e.To.From))
}

// AppendUnits appends the binary form of us to b.
func AppendUnits(b []byte, us []dvhc.Unit) []byte {
	var dates []dvhc.Date
	for i := range us {
		dates = append(dates, us[i].Valid.From, us[i].Valid.To)
	}
	b, idx := appendHead(b, unitsMagic, len(us), dates)
	for i := range us {
		u := &us[i]
		b = append(b, byte(u.Level))
		b = appendString(b, string(u.Code))
		b = binary.AppendUvarint(b, idx[u.Valid.From])
		b = binary.AppendUvarint(b, idx[u.Valid.To])
		for _, s := range [...]string{u.Name, u.ShortName, u.Type, u.NameEN, string(u.Parent), string(u.Province), u.AdminCentre, u.Region, u.Resolution} {
			b = appendString(b, s)
		}
		floats := [...]float64{u.AreaKm2, u.Point.Lat, u.Point.Lon, u.InnerPoint.Lat, u.InnerPoint.Lon}
		bits := [...]byte{hasArea, hasLat, hasLon, hasInnerLat, hasInnerLon}
		var has byte
		for i, x := range floats {
			if math.Float64bits(x) != 0 {
				has |= bits[i]
			}
		}
		if u.Population != 0 {
			has |= hasPopulation
		}
		b = append(b, has)
		if has&hasArea != 0 {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(u.AreaKm2))
		}
		if has&hasPopulation != 0 {
			b = binary.AppendVarint(b, int64(u.Population))
		}
		for i, x := range floats[1:] {
			if has&bits[i+1] != 0 {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
			}
		}
	}
	return b
}

// AppendEdges appends the binary form of es to b. Their weights are not
// kept: the registry computes them.
func AppendEdges(b []byte, es []dvhc.Edge) []byte {
	var dates []dvhc.Date
	for i := range es {
		dates = append(dates, es[i].From.From, es[i].To.From)
	}
	b, idx := appendHead(b, edgesMagic, len(es), dates)
	for i := range es {
		e := &es[i]
		b = append(b, byte(e.From.Level))
		b = appendString(b, string(e.From.Code))
		b = binary.AppendUvarint(b, idx[e.From.From])
		b = append(b, byte(e.To.Level))
		b = appendString(b, string(e.To.Code))
		b = binary.AppendUvarint(b, idx[e.To.From])
		b = append(b, byte(e.Share))
		for _, s := range [...]string{e.Event, e.Note, e.Decision, e.Basis} {
			b = appendString(b, s)
		}
	}
	return b
}

// appendHead appends the magic line, the number of records and the table
// of the distinct dates, in order of first use; it returns the index plus
// one of each date (0 for no date).
func appendHead(b []byte, magic string, n int, dates []dvhc.Date) ([]byte, map[dvhc.Date]uint64) {
	idx := map[dvhc.Date]uint64{{}: 0}
	var table []string
	for _, d := range dates {
		if _, ok := idx[d]; !ok {
			table = append(table, d.String())
			idx[d] = uint64(len(table))
		}
	}
	b = append(b, magic...)
	b = binary.AppendUvarint(b, uint64(n))
	b = binary.AppendUvarint(b, uint64(len(table)))
	for _, s := range table {
		b = appendString(b, s)
	}
	return b, idx
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// errShort reports a file cut short or otherwise malformed.
var errShort = errors.New("malformed or truncated")

// reader reads a file; its strings are substrings of it. The first
// error sticks and later reads return zero values.
type reader struct {
	s     string
	p     int
	err   error
	dates []dvhc.Date // the table, preceded by the zero date
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("offset %d: %w", r.p, errShort)
	}
	r.p = len(r.s)
}

func (r *reader) byte() byte {
	if r.p >= len(r.s) {
		r.fail()
		return 0
	}
	c := r.s[r.p]
	r.p++
	return c
}

func (r *reader) uvarint() uint64 {
	if r.p < len(r.s) && r.s[r.p] < 0x80 {
		r.p++
		return uint64(r.s[r.p-1])
	}
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := r.byte()
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.fail()
	return 0
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (r *reader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.s)-r.p) {
		r.fail()
		return ""
	}
	s := r.s[r.p : r.p+int(n)]
	r.p += int(n)
	return s
}

func (r *reader) float() float64 {
	if len(r.s)-r.p < 8 {
		r.fail()
		return 0
	}
	s := r.s[r.p : r.p+8]
	r.p += 8
	return math.Float64frombits(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
}

// floatIf reads a float if has is set, else returns 0.
func (r *reader) floatIf(has byte) float64 {
	if has == 0 {
		return 0
	}
	return r.float()
}

func (r *reader) date() dvhc.Date {
	i := r.uvarint()
	if i >= uint64(len(r.dates)) {
		r.fail()
		return dvhc.Date{}
	}
	return r.dates[i]
}

// The fewest bytes a record takes (its strings empty, its numbers zero):
// a unit's level, code, two dates, nine strings and numbers byte; an
// edge's two levels, codes and dates, share and four strings.
const minUnit, minEdge = 14, 11

// head reads the magic line, the number of records, each at least min
// bytes long, and the date table.
func (r *reader) head(magic string, min int) int {
	if len(r.s) < len(magic) || r.s[:len(magic)] != magic {
		r.err = fmt.Errorf("not a %q file", magic[:len(magic)-1])
		return 0
	}
	r.p = len(magic)
	n := r.uvarint()
	nd := r.uvarint()
	// bounds before allocating: every record and date takes bytes
	if n > uint64(len(r.s)/min) || nd > uint64(len(r.s)) {
		r.fail()
		return 0
	}
	r.dates = make([]dvhc.Date, 1, nd+1)
	for range nd {
		var d dvhc.Date
		if err := date(r.string(), &d); err != nil && r.err == nil {
			r.err = err
		}
		r.dates = append(r.dates, d)
	}
	return int(n)
}

// Len returns the number of records of a file written by AppendUnits or
// AppendEdges, or 0 if it is malformed.
func Len(s string) int {
	i := strings.IndexByte(s, '\n')
	if i < 0 {
		return 0
	}
	n, k := binary.Uvarint([]byte(s[i+1 : min(len(s), i+11)]))
	if k <= 0 || n > uint64(len(s)) {
		return 0
	}
	return int(n)
}

// ReadUnits appends the units of s, a file written by AppendUnits, to dst.
func ReadUnits(s string, dst []dvhc.Unit) ([]dvhc.Unit, error) {
	r := reader{s: s}
	n := r.head(unitsMagic, minUnit)
	dst = grow(dst, n)
	for range n {
		if r.err != nil {
			break
		}
		dst = dst[:len(dst)+1]
		u := &dst[len(dst)-1]
		u.Level = dvhc.Level(r.byte())
		u.Code = dvhc.Code(r.string())
		u.Valid.From = r.date()
		u.Valid.To = r.date()
		u.Name = r.string()
		u.ShortName = r.string()
		u.Type = r.string()
		u.NameEN = r.string()
		u.Parent = dvhc.Code(r.string())
		u.Province = dvhc.Code(r.string())
		u.AdminCentre = r.string()
		u.Region = r.string()
		u.Resolution = r.string()
		has := r.byte()
		u.AreaKm2 = r.floatIf(has & hasArea)
		u.Population = 0
		if has&hasPopulation != 0 {
			u.Population = int(r.varint())
		}
		u.Point.Lat = r.floatIf(has & hasLat)
		u.Point.Lon = r.floatIf(has & hasLon)
		u.InnerPoint.Lat = r.floatIf(has & hasInnerLat)
		u.InnerPoint.Lon = r.floatIf(has & hasInnerLon)
	}
	return dst, r.end()
}

// ReadEdges appends the edges of s, a file written by AppendEdges, to dst.
func ReadEdges(s string, dst []dvhc.Edge) ([]dvhc.Edge, error) {
	r := reader{s: s}
	n := r.head(edgesMagic, minEdge)
	dst = grow(dst, n)
	for range n {
		if r.err != nil {
			break
		}
		dst = dst[:len(dst)+1]
		e := &dst[len(dst)-1]
		e.From.Level = dvhc.Level(r.byte())
		e.From.Code = dvhc.Code(r.string())
		e.From.From = r.date()
		e.To.Level = dvhc.Level(r.byte())
		e.To.Code = dvhc.Code(r.string())
		e.To.From = r.date()
		e.Share = dvhc.Share(r.byte())
		e.Event = r.string()
		e.Note = r.string()
		e.Decision = r.string()
		e.Basis = r.string()
		e.Weight = dvhc.Weight{}
	}
	return dst, r.end()
}

// end reports the first error, or bytes left over.
func (r *reader) end() error {
	if r.err == nil && r.p != len(r.s) {
		r.err = fmt.Errorf("offset %d: %d bytes after the last record", r.p, len(r.s)-r.p)
	}
	return r.err
}

// grow makes room for n more elements in s; the readers set every field
// of those they append.
func grow[T any](s []T, n int) []T {
	if cap(s)-len(s) < n {
		t := make([]T, len(s), len(s)+n)
		copy(t, s)
		return t
	}
	return s
}

func date(s string, d *dvhc.Date) error {
	if s == "" {
		*d = dvhc.Date{}
		return nil
	}
	return d.UnmarshalText([]byte(s))
}

func float(s string, v *float64) (err error) {
	if s != "" {
		*v, err = strconv.ParseFloat(s, 64)
	}
	return err
}

func integer(s string, v *int) (err error) {
	if s != "" {
		*v, err = strconv.Atoi(s)
	}
	return err
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
