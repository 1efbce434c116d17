package main

import (
	"flag"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/fileconv"
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
	// ExcelSafe escapes formula-starting cells of a CSV/TSV output
	// (tabular.ExcelSafe).
	ExcelSafe bool
	NoHeader  bool   // the input has no header line, nor the output
	Columns   string // names of the columns of an input without header, comma-separated
	Quiet     bool   // no summary on standard error
}

// excelSafeFlag declares --excel-safe.
func excelSafeFlag(fs *flag.FlagSet, v *bool) {
	fs.BoolVar(v, "excel-safe", false, "write a ' before CSV/TSV cells starting with =, +, -, @, tab or CR, so that a spreadsheet does not run them as formulas (numbers such as -12.5 are left alone)")
}

// tableOpts returns the table options of o.
func (o fileOpts) tableOpts() tableOpts {
	t := tableOpts{quiet: o.Quiet}
	t.read.Sheet = o.Sheet
	t.write.ExcelSafe = o.ExcelSafe
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
	j, err := openTable(e, path, o.Format, o.Output, o.tableOpts())
	if err != nil {
		return err
	}
	fo := fileconv.Options{Column: o.Column, Lat: o.Lat, Lon: o.Lon, To: o.To, Workers: o.Workers, Progress: j.progress()}
	conv, err := converter(fileconv.HasPoints(j.in.Header(), fo))
	if err != nil {
		j.finish(e, batch.Summary{}, err)
		return err
	}
	sum, err := fileconv.Addresses(e.ctx, conv, j.in, j.out, fo)
	return j.finish(e, sum, err)
}
