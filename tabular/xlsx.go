package tabular

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
)

// cellKind is the type of an XLSX cell's value.
type cellKind uint8

const (
	kindText cellKind = iota
	kindNumber
	kindDate
	kindBool
)

// cellMeta is what the XLSX writer needs to write a value as the input
// cell it came from: its kind and its number format.
type cellMeta struct {
	kind cellKind
	fmt  int32 // number format id; 0 is General
}

// xlsxReader streams the rows of one sheet of an XLSX file, with the
// limits of XLSXLimits. See the package documentation for what it reads.
type xlsxReader struct {
	z      *xlsxZip
	opts   ReaderOptions
	lim    XLSXLimits
	sheet  string
	rc     io.ReadCloser
	s      *xmlScanner
	header []string
	num    int
	err    error

	date1904 bool
	sst      sharedStrings
	xfFmt    []int32          // number format id of each cell style
	fmtCodes map[int32]string // custom number formats
	dateFmt  map[int32]bool   // number formats that show dates

	rows    int // row elements read
	lastRow int
	cells   []xlsxCell
	buf     []byte

	// headerLine is the sheet row of the header (0 for an empty sheet).
	headerLine int
	// line is the sheet row of x.cells, as served by nextRow.
	line int
	// Rows read ahead while looking for the header below title rows
	// (ReaderOptions.HeaderLike), served again by nextRow, and the
	// error that ended the reading ahead.
	ahead    []xlsxAhead
	aheadErr error

	mu     sync.Mutex
	linked bool
	queue  [][]cellMeta // kinds of the rows read and not yet written
}

// xlsxCell is a cell read from a row.
type xlsxCell struct {
	col  int // 0-based
	val  string
	meta cellMeta
	long bool // over MaxCellChars or MaxFieldBytes
	bad  bool // invalid UTF-8, repaired
}

func newXLSXReader(r io.Reader, opts ReaderOptions) (_ *xlsxReader, err error) {
	x := &xlsxReader{opts: opts, lim: opts.XLSX}
	if err := x.lim.fill(); err != nil {
		return nil, err
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if x.z, err = openXLSXZip(ctx, r, &x.lim); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			x.Close()
		}
	}()
	part, err := x.readWorkbook(ctx)
	if err != nil {
		return nil, err
	}
	f := x.z.file(part)
	if f == nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q: its part %s is missing", x.sheet, part)
	}
	if x.rc, err = x.z.open(f, 0, ""); err != nil {
		return nil, err
	}
	x.s = newXMLScanner(ctx, x.rc, f.Name, f.UncompressedSize64)
	// Find <sheetData>.
	for {
		k, err := x.s.next()
		if err != nil {
			return nil, err
		}
		if k == xmlEOF {
			x.err = io.EOF
			return x, nil
		}
		if x.s.is(xmlStart, "sheetData") {
			break
		}
	}
	// The header is the first row with a value, or the row HeaderRow, or
	// the one HeaderLike finds below title rows.
	if err := x.readRow(); err != nil {
		if err == io.EOF {
			if opts.HeaderRow > 0 {
				return nil, dvhc.Errorf(dvhc.EINVALID, "header row %d: sheet %q has no value", opts.HeaderRow, x.sheet)
			}
			x.err = io.EOF
			return x, nil
		}
		return nil, err
	}
	for x.lastRow < opts.HeaderRow {
		if err := x.readRow(); err != nil {
			if err == io.EOF {
				return nil, dvhc.Errorf(dvhc.EINVALID, "header row %d: sheet %q has no value there or below", opts.HeaderRow, x.sheet)
			}
			return nil, err
		}
	}
	if opts.HeaderRow > 0 && x.lastRow != opts.HeaderRow {
		return nil, dvhc.Errorf(dvhc.EINVALID, "header row %d of sheet %q is blank (the next row with a value is %d)", opts.HeaderRow, x.sheet, x.lastRow)
	}
	x.line = x.lastRow
	if opts.HeaderRow == 0 && opts.HeaderLike != nil {
		x.findHeader()
	}
	x.headerLine = x.line
	n := 0
	for _, c := range x.cells {
		if c.val != "" {
			n = max(n, c.col+1)
		}
	}
	if n > x.lim.MaxColumns {
		return nil, &LimitError{"MaxColumns", int64(x.lim.MaxColumns), fmt.Sprintf("a header of %d columns (row %d of sheet %q)", n, x.lastRow, x.sheet)}
	}
	x.header = make([]string, n)
	for _, c := range x.cells {
		if c.col < n {
			x.header[c.col] = c.val
		}
	}
	return x, nil
}

