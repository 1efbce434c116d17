package main

import "github.com/dvhc-vn/dvhc"

// fileOpts are the options of a file conversion (dvhc convert FILE).
type fileOpts struct {
	Column   string // address column
	Lat, Lon string // point columns
	Format   string // input format; empty: from the file name
	Output   string // output file; empty: standard output
	Workers  int
	To       dvhc.Date
}

// convertFile converts the addresses of files. A placeholder until file
// conversion is built.
func convertFile(e *env, opts fileOpts, args []string) error {
	return dvhc.Errorf(dvhc.EINVALID, "file conversion: not built yet")
}
