package tabular

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
)

// maxLeadingBroken bounds the broken lines before the first JSON object.
const maxLeadingBroken = 1000

// LookaheadLines is the number of lines whose objects' keys make the
// columns of a JSONL input (fewer if they hold more than twice
// ReaderOptions.MaxRecordBytes).
const LookaheadLines = 1000

// JSONKind is the JSON type of a value read from JSONL, kept so that a
// JSONL output writes it back as it came.
type JSONKind uint8

// The kinds of JSONL values.
const (
	JSONAbsent JSONKind = iota // the object has no such key
	JSONString                 // a string: Fields holds it decoded
	JSONNull                   // null: Fields holds ""
	JSONRaw                    // a number, true, false, an object or an array: Fields holds its JSON text
)

// JSONRowWriter is implemented by the JSONL writer: WriteJSONRow writes
// fields[i] as a value of kind kinds[i] (omitting JSONAbsent keys), and the
// fields beyond kinds as strings.
type JSONRowWriter interface {
	WriteJSONRow(fields []string, kinds []JSONKind) error
}

// jsonlReader reads JSONL.
type jsonlReader struct {
	src    *lineSource
	opts   ReaderOptions
	header []string
	index  map[string]int
	num    int
	err    error

	rec   []byte // decoded values
	spans []span
	keys  []string       // keys of the lookahead objects, while finding the columns
	seen  map[string]int // index of keys, while finding the columns
}

// span is a decoded value in rec and its column, or -1 for an extra key.
type span struct {
	col        int
	start, end int
	kind       JSONKind
	key        string // for extra keys
}

func newJSONLReader(r io.Reader, opts ReaderOptions) (*jsonlReader, error) {
	j := &jsonlReader{src: newLineSource(r, opts.MaxRecordBytes), opts: opts}
	j.src.fieldMax, j.src.json = opts.MaxFieldBytes, true
	if opts.Columns != nil {
		j.setHeader(opts.Columns)
		return j, nil
	}
	// The columns are the keys of the objects of the first lines, in the
	// order they first appear; the lines are then read again as rows.
	j.seen = map[string]int{}
	j.src.mark()
	objects, size := 0, 0
	for lines := 0; ; lines++ {
		if objects > 0 && (lines >= LookaheadLines || size >= 2*opts.MaxRecordBytes) {
			break
		}
		if objects == 0 && (lines >= maxLeadingBroken || size >= 2*opts.MaxRecordBytes) {
			return nil, dvhc.Errorf(dvhc.EINVALID, "no JSON object in the first %d lines", lines)
		}
		line, long, err := j.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, dvhc.Errorf(dvhc.EINVALID, "reading line %d: %v", j.src.n+1, err)
		}
		size += len(line)
		if long {
			continue
		}
		if j.src.n == 1 {
			line = trimBOM(line)
		}
		n := len(j.keys)
		if j.parse(line, true).err == nil {
			objects++
			continue
		}
		for _, k := range j.keys[n:] {
			delete(j.seen, k)
		}
		j.keys = j.keys[:n]
	}
	j.src.rewind()
	j.setHeader(j.keys)
	j.keys, j.seen = nil, nil
	return j, nil
}

func trimBOM(line []byte) []byte {
	if len(line) >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF {
		return line[3:]
	}
	return line
}

func (j *jsonlReader) setHeader(cols []string) {
	j.header = make([]string, 0, len(cols))
	j.index = make(map[string]int, len(cols))
	for _, c := range cols {
		c = strings.ToValidUTF8(c, "\uFFFD")
		if _, dup := j.index[c]; !dup {
			j.index[c] = len(j.header)
			j.header = append(j.header, c)
		}
	}
}

func (j *jsonlReader) Header() []string { return j.header }
func (j *jsonlReader) Close() error     { return nil }

