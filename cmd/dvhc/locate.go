package main

import (
	"flag"
	"fmt"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
)

var locateCmd = &command{
	name:    "locate",
	args:    "[--at DATE] [--json] LAT LON | [--lat NAME --lon NAME] [--format F] [--sheet S] [--delimiter C] [--encoding E] [-o OUT] [--format-out F] [--bom] [--excel-safe] [--workers N] FILE|-",
	summary: "find the commune and province containing a point",
	doc: `With two numbers, locates one point (decimal degrees, WGS 84). With a file
(CSV, TSV, JSONL or XLSX; - for standard input), locates the point of every
row and writes each input row followed by dvhc_status (ok, not_found,
invalid), dvhc_commune_code, dvhc_commune, dvhc_province_code, dvhc_province
and dvhc_note: exactly one output row per input row. Columns named lat/lon
(latitude/longitude) are found without --lat/--lon.

--json prints the API's answer of GET /v1/locate (status, point, at, commune,
province, offshore, note); for a point in no commune, status not_found and
the reason in note.

The boundaries are those of the units in force from 2025-07-01; there are none
for earlier dates. Points at sea or abroad are not_found.

-o OUT is written atomically, as with convert: replaced only when the whole
run succeeded, never when it is the input file.

Examples:
  dvhc locate 21.0287 105.8524
  dvhc locate --lat y --lon x -o located.csv points.csv`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var at dateFlag
		atFlag(fs, &at)
		asJSON := fs.Bool("json", false, "print JSON (one point)")
		var o struct {
			Lat, Lon string
			tableFlags
		}
		fs.StringVar(&o.Lat, "lat", "", "latitude column `NAME` (files)")
		fs.StringVar(&o.Lon, "lon", "", "longitude column `NAME` (files)")
		o.register(fs)
		return func(e *env, args []string) error {
			if at.date().Before(geo.ValidFrom) {
				// A question the data cannot answer: bad input, exit 2.
				return dvhc.Errorf(dvhc.EINVALID, "no boundaries before %s (asked for %s)", geo.ValidFrom, at.date())
			}
			reg, err := registryOf()
			if err != nil {
				return err
			}
			b := geo.Default()
			if len(args) == 2 && o.Lat == "" {
				p, err := dvhc.ParseLatLon(args[0], args[1])
				if err != nil {
					return dvhc.Errorf(dvhc.EINVALID, "want LAT LON in decimal degrees, got %q %q", args[0], args[1])
				}
				return locateOne(e, b, reg, p, at.date(), *asJSON)
			}
			if len(args) > 1 {
				return dvhc.Errorf(dvhc.EINVALID, "want LAT LON, or one FILE")
			}
			path := "-"
			if len(args) == 1 {
				path = args[0]
			}
			o.like = fileconv.NamedLike(o.Lat, o.Lon)
			j, err := openTable(e, path, o.tableFlags)
			if err != nil {
				return err
			}
			sum, err := fileconv.Points(e.ctx, b, reg, j.in, j.out, fileconv.Options{
				Lat: o.Lat, Lon: o.Lon, To: at.date(), Workers: o.Workers, Progress: j.progress(), NoteText: noteText()})
			return j.finish(e, sum, err)
		}
	},
}

func locateOne(e *env, b *geo.Boundaries, reg *registry.Registry, p dvhc.LatLon, at dvhc.Date, asJSON bool) error {
	pl, err := b.Place(reg, p, at)
	if asJSON {
		var loc wire.Location
		if err != nil {
			loc = wire.NewLocationError(p, at, err)
		} else {
			loc = wire.NewLocation(pl)
		}
		if err := writeJSON(e.stdout, loc); err != nil {
			return err
		}
	} else if err == nil {
		fmt.Fprintf(e.stdout, "%s %s, %s %s\n", pl.Commune.Code, pl.Commune.Name, pl.Province.Code, pl.Province.Name)
		if n := pl.Note(); n != "" {
			fmt.Fprintf(e.stderr, "dvhc: %s\n", msg.Translate(n, lang))
		}
	}
	if err != nil {
		// Not found is an answer about the point, not a usage error: exit 1.
		if !asJSON {
			fmt.Fprintf(e.stderr, "dvhc: %s\n", msg.Translate(err.Error(), lang))
		}
		return errFindings
	}
	return nil
}
