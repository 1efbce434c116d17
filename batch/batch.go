// Package batch runs a conversion over a table in parallel and writes
// exactly one output row per input row, in input order.
//
// Run reads rows from a tabular.Reader in chunks, has a pool of workers
// call the caller's Func on each valid row to fill the added columns, and
// writes each input row followed by its added fields to a tabular.Writer,
// strictly in input order. A broken input row (one with a tabular.RowError)
// is not given to the Func: it is written with the status "invalid" and the
// row error as its note (followed by any fields beyond the header, which
// have no column of their own), and the run goes on. Memory is bounded: at most a
// fixed number of chunks are in flight, whatever the size of the input.
package batch

import (
	"context"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/tabular"
)

// StatusInvalid is the status written for a broken input row.
const StatusInvalid = "invalid"

// Defaults of Options.
const (
	DefaultChunkRows  = 64
	DefaultChunkBytes = 4 << 20
	DefaultStatus     = "status"
	DefaultNote       = "note"
)

// Func converts one valid input row: it fills out, which has one string
// per added column (Options.Columns) and is all empty on entry, including
// the status column. row.Fields are aligned to the input header.
//
// A Func is called concurrently from several goroutines and must be safe
// for that. It must not keep row or out after it returns (the strings in
// them may be kept). A panic in a Func stops the run with an error naming
// the row.
type Func func(row *tabular.Row, out []string)

// Options configure Run.
type Options struct {
	// Columns names the added columns, written after the input columns.
	// It must include the Status column. A name that is also an input
	// column is not renamed: the output then has two columns of that name
	// (and JSONL output repeats the key).
	Columns []string
	// Status names the added column holding each row's status; "" means
	// "status". Summary counts rows by its value.
	Status string
	// Note names the added column that gets the row error of a broken
	// row; "" means "note". If Columns lacks it, the error is not written.
	Note string
	// Workers is the number of goroutines calling the Func; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// ChunkRows is the number of rows handed to a worker at a time; 0
	// means 64. Small chunks keep a row's bytes in the CPU's cache
	// from its reading to its writing, a few chunks later (dvhc convert
	// missed a 1 MiB cache 42 times a row with 1024, 28 with 128, 24
	// with 64, and took some 5-10 % less CPU time with 64 than 1024).
	ChunkRows int
	// ChunkBytes ends a chunk early once its rows hold this many bytes
	// (text, and 16 per field); 0 means 4 MiB. With InFlight it bounds
	// memory whatever the rows' width: a chunk has at least one row.
	ChunkBytes int
	// InFlight bounds the chunks being read, converted or written at
	// once; 0 means 2*Workers+2. Memory use is about
	// InFlight*ChunkRows rows.
	InFlight int
	// Progress, if set, is called after each written chunk with the
	// number of rows written so far, from the goroutine that called Run.
	Progress func(rows int)
	// NoteText, if set, rewrites the Note column of every row before it
	// is written (the CLI translates notes with it); it is called from
	// the workers, concurrently.
	NoteText func(string) string
}

// Summary is the outcome of a run.
type Summary struct {
	Rows    int            // rows written
	Counts  map[string]int // rows by status
	Elapsed time.Duration  // time spent in Run
}

// String returns the counts by status, larger counts first, such as
// "ok: 998, invalid: 2".
func (s Summary) String() string {
	type kv struct {
		k string
		v int
	}
	list := make([]kv, 0, len(s.Counts))
	for k, v := range s.Counts {
		list = append(list, kv{k, v})
	}
	slices.SortFunc(list, func(a, b kv) int {
		if a.v != b.v {
			return b.v - a.v
		}
		return strings.Compare(a.k, b.k)
	})
	var b strings.Builder
	for i, e := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		k := e.k
		if k == "" {
			k = `""`
		}
		b.WriteString(k)
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(e.v))
	}
	return b.String()
}

// chunk is a batch of rows and their added fields.
type chunk struct {
	rows []tabular.Row
	n    int
	out  []string // n rows of len(Columns) fields
	done chan struct{}
	err  error
}