// readWorkbook reads the workbook, its relationships, shared strings and
// styles, picks the sheet and returns its part name.
func (x *xlsxReader) readWorkbook(ctx context.Context) (string, error) {
	wbPart := "xl/workbook.xml"
	if rels, err := x.readRels(ctx, "_rels/.rels"); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPart = resolve("", r.target)
				break
			}
		}
	} else if !isMissing(err) {
		return "", err
	}
	wbFile := x.z.file(wbPart)
	if wbFile == nil {
		return "", dvhc.Errorf(dvhc.EINVALID, "reading XLSX: no workbook part (%s)", wbPart)
	}
	type sheetRef struct{ name, rid string }
	var sheets []sheetRef
	err := x.scanPart(ctx, wbFile, 0, "", func(s *xmlScanner) error {
		switch {
		case s.is(xmlStart, "workbookPr"):
			v := string(s.attr("date1904"))
			x.date1904 = v == "1" || v == "true"
		case s.is(xmlStart, "sheet"):
			if len(sheets) >= x.lim.MaxEntries {
				return &LimitError{"MaxEntries", int64(x.lim.MaxEntries), "more sheets"}
			}
			sheets = append(sheets, sheetRef{string(s.attr("name")), string(s.attr("id"))})
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if len(sheets) == 0 {
		return "", dvhc.Errorf(dvhc.EINVALID, "XLSX workbook has no sheet")
	}
	// The sheet: by name, else by 1-based index.
	pick := -1
	if x.opts.Sheet == "" {
		pick = 0
	} else {
		for i, s := range sheets {
			if s.name == x.opts.Sheet {
				pick = i
				break
			}
		}
		if pick < 0 {
			for i, s := range sheets {
				if strings.EqualFold(s.name, x.opts.Sheet) {
					pick = i
					break
				}
			}
		}
		if n, err := strconv.Atoi(x.opts.Sheet); pick < 0 && err == nil && n >= 1 && n <= len(sheets) {
			pick = n - 1
		}
	}
	if pick < 0 {
		names := make([]string, 0, min(len(sheets), 20))
		for _, s := range sheets[:min(len(sheets), 20)] {
			names = append(names, strconv.Quote(s.name))
		}
		return "", dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q not found: the workbook has %d sheets (%s); give a name or a number from 1", x.opts.Sheet, len(sheets), strings.Join(names, ", "))
	}
	x.sheet = sheets[pick].name
	rels, err := x.readRels(ctx, path2rels(wbFile.Name))
	if err != nil && !isMissing(err) {
		return "", err
	}
	sheetPart, sstPart, stylesPart := "", "", ""
	for _, r := range rels {
		switch {
		case r.id == sheets[pick].rid:
			if !strings.HasSuffix(r.typ, "/worksheet") && r.typ != "" {
				return "", dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q is not a worksheet (%s)", x.sheet, r.typ[strings.LastIndexByte(r.typ, '/')+1:])
			}
			sheetPart = resolve(wbFile.Name, r.target)
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			sstPart = resolve(wbFile.Name, r.target)
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPart = resolve(wbFile.Name, r.target)
		}
	}
	if sheetPart == "" {
		if rels != nil {
			return "", dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q: no part for its relationship %q", x.sheet, sheets[pick].rid)
		}
		sheetPart = fmt.Sprintf("xl/worksheets/sheet%d.xml", pick+1)
	}
	if rels == nil {
		sstPart, stylesPart = "xl/sharedStrings.xml", "xl/styles.xml"
	}
	if f := x.z.file(stylesPart); f != nil {
		if err := x.readStyles(ctx, f); err != nil {
			return "", err
		}
	}
	if f := x.z.file(sstPart); f != nil {
		if err := x.readSharedStrings(ctx, f); err != nil {
			return "", err
		}
	}
	return sheetPart, nil
}

// path2rels returns the relationships part of a part.
func path2rels(part string) string {
	i := strings.LastIndexByte(part, '/')
	return part[:i+1] + "_rels/" + part[i+1:] + ".rels"
}

type rel struct{ id, typ, target string }

var errMissing = dvhc.Errorf(dvhc.EINVALID, "missing part")

func isMissing(err error) bool { return err == errMissing }

// readRels reads a relationships part.
func (x *xlsxReader) readRels(ctx context.Context, part string) ([]rel, error) {
	f := x.z.file(part)
	if f == nil {
		return nil, errMissing
	}
	rels := []rel{}
	err := x.scanPart(ctx, f, 0, "", func(s *xmlScanner) error {
		if s.is(xmlStart, "Relationship") {
			if len(rels) >= x.lim.MaxEntries {
				return &LimitError{"MaxEntries", int64(x.lim.MaxEntries), "more relationships in " + part}
			}
			rels = append(rels, rel{string(s.attr("Id")), string(s.attr("Type")), string(s.attr("Target"))})
		}
		return nil
	})
	return rels, err
}

// scanPart calls fn for every token of a part. A partMax above 0 bounds
// the part's uncompressed bytes, reported as the limit named partLimit.
func (x *xlsxReader) scanPart(ctx context.Context, zf *zipFile, partMax int64, partLimit string, fn func(*xmlScanner) error) error {
	rc, err := x.z.open(zf, partMax, partLimit)
	if err != nil {
		return err
	}
	defer rc.Close()
	s := newXMLScanner(ctx, rc, zf.Name, zf.UncompressedSize64)
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == xmlEOF {
			return nil
		}
		if err := fn(s); err != nil {
			return err
		}
	}
}

// readStyles reads the number format of each cell style, and which
// formats show dates.
func (x *xlsxReader) readStyles(ctx context.Context, f *zipFile) error {
	x.fmtCodes = map[int32]string{}
	inXfs := false
	return x.scanPart(ctx, f, 0, "", func(s *xmlScanner) error {
		switch {
		case s.is(xmlStart, "numFmt"):
			if id, err := strconv.ParseInt(string(s.attr("numFmtId")), 10, 32); err == nil && len(x.fmtCodes) < x.lim.MaxEntries {
				x.fmtCodes[int32(id)] = string(s.attr("formatCode"))
			}
		case s.is(xmlStart, "cellXfs"):
			inXfs = true
		case s.is(xmlEnd, "cellXfs"):
			inXfs = false
		case inXfs && s.is(xmlStart, "xf"):
			if len(x.xfFmt) >= 1<<20 {
				return &LimitError{"MaxEntries", 1 << 20, "more cell styles"}
			}
			id, _ := strconv.ParseInt(string(s.attr("numFmtId")), 10, 32)
			x.xfFmt = append(x.xfFmt, int32(id))
		}
		return nil
	})
}

// isDateFormat reports whether a number format shows a date or a time.
func (x *xlsxReader) isDateFormat(id int32) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58, id >= 71 && id <= 81:
		return true
	case id < 164:
		return false
	}
	if v, ok := x.dateFmt[id]; ok {
		return v
	}
	v := isDateCode(x.fmtCodes[id])
	if x.dateFmt == nil {
		x.dateFmt = map[int32]bool{}
	}
	x.dateFmt[id] = v
	return v
}

