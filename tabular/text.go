package tabular

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/dvhc-vn/dvhc"
)

// textReader reads CSV and TSV.
type textReader struct {
	src    *lineSource
	opts   ReaderOptions
	tsv    bool
	sep    byte
	header []string
	// headerLine is the physical line of the header (0 for an empty
	// input); the lines above it were skipped (ReaderOptions.HeaderRow).
	headerLine int
	num        int
	err        error

	rec  []byte // unquoted bytes of the fields of a slow-path record
	ends []int  // end offsets of the fields in rec
	// contCut is the first field of a record that was cut while reading
	// one of its continuation lines (a quoted field spanning lines), 0 if
	// none: parseCSV sets it, record reports it as the first line's cut
	contCut int
	// spans are the starts and ends of the fields of a fast-path CSV
	// record in its line (spansCSV).
	spans [][2]int

	block []byte // the bytes of the strings of the last records (rowString)
}

// rowBlock is the size of the blocks that hold the strings of short
// records, rowBlock/4 the longest record put in one: a few dozen records
// share an allocation instead of one each, and a string kept from a
// record keeps at most rowBlock bytes alive.
const rowBlock = 8 << 10

// rowString returns b as a string that does not share b's memory: for a
// short record, a piece of t.block, which only grows (written bytes are
// never overwritten, a full block is replaced by a new one).
func (t *textReader) rowString(b []byte) string {
	if len(b) == 0 || len(b) > rowBlock/4 {
		return string(b)
	}
	if cap(t.block)-len(t.block) < len(b) {
		t.block = make([]byte, 0, rowBlock)
	}
	// As strings.Builder does, without its checks (some 30
	// instructions a row less): the bytes are never written again.
	n := len(t.block)
	t.block = append(t.block, b...)
	return unsafe.String(&t.block[n], len(b))
}

// problem is what is wrong with a record while it is being parsed.
type problem struct {
	field int // 1-based, 0 if not about one field
	err   error
}

func newTextReader(r io.Reader, f Format, opts ReaderOptions) (*textReader, error) {
	t := &textReader{src: newLineSource(r, opts.MaxRecordBytes), opts: opts, tsv: f == TSV, sep: opts.Comma}
	// Skip the title rows above the header.
	for t.src.n < opts.HeaderRow-1 {
		if _, _, err := t.src.next(); err != nil {
			if err == io.EOF {
				return nil, dvhc.Errorf(dvhc.EINVALID, "header row %d: the %v input has %d lines", opts.HeaderRow, f, t.src.n)
			}
			return nil, dvhc.Errorf(dvhc.EINVALID, "reading line %d: %v", t.src.n+1, err)
		}
	}
	if t.tsv {
		t.sep = '\t'
	} else if t.sep == 0 {
		t.sep = sniffComma(t.src.br)
	}
	t.src.fieldMax, t.src.sep, t.src.quotes = opts.MaxFieldBytes, t.sep, !t.tsv
	var row Row
	fields, p, err := t.record(&row, true)
	if err == io.EOF {
		if opts.HeaderRow > 1 {
			return nil, dvhc.Errorf(dvhc.EINVALID, "header row %d: the %v input has %d lines", opts.HeaderRow, f, t.src.n)
		}
		t.err = io.EOF
		return t, nil
	}
	if err != nil {
		return nil, err
	}
	t.headerLine = row.Line
	if opts.HeaderRow > 1 && p.err == nil && strings.Join(fields, "") == "" {
		return nil, dvhc.Errorf(dvhc.EINVALID, "header of the %v input (line %d) is blank", f, row.Line)
	}
	if p.err == nil && len(fields) == 1 && fields[0] == "" {
		p.err = ErrEmptyLine
	}
	if p.err != nil {
		e := &RowError{Line: 1, Field: p.field, Err: p.err}
		if opts.HeaderRow > 1 {
			return nil, dvhc.Errorf(dvhc.EINVALID, "header of the %v input (line %d): %s", f, row.Line, e.Err)
		}
		return nil, dvhc.Errorf(dvhc.EINVALID, "header of the %v input: %s", f, e.Err)
	}
	t.header = append([]string(nil), fields...)
	return t, nil
}

func (t *textReader) Header() []string { return t.header }
func (t *textReader) Close() error     { return nil }

func (t *textReader) Next(row *Row) error {
	if t.err != nil {
		return t.err
	}
	fields, p, err := t.record(row, false)
	if err != nil {
		t.err = err
		return err
	}
	t.num++
	row.Num = t.num
	finish(row, fields, t.header, p, t.opts.AllowExtra)
	return nil
}

