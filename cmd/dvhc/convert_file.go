package main

import (
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
)

// fileOpts are the options of a file conversion (dvhc convert FILE).
type fileOpts struct {
	Column   string // address column
	Lat, Lon string // point columns
	Format   string // input format; empty: from the file name
	Output   string // output file; empty: standard output
	Workers  int
	To       dvhc.Date
	NoHeader bool   // the input has no header line, nor the output
	Columns  string // names of the columns of an input without header, comma-separated
	Quiet    bool   // no summary on standard error
}

// tableOpts returns the table options of o.
func (o fileOpts) tableOpts() tableOpts {
	t := tableOpts{quiet: o.Quiet}
	if o.Columns != "" {
		for _, c := range strings.Split(o.Columns, ",") {
			t.read.Columns = append(t.read.Columns, strings.TrimSpace(c))
		}
	}
	if o.NoHeader || o.Columns != "" {
		t.read.NoHeader, t.write.NoHeader = true, true
	}
	return t
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
	j, err := openTable(e, path, o.Format, o.Output, o.tableOpts())
	if err != nil {
		return err
	}
	sum, err := fileconv.Addresses(e.ctx, conv, j.in, j.out, fileconv.Options{
		Column: o.Column, Lat: o.Lat, Lon: o.Lon, To: o.To, Workers: o.Workers, Progress: j.progress()})
	return j.finish(e, sum, err)
}
