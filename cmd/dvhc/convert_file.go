package main

import (
	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/tabular"
)

// fileOpts are the options of a file conversion (dvhc convert FILE).
type fileOpts struct {
	Column   string // address column
	Lat, Lon string // point columns
	Format   string // input format; empty: from the file name
	Sheet    string // XLSX sheet: name or 1-based number; empty: the first
	Output   string // output file; empty: standard output
	Workers  int
	To       dvhc.Date
}

// convertFile converts the address column of a file (or standard input)
// through fileconv.Addresses.
func convertFile(e *env, o fileOpts, args []string) error {
	if len(args) > 1 {
		return dvhc.Errorf(dvhc.EINVALID, "want one FILE, got %d", len(args))
	}
	path := "-"
	if len(args) == 1 {
		path = args[0]
	}
	conv, err := converter(o.Lat != "" || o.Lon != "")
	if err != nil {
		return err
	}
	j, err := openTable(e, path, o.Format, o.Output, tabular.ReaderOptions{Sheet: o.Sheet})
	if err != nil {
		return err
	}
	sum, err := fileconv.Addresses(e.ctx, conv, j.in, j.out, fileconv.Options{
		Column: o.Column, Lat: o.Lat, Lon: o.Lon, To: o.To, Workers: o.Workers, Progress: j.progress()})
	return j.finish(e, sum, err)
}
