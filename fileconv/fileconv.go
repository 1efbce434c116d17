// Package fileconv converts whole tables: the addresses of a column to the
// units of a date, or coordinates to the commune that contains them. It is
// the one core behind "dvhc convert FILE", "dvhc locate FILE" and the API's
// file upload.
//
// Both conversions stream through batch.Run: memory stays flat whatever the
// size of the table, rows keep their order, and every input row gives
// exactly one output row — all input columns, then the added columns, whose
// first is a status — even when the row is broken. Title rows above the
// header (Options.HeaderRow, HeaderLike) are not data rows: they give no
// output row, and row notes keep the file's line numbers.
//
// AddressRecords runs the same conversion as Addresses (column detection,
// row checks, point reading, statuses) for a caller that renders each row
// itself, such as the API's upload: a file gets the same statuses, row by
// row, whichever door it comes through.
package fileconv

import (
	"context"
	"fmt"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/fold"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// AddressColumns are the columns that Addresses adds, in order.
var AddressColumns = []string{
	"dvhc_status", "dvhc_commune_code", "dvhc_commune", "dvhc_province_code", "dvhc_province",
	"dvhc_address", "dvhc_candidates", "dvhc_note",
}

// PointColumns are the columns that Points adds, in order.
var PointColumns = []string{
	"dvhc_status", "dvhc_commune_code", "dvhc_commune", "dvhc_province_code", "dvhc_province", "dvhc_note",
}

// Options select the columns and tune the run.
type Options struct {
	// Column names the address column. Empty: a column named like
	// "address" or "địa chỉ", or the only column.
	Column string
	// Lat and Lon name the coordinate columns (decimal degrees, WGS 84).
	// For Addresses they are optional and decide split communes; when
	// neither is given, columns named like lat and lon (latitude,
	// longitude, vĩ độ, kinh độ) are used if the table has both.
	Lat, Lon string
	// HeaderRow is the 1-based row of the header of a CSV, TSV or XLSX
	// table read from a file (AddressRecords, CheckTable, AddressTable):
	// the rows above it are title rows, skipped. 0: the first row, or the
	// header found below title rows by its column names (HeaderLike).
	HeaderRow int
	// MaxRows, if positive, bounds the data rows of a table read by
	// AddressRecords (ErrTooManyRows).
	MaxRows int
	// To is the date to convert to; zero means today.
	To dvhc.Date
	// Prefer says which evidence wins when a row's words and point
	// disagree (address.Options.Prefer); zero: both must agree.
	Prefer address.Prefer
	// Workers and Progress are passed to batch.Run.
	Workers  int
	Progress func(rows int)
	// NoteText, if set, rewrites every row's dvhc_note (a translation).
	NoteText func(string) string
}

// date returns the target date, today when To is zero.
func (o Options) date() dvhc.Date {
	if o.To.IsZero() {
		return dvhc.Today()
	}
	return o.To
}

// batch returns the batch options for a run adding columns, whose first is
// dvhc_status and last dvhc_note.
func (o Options) batch(columns []string) batch.Options {
	return batch.Options{Columns: columns, Status: columns[0], Note: columns[len(columns)-1],
		Workers: o.Workers, Progress: o.Progress, NoteText: o.NoteText}
}

// MaxHeaderRow is the largest header row a request may name (Options.HeaderRow):
// the most rows a sheet has.
const MaxHeaderRow = tabular.DefaultXLSXMaxRows

// addressNames are folded column names taken as the address column.
var addressNames = []string{"address", "dia chi", "diachi", "dia_chi", "full address", "addr", "dia chi cu", "old address"}

// Names of the coordinate columns found without being named.
var (
	latNames = []string{"lat", "latitude", "vi do"}
	lonNames = []string{"lon", "lng", "long", "longitude", "kinh do"}
)

// HeaderLike reports whether name is a column name that the column
// detection knows: an address (address, địa chỉ) or a coordinate (lat,
// vĩ độ, lon, kinh độ) column, compared folded. It is the test by which a
// table reader finds a header below title rows (tabular.ReaderOptions).
func HeaderLike(name string) bool {
	k := fold.Key(name)
	for _, names := range [][]string{addressNames, latNames, lonNames} {
		for _, n := range names {
			if k == fold.Key(n) {
				return true
			}
		}
	}
	return false
}

// headerLike is HeaderLike, also taking the columns named in o.
func (o Options) headerLike() func(string) bool {
	return NamedLike(o.Column, o.Lat, o.Lon)
}

// NamedLike returns HeaderLike, also taking the column names given
// (compared folded; empty ones are ignored), such as those of --column,
// --lat and --lon.
func NamedLike(names ...string) func(string) bool {
	var keys []string
	for _, n := range names {
		if n != "" {
			keys = append(keys, fold.Key(n))
		}
	}
	return func(name string) bool {
		if HeaderLike(name) {
			return true
		}
		k := fold.Key(name)
		for _, n := range keys {
			if k == n {
				return true
			}
		}
		return false
	}
}

// AddressColumn returns the index of the address column of header: the one
// called name when given, else one named like "address" or "địa chỉ", else
// the only column; an error names the columns when there is none.
func AddressColumn(header []string, name string) (int, error) {
	return column(header, name, addressNames, "address")
}

// PointColumnsOf returns the indexes of the latitude and longitude columns
// of header found by their names (lat, latitude, vĩ độ; lon, lng, long,
// longitude, kinh độ), or -1, -1 unless both are there. It is the one
// detection behind convert, locate and the API's upload.
func PointColumnsOf(header []string) (lat, lon int) {
	lat, err1 := column(header, "", latNames, "latitude")
	lon, err2 := column(header, "", lonNames, "longitude")
	if err1 != nil || err2 != nil || len(header) < 2 || lat == lon {
		return -1, -1
	}
	return lat, lon
}

// column finds the index of the named column (matching folded names), or
// the default. want describes the column in errors.
func column(header []string, name string, defaults []string, want string) (int, error) {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = fold.Key(h)
	}
	if name != "" {
		k := fold.Key(name)
		for i := range keys {
			if header[i] == name || keys[i] == k {
				return i, nil
			}
		}
		return -1, dvhc.Errorf(dvhc.EINVALID, "no column %q in the header (columns: %s)", name, strings.Join(header, ", "))
	}
	for _, d := range defaults {
		for i := range keys {
			if keys[i] == fold.Key(d) {
				return i, nil
			}
		}
	}
	if len(header) == 1 {
		return 0, nil
	}
	flag := map[string]string{"latitude": "lat", "longitude": "lon"}[want]
	if flag == "" {
		flag = "column"
	}
	return -1, dvhc.Errorf(dvhc.EINVALID, "which column holds the %s? name it with --%s (the API's %s parameter) (columns: %s)", want, flag, flag, strings.Join(header, ", "))
}

