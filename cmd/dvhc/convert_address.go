package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/cmd/dvhc/internal/warm"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

var convertCmd = &command{
	name:    "convert",
	args:    "--address TEXT [--to DATE] [--lat X --lon Y [--prefer text|point|both]] [--json] | [--column NAME] [--lat NAME --lon NAME [--prefer text|point|both]] [--to DATE] [--format F] [--sheet S] [--delimiter C] [--encoding E] [-o OUT] [--format-out F] [--bom] [--excel-safe] [--workers N] [--no-header | --columns A,B,…] [--quiet] FILE|-",
	summary: "convert addresses written with old units to the units of a date",
	doc: `With --address, converts one free-text address: finds the province, district
and commune it names (with or without tones, abbreviations such as P., Q.,
TP., F7, nicknames such as TP.HCM or HN, former names), follows the lineage
to --to (default today) and rewrites it with the new commune and province,
keeping the street. A commune that was split among several new communes comes
back ambiguous with every successor, most likely first; --lat and --lon
(decimal degrees) then decide between them using the commune boundaries.
A point is checked against the words: an answer is ok only when they agree
(another reading of the words may be the one the point confirms); when they
disagree the answer is ambiguous with both communes, unless --prefer text or
--prefer point says which to trust. Words that name only a former district
are placed by a point inside it.

Status: ok (exit 0), ambiguous or not_found (exit 1), invalid (exit 2).

With a FILE (CSV, TSV, JSONL or XLSX; - or nothing for standard input),
converts the address column of every row, streaming, and writes every input
row followed by dvhc_status, dvhc_commune_code, dvhc_commune,
dvhc_province_code, dvhc_province, dvhc_address, dvhc_candidates (codes
joined by ";", most likely first) and dvhc_note: exactly one output row per
input row, in input order, broken rows included (status invalid, the note
names the row and the field). The address column is --column, else one named
like "address" or "địa chỉ", else the only column; --lat/--lon name optional
coordinate columns that decide split communes (columns named lat/lon,
latitude/longitude or vĩ độ/kinh độ are found without them); a row's point
is checked against its words by the same rule as above, and --prefer applies
to every row. A progress bar shows on a terminal; a summary by status ends
on standard error (--quiet drops it). Exit status 0 when every row was
written, whatever their status.

Formats: the input's from --format, else the file name, else CSV; a CSV's
delimiter (',', ';' as Excel writes it in Vietnamese locales, or tab) is
read from its header line unless --delimiter says it, and a CSV output
keeps it. Text in TCVN3 (ABC), VNI or Windows-1258 is detected (or named by
--encoding) and converted to UTF-8. The output's format is -o's extension,
else --format-out, else the input's, except that an Excel input gives CSV
on standard output; -o OUT.parquet writes Parquet. --bom starts a CSV
output with a byte-order mark so that Excel on Windows reads its
Vietnamese correctly, and turns on --excel-safe.

As a filter (standard input to standard output) it runs unchanged under
cluster engines, one process per partition: the rows come out in input
order. --no-header reads CSV or TSV whose first line is already data (a
partition) and writes no header either: the columns are then named by
position, 1, 2, …, so --column 2 picks the second; or --columns A,B,…
names them (and implies --no-header). The added fields follow the input's,
in the order above. For JSONL, --columns fixes the keys in every partition.

-o OUT is written atomically: OUT is replaced only when the whole run
succeeded; after an error or an interruption (exit 130) it is left as it was,
and OUT that is the input file is refused (exit 2). A field over 1 MiB is cut
and its row invalid, the other fields kept; fields beyond the header are
echoed in the note. --excel-safe escapes cells that a spreadsheet would run
as formulas (see README, Limits).

Examples:
  dvhc convert --address "Phường Trúc Bạch, Quận Ba Đình, Hà Nội"
  dvhc convert --address "p truc bach, q.ba dinh, hn" --json
  dvhc convert --address "Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM" --json
  dvhc convert --address "Xã Hòa Thắng, Huyện Bắc Bình, Bình Thuận" --lat 11.08 --lon 108.43
  dvhc convert --column dia_chi -o new.xlsx customers.xlsx
  dvhc convert --prefer text -o checked.csv geocoded.csv   # the words win where a point disagrees
  dvhc convert -o converted.parquet customers.csv     # Parquet for Spark, DuckDB
  dvhc convert < addresses.csv > converted.csv
  dvhc convert --format tsv --no-header --column 2 --quiet < part-00000.tsv`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		var to dateFlag
		addr := fs.String("address", "", "convert this one address `TEXT`")
		fs.Var(&to, "to", "convert to the units in force on this date, YYYY-MM-DD (default today)")
		asJSON := fs.Bool("json", false, "print JSON (one address)")
		prefer := fs.String("prefer", "", "when the words and the point disagree, trust `WHICH`: text, point, or both (the default: they must agree); for --address and every row of a FILE")
		var o fileOpts
		fs.StringVar(&o.Column, "column", "", "address column `NAME` (files)")
		fs.StringVar(&o.Lat, "lat", "", "latitude: decimal degrees with --address, a column `NAME` for files")
		fs.StringVar(&o.Lon, "lon", "", "longitude: decimal degrees with --address, a column `NAME` for files")
		o.register(fs)
		o.registerHeadless(fs)
		return func(e *env, args []string) error {
			o.To = to.date()
			pref, err := address.ParsePrefer(*prefer)
			if err != nil {
				return dvhc.Errorf(dvhc.EINVALID, "--prefer: %v", err)
			}
			if !flagSet(fs, "address") {
				o.Prefer = pref
				return convertFile(e, o, args)
			}
			if strings.TrimSpace(*addr) == "" {
				return dvhc.Errorf(dvhc.EINVALID, "--address wants a TEXT, got an empty one")
			}
			if len(args) > 0 {
				return dvhc.Errorf(dvhc.EINVALID, "--address takes no FILE, got %q", args[0])
			}
			var point *dvhc.LatLon
			if o.Lat != "" || o.Lon != "" {
				p, err := parsePoint(o.Lat, o.Lon)
				if err != nil {
					return err
				}
				point = &p
			}
			return convertOne(e, *addr, address.Options{To: o.To, Point: point, Prefer: pref}, *asJSON)
		}
	},
}