// isDateCode reports whether a custom number format code shows a date or
// a time: a y, m, d, h or s outside quotes, escapes and brackets. An
// elapsed time ([h]:mm) is a number of days, not a date.
func isDateCode(code string) bool {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	if l := strings.ToLower(code); strings.Contains(l, "[h]") || strings.Contains(l, "[m]") || strings.Contains(l, "[s]") ||
		strings.Contains(l, "[hh]") || strings.Contains(l, "[mm]") || strings.Contains(l, "[ss]") {
		return false // an elapsed time is a number of days: 1.5 shows as 36:00
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			i += j
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		case 'e', 'E':
			// 0.00E+00 is scientific, not a year.
			if i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-') {
				i++
				continue
			}
			return true
		}
	}
	return false
}

// sharedStrings holds the shared strings in pages, without one allocation
// (or string header) per string.
type sharedStrings struct {
	pages [][]byte
	index [][]uint64 // page<<48 | offset<<24 | length, in pages of sstIndexPage
	long  map[int]bool
	n     int
}

const sstIndexPage = 1 << 16
const sstTextPage = 4 << 20

func (t *sharedStrings) add(s []byte, long bool) {
	// Each page is allocated once, never grown (no copy, no garbage):
	// the first of 4 KiB, each next one twice as large, up to sstTextPage,
	// so that a small workbook takes little memory.
	if n := len(t.pages); n == 0 || len(t.pages[n-1])+len(s) > cap(t.pages[n-1]) {
		size := 4096
		if n > 0 {
			size = min(sstTextPage, 2*cap(t.pages[n-1]))
		}
		t.pages = append(t.pages, make([]byte, 0, max(size, len(s))))
	}
	p := len(t.pages) - 1
	off := len(t.pages[p])
	t.pages[p] = append(t.pages[p], s...)
	if t.n%sstIndexPage == 0 {
		t.index = append(t.index, make([]uint64, 0, sstIndexPage))
	}
	ip := &t.index[len(t.index)-1]
	*ip = append(*ip, uint64(p)<<48|uint64(off)<<24|uint64(len(s)))
	if long {
		if t.long == nil {
			t.long = map[int]bool{}
		}
		t.long[t.n] = true
	}
	t.n++
}

