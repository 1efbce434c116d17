package tabular

import (
	"bufio"
	"encoding/binary"
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
	// sepWord is sep in every byte of a word (quoteBits).
	sepWord uint64
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
	t.sepWord = lows * uint64(t.sep)
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
	// ExcelSafe per field, and the 33 bytes that a field's copy a word
	// at a time may write.
	need := len(t.eol) + t.cols + 1 + 33
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
		// The common case, with its tests out of the loop, and the
		// copy of a field of up to 32 bytes (most fields of dvhc
		// convert's rows) a word at a time, without a call: loads that
		// cover the field (overlapping), as many stores, and a test of
		// the words for the bytes that make a field quoted (quoteBits,
		// then quoteTail for a word it flags). With special's word
		// checks, writing a row of dvhc convert takes some 2,070
		// instructions instead of 2,420 with a call of appendCSV for
		// each field, which checked bytes in the table t.quote.
		// The line goes to buf at p, each field followed by a
		// separator.
		buf, p, sep := b[:cap(b)], 0, t.sep
		for _, f := range fields {
			m := len(f)
			if m > 0 && m <= 32 && len(buf)-p > 32 {
				c := buf[p : p+33]
				var x uint64
				switch {
				case m >= 16:
					w0, w1, w2, w3 := load64(f, 0), load64(f, 8), load64(f, m-16), load64(f, m-8)
					binary.LittleEndian.PutUint64(c, w0)
					binary.LittleEndian.PutUint64(c[8:], w1)
					binary.LittleEndian.PutUint64(c[m-16:], w2)
					binary.LittleEndian.PutUint64(c[m-8:], w3)
					x = t.quoteBits(w0) | t.quoteBits(w1) | t.quoteBits(w2) | t.quoteBits(w3)
					if x != 0 && !t.quoteTail(w0) && !t.quoteTail(w1) && !t.quoteTail(w2) && !t.quoteTail(w3) {
						x = 0
					}
				case m >= 8:
					w0, w1 := load64(f, 0), load64(f, m-8)
					binary.LittleEndian.PutUint64(c, w0)
					binary.LittleEndian.PutUint64(c[m-8:], w1)
					x = t.quoteBits(w0) | t.quoteBits(w1)
					if x != 0 && !t.quoteTail(w0) && !t.quoteTail(w1) {
						x = 0
					}
				case m >= 4:
					w0, w1 := load32(f, 0), load32(f, m-4)
					binary.LittleEndian.PutUint32(c, w0)
					binary.LittleEndian.PutUint32(c[m-4:], w1)
					y := uint64(w0) | uint64(w1)<<32
					if x = t.quoteBits(y); x != 0 && !t.quoteTail(y) {
						x = 0
					}
				default:
					// One to three bytes: the first, the middle and the
					// last cover them.
					c[0], c[m/2], c[m-1] = f[0], f[m/2], f[m-1]
					x = uint64(t.quote[f[0]] | t.quote[f[m/2]] | t.quote[f[m-1]])
				}
				if x == 0 && f[0] != ' ' && f[m-1] != ' ' {
					c[m] = sep
					p += m + 1
					continue
				}
			}
			if m > 0 {
				buf = t.appendCSV(buf[:p], f, false)
				p = len(buf)
				buf = buf[:cap(buf)]
			}
			buf[p] = sep
			p++
		}
		// A line has t.cols-1 separators: those of the missing fields,
		// or one less than written.
		if extra := t.cols - 1 - len(fields); extra < 0 {
			p--
		} else {
			for range extra {
				buf[p] = sep
				p++
			}
		}
		b = buf[:p]
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
// where an empty field is written "" (a line of its own). The field is
// checked first (special, a word at a time), then copied once, plain or
// quoted. (writeLine copies and checks the short fields of the usual
// line itself, a word at a time, and calls this for the others.)
func (t *textWriter) appendCSV(b []byte, f string, only bool) []byte {
	if f == "" {
		if only {
			b = append(b, `""`...)
		}
		return b
	}
	if f[0] != ' ' && f[len(f)-1] != ' ' && !t.special(f) {
		return append(b, f...)
	}
	b = append(b, '"')
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

// Word-at-a-time constants: a one and a high bit in every byte.
const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// quoteBits returns 0 if no byte of the word x is t.sep, '"' or below
// 0x0E (which takes in LF, 0x0A, and CR, 0x0D), else not 0: a cheap
// test that no byte of t.quote is in x, with quoteTail for the rare
// words it flags. (v-lows)&^v&highs is not 0 exactly when a byte of v is
// 0, and (x-lows*k)&^x&highs when a byte of x is below k (k <= 0x80).
func (t *textWriter) quoteBits(x uint64) uint64 {
	s := x ^ t.sepWord
	q := x ^ (lows * '"')
	return ((s-lows)&^s | (q-lows)&^q | (x-lows*0x0E)&^x) & highs
}

// quoteTail reports whether a byte of the word x, which quoteBits
// flags, is a byte of t.quote: a byte below
// 0x0E may be a tab or another control byte than CR and LF.
func (t *textWriter) quoteTail(x uint64) bool {
	s, q := x^t.sepWord, x^(lows*'"')
	n, r := x^(lows*'\n'), x^(lows*'\r')
	return ((s-lows)&^s|(q-lows)&^q|(n-lows)&^n|(r-lows)&^r)&highs != 0
}

// special reports whether f holds a byte that makes a CSV field quoted
// (t.quote), a word at a time.
func (t *textWriter) special(f string) bool {
	if len(f) < 8 {
		var q uint8
		for i := 0; i < len(f); i++ {
			q |= t.quote[f[i]]
		}
		return q != 0
	}
	i := 0
	for ; i+8 <= len(f); i += 8 {
		if x := load64(f, i); t.quoteBits(x) != 0 && t.quoteTail(x) {
			return true
		}
	}
	if i == len(f) {
		return false
	}
	// The last bytes, in the word that ends f.
	x := load64(f, len(f)-8)
	return t.quoteBits(x) != 0 && t.quoteTail(x)
}

// load64 returns the eight bytes of s from i as a little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 returns the four bytes of s from i as a little-endian word.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
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