// finish aligns fields to the header into row and sets row.Err.
func finish(row *Row, fields, header []string, p problem, allowExtra bool) {
	row.Err = nil
	row.Extra = row.Extra[:0]
	h := len(header)
	if len(fields) > h {
		n := len(fields)
		for n > h && fields[n-1] == "" {
			n--
		}
		if n > h {
			extra := fields[h:n]
			if len(extra) > MaxExtraFields {
				// The rest in one field: a row of a million commas
				// must not hold a million strings.
				rest := strings.Join(extra[MaxExtraFields-1:], ",")
				extra = append(extra[:MaxExtraFields-1:MaxExtraFields-1], rest)
				if len(row.ExtraKeys) > MaxExtraFields {
					row.ExtraKeys = append(row.ExtraKeys[:MaxExtraFields-1], "…")
				}
			}
			row.Extra = append(row.Extra, extra...)
			if p.err == nil && !allowExtra {
				if n-h >= MaxExtraFields {
					p = problem{field: h + 1, err: detail(ErrFieldCount, "at least %d fields, %d columns", n, h)}
				} else {
					p = problem{field: h + 1, err: detail(ErrFieldCount, "%d fields, %d columns", n, h)}
				}
			}
		}
		fields = fields[:h]
	}
	for len(fields) < h {
		fields = append(fields, "")
	}
	if cap(fields) > 2*h+64 {
		// Give back the memory of a row that was much wider than the
		// header: rows are kept in flight by the thousand.
		fields = append([]string(nil), fields...)
	}
	if cap(row.Extra) > 2*len(row.Extra)+64 {
		row.Extra = append([]string(nil), row.Extra...)
	}
	row.Fields = fields
	if p.err != nil {
		row.Err = &RowError{Row: row.Num, Line: row.Line, Field: p.field, Err: p.err}
		if p.field > 0 && p.field <= h {
			row.Err.Column = header[p.field-1]
		}
	}
}

// record reads the next record's fields into row.Fields' memory and sets
// row.Line. Fields longer than the limit and invalid UTF-8 are repaired and
// reported in the problem.
func (t *textReader) record(row *Row, first bool) ([]string, problem, error) {
	line, long, err := t.src.next()
	if err != nil {
		if err != io.EOF {
			err = dvhc.Errorf(dvhc.EINVALID, "reading line %d: %v", t.src.n+1, err)
		}
		return nil, problem{}, err
	}
	if first {
		line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
	}
	cut := t.src.cut // a field cut while reading the line
	row.Line = t.src.n
	row.ExtraKeys = row.ExtraKeys[:0]
	fields := row.Fields[:0]
	if cap(fields) == 0 {
		// A new row: room for a full one at once, not grown field by
		// field.
		fields = make([]string, 0, len(t.header))
	}
	var p problem
	switch {
	case long:
		return fields, problem{err: detail(ErrRecordTooLong, "longer than %d bytes", t.opts.MaxRecordBytes)}, nil
	case len(line) == 0:
		if first {
			return append(fields, ""), p, nil
		}
		return fields, problem{err: ErrEmptyLine}, nil
	}
	special := byte('"')
	if t.tsv {
		special = '\\'
	}
	var s string
	var valid bool
	if !t.tsv && t.spansCSV(line, t.maxFields(first)) {
		// The fields are pieces of the line (inside their quotes, if
		// quoted): one copy of the line, no scan for quotes first.
		// Valid UTF-8 in the line is valid in every field, and invalid
		// in one: the bytes left out are ASCII.
		valid = validUTF8(line)
		s = t.rowString(line)
		// Stored in place, not appended (and the spans in pairs, each
		// bounds-checked once): 22 instructions a field, not 35.
		if n := len(t.spans); cap(fields) < n {
			fields = make([]string, n)
		} else {
			fields = fields[:n]
		}
		spans := t.spans[:len(fields)]
		for k := range spans {
			fields[k] = s[spans[k][0]:spans[k][1]]
		}
	} else if bytes.IndexByte(line, special) < 0 {
		// Fast path: the fields are the pieces between separators.
		valid = validUTF8(line)
		s = t.rowString(line)
		fields = splitFields(fields, s, t.sep, t.maxFields(first))
	} else {
		if t.tsv {
			t.parseTSV(line)
		} else {
			p, err = t.parseCSV(line)
			if err != nil {
				return nil, p, err
			}
			if cut == 0 {
				cut = t.contCut
			}
		}
		// The fields lie end to end in t.rec, without their separators:
		// a field may end inside a character that the next completes
		// ("\xe5\x80" then "\x80"), so t.rec's validity says nothing of
		// each field's: every field is checked below.
		valid = false
		s = t.rowString(t.rec)
		start := 0
		ends := t.ends
		if m := t.maxFields(first); len(ends) > m {
			ends = ends[:m-1]
		}
		for _, end := range ends {
			fields = append(fields, s[start:end])
			start = end
		}
		if len(ends) < len(t.ends) {
			// The rest of the record in one field, its fields joined.
			var b strings.Builder
			for i, end := range t.ends[len(ends):] {
				if i > 0 {
					b.WriteByte(t.sep)
				}
				b.WriteString(s[start:end])
				start = end
			}
			fields = append(fields, b.String())
		}
	}
	if cut > 0 && p.err == nil {
		p = problem{field: cut, err: detail(ErrFieldTooLong, "more than %d bytes, cut", t.opts.MaxFieldBytes)}
	}
	if len(s) > t.opts.MaxFieldBytes {
		for i, f := range fields {
			if len(f) > t.opts.MaxFieldBytes {
				if p.err == nil {
					p = problem{field: i + 1, err: detail(ErrFieldTooLong, "%d bytes, more than %d, cut", len(f), t.opts.MaxFieldBytes)}
				}
				fields[i] = cutString(f, t.opts.MaxFieldBytes)
			}
		}
	}
	if !valid {
		for i, f := range fields {
			if !utf8.ValidString(f) {
				if p.err == nil {
					p = problem{field: i + 1, err: ErrInvalidUTF8}
				}
				fields[i] = strings.ToValidUTF8(f, "\uFFFD")
			}
		}
	}
	return fields, p, nil
}