func (t *sharedStrings) get(i int) (s string, long, ok bool) {
	if i < 0 || i >= t.n {
		return "", false, false
	}
	e := t.index[i/sstIndexPage][i%sstIndexPage]
	p, off, n := e>>48, e>>24&(1<<24-1), e&(1<<24-1)
	return string(t.pages[p][off : off+n]), t.long[i], true
}

// readSharedStrings loads the shared strings, bounded by
// MaxSharedStringsBytes and MaxSharedStrings.
func (x *xlsxReader) readSharedStrings(ctx context.Context, f *zipFile) error {
	limit := x.cellLimit()
	return x.scanPart(ctx, f, x.lim.MaxSharedStringsBytes, "MaxSharedStringsBytes", func(s *xmlScanner) error {
		if !s.is(xmlStart, "si") {
			return nil
		}
		if x.sst.n >= x.lim.MaxSharedStrings {
			return &LimitError{"MaxSharedStrings", int64(x.lim.MaxSharedStrings), "more shared strings"}
		}
		var long bool
		var err error
		x.buf, long, err = s.elementText(x.buf[:0], limit, "rPh")
		if err != nil {
			return err
		}
		x.sst.add(x.buf, long)
		return nil
	})
}

// cellLimit is the most bytes kept of one cell's text.
func (x *xlsxReader) cellLimit() int {
	return min(x.opts.MaxFieldBytes, 4*x.lim.MaxCellChars)
}

// readRow reads the next row that has a value into x.cells. Blank rows
// are skipped; io.EOF at the end of the sheet data.
func (x *xlsxReader) readRow() error {
	s := x.s
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch {
		case k == xmlEOF || s.is(xmlEnd, "sheetData"):
			return io.EOF
		case k != xmlStart:
			continue
		case !s.is(xmlStart, "row"):
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		if x.rows++; x.rows > x.lim.MaxRows {
			return &LimitError{"MaxRows", int64(x.lim.MaxRows), fmt.Sprintf("sheet %q has more rows", x.sheet)}
		}
		num := x.lastRow + 1
		if v := s.attr("r"); v != nil {
			n, err := strconv.Atoi(string(v))
			if err != nil || n < 1 || n > DefaultXLSXMaxRows {
				return dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q: bad row number %q", x.sheet, clip(v, 20))
			}
			num = n
		}
		if num > DefaultXLSXMaxRows {
			return dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q: a row after row %d", x.sheet, DefaultXLSXMaxRows)
		}
		x.lastRow = num
		if err := x.readCells(); err != nil {
			return err
		}
		for _, c := range x.cells {
			if c.val != "" || c.long {
				return nil
			}
		}
	}
}