// Run converts every row of r with fn and writes the rows to w: the header
// (r's columns, then opts.Columns), then for each input row its fields and
// its added fields, in input order. It does not close r or w.
//
// Run returns when r is exhausted, or at the first error of r (other than
// row errors), of w, of fn (a panic) or of ctx; the Summary counts the rows
// written until then. Run calls r and w from one goroutine each, never
// concurrently with another call of the same one, and has no goroutine
// left when it returns.
func Run(ctx context.Context, r tabular.Reader, w tabular.Writer, opts Options, fn Func) (Summary, error) {
	start := time.Now()
	sum := Summary{Counts: map[string]int{}}
	if opts.Status == "" {
		opts.Status = DefaultStatus
	}
	if opts.Note == "" {
		opts.Note = DefaultNote
	}
	statusCol := slices.Index(opts.Columns, opts.Status)
	if statusCol < 0 {
		return sum, dvhc.Errorf(dvhc.EINVALID, "batch: status column %q is not among the added columns %q", opts.Status, opts.Columns)
	}
	noteCol := slices.Index(opts.Columns, opts.Note)
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.ChunkRows <= 0 {
		opts.ChunkRows = DefaultChunkRows
	}
	if opts.ChunkBytes <= 0 {
		opts.ChunkBytes = DefaultChunkBytes
	}
	if opts.InFlight <= 0 {
		opts.InFlight = 2*opts.Workers + 2
	}
	header := r.Header()
	ncols := len(opts.Columns)
	if err := w.WriteHeader(append(slices.Clip(header), opts.Columns...)); err != nil {
		return sum, err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	free := make(chan *chunk, opts.InFlight)
	for range opts.InFlight {
		free <- &chunk{
			rows: make([]tabular.Row, opts.ChunkRows),
			out:  make([]string, opts.ChunkRows*ncols),
			done: make(chan struct{}, 1),
		}
	}
	work := make(chan *chunk, opts.InFlight)
	ordered := make(chan *chunk, opts.InFlight)

	var wg sync.WaitGroup
	var readErr error
	wg.Go(func() {
		defer close(ordered)
		defer close(work)
		readErr = read(ctx, r, free, work, ordered, opts.ChunkBytes)
	})
	for range opts.Workers {
		wg.Go(func() {
			for c := range work {
				convert(c, ncols, statusCol, noteCol, fn, opts.NoteText)
				c.done <- struct{}{}
			}
		})
	}
	// stop ends the run: it lets the reader and workers finish and waits.
	stop := func(err error) (Summary, error) {
		cancel()
		for c := range ordered {
			<-c.done
		}
		wg.Wait()
		sum.Elapsed = time.Since(start)
		if err == nil {
			err = readErr
		}
		return sum, err
	}

	type count struct {
		status string
		n      int
	}
	var counts []count
	line := make([]string, 0, len(header)+ncols)
	jw, _ := w.(tabular.JSONRowWriter) // JSONL to JSONL keeps the values' types
	for c := range ordered {
		<-c.done
		if c.err != nil {
			return stop(c.err)
		}
		if err := ctx.Err(); err != nil {
			return stop(err)
		}
		for i := range c.n {
			row := &c.rows[i]
			out := c.out[i*ncols : (i+1)*ncols]
			line = append(append(line[:0], row.Fields...), out...)
			var err error
			if jw != nil && row.JSON != nil {
				err = jw.WriteJSONRow(line, row.JSON)
			} else {
				err = w.WriteRow(line)
			}
			if err != nil {
				return stop(err)
			}
			st := out[statusCol]
			k := 0
			for k < len(counts) && counts[k].status != st {
				k++
			}
			if k == len(counts) {
				counts = append(counts, count{status: st})
			}
			counts[k].n++
		}
		sum.Rows += c.n
		for _, e := range counts {
			sum.Counts[e.status] = e.n
		}
		if opts.Progress != nil {
			opts.Progress(sum.Rows)
		}
		free <- c
	}
	return stop(nil)
}

// read fills chunks from r and sends them to the workers and, in the same
// order, to the writer.
func read(ctx context.Context, r tabular.Reader, free <-chan *chunk, work, ordered chan<- *chunk, maxBytes int) error {
	for {
		var c *chunk
		select {
		case c = <-free:
		case <-ctx.Done():
			return nil
		}
		c.n, c.err = 0, nil
		var err error
		size := 0
		for c.n < len(c.rows) && size < maxBytes {
			row := &c.rows[c.n]
			if err = r.Next(row); err != nil {
				break
			}
			c.n++
			size += rowBytes(row)
		}
		if c.n > 0 {
			// Neither send blocks: both channels hold every chunk.
			work <- c
			ordered <- c
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// extra renders the fields of row beyond the header, which the output
// has no column for, so that a broken row loses nothing: "; extra fields:
// "a", "b"" (for JSONL, key=value pairs), or "" when there are none.
func extra(row *tabular.Row) string {
	if len(row.Extra) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("; extra fields: ")
	for i, f := range row.Extra {
		if i > 0 {
			b.WriteString(", ")
		}
		if i < len(row.ExtraKeys) {
			b.WriteString(strconv.Quote(row.ExtraKeys[i]))
			b.WriteByte('=')
		}
		b.WriteString(strconv.Quote(f))
	}
	return b.String()
}

// rowBytes is about the memory a row holds.
func rowBytes(row *tabular.Row) int {
	n := 16 * (len(row.Fields) + len(row.Extra))
	for _, f := range row.Fields {
		n += len(f)
	}
	for _, f := range row.Extra {
		n += len(f)
	}
	return n
}

// convert fills the added fields of a chunk's rows.
func convert(c *chunk, ncols, statusCol, noteCol int, fn Func, note func(string) string) {
	i := 0
	defer func() {
		if p := recover(); p != nil {
			row := &c.rows[i]
			c.err = dvhc.Errorf(dvhc.EINTERNAL, "batch: converting row %d (line %d): panic: %v", row.Num, row.Line, p)
		}
	}()
	clear(c.out[:c.n*ncols]) // at once, not row by row
	for ; i < c.n; i++ {
		row := &c.rows[i]
		out := c.out[i*ncols : (i+1)*ncols]
		if row.Err != nil {
			out[statusCol] = StatusInvalid
			if noteCol >= 0 {
				out[noteCol] = row.Err.Error() + extra(row)
			}
		} else {
			fn(row, out)
		}
		if note != nil && noteCol >= 0 && out[noteCol] != "" {
			out[noteCol] = note(out[noteCol])
		}
	}
}