// maxFields is the most fields a record is split into: the header's
// columns and MaxExtraFields more (for the header, one more than
// MaxColumns, so that NewReader sees it is too wide). The last field
// holds the rest of the record.
func (t *textReader) maxFields(header bool) int {
	if header {
		return t.opts.MaxColumns + 1
	}
	return len(t.header) + MaxExtraFields
}

// splitFields appends the fields of s to dst, at most max: the last one
// holds the rest of s.
func splitFields(dst []string, s string, sep byte, max int) []string {
	for {
		i := strings.IndexByte(s, sep)
		if i < 0 || len(dst) == max-1 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

// spansCSV finds the fields of a CSV line whose quoted fields close on
// it without a doubled quote inside, as parseCSV reads them: their starts
// and ends in the line, in t.spans. It reports false for any other
// line and for a line of more than max fields (parseCSV then).
func (t *textReader) spansCSV(line []byte, max int) bool {
	// The spans are appended to a local slice, stored back at the end,
	// and the unquoted fields (mostly short: codes, numbers) searched a
	// word at a time inline, not with bytes.IndexByte, whose call spills
	// every register (with record's fields stored in place: cost.sh,
	// spansCSV, record and IndexByte ~840 -> ~745 Ir a row).
	spans, sep := t.spans[:0], t.sep
	sepWord := lows * uint64(sep)
	i := 0
	for {
		if len(spans) >= max {
			t.spans = spans
			return false
		}
		if i < len(line) && line[i] == '"' {
			j := bytes.IndexByte(line[i+1:], '"')
			if j < 0 {
				t.spans = spans
				return false
			}
			start, end := i+1, i+1+j
			i = end + 1
			if i < len(line) && line[i] != sep {
				t.spans = spans
				return false
			}
			spans = append(spans, [2]int{start, end})
			if i == len(line) {
				t.spans = spans
				return true
			}
			i++
			continue
		}
		// The separator at or after i, or len(line): a word at a time,
		// the last bytes in the word that ends the line (zeroBytes is
		// exact: the bytes before j in that word are shifted out).
		j := i
		for ; j+8 <= len(line); j += 8 {
			if m := zeroBytes(binary.LittleEndian.Uint64(line[j:]) ^ sepWord); m != 0 {
				j += bits.TrailingZeros64(m) / 8
				goto found
			}
		}
		if e := len(line) - 8; e >= 0 {
			if m := zeroBytes(binary.LittleEndian.Uint64(line[e:])^sepWord) >> (8 * (j - e)); m != 0 {
				j += bits.TrailingZeros64(m) / 8
			} else {
				j = len(line)
			}
		} else {
			for j < len(line) && line[j] != sep {
				j++
			}
		}
	found:
		spans = append(spans, [2]int{i, j})
		if j == len(line) {
			t.spans = spans
			return true
		}
		i = j + 1
	}
}

// zeroBytes returns x with the high bit of each of its zero bytes set,
// and no other bit: exact, unlike (x-lows)&^x&highs, whose borrows also
// flag a 0x01 byte above a zero one.
func zeroBytes(x uint64) uint64 {
	const low7 = 0x7F7F7F7F7F7F7F7F
	return ^((x&low7 + low7) | x | low7)
}

// parseTSV decodes a TSV line with backslash escapes into t.rec, t.ends.
func (t *textReader) parseTSV(line []byte) {
	t.rec, t.ends = t.rec[:0], t.ends[:0]
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\t':
			t.ends = append(t.ends, len(t.rec))
			continue
		case c == '\\' && i+1 < len(line):
			switch line[i+1] {
			case 't':
				c = '\t'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case '\\':
			default:
				t.rec = append(t.rec, c)
				continue
			}
			i++
		}
		t.rec = append(t.rec, c)
	}
	t.ends = append(t.ends, len(t.rec))
}