// HasPoints reports whether Addresses would read points from a table with
// this header: coordinate columns named in opts, or found by name. A
// converter without boundaries cannot use them.
func HasPoints(header []string, opts Options) bool {
	if opts.Lat != "" || opts.Lon != "" {
		return true
	}
	p, err := newPointReader(header, "", "", false)
	return err == nil && p.lat >= 0
}

// pointReader reads the optional coordinates of a row.
type pointReader struct{ lat, lon int }

func newPointReader(header []string, lat, lon string, required bool) (pointReader, error) {
	p := pointReader{-1, -1}
	if lat == "" && lon == "" {
		p.lat, p.lon = PointColumnsOf(header)
		if required && p.lat < 0 {
			return p, dvhc.Errorf(dvhc.EINVALID, "which columns hold the latitude and longitude? name them with --lat and --lon (columns: %s)", strings.Join(header, ", "))
		}
		return p, nil
	}
	if lat == "" || lon == "" {
		return p, dvhc.Errorf(dvhc.EINVALID, "give both the latitude and the longitude column")
	}
	var err error
	if p.lat, err = column(header, lat, nil, "latitude"); err != nil {
		return p, err
	}
	p.lon, err = column(header, lon, nil, "longitude")
	return p, err
}

// read returns the point of the row, nil when the row has none, or an error
// naming the row and the field.
func (p pointReader) read(header []string, row *tabular.Row) (*dvhc.LatLon, error) {
	if p.lat < 0 {
		return nil, nil
	}
	ls, os := strings.TrimSpace(row.Fields[p.lat]), strings.TrimSpace(row.Fields[p.lon])
	if ls == "" && os == "" {
		return nil, nil
	}
	lat, err := dvhc.ParseLatitude(ls)
	if err != nil {
		return nil, fmt.Errorf("row %d: field %s: %q is not a latitude", row.Num, header[p.lat], ls)
	}
	lon, err := dvhc.ParseLongitude(os)
	if err != nil {
		return nil, fmt.Errorf("row %d: field %s: %q is not a longitude", row.Num, header[p.lon], os)
	}
	return &dvhc.LatLon{Lat: lat, Lon: lon}, nil
}

// addressJob is the conversion of one table's address column: the one
// code that "dvhc convert FILE" and the API's upload run for every row.
type addressJob struct {
	conv   *address.Converter
	header []string
	col    int
	pts    pointReader
	to     dvhc.Date
	prefer address.Prefer
}