// parsePoint reads --lat and --lon given as decimal degrees.
func parsePoint(lat, lon string) (dvhc.LatLon, error) {
	p, err := dvhc.ParseLatLon(lat, lon)
	if err != nil {
		return p, dvhc.Errorf(dvhc.EINVALID, "want --lat and --lon in decimal degrees, got %q %q", lat, lon)
	}
	return p, nil
}

// converter returns the address converter, with the commune boundaries
// when a point may need them.
func converter(withPoints bool) (*address.Converter, error) {
	r, err := registryOf()
	if err != nil {
		return nil, err
	}
	if withPoints {
		if changesDir == "" {
			return warm.PointConverter()
		}
		return address.New(r, geo.Default()), nil
	}
	if changesDir != "" {
		return address.New(r, nil), nil
	}
	return address.Default()
}

func convertOne(e *env, text string, opt address.Options, asJSON bool) error {
	c, err := converter(opt.Point != nil)
	if err != nil {
		return err
	}
	res := c.Convert(text, opt)
	if asJSON {
		if err := writeJSON(e.stdout, wire.NewConversion(res)); err != nil {
			return err
		}
	} else {
		printConversion(e, res)
	}
	switch res.Status {
	case address.StatusOK:
		return nil
	case address.StatusInvalid:
		return dvhc.Errorf(dvhc.EINVALID, "%s", res.Note)
	}
	return errFindings
}

func printConversion(e *env, res address.Result) {
	w := e.stdout
	if res.Address == "" {
		fmt.Fprintf(w, "%s\n", res.Status)
	} else {
		fmt.Fprintf(w, "%s\t%s\n", res.Status, res.Address)
	}
	if res.Commune != nil {
		fmt.Fprintf(w, "  commune     %s %s\n", res.Commune.Code, res.Commune.Name)
	}
	if res.Province != nil {
		fmt.Fprintf(w, "  province    %s %s\n", res.Province.Code, res.Province.Name)
	}
	if res.Street != "" {
		fmt.Fprintf(w, "  street      %s\n", res.Street)
	}
	if len(res.Matched) > 0 {
		var ms []string
		for _, u := range res.Matched {
			until := ""
			if last := u.Valid.Last(); !last.IsZero() {
				until = " until " + last.String()
			}
			ms = append(ms, fmt.Sprintf("%s %s %s%s", u.Level, u.Code, u.Name, until))
		}
		fmt.Fprintf(w, "  read        %s\n", strings.Join(ms, "; "))
	}
	fmt.Fprintf(w, "  confidence  %.2f\n", res.Confidence)
	if res.Note != "" {
		fmt.Fprintf(w, "  note        %s\n", msg.Translate(res.Note, lang))
	}
	for i, c := range res.Candidates {
		fmt.Fprintf(w, "  %d. %s %s (%s: %s)\n     %s\n", i+1, c.Commune.Code, c.Commune.Name, c.Share, c.Note, c.Address)
	}
}