func (j *jsonlReader) Next(row *Row) error {
	if j.err != nil {
		return j.err
	}
	line, long, err := j.src.next()
	if err != nil {
		if err != io.EOF {
			err = dvhc.Errorf(dvhc.EINVALID, "reading line %d: %v", j.src.n+1, err)
		}
		j.err = err
		return err
	}
	if j.src.n == 1 {
		line = trimBOM(line)
	}
	j.num++
	row.Num, row.Line = j.num, j.src.n
	var p problem
	var fields []string
	row.JSON = row.JSON[:0]
	if long {
		fields = row.Fields[:0]
		row.ExtraKeys = row.ExtraKeys[:0]
		p = problem{err: detail(ErrRecordTooLong, "longer than %d bytes", j.opts.MaxRecordBytes)}
	} else {
		cut := j.src.cut
		p = j.parse(line, false)
		fields = j.fields(row, line)
		// what a broken line gave is repaired too (its problem is the
		// parse's): no row's fields are invalid UTF-8 or over the limit
		if cp := j.check(row, fields); p.err == nil {
			p = cp
		} else {
			row.JSON = row.JSON[:0]
		}
		if p.err == nil && cut > 0 {
			p = j.cutProblem()
		}
	}
	finish(row, fields, j.header, p, true)
	if p.err == nil && len(row.Extra) > 0 && !j.opts.AllowExtra {
		row.Err = &RowError{Row: row.Num, Line: row.Line, Column: row.ExtraKeys[0],
			Err: detail(ErrFieldCount, "key %q is not one of the %d columns", row.ExtraKeys[0], len(j.header))}
	}
	return nil
}

// fields builds the row's fields from the parsed spans: the columns in
// header order, then the extra keys into row.Extra and row.ExtraKeys, which
// finish keeps (they follow the columns in the returned slice).
func (j *jsonlReader) fields(row *Row, line []byte) []string {
	s := string(j.rec)
	fields := row.Fields[:0]
	kinds := row.JSON[:0]
	// Columns fixed by ReaderOptions.Columns are in every row (a missing
	// key is an empty string), so that every partition has the same keys.
	missing := JSONAbsent
	if j.opts.Columns != nil {
		missing = JSONString
	}
	for range j.header {
		fields = append(fields, "")
		kinds = append(kinds, missing)
	}
	row.JSON = kinds
	row.ExtraKeys = row.ExtraKeys[:0]
	for _, sp := range j.spans {
		if sp.col >= 0 {
			fields[sp.col] = s[sp.start:sp.end]
			kinds[sp.col] = sp.kind
			continue
		}
		fields = append(fields, s[sp.start:sp.end])
		row.ExtraKeys = append(row.ExtraKeys, sp.key)
	}
	// finish drops trailing empty extras; keep ExtraKeys in step.
	n := len(fields)
	for n > len(j.header) && fields[n-1] == "" {
		n--
	}
	row.ExtraKeys = row.ExtraKeys[:n-len(j.header)]
	return fields
}

// cutProblem is the problem of a line whose long strings were cut while
// reading it.
func (j *jsonlReader) cutProblem() problem {
	return problem{err: detail(ErrFieldTooLong, "a value longer than %d bytes was cut", j.opts.MaxFieldBytes)}
}

// check repairs invalid UTF-8 in fields and reports it; a repaired value
// becomes a string.
func (j *jsonlReader) check(row *Row, fields []string) problem {
	var p problem
	// Each field is checked, not j.rec as a whole: the values lie end to
	// end in j.rec, where two invalid ones ("\xe5\x80" then "\x80") may
	// read as one valid character.
	for i, f := range fields {
		if !utf8.ValidString(f) {
			if p.err == nil {
				p = problem{field: i + 1, err: ErrInvalidUTF8}
			}
			fields[i] = strings.ToValidUTF8(f, "\uFFFD")
			if i < len(row.JSON) {
				row.JSON[i] = JSONString
			}
		}
	}
	for i, f := range fields {
		if len(f) > j.opts.MaxFieldBytes {
			if p.err == nil {
				p = problem{field: i + 1, err: detail(ErrFieldTooLong, "%d bytes, more than %d, cut", len(f), j.opts.MaxFieldBytes)}
			}
			fields[i] = cutString(f, j.opts.MaxFieldBytes)
			if i < len(row.JSON) {
				row.JSON[i] = JSONString
			}
		}
	}
	return p
}