func newAddressJob(conv *address.Converter, header []string, opts Options) (*addressJob, error) {
	if len(header) == 0 {
		return nil, dvhc.Errorf(dvhc.EINVALID, "the table is empty: no header")
	}
	col, err := column(header, opts.Column, addressNames, "address")
	if err != nil {
		return nil, err
	}
	pts, err := newPointReader(header, opts.Lat, opts.Lon, false)
	if err != nil {
		return nil, err
	}
	return &addressJob{conv: conv, header: header, col: col, pts: pts, to: opts.date(), prefer: opts.Prefer}, nil
}

// options returns the options of the conversion of one valid row, with
// its point (nil if none), and the error of a bad point (ignored for the
// conversion).
func (j *addressJob) options(row *tabular.Row) (address.Options, error) {
	p, perr := j.pts.read(j.header, row)
	return address.Options{To: j.to, Point: p, Prefer: j.prefer}, perr
}

// convert converts one valid row: its result, its point (nil if none) and
// the error of a bad point (ignored for the conversion).
func (j *addressJob) convert(row *tabular.Row) (address.Result, *dvhc.LatLon, error) {
	opt, perr := j.options(row)
	return j.conv.Convert(row.Fields[j.col], opt), opt.Point, perr
}

// fill converts one valid row into the AddressColumns fields of out (not
// through convert: its result would be copied once more, a row).
func (j *addressJob) fill(row *tabular.Row, out []string) {
	opt, perr := j.options(row)
	res := j.conv.Convert(row.Fields[j.col], opt)
	fillAddress(out, &res, perr)
}

// Addresses converts the address column of every row of r and writes the
// rows with AddressColumns added to w.
func Addresses(ctx context.Context, conv *address.Converter, r tabular.Reader, w tabular.Writer, opts Options) (batch.Summary, error) {
	job, err := newAddressJob(conv, r.Header(), opts)
	if err != nil {
		return batch.Summary{}, err
	}
	return batch.Run(ctx, r, w, opts.batch(AddressColumns), job.fill)
}

// fillAddress renders a result (and the error of the row's point, if
// any) into the AddressColumns fields of out.
func fillAddress(out []string, res *address.Result, perr error) {
	out[0] = res.Status.String()
	if res.Commune != nil {
		out[1], out[2] = string(res.Commune.Code), res.Commune.Name
	}
	if res.Province != nil {
		out[3], out[4] = string(res.Province.Code), res.Province.Name
	}
	out[5] = res.Address
	if len(res.Candidates) > 0 {
		// One allocation of the exact size, not one per doubling.
		n := len(res.Candidates) - 1
		for _, c := range res.Candidates {
			n += len(c.Commune.Code)
		}
		var b strings.Builder
		b.Grow(n)
		for i, c := range res.Candidates {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(string(c.Commune.Code))
		}
		out[6] = b.String()
	}
	out[7] = res.Note
	if perr != nil {
		out[7] = join(perr.Error()+" (point ignored)", out[7])
	}
}

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

// Points locates the coordinates of every row of r and writes the rows with
// PointColumns added to w: status ok (with the commune and province on
// the date), not_found (sea, abroad) or invalid (no or bad coordinates).
func Points(ctx context.Context, b *geo.Boundaries, reg *registry.Registry, r tabular.Reader, w tabular.Writer, opts Options) (batch.Summary, error) {
	header := r.Header()
	pts, err := newPointReader(header, opts.Lat, opts.Lon, true)
	if err != nil {
		return batch.Summary{}, err
	}
	to := opts.date()
	fn := func(row *tabular.Row, out []string) {
		p, err := pts.read(header, row)
		switch {
		case err != nil:
			out[0], out[5] = "invalid", err.Error()
			return
		case p == nil:
			out[0], out[5] = "invalid", fmt.Sprintf("row %d: no coordinates", row.Num)
			return
		}
		LocateInto(out, b, reg, *p, to)
	}
	return batch.Run(ctx, r, w, opts.batch(PointColumns), fn)
}

// LocateInto locates p on day at (geo.Boundaries.Place) and fills the
// PointColumns fields of out.
func LocateInto(out []string, b *geo.Boundaries, reg *registry.Registry, p dvhc.LatLon, at dvhc.Date) {
	pl, err := b.Place(reg, p, at)
	PlaceInto(out, pl, err)
}

// PlaceInto renders a place, or the error of locating it, as the
// PointColumns fields of out: status ok, the codes and names of the commune
// and province, the note; else the error's kind (not_found) and message.
func PlaceInto(out []string, pl geo.Place, err error) {
	if err != nil {
		out[0], out[5] = dvhc.ErrorKind(err), err.Error()
		return
	}
	out[0] = "ok"
	out[1], out[2] = string(pl.Commune.Code), pl.Commune.Name
	out[3], out[4] = string(pl.Province.Code), pl.Province.Name
	out[5] = pl.Note()
}