// xlsxAhead is a row read ahead.
type xlsxAhead struct {
	line  int
	cells []xlsxCell
}

// nextRow makes the next row with a value x.cells, at sheet row x.line:
// a row read ahead, else the next one of the sheet.
func (x *xlsxReader) nextRow() error {
	if len(x.ahead) > 0 {
		a := x.ahead[0]
		x.ahead = x.ahead[1:]
		x.cells, x.line = a.cells, a.line
		return nil
	}
	if x.aheadErr != nil {
		return x.aheadErr
	}
	if err := x.readRow(); err != nil {
		return err
	}
	x.line = x.lastRow
	return nil
}

// findHeader looks for the header below title rows (HeaderLike) when the
// first row, in x.cells, has one value: it reads ahead the rows up to
// DetectHeaderRows, makes the header row found x.cells and keeps the rows
// after it to be served again. Without a header found, x.cells stays the
// first row and every row read ahead is served again.
func (x *xlsxReader) findHeader() {
	values := func(cells []xlsxCell) []string {
		v := make([]string, 0, len(cells))
		for _, c := range cells {
			v = append(v, c.val)
		}
		return v
	}
	first := xlsxAhead{x.line, append([]xlsxCell(nil), x.cells...)}
	rows := [][]string{values(first.cells)}
	nums := []int{first.line}
	if nonEmpty(rows[0]) != 1 {
		return // no title row: pickHeader keeps the first row
	}
	for x.lastRow < DetectHeaderRows {
		if err := x.readRow(); err != nil {
			x.aheadErr = err
			break
		}
		x.ahead = append(x.ahead, xlsxAhead{x.lastRow, append([]xlsxCell(nil), x.cells...)})
		rows = append(rows, values(x.cells))
		nums = append(nums, x.lastRow)
	}
	at := pickHeader(rows, nums, x.opts.HeaderLike)
	x.cells, x.line = first.cells, first.line
	for i, a := range x.ahead {
		if a.line == at {
			x.cells, x.line = a.cells, a.line
			x.ahead = x.ahead[i+1:]
			return
		}
	}
}

// readCells reads the cells of the row whose start tag was just read.
func (x *xlsxReader) readCells() error {
	s := x.s
	x.cells = x.cells[:0]
	col := -1
	d := s.depth
	for s.depth >= d {
		k, err := s.nextIn()
		if err != nil {
			return err
		}
		if k != xmlStart {
			continue
		}
		if !s.is(xmlStart, "c") {
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		col++
		if ref := s.attr("r"); ref != nil {
			c, ok := refColumn(ref)
			if !ok {
				return dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q row %d: bad cell reference %q", x.sheet, x.lastRow, clip(ref, 20))
			}
			col = c
		}
		if col >= xlsxMaxColumn {
			return dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q row %d: a cell after column XFD (%d)", x.sheet, x.lastRow, xlsxMaxColumn)
		}
		typ := string(s.attr("t"))
		style := -1
		if v := s.attr("s"); v != nil {
			style, _ = strconv.Atoi(string(v))
		}
		var v []byte
		var long, haveV bool
		cd := s.depth
		for s.depth >= cd {
			k, err := s.nextIn()
			if err != nil {
				return err
			}
			if k != xmlStart {
				continue
			}
			switch {
			case s.is(xmlStart, "v") && !haveV:
				x.buf, long, err = s.elementText(x.buf[:0], x.cellLimit())
				haveV = true
			case s.is(xmlStart, "is") && typ == "inlineStr":
				x.buf, long, err = s.elementText(x.buf[:0], x.cellLimit(), "rPh")
				haveV = true
			default:
				err = s.skip()
			}
			if err != nil {
				return err
			}
		}
		if haveV {
			v = x.buf
		}
		c, err := x.cellValue(typ, style, v, long)
		if err != nil {
			return err
		}
		c.col = col
		if c.val != "" || c.long {
			if len(x.cells) >= xlsxMaxColumn {
				return dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q row %d: more than %d cells", x.sheet, x.lastRow, xlsxMaxColumn)
			}
			x.cells = append(x.cells, c)
		}
	}
	return nil
}

// refColumn returns the 0-based column of a cell reference such as "AB12".
func refColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > xlsxMaxColumn {
			return 0, false
		}
	}
	if i == 0 {
		return 0, false
	}
	return col - 1, true
}

