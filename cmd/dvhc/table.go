package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/export/parquet"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/progress"
	"github.com/dvhc-vn/dvhc/tabular"
)

// tableFlags are the input and output options of the commands that
// convert files (convert, locate): one set, declared in one place.
type tableFlags struct {
	Format    string // input format; empty: from the file name
	FormatOut string // output format; empty: see openTable
	Output    string // output file; empty: standard output
	Delimiter string // CSV delimiter; empty: detected
	Encoding  string // input text encoding; empty: detected
	Sheet     string // XLSX sheet: name or 1-based number; empty: the first
	BOM       bool   // start a CSV/TSV output with a UTF-8 byte-order mark
	// ExcelSafe escapes formula-starting cells of a CSV/TSV output
	// (tabular.ExcelSafe); on by default with BOM.
	ExcelSafe bool
	NoHeader  bool   // the input has no header line, nor the output
	Columns   string // names of the columns of an input without header, comma-separated
	Quiet     bool   // no summary on standard error
	Workers   int
	HeaderRow int // the header's row (from 1); 0: the first, or found below title rows
	// like, if set, is the test of the column names by which the header
	// is found below title rows (default fileconv.HeaderLike).
	like func(string) bool

	fs *flag.FlagSet // where the flags were declared, to tell a flag given
}

// register declares the flags on fs.
func (t *tableFlags) register(fs *flag.FlagSet) {
	t.fs = fs
	fs.StringVar(&t.Format, "format", "", "input format: csv, tsv, jsonl or xlsx (default from the file name)")
	fs.StringVar(&t.FormatOut, "format-out", "", "output format: csv, tsv, jsonl or xlsx (default from -o's name, else the input's; Excel input gives CSV on standard output)")
	fs.StringVar(&t.Sheet, "sheet", "", "XLSX sheet to read: its `NAME` or number from 1 (default the first)")
	fs.StringVar(&t.Output, "o", "", "write to `OUT` (format from its name) instead of standard output")
	fs.StringVar(&t.Delimiter, "delimiter", "", "CSV field delimiter `C`: ',', ';', 'tab' (default: detected from the header line, and used for a CSV output too)")
	fs.StringVar(&t.Encoding, "encoding", "", "input text encoding: utf-8, tcvn3, vni or windows-1258 (default: detected; output is always UTF-8)")
	fs.BoolVar(&t.BOM, "bom", false, "start a CSV or TSV output with a UTF-8 byte-order mark, for Excel on Windows (implies --excel-safe unless --excel-safe=false)")
	fs.BoolVar(&t.ExcelSafe, "excel-safe", false, "write a ' before CSV/TSV cells starting with =, +, -, @, tab or CR, so that a spreadsheet does not run them as formulas (numbers such as -12.5 are left alone; default on with --bom)")
	fs.IntVar(&t.Workers, "workers", 0, "parallel workers (default: the number of CPUs)")
	headerRowVar(fs, &t.HeaderRow)
}

// headerRowVar declares --header-row, the one flag of title rows above the
// header shared by convert, locate and stats.
func headerRowVar(fs *flag.FlagSet, p *int) {
	fs.IntVar(p, "header-row", 0, "the header is on row `N` (from 1) of a CSV, TSV or XLSX input; the rows above it are title rows, skipped, not data (default: the first row, or the row under title rows that names an address, lat or lon column)")
}

// setHeaderRow sets the header options of a reader: the row given, else
// the header found below title rows by like (fileconv.HeaderLike if nil).
func setHeaderRow(o *tabular.ReaderOptions, row int, like func(string) bool) {
	o.HeaderRow = row
	if row == 0 && !o.NoHeader {
		if like == nil {
			like = fileconv.HeaderLike
		}
		o.HeaderLike = like
	}
}

// titleNote tells on w that the rows above r's header were skipped, if
// any: given says whether --header-row named the row.
func titleNote(w io.Writer, r tabular.Reader, given bool) {
	h := tabular.HeaderRowOf(r)
	if h <= 1 {
		return
	}
	how := "found below the title rows; --header-row N sets it"
	if given {
		how = "--header-row"
	}
	fmt.Fprintf(w, "dvhc: header on row %d (%s): skipped %s above it, not data\n", h, how, plural(h-1, "title row"))
}

// registerHeadless declares the flags of input without a header line and
// of a quiet run (convert, as a filter under cluster engines).
func (t *tableFlags) registerHeadless(fs *flag.FlagSet) {
	fs.BoolVar(&t.NoHeader, "no-header", false, "the input's first line is data and the output has no header (columns named 1, 2, …)")
	fs.StringVar(&t.Columns, "columns", "", "the input has no header: name its columns `A,B,…` (implies --no-header)")
	fs.BoolVar(&t.Quiet, "quiet", false, "no summary on standard error")
}

// excelSafe reports whether formula-starting cells are escaped:
// --excel-safe, or --bom unless --excel-safe=false was given.
func (t *tableFlags) excelSafe() bool {
	if t.BOM && (t.fs == nil || !flagSet(t.fs, "excel-safe")) {
		return true
	}
	return t.ExcelSafe
}

// tableOpts are the reading and writing options of a table job.
type tableOpts struct {
	read  tabular.ReaderOptions
	write tabular.WriterOptions
	quiet bool // no summary on standard error
}

