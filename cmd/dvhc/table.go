package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/export/parquet"
	"github.com/dvhc-vn/dvhc/internal/progress"
	"github.com/dvhc-vn/dvhc/tabular"
	"golang.org/x/term"
)

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
}

// tableOpts are the reading and writing options of a table job.
type tableOpts struct {
	read  tabular.ReaderOptions
	write tabular.WriterOptions
	quiet bool // no summary on standard error
}

// openTable opens the input (path, or stdin for "" and "-") and the output
// (outPath, or stdout). The input format is format when given, else from
// the file name, else CSV; the output format is that of outPath's name,
// else the input's. An XLSX output keeps the cell types and the sheet name
// of an XLSX input.
func openTable(e *env, path, format, outPath string, opts tableOpts) (*tableJob, error) {
	j := &tableJob{output: outPath, quiet: opts.quiet}
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
	var err error
	switch {
	case format != "":
		inFmt, err = tabular.ParseFormat(format)
	case path != "" && path != "-":
		inFmt, err = tabular.FormatFromPath(path)
	default:
		inFmt, err = tabular.ParseFormat("csv")
	}
	if err != nil {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
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
	outFmt := inFmt
	var dst io.Writer = e.stdout
	if outPath != "" && outPath != "-" {
		if outFmt, err = tabular.FormatFromPath(outPath); err != nil {
			outFmt = inFmt
		}
		f, err := createOut(e.ctx, outPath, inStat)
		if err != nil {
			j.Close()
			return nil, err
		}
		j.file = f
		dst = f
	} else if f, ok := e.stdout.(*os.File); ok && outFmt.String() == "xlsx" && term.IsTerminal(int(f.Fd())) {
		j.Close()
		return nil, dvhc.Errorf(dvhc.EINVALID, "will not write an Excel file to a terminal: give -o OUT.xlsx")
	}
	wopts.Like = j.in
	if strings.EqualFold(filepath.Ext(outPath), ".parquet") {
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
		fmt.Fprintf(e.stderr, "dvhc: %d rows in %.2fs (%.0f rows/s): %s\n", sum.Rows, sum.Elapsed.Seconds(), rate, sum)
	}
	if err != nil {
		if j.file != nil {
			fmt.Fprintf(e.stderr, "dvhc: stopped after %d rows: %s\n", sum.Rows, j.file.notReplaced())
		} else if sum.Rows > 0 {
			fmt.Fprintf(e.stderr, "dvhc: stopped after %d rows: the output is incomplete\n", sum.Rows)
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

// createOutput opens path for writing, or returns stdout for "" and "-".
// The file is written atomically: the close function renames it into
// place, and an interruption (the context cancelled) leaves path as it
// was.
func createOutput(e *env, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return e.stdout, func() error { return nil }, nil
	}
	f, err := createOut(e.ctx, path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.commit, nil
}
