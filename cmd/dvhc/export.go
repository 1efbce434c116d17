package main

import (
	"bufio"
	"flag"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
)

var exportCmd = &command{
	name:    "export",
	args:    "--format geojson [--level commune|province] [--in CODE] [--at DATE] [-o OUT]",
	summary: "export boundaries as GeoJSON",
	doc: `Writes the boundaries of the communes (default) or provinces in force on
--at (from 2025-07-01 on) as a GeoJSON FeatureCollection, streamed one
feature at a time. Properties: code, name, type, province_code, province.
--in keeps the communes of one province.

Boundaries: "Vietnam Administrative Units Reference Map" (sapnhap.bando.com.vn),
simplified; cartographic, not cadastral.

Examples:
  dvhc export --format geojson --level province -o provinces.geojson
  dvhc export --format geojson --in 01 > hanoi-communes.geojson`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		format := fs.String("format", "geojson", "output format: geojson")
		var level levelFlag
		levelVar(fs, &level, " (default commune)")
		in := fs.String("in", "", "only the communes of this province `CODE`")
		var at dateFlag
		atFlag(fs, &at)
		out := fs.String("o", "", "write to `OUT` instead of standard output")
		return func(e *env, args []string) error {
			if *format != "geojson" {
				return dvhc.Errorf(dvhc.EINVALID, "unknown export format %q (want geojson)", *format)
			}
			if len(args) > 0 {
				return dvhc.Errorf(dvhc.EINVALID, "export takes no arguments, got %q", args[0])
			}
			l := level.or(dvhc.LevelCommune)
			if l == dvhc.LevelDistrict {
				return dvhc.Errorf(dvhc.EINVALID, "no boundaries for districts (the tier ended on 2025-06-30)")
			}
			day := at.date()
			if day.Before(dvhc.MustParseDate("2025-07-01")) {
				return dvhc.Errorf(dvhc.ENOTFOUND, "no boundaries before 2025-07-01")
			}
			reg, err := registryOf()
			if err != nil {
				return err
			}
			var province dvhc.Code
			if *in != "" {
				if province, err = dvhc.ParseCode(dvhc.LevelProvince, *in); err != nil {
					return err
				}
				if _, err := reg.Lookup(dvhc.LevelProvince, province, day); err != nil {
					return err
				}
			}
			w, closeOut, err := createOutput(e, *out)
			if err != nil {
				return err
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			err = geo.Default().WriteGeoJSON(bw,
				l,
				func(code, prov dvhc.Code) bool { return province == "" || prov == province },
				func(code dvhc.Code) map[string]any {
					u, err := reg.Lookup(l, code, day)
					if err != nil {
						return map[string]any{"code": string(code)}
					}
					p := map[string]any{"code": string(u.Code), "name": u.Name, "type": u.Type, "province_code": string(u.Province)}
					if pu, err := reg.Province(u, day); err == nil && l == dvhc.LevelCommune {
						p["province"] = pu.Name
					}
					return p
				})
			if ferr := bw.Flush(); err == nil {
				err = ferr
			}
			if cerr := closeOut(); err == nil {
				err = cerr
			}
			return err
		}
	},
}
