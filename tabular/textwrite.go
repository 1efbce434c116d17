package tabular

import (
	"bufio"
	"io"
	"strings"
)

// textWriter writes CSV and TSV.
type textWriter struct {
	w      *bufio.Writer
	tsv    bool
	sep    byte
	eol    string
	bom    bool
	safe   bool
	cols   int
	header bool
	// quote marks the bytes that make a CSV field quoted: the
	// delimiter, the quote, CR and LF.
	quote [256]uint8
}

func newTextWriter(w io.Writer, f Format, opts WriterOptions) *textWriter {
	t := &textWriter{w: bufio.NewWriterSize(w, 64<<10), tsv: f == TSV, sep: opts.Comma, eol: "\n", bom: opts.BOM, safe: opts.ExcelSafe}
	if t.tsv {
		t.sep = '\t'
	}
	if opts.CRLF {
		t.eol = "\r\n"
	}
	for _, c := range []byte{t.sep, '"', '\n', '\r'} {
		t.quote[c] = 1
	}
	return t
}

func (t *textWriter) WriteHeader(columns []string) error {
	if t.header {
		return errHeaderTwice
	}
	t.header = true
	t.cols = len(columns)
	if t.bom {
		t.w.WriteString("\xEF\xBB\xBF")
	}
	if len(columns) == 0 {
		return nil
	}
	return t.writeLine(columns)
}

func (t *textWriter) WriteRow(fields []string) error {
	if err := checkRow(t.header, len(fields), t.cols); err != nil {
		return err
	}
	return t.writeLine(fields)
}

// writeLine writes one line: at once into the buffer when it surely fits
// there (the common case), else field by field (writeFields).
func (t *textWriter) writeLine(fields []string) error {
	// At most every byte escaped, two quotes, a separator and a ' of
	// ExcelSafe per field.
	need := len(t.eol) + t.cols + 1
	for _, f := range fields {
		need += 2*len(f) + 4
	}
	w := t.w
	if need > w.Available() {
		if need > w.Size() {
			return t.writeFields(fields)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	b := w.AvailableBuffer()
	if !t.safe && !t.tsv && t.cols > 1 {
		// The common case, with its tests out of the loop.
		for i, f := range fields {
			if i > 0 {
				b = append(b, t.sep)
			}
			b = t.appendCSV(b, f, false)
		}
		for i := len(fields); i < t.cols; i++ {
			if i > 0 {
				b = append(b, t.sep)
			}
		}
		b = append(b, t.eol...)
		_, err := w.Write(b)
		return err
	}
	for i, f := range fields {
		if i > 0 {
			b = append(b, t.sep)
		}
		if t.safe {
			f = ExcelSafe(f)
		}
		if t.tsv {
			b = appendTSV(b, f)
		} else {
			b = t.appendCSV(b, f, t.cols == 1)
		}
	}
	for i := len(fields); i < t.cols; i++ {
		if i > 0 {
			b = append(b, t.sep)
		} else if !t.tsv {
			b = t.appendCSV(b, "", t.cols == 1)
		}
	}
	b = append(b, t.eol...)
	_, err := w.Write(b)
	return err
}

// appendCSV appends field f to b, quoted if it holds a byte of t.quote
// or starts or ends with a space; only says that it is the only column,
// where an empty field is written "" (a line of its own).
func (t *textWriter) appendCSV(b []byte, f string, only bool) []byte {
	if f == "" {
		if only {
			b = append(b, `""`...)
		}
		return b
	}
	n := len(b)
	if len(f) <= 16 && cap(b)-n >= len(f) {
		// A short field (a code, a status) is copied and checked in
		// one loop, without the calls.
		c := b[n : n+len(f)]
		var m uint8
		for i := range c {
			m |= t.quote[f[i]]
			c[i] = f[i]
		}
		if m == 0 && f[0] != ' ' && f[len(f)-1] != ' ' {
			return b[:n+len(f)]
		}
	} else {
		// Copy first, then check the copied bytes, which are then in
		// cache: one cold pass over f instead of two.
		b = append(b, f...)
		if c := b[n:]; c[0] != ' ' && c[len(c)-1] != ' ' && !t.special(c) {
			return b
		}
	}
	b = append(b[:n], '"')
	for {
		i := strings.IndexByte(f, '"')
		if i < 0 {
			b = append(b, f...)
			break
		}
		b = append(b, f[:i+1]...)
		b = append(b, '"')
		f = f[i+1:]
	}
	return append(b, '"')
}

// special reports whether f holds a byte that makes a CSV field quoted
// (t.quote), eight bytes a step.
func (t *textWriter) special(f []byte) bool {
	q := &t.quote
	i := 0
	for ; i+8 <= len(f); i += 8 {
		s := f[i : i+8]
		if q[s[0]]|q[s[1]]|q[s[2]]|q[s[3]]|q[s[4]]|q[s[5]]|q[s[6]]|q[s[7]] != 0 {
			return true
		}
	}
	for ; i < len(f); i++ {
		if q[f[i]] != 0 {
			return true
		}
	}
	return false
}

// appendTSV appends field f to b with \t, \n, \r and \\ escaped.
func appendTSV(b []byte, f string) []byte {
	start := 0
	for i := 0; i < len(f); i++ {
		var esc string
		switch f[i] {
		case '\t':
			esc = `\t`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\\':
			esc = `\\`
		default:
			continue
		}
		b = append(b, f[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	return append(b, f[start:]...)
}

// writeFields writes a line too long for the buffer, field by field
// through it.
func (t *textWriter) writeFields(fields []string) error {
	w := t.w
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(t.sep)
		}
		if t.safe {
			f = ExcelSafe(f)
		}
		if t.tsv {
			t.writeTSV(f)
		} else {
			t.writeCSV(f, t.cols == 1)
		}
	}
	for i := len(fields); i < t.cols; i++ {
		if i > 0 {
			w.WriteByte(t.sep)
		} else if !t.tsv {
			t.writeCSV("", t.cols == 1)
		}
	}
	_, err := w.WriteString(t.eol)
	return err
}

// writeCSV writes one field, quoted if need be (appendCSV into the
// writer's free buffer, which grows only for a field longer than it).
func (t *textWriter) writeCSV(f string, only bool) {
	t.w.Write(t.appendCSV(t.w.AvailableBuffer(), f, only))
}

// writeTSV writes one field with \t, \n, \r and \\ escaped (appendTSV
// into the writer's free buffer, which grows only for a field longer
// than it).
func (t *textWriter) writeTSV(f string) {
	t.w.Write(appendTSV(t.w.AvailableBuffer(), f))
}

func (t *textWriter) Close() error { return t.w.Flush() }

// ExcelSafe returns s with a ' before it if a spreadsheet would read it as
// a formula: if it starts with =, +, -, @, a tab or a CR, and is not a
// plain decimal number (-12.5, +3, 1e-3 are left alone). Other strings are
// returned as they are. This is OWASP's advice against CSV injection.
func ExcelSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !plainNumber(s) {
			return "'" + s
		}
	}
	return s
}

// plainNumber reports whether s is a decimal number: a sign, digits with
// at most one '.' or ',', and an optional exponent.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, point := 0, false
digits:
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && !point:
			point = true
		default:
			break digits
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		n := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			n++
		}
		if n == 0 {
			return false
		}
	}
	return i == len(s)
}