// opts returns the table options of the flags (the output's Comma is
// decided by openTable, from the input).
func (t *tableFlags) opts() (tableOpts, error) {
	comma, err := t.delimiter()
	if err != nil {
		return tableOpts{}, err
	}
	o := tableOpts{quiet: t.Quiet}
	o.read = tabular.ReaderOptions{Comma: comma, Encoding: t.Encoding, Sheet: t.Sheet}
	o.write = tabular.WriterOptions{BOM: t.BOM, ExcelSafe: t.excelSafe()}
	if t.Columns != "" {
		for _, c := range strings.Split(t.Columns, ",") {
			o.read.Columns = append(o.read.Columns, strings.TrimSpace(c))
		}
	}
	if t.NoHeader || t.Columns != "" {
		o.read.NoHeader, o.write.NoHeader = true, true
	}
	setHeaderRow(&o.read, t.HeaderRow, t.like)
	return o, nil
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
	file   *outFile // the atomic output file; nil for standard output
	quiet  bool
	given  bool // --header-row was given
}

// openTable opens the input (path, or stdin for "" and "-") and the output
// (t.Output, or stdout). The input format is --format when given, else from
// the file name, else CSV; the output format is that of outputFormat (a
// -o name ending in .parquet writes Parquet). A CSV output keeps the
// input's delimiter; an XLSX output keeps the cell types and the sheet
// name of an XLSX input. The output file is written atomically and never
// over the input.
func openTable(e *env, path string, t tableFlags) (*tableJob, error) {
	opts, err := t.opts()
	if err != nil {
		return nil, err
	}
	j := &tableJob{output: t.Output, quiet: opts.quiet, given: t.HeaderRow > 0}
	ropts, wopts := opts.read, opts.write
	var src io.Reader = e.stdin
	var size int64
	var inStat os.FileInfo // the input's identity, to refuse writing over it
	name := "standard input"
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
		}
		j.close = append(j.close, f.Close)
		if st, err := f.Stat(); err == nil {
			size, inStat = st.Size(), st
		}
		src, name = f, path
	} else if f, ok := e.stdin.(*os.File); ok {
		inStat, _ = f.Stat()
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
	toParquet := strings.EqualFold(filepath.Ext(t.Output), ".parquet")
	errFile, _ := e.stderr.(*os.File)
	if errFile != nil {
		j.bar = progress.New(errFile, size)
		src = j.bar.Reader(src)
	}
	if ropts.Context == nil {
		ropts.Context = e.ctx
	}
	j.in, err = tabular.NewReader(src, inFmt, ropts)
	if err != nil {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "%s: %v", name, err)
	}
	j.close = append(j.close, j.in.Close)
	var dst io.Writer = e.stdout
	if t.Output != "" && t.Output != "-" {
		f, err := createOut(e.ctx, t.Output, inStat)
		if err != nil {
			j.Close()
			return nil, err
		}
		j.file = f
		dst = f
	} else if outFmt == tabular.XLSX && isTerminal(e.stdout) {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "will not write an Excel file to a terminal: give -o OUT.xlsx")
	}
	if outFmt == tabular.CSV {
		wopts.Comma = ropts.Comma
		if c := tabular.Comma(j.in); c != 0 {
			wopts.Comma = c
		}
	}
	wopts.Like = j.in
	if toParquet {
		j.out, err = parquet.NewTableWriter(dst), nil
	} else {
		j.out, err = tabular.NewWriter(dst, outFmt, wopts)
	}
	if err != nil {
		j.abort()
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
// stderr. An output file replaces its target only when the whole run
// succeeded; otherwise the target is left as it was, and stderr says how
// many rows were written and that the target was not replaced.
func (j *tableJob) finish(e *env, sum batch.Summary, runErr error) error {
	if j.bar != nil {
		j.bar.Stop()
	}
	err := runErr
	if err == nil {
		err = e.ctx.Err()
	}
	if cerr := j.out.Close(); err == nil {
		err = cerr
	}
	if cerr := j.Close(); err == nil {
		err = cerr
	}
	if j.file != nil {
		if err == nil {
			err = j.file.commit()
		} else {
			j.file.abort()
		}
	}
	rate := 0.0
	if s := sum.Elapsed.Seconds(); s > 0 {
		rate = float64(sum.Rows) / s
	}
	if !j.quiet && (err == nil || sum.Rows > 0) {
		titleNote(e.stderr, j.in, j.given)
		fmt.Fprintf(e.stderr, "dvhc: %s in %.2fs (%.0f rows/s): %s\n", plural(sum.Rows, "row"), sum.Elapsed.Seconds(), rate, sum)
	}
	if err != nil {
		if j.file != nil {
			fmt.Fprintf(e.stderr, "dvhc: stopped after %s: %s\n", plural(sum.Rows, "row"), j.file.notReplaced())
		} else if sum.Rows > 0 {
			fmt.Fprintf(e.stderr, "dvhc: stopped after %s: the output is incomplete\n", plural(sum.Rows, "row"))
		}
	}
	return err
}

// abort removes the output file being written, if any.
func (j *tableJob) abort() {
	if j.file != nil {
		j.file.abort()
	}
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
