package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"

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
	defer batchGC()()
	sum, err := fileconv.Addresses(e.ctx, conv, j.in, j.out, fo)
	return j.finish(e, sum, err)
}

// The garbage collector's settings for a file conversion (batchGC).
const (
	batchGCPercent = 300
	batchMemLimit  = 96 << 20
)

// batchGC makes the garbage collector run less often during a file
// conversion, whose live heap is the converter's (about 20 MB, 30 MB with
// the boundaries) and a few chunks of rows, while it allocates some 300
// bytes a row: GOGC 300 instead of 100 (5 or 6 collections instead of 15
// on a million rows: a third of the GC's CPU time), under a soft memory
// limit of 96 MiB, or twice the live heap and 16 MiB when that is more
// (never tighter than GOGC 100). The peak RSS of a million rows is then
// about 110 MB (70 MB before), 120 MB with points. It leaves the settings
// alone when GOGC or GOMEMLIMIT is set, and returns the function that
// restores them.
func batchGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	var live int64
	if s[0].Value.Kind() == metrics.KindUint64 {
		live = int64(s[0].Value.Uint64())
	}
	limit := debug.SetMemoryLimit(max(batchMemLimit, 2*live+16<<20))
	percent := debug.SetGCPercent(batchGCPercent)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
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