// cellValue converts a cell's raw value.
func (x *xlsxReader) cellValue(typ string, style int, v []byte, long bool) (xlsxCell, error) {
	c := xlsxCell{long: long}
	if long {
		return c, nil
	}
	switch typ {
	case "s":
		if len(v) == 0 {
			return c, nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		s, long, ok := x.sst.get(i)
		if err != nil || !ok {
			return c, dvhc.Errorf(dvhc.EINVALID, "XLSX sheet %q row %d: shared string %q of %d", x.sheet, x.lastRow, clip(v, 20), x.sst.n)
		}
		if long {
			c.long = true
			return c, nil
		}
		c.val = unescapeX(s)
	case "inlineStr", "str", "e":
		c.val = unescapeX(string(v))
	case "b":
		c.meta.kind = kindBool
		switch strings.TrimSpace(string(v)) {
		case "1", "true":
			c.val = "TRUE"
		case "0", "false":
			c.val = "FALSE"
		default:
			c.val, c.meta.kind = string(v), kindText
		}
	case "d":
		t, err := parseISODate(strings.TrimSpace(string(v)))
		if err != nil {
			c.val = string(v)
			break
		}
		c.val, c.meta.kind = formatDate(t, false), kindDate
	default: // "n" or none
		if len(v) == 0 {
			return c, nil
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(string(v)), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			c.val = string(v)
			break
		}
		var id int32
		if style >= 0 && style < len(x.xfFmt) {
			id = x.xfFmt[style]
		}
		c.meta.fmt = id
		if id != 0 && x.isDateFormat(id) {
			if t, ok := excelTime(f, x.date1904); ok {
				c.val, c.meta.kind = formatDate(t, f < 1 && f >= 0), kindDate
				break
			}
		}
		c.val, c.meta.kind = formatNumber(f), kindNumber
	}
	if !utf8.ValidString(c.val) {
		c.val, c.bad = strings.ToValidUTF8(c.val, "\uFFFD"), true
	}
	if utf16Len(c.val) > x.lim.MaxCellChars || len(c.val) > x.opts.MaxFieldBytes {
		c.val, c.long = "", true
	}
	return c, nil
}

func utf16Len(s string) int {
	if len(s) <= DefaultXLSXMaxCellChars/4 {
		return len(s) // at most one unit per byte
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// unescapeX decodes the _xHHHH_ escapes of OOXML strings (_x000D_ is a
// CR; _x005F_ escapes an underscore).
func unescapeX(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s)-i < 7 {
			break
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil || s[i+6] != '_' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		r := rune(n)
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}

// formatNumber writes a number as Excel shows it in General format, with
// at most 15 significant digits, and without an exponent when it fits.
func formatNumber(f float64) string {
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if f == 0 {
		return "0" // also -0
	}
	if a := math.Abs(f); a >= 1e-9 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// The layouts of dates and times in fields.
const (
	layoutDate     = "2006-01-02"
	layoutDateTime = "2006-01-02 15:04:05"
	layoutTime     = "15:04:05"
)

// formatDate writes a date as 2006-01-02, 2006-01-02 15:04:05 when it has
// a time of day, or 15:04:05 for a time alone.
func formatDate(t time.Time, timeOnly bool) string {
	switch {
	case timeOnly:
		return t.Format(layoutTime)
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format(layoutDate)
	}
	return t.Format(layoutDateTime)
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
var excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)

// excelTime converts a date serial number, rounded to the second.
func excelTime(f float64, date1904 bool) (time.Time, bool) {
	if f < 0 || f >= 2958466 { // 10000-01-01
		return time.Time{}, false
	}
	secs := int64(math.Round(f * 86400))
	days, secs := secs/86400, secs%86400
	base := excelEpoch
	switch {
	case date1904:
		base = excelEpoch1904
	case days < 60:
		// Excel counts a 1900-02-29 that did not exist: day 60 is shown
		// as 1900-02-29, read here as 1900-02-28.
		days++
	}
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}

// excelSerial is the inverse of excelTime, in the 1900 date system.
func excelSerial(t time.Time) float64 {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	d := float64((day.Unix() - excelEpoch.Unix()) / 86400)
	if d < 61 {
		d--
	}
	return d + float64(t.Sub(day))/float64(24*time.Hour)
}

func parseISODate(s string) (time.Time, error) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", layoutDate, "T15:04:05.999999999", "15:04:05.999999999"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, dvhc.Errorf(dvhc.EINVALID, "not an ISO 8601 date: %q", s)
}

func (x *xlsxReader) Header() []string { return x.header }

// Sheet returns the name of the sheet read.
func (x *xlsxReader) Sheet() string { return x.sheet }

func (x *xlsxReader) Next(row *Row) error {
	if x.err != nil {
		return x.err
	}
	if ctx := x.opts.Context; ctx != nil && x.num&1023 == 0 {
		if err := ctx.Err(); err != nil {
			x.err = err
			return err
		}
	}
	if err := x.nextRow(); err != nil {
		x.err = err
		return err
	}
	x.num++
	row.Num, row.Line = x.num, x.line
	row.ExtraKeys = row.ExtraKeys[:0]
	h := len(x.header)
	fields := row.Fields[:0]
	for range h {
		fields = append(fields, "")
	}
	var meta []cellMeta
	x.mu.Lock()
	linked := x.linked
	x.mu.Unlock()
	if linked {
		meta = make([]cellMeta, h)
	}
	var p problem
	var extra []string
	for _, c := range x.cells {
		if c.long && p.err == nil {
			p = problem{field: c.col + 1, err: detail(ErrFieldTooLong, "more than %d characters", x.lim.MaxCellChars)}
		}
		if c.bad && p.err == nil {
			p = problem{field: c.col + 1, err: ErrInvalidUTF8}
		}
		if c.col >= h {
			if c.val != "" {
				extra = append(extra, c.val)
			}
			continue
		}
		fields[c.col] = c.val
		if meta != nil {
			meta[c.col] = c.meta
		}
	}
	if len(extra) > 0 && p.err == nil && !x.opts.AllowExtra {
		p = problem{field: h + 1, err: detail(ErrFieldCount, "%d values after the last of %d columns", len(extra), h)}
	}
	finish(row, fields, x.header, p, x.opts.AllowExtra)
	row.Extra = append(row.Extra, extra...)
	if linked {
		x.mu.Lock()
		x.queue = append(x.queue, meta)
		x.mu.Unlock()
	}
	return nil
}

// link makes x keep the kinds of the rows it reads for an XLSX writer,
// which takes them in order. It fails once rows have been read.
func (x *xlsxReader) link() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.num > 0 {
		return false
	}
	x.linked = true
	return true
}

// pop returns the kinds of the oldest row read and not yet written.
func (x *xlsxReader) pop() []cellMeta {
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.queue) == 0 {
		return nil
	}
	m := x.queue[0]
	x.queue[0] = nil
	x.queue = x.queue[1:]
	if len(x.queue) == 0 {
		x.queue = x.queue[:0:0]
	}
	return m
}

// numFmtCode returns the code of a custom number format.
func (x *xlsxReader) numFmtCode(id int32) string { return x.fmtCodes[id] }

func (x *xlsxReader) Close() error {
	if x.rc != nil {
		x.rc.Close()
		x.rc = nil
	}
	return nil
}