// parse parses a JSON object on one line into j.rec and j.spans. With
// collect, the keys are appended to j.keys and become columns in order.
func (j *jsonlReader) parse(line []byte, collect bool) problem {
	j.rec, j.spans = j.rec[:0], j.spans[:0]
	i := skipSpace(line, 0)
	if i == len(line) {
		return problem{err: ErrEmptyLine}
	}
	if line[i] != '{' {
		return problem{err: detail(ErrSyntax, "line starts with %q", line[i])}
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return j.end(line, i+1)
	}
	for n := 1; ; n++ {
		if i >= len(line) || line[i] != '"' {
			return problem{err: detail(ErrSyntax, "key %d: want a string", n)}
		}
		start := len(j.rec)
		var ok bool
		i, ok = j.str(line, i)
		if !ok {
			return problem{err: detail(ErrSyntax, "key %d: bad string", n)}
		}
		key := j.rec[start:]
		col := -1
		var name string // the key when it is not a column (may be "")
		if collect {
			if c, dup := j.seen[string(key)]; dup {
				col = c
			} else {
				col = len(j.keys)
				j.keys = append(j.keys, string(key))
				j.seen[j.keys[col]] = col
			}
		} else if n <= len(j.header) && j.header[n-1] == string(key) {
			col = n - 1 // keys in header order: no map lookup
		} else if c, ok := j.index[string(key)]; ok {
			col = c
		} else {
			name = string(key)
		}
		j.rec = j.rec[:start]
		keyName := func() string {
			switch {
			case col < 0:
				return name
			case collect:
				return j.keys[col]
			}
			return j.header[col]
		}
		i = skipSpace(line, i)
		if i >= len(line) || line[i] != ':' {
			return problem{field: col + 1, err: detail(ErrSyntax, "want ':' after key %q", keyName())}
		}
		i = skipSpace(line, i+1)
		vstart := len(j.rec)
		kind := JSONRaw
		if i < len(line) {
			switch line[i] {
			case '"':
				kind = JSONString
			case 'n':
				kind = JSONNull
			}
		}
		i, ok = j.value(line, i)
		if !ok {
			return problem{field: col + 1, err: detail(ErrSyntax, "bad value of key %q", keyName())}
		}
		j.spans = append(j.spans, span{col: col, start: vstart, end: len(j.rec), kind: kind, key: name})
		i = skipSpace(line, i)
		if i < len(line) && line[i] == ',' {
			i = skipSpace(line, i+1)
			continue
		}
		if i < len(line) && line[i] == '}' {
			return j.end(line, i+1)
		}
		return problem{err: detail(ErrSyntax, "want ',' or '}' after key %q", keyName())}
	}
}