// parseCSV parses a CSV record that starts with line into t.rec, t.ends,
// reading more lines for quoted fields that span lines. A broken record
// that took more lines gives them back to the line source, so the next
// record starts at the line after this one's first. The error is only for
// failures of the input.
func (t *textReader) parseCSV(line []byte) (problem, error) {
	t.rec, t.ends = t.rec[:0], t.ends[:0]
	t.contCut = 0
	sep := t.sep
	lines := 1
	marked := false
	snapEnds, snapRec := 0, 0 // fields and bytes of the first line, when marked
	fail := func(p problem) (problem, error) {
		if marked {
			t.src.rewind()
			t.rec, t.ends = t.rec[:snapRec], t.ends[:snapEnds]
		}
		t.ends = append(t.ends, len(t.rec))
		return p, nil
	}
	i := 0
	for {
		if i < len(line) && line[i] == '"' {
			field := len(t.ends) + 1
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j >= 0 {
					t.rec = append(t.rec, line[i:i+j]...)
					i += j + 1
					if i < len(line) && line[i] == '"' {
						t.rec = append(t.rec, '"')
						i++
						continue
					}
					break
				}
				// The quoted field goes on to the next line.
				t.rec = append(t.rec, line[i:]...)
				if !marked {
					marked = true
					snapEnds, snapRec = len(t.ends), len(t.rec)
					t.src.mark()
				}
				if lines >= t.opts.MaxRecordLines {
					return fail(problem{field, detail(ErrQuote, "quoted field not closed within %d lines", lines)})
				}
				if len(t.rec) > t.opts.MaxRecordBytes {
					return fail(problem{field, detail(ErrQuote, "quoted field not closed within %d bytes", t.opts.MaxRecordBytes)})
				}
				next, long, err := t.src.next()
				if err == io.EOF {
					return fail(problem{field, detail(ErrQuote, "quoted field not closed at the end of the input")})
				}
				if err != nil {
					return problem{}, dvhc.Errorf(dvhc.EINVALID, "reading line %d: %v", t.src.n+1, err)
				}
				if long {
					return fail(problem{field, detail(ErrQuote, "quoted field not closed within %d bytes", t.opts.MaxRecordBytes)})
				}
				if t.src.cut > 0 && t.contCut == 0 {
					// the line's first field is the rest of this one
					t.contCut = field + t.src.cut - 1
				}
				lines++
				t.rec = append(t.rec, '\n')
				line, i = next, 0
			}
			// After the closing quote: the end of the field or the record.
			t.ends = append(t.ends, len(t.rec))
			if i == len(line) {
				break
			}
			if line[i] != sep {
				t.ends = t.ends[:len(t.ends)-1]
				if marked {
					return fail(problem{snapEnds + 1, detail(ErrQuote, "quoted field not closed on this line (%q after a quote on line %d)", line[i], t.src.n)})
				}
				return fail(problem{field, detail(ErrQuote, "%q after a closing quote", line[i])})
			}
			i++
			continue
		}
		j := bytes.IndexByte(line[i:], sep)
		if j < 0 {
			t.rec = append(t.rec, line[i:]...)
			t.ends = append(t.ends, len(t.rec))
			break
		}
		t.rec = append(t.rec, line[i:i+j]...)
		t.ends = append(t.ends, len(t.rec))
		i += j + 1
	}
	if marked {
		// A record spanning lines is taken only if it has as many fields
		// as the header: otherwise the quote that opened it is more
		// likely unterminated, swallowing rows.
		if h := len(t.header); h > 0 {
			n := len(t.ends)
			for n > h && t.ends[n-1] == t.ends[n-2] {
				n--
			}
			if n != h {
				return fail(problem{snapEnds + 1, detail(ErrQuote, "quoted field spans %d lines into a record of %d fields, not %d", lines, n, h)})
			}
		}
		t.src.unmark()
	}
	return problem{}, nil
}

// cutString returns the longest prefix of s of at most n bytes that does
// not end inside a UTF-8 sequence.
func cutString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && i > n-utf8.UTFMax && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
