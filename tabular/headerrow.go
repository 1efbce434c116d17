package tabular

import (
	"bufio"
	"bytes"
	"io"
)

// HeaderRowOf returns the 1-based row of r's header: for CSV and TSV its
// physical line, for XLSX its sheet row number; 0 for JSONL, for an input
// without a header (ReaderOptions.NoHeader) and for an empty input. The
// rows above it were skipped as title rows.
func HeaderRowOf(r Reader) int {
	switch v := r.(type) {
	case *textReader:
		return v.headerLine
	case *xlsxReader:
		return v.headerLine
	}
	return 0
}

// pickHeader is the header detection of ReaderOptions.HeaderLike over the
// first rows of a file: rows holds each row's cells and lines its row
// number. It returns the row number of the header found below title rows,
// or 0 to keep the first row as the header.
func pickHeader(rows [][]string, lines []int, like func(string) bool) int {
	if len(rows) == 0 || nonEmpty(rows[0]) != 1 {
		return 0 // no title row: the first row is the header
	}
	for i := 1; i < len(rows) && lines[i] <= DetectHeaderRows; i++ {
		if nonEmpty(rows[i]) < 2 {
			continue // another title row, or a blank one
		}
		for _, c := range rows[i] {
			if c != "" && like(c) {
				return lines[i]
			}
		}
		return 0 // the first wide row names no known column: not sure
	}
	return 0
}

// nonEmpty counts the non-empty cells of a row; a title row has one.
func nonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if c != "" {
			n++
		}
	}
	return n
}

// detectTextHeader looks at the first DetectHeaderRows lines of a CSV or
// TSV input (within its first read buffer) for a header below title rows
// (ReaderOptions.HeaderLike). It returns the input to read, unchanged, and
// the header's line, or 0 when none is found.
func detectTextHeader(r io.Reader, f Format, opts ReaderOptions) (io.Reader, int, error) {
	br := bufio.NewReaderSize(r, readBufSize)
	peek, err := br.Peek(readBufSize)
	if err != nil && err != io.EOF {
		return br, 0, nil // the reader proper meets the error
	}
	chunk, lines := peek, 0
	for i, c := range peek {
		if c == '\n' {
			if lines++; lines == DetectHeaderRows {
				chunk = peek[:i+1]
				break
			}
		}
	}
	if lines < DetectHeaderRows && err == nil {
		// The buffer is full: leave out its last, incomplete line.
		chunk = peek[:bytes.LastIndexByte(peek, '\n')+1]
	}
	popts := opts
	popts.HeaderLike, popts.HeaderRow = nil, 0
	if f == CSV && popts.Comma == 0 {
		// The delimiter of the first line that has one: a title line
		// typed by hand has none.
		rest := bytes.TrimPrefix(chunk, bom)
		for len(rest) > 0 {
			line := rest
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				line, rest = rest[:i], rest[i+1:]
			} else {
				rest = nil
			}
			if bytes.ContainsAny(line, ",;\t") {
				popts.Comma = SniffComma(line)
				break
			}
		}
	}
	probe, perr := newTextReader(bytes.NewReader(chunk), f, popts)
	if perr != nil || len(probe.header) == 0 {
		return br, 0, nil
	}
	rows := [][]string{probe.header}
	nums := []int{1}
	for {
		var row Row
		if probe.Next(&row) != nil {
			break
		}
		rows = append(rows, append(row.Fields, row.Extra...))
		nums = append(nums, row.Line)
	}
	return br, pickHeader(rows, nums, opts.HeaderLike), nil
}