func (j *jsonlReader) end(line []byte, i int) problem {
	if i = skipSpace(line, i); i != len(line) {
		return problem{err: detail(ErrSyntax, "text after the object")}
	}
	return problem{}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// str decodes the JSON string at line[i] (a quote) onto j.rec and returns
// the index after it.
func (j *jsonlReader) str(line []byte, i int) (int, bool) {
	k := i + 1
	for k < len(line) {
		c := line[k]
		if c == '"' {
			j.rec = append(j.rec, line[i+1:k]...)
			return k + 1, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		k++
	}
	// Slow path: escapes. Find the end, then let encoding/json decode.
	for k < len(line) {
		c := line[k]
		if c == '\\' {
			k += 2
			continue
		}
		if c == '"' {
			var s string
			if json.Unmarshal(line[i:k+1], &s) != nil {
				return k + 1, false
			}
			j.rec = append(j.rec, s...)
			return k + 1, true
		}
		k++
	}
	return len(line), false
}

// value decodes the JSON value at line[i] onto j.rec.
func (j *jsonlReader) value(line []byte, i int) (int, bool) {
	if i >= len(line) {
		return i, false
	}
	switch c := line[i]; {
	case c == '"':
		return j.str(line, i)
	case c == '{' || c == '[':
		end, ok := skipComposite(line, i)
		if !ok || !json.Valid(line[i:end]) {
			return end, false
		}
		j.rec = append(j.rec, line[i:end]...)
		return end, true
	case c == 'n':
		if hasWord(line, i, "null") {
			return i + 4, true
		}
	case c == 't':
		if hasWord(line, i, "true") {
			j.rec = append(j.rec, "true"...)
			return i + 4, true
		}
	case c == 'f':
		if hasWord(line, i, "false") {
			j.rec = append(j.rec, "false"...)
			return i + 5, true
		}
	case c == '-' || (c >= '0' && c <= '9'):
		k := i + 1
		for k < len(line) && (line[k] >= '0' && line[k] <= '9' || line[k] == '.' || line[k] == 'e' || line[k] == 'E' || line[k] == '+' || line[k] == '-') {
			k++
		}
		if !json.Valid(line[i:k]) {
			return k, false
		}
		j.rec = append(j.rec, line[i:k]...)
		return k, true
	}
	return i, false
}

func hasWord(line []byte, i int, w string) bool {
	return len(line)-i >= len(w) && string(line[i:i+len(w)]) == w
}

// skipComposite returns the end of the object or array at line[i],
// skipping strings; json.Valid checks it afterwards.
func skipComposite(line []byte, i int) (int, bool) {
	depth := 0
	for k := i; k < len(line); k++ {
		switch line[k] {
		case '"':
			for k++; k < len(line) && line[k] != '"'; k++ {
				if line[k] == '\\' {
					k++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return k + 1, true
			}
		}
	}
	return len(line), false
}

// jsonlWriter writes JSONL with every value a string.
type jsonlWriter struct {
	w      *bufio.Writer
	keys   []string // quoted keys with the colon, `"name":`
	header bool
}

func newJSONLWriter(w io.Writer) *jsonlWriter {
	return &jsonlWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (j *jsonlWriter) WriteHeader(columns []string) error {
	if j.header {
		return errHeaderTwice
	}
	j.header = true
	var b []byte
	for _, c := range columns {
		b = appendJSONString(b[:0], c)
		b = append(b, ':')
		j.keys = append(j.keys, string(b))
	}
	return nil
}

func (j *jsonlWriter) WriteRow(fields []string) error {
	return j.WriteJSONRow(fields, nil) // every value a string
}

// WriteJSONRow writes a row read from JSONL with the values' kinds: keys
// absent from the input object are left out, numbers, booleans, objects,
// arrays and null are written as they came; fields beyond kinds (the added
// columns) are strings.
func (j *jsonlWriter) WriteJSONRow(fields []string, kinds []JSONKind) error {
	if err := checkRow(j.header, len(fields), len(j.keys)); err != nil {
		return err
	}
	w := j.w
	w.WriteByte('{')
	first := true
	for i, k := range j.keys {
		kind := JSONString
		if i < len(kinds) {
			kind = kinds[i]
		}
		if kind == JSONAbsent {
			continue
		}
		if !first {
			w.WriteByte(',')
		}
		first = false
		w.WriteString(k)
		f := ""
		if i < len(fields) {
			f = fields[i]
		}
		switch kind {
		case JSONNull:
			w.WriteString("null")
		case JSONRaw:
			w.WriteString(f)
		default:
			writeJSONString(w, f)
		}
	}
	_, err := w.WriteString("}\n")
	return err
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

const hexDigits = "0123456789abcdef"

// jsonSafe tells the ASCII bytes that need no escape in a JSON string.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func appendJSONString(b []byte, s string) []byte {
	var buf strings.Builder
	bw := bufio.NewWriter(&buf)
	writeJSONString(bw, s)
	bw.Flush()
	return append(b, buf.String()...)
}

// writeJSONString writes s as a JSON string; invalid UTF-8 becomes U+FFFD.
func writeJSONString(w *bufio.Writer, s string) {
	w.WriteByte('"')
	start := 0
	valid := utf8.ValidString(s)
	for i := 0; i < len(s); {
		c := s[i]
		if jsonSafe[c] {
			i++
			continue
		}
		if c >= 0x80 && valid {
			// Only U+2028 and U+2029 (E2 80 A8/A9) need escaping.
			if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&0xFE == 0xA8 {
				w.WriteString(s[start:i])
				w.WriteString(`\u202`)
				w.WriteByte(hexDigits[s[i+2]&0xF])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				w.WriteString(s[start:i])
				w.WriteString(`\ufffd`)
				i += size
				start = i
				continue
			}
			if r == '\u2028' || r == '\u2029' {
				w.WriteString(s[start:i])
				w.WriteString(`\u202`)
				w.WriteByte(hexDigits[r&0xF])
				i += size
				start = i
				continue
			}
			i += size
			continue
		}
		w.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			w.WriteByte('\\')
			w.WriteByte(c)
		case '\n':
			w.WriteString(`\n`)
		case '\r':
			w.WriteString(`\r`)
		case '\t':
			w.WriteString(`\t`)
		default:
			w.WriteString(`\u00`)
			w.WriteByte(hexDigits[c>>4])
			w.WriteByte(hexDigits[c&0xF])
		}
		i++
		start = i
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}
