package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/internal/progress"
	"github.com/dvhc-vn/dvhc/tabular"
	"golang.org/x/term"
)

// tableFlags are the input and output options of the commands that
// convert files (convert, locate): one set, declared in one place.
type tableFlags struct {
	Format    string // input format; empty: from the file name
	FormatOut string // output format; empty: see openTable
	Output    string // output file; empty: standard output
	Delimiter string // CSV delimiter; empty: detected
	Encoding  string // input text encoding; empty: detected
	BOM       bool   // start a CSV/TSV output with a UTF-8 byte-order mark
	Workers   int
}

// register declares the flags on fs.
func (t *tableFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&t.Format, "format", "", "input format: csv, tsv, jsonl or xlsx (default from the file name)")
	fs.StringVar(&t.FormatOut, "format-out", "", "output format: csv, tsv, jsonl or xlsx (default from -o's name, else the input's; Excel input gives CSV on standard output)")
	fs.StringVar(&t.Output, "o", "", "write to `OUT` (format from its name) instead of standard output")
	fs.StringVar(&t.Delimiter, "delimiter", "", "CSV field delimiter `C`: ',', ';', 'tab' (default: detected from the header line, and used for a CSV output too)")
	fs.StringVar(&t.Encoding, "encoding", "", "input text encoding: utf-8, tcvn3, vni or windows-1258 (default: detected; output is always UTF-8)")
	fs.BoolVar(&t.BOM, "bom", false, "start a CSV or TSV output with a UTF-8 byte-order mark, for Excel on Windows")
	fs.IntVar(&t.Workers, "workers", 0, "parallel workers (default: the number of CPUs)")
}

// delimiter parses --delimiter: one ASCII character, or tab.
func (t *tableFlags) delimiter() (byte, error) {
	switch d := t.Delimiter; {
	case d == "":
		return 0, nil
	case d == "tab" || d == `\t` || d == "\t":
		return '\t', nil
	case len(d) == 1 && d[0] < 0x80 && d[0] != '"' && d[0] != '\n' && d[0] != '\r':
		return d[0], nil
	}
	return 0, dvhc.Errorf(dvhc.EINVALID, "--delimiter wants one ASCII character or tab, got %q", t.Delimiter)
}

// outputFormat decides the output format: -o's extension, else
// --format-out, else the input's, except that an Excel input gives CSV on
// standard output (a workbook is no text for a pipe or a terminal). An -o
// extension that contradicts --format-out is a usage error.
func (t *tableFlags) outputFormat(in tabular.Format) (tabular.Format, error) {
	var explicit tabular.Format
	if t.FormatOut != "" {
		f, err := tabular.ParseFormat(t.FormatOut)
		if err != nil {
			return 0, err
		}
		explicit = f
	}
	if t.Output != "" && t.Output != "-" {
		if f, err := tabular.FormatFromPath(t.Output); err == nil {
			if explicit != 0 && explicit != f {
				return 0, dvhc.Errorf(dvhc.EINVALID, "-o %s is %v, --format-out says %v", t.Output, f, explicit)
			}
			return f, nil
		}
		if explicit != 0 {
			return explicit, nil
		}
		return in, nil
	}
	switch {
	case explicit != 0:
		return explicit, nil
	case in == tabular.XLSX:
		return tabular.CSV, nil
	}
	return in, nil
}

// tableJob is a file conversion's plumbing: the input and output tables,
// the progress bar, the summary.
type tableJob struct {
	in     tabular.Reader
	out    tabular.Writer
	bar    *progress.Bar
	close  []func() error
	output string
}

// openTable opens the input (path, or stdin for "" and "-") and the output
// (t.Output, or stdout). The input format is --format when given, else from
// the file name, else CSV; the output format is that of outputFormat. A CSV
// output keeps the input's delimiter.
func openTable(e *env, path string, t tableFlags) (*tableJob, error) {
	j := &tableJob{output: t.Output}
	comma, err := t.delimiter()
	if err != nil {
		return nil, err
	}
	var src io.Reader = e.stdin
	var size int64
	name := "standard input"
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
		}
		j.close = append(j.close, f.Close)
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		src, name = f, path
	}
	inFmt := tabular.Format(0)
	switch {
	case t.Format != "":
		inFmt, err = tabular.ParseFormat(t.Format)
	case path != "" && path != "-":
		inFmt, err = tabular.FormatFromPath(path)
	default:
		inFmt, err = tabular.ParseFormat("csv")
	}
	if err != nil {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	outFmt, err := t.outputFormat(inFmt)
	if err != nil {
		j.Close()
		return nil, err
	}
	errFile, _ := e.stderr.(*os.File)
	if errFile != nil {
		j.bar = progress.New(errFile, size)
		src = j.bar.Reader(src)
	}
	j.in, err = tabular.NewReader(src, inFmt, tabular.ReaderOptions{Comma: comma, Encoding: t.Encoding})
	if err != nil {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "%s: %v", name, err)
	}
	j.close = append(j.close, j.in.Close)
	var dst io.Writer = e.stdout
	if t.Output != "" && t.Output != "-" {
		f, err := os.Create(t.Output)
		if err != nil {
			j.Close()
			return nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
		}
		j.close = append(j.close, f.Close)
		dst = f
	} else if f, ok := e.stdout.(*os.File); ok && outFmt == tabular.XLSX && term.IsTerminal(int(f.Fd())) {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "will not write an Excel file to a terminal: give -o OUT.xlsx")
	}
	wopts := tabular.WriterOptions{BOM: t.BOM}
	if outFmt == tabular.CSV {
		wopts.Comma = comma
		if c := tabular.Comma(j.in); c != 0 {
			wopts.Comma = c
		}
	}
	j.out, err = tabular.NewWriter(dst, outFmt, wopts)
	if err != nil {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	return j, nil
}

// progress returns the callback for batch.Options.Progress.
func (j *tableJob) progress() func(int) {
	if j.bar == nil {
		return nil
	}
	return j.bar.SetRows
}

// finish flushes the output, closes everything and prints the summary on
// stderr.
func (j *tableJob) finish(e *env, sum batch.Summary, runErr error) error {
	if j.bar != nil {
		j.bar.Stop()
	}
	err := runErr
	if cerr := j.out.Close(); err == nil {
		err = cerr
	}
	if cerr := j.Close(); err == nil {
		err = cerr
	}
	rate := 0.0
	if s := sum.Elapsed.Seconds(); s > 0 {
		rate = float64(sum.Rows) / s
	}
	fmt.Fprintf(e.stderr, "dvhc: %s in %.2fs (%.0f rows/s): %s\n", plural(sum.Rows, "row"), sum.Elapsed.Seconds(), rate, sum)
	return err
}

// Close closes the input and output files.
func (j *tableJob) Close() error {
	var first error
	for i := len(j.close) - 1; i >= 0; i-- {
		if err := j.close[i](); err != nil && first == nil {
			first = err
		}
	}
	j.close = nil
	return first
}

// createOutput opens path for writing, or returns stdout for "" and "-".
func createOutput(e *env, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return e.stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	return f, f.Close, nil
}
