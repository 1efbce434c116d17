package main

import (
	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/msg"
)

// fileOpts are the options of a file conversion (dvhc convert FILE).
type fileOpts struct {
	Column   string // address column
	Lat, Lon string // point columns
	tableFlags
	To     dvhc.Date
	Prefer address.Prefer // words or point, when they disagree
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
	o.like = fileconv.NamedLike(o.Column, o.Lat, o.Lon)
	j, err := openTable(e, path, o.tableFlags)
	if err != nil {
		return err
	}
	fo := fileconv.Options{Column: o.Column, Lat: o.Lat, Lon: o.Lon, To: o.To, Prefer: o.Prefer, Workers: o.Workers, Progress: j.progress(), NoteText: noteText()}
	conv, err := converter(fileconv.HasPoints(j.in.Header(), fo))
	if err != nil {
		j.finish(e, batch.Summary{}, err)
		return err
	}
	sum, err := fileconv.Addresses(e.ctx, conv, j.in, j.out, fo)
	return j.finish(e, sum, err)
}

// noteText returns the translation of dvhc_note into the language of
// DVHC_LANG, or nil for English (the core's own text).
func noteText() func(string) string {
	if lang == msg.EN {
		return nil
	}
	l := lang
	return func(s string) string { return msg.Translate(s, l) }
}
