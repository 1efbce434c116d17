package tabular

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"
)

// readBufSize is the size of the read buffer: lines longer than it are
// cut field by field (readCut). A variable for the tests.
var readBufSize = 64 << 10

// lineSource yields physical lines, bounded in length, and can take back
// the lines read since a mark so that a reader can resynchronise after a
// record that swallowed lines it should not have.
type lineSource struct {
	br  *bufio.Reader
	max int // longest line kept; longer lines are truncated and flagged
	n   int // physical line number of the last line returned
	err error

	long []byte // a line longer than the bufio buffer

	// Field-aware cutting of lines longer than the bufio buffer (CSV and
	// TSV): each field keeps at most fieldMax bytes, so that one huge
	// field does not take the others with it. cut is the 1-based field
	// cut in the line last returned, 0 if none.
	fieldMax int
	sep      byte
	quotes   bool
	json     bool // JSON lines: the strings are cut instead (readCutJSON)
	cut      int

	// Lines to serve again before reading more, after a rewind.
	replay lineBuf
	pos    int // next line of replay

	// Lines returned since mark, while marking.
	marking bool
	markN   int
	rec     lineBuf
	spare   lineBuf
}

// lineBuf is a list of lines in one byte arena.
type lineBuf struct {
	data []byte
	ends []int
	long []bool
	cut  []int
}

func (b *lineBuf) reset() {
	b.data, b.ends, b.long, b.cut = b.data[:0], b.ends[:0], b.long[:0], b.cut[:0]
}

func (b *lineBuf) add(line []byte, long bool, cut int) {
	b.data = append(b.data, line...)
	b.ends = append(b.ends, len(b.data))
	b.long = append(b.long, long)
	b.cut = append(b.cut, cut)
}

func (b *lineBuf) line(i int) []byte {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.data[start:b.ends[i]]
}

func newLineSource(r io.Reader, max int) *lineSource {
	return &lineSource{br: bufio.NewReaderSize(r, readBufSize), max: max}
}

// next returns the next physical line without its line end (LF or CRLF),
// whether it was longer than max (then it is cut to max bytes and the rest
// is skipped), or the error that ended the input (io.EOF). A line exists if
// it has bytes or a line end: a final LF does not start another line. The
// line is valid until the next call.
func (s *lineSource) next() (line []byte, long bool, err error) {
	if s.pos < len(s.replay.ends) {
		line, long, s.cut = s.replay.line(s.pos), s.replay.long[s.pos], s.replay.cut[s.pos]
		s.pos++
		if s.pos == len(s.replay.ends) {
			s.pos = 0
			s.replay.reset()
		}
	} else {
		if s.err != nil {
			return nil, false, s.err
		}
		s.cut = 0
		line, long, err = s.read()
		if err != nil {
			return nil, false, err
		}
	}
	s.n++
	if s.marking {
		s.rec.add(line, long, s.cut)
	}
	return line, long, nil
}

func (s *lineSource) read() (line []byte, long bool, err error) {
	line, err = s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull && s.fieldMax > 0 {
		if s.json {
			return s.readCutJSON(line)
		}
		return s.readCut(line)
	}
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.br.ReadSlice('\n')
			if long {
				continue
			}
			if room := s.max - len(s.long); len(line) > room {
				s.long = append(s.long, line[:room]...)
				long = true
				continue
			}
			s.long = append(s.long, line...)
		}
		if long {
			if err != nil && err != io.EOF {
				s.err = err
			}
			return s.long, true, nil
		}
		line = s.long
	}
	if err != nil {
		s.err = err
		if len(line) == 0 {
			return nil, false, err
		}
	}
	line = trimEOL(line)
	if len(line) > s.max {
		return line[:s.max], true, nil
	}
	return line, false, nil
}

// trimEOL drops the line end (LF or CRLF) of line.
func trimEOL(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
		if n > 1 && line[n-2] == '\r' {
			line = line[:n-2]
		}
	}
	return line
}

// mark starts remembering the lines returned, so that rewind can give
// them back. The line last returned (number s.n) is the one that rewind
// goes back after.
func (s *lineSource) mark() {
	s.marking = true
	s.markN = s.n
	s.rec.reset()
}

// unmark forgets the lines remembered since mark.
func (s *lineSource) unmark() {
	s.marking = false
	s.rec.reset()
}

// rewind makes next return again the lines returned since mark, then the
// lines it would have returned anyway.
func (s *lineSource) rewind() {
	s.marking = false
	s.spare.reset()
	for i := range s.rec.ends {
		s.spare.add(s.rec.line(i), s.rec.long[i], s.rec.cut[i])
	}
	for i := s.pos; i < len(s.replay.ends); i++ {
		s.spare.add(s.replay.line(i), s.replay.long[i], s.replay.cut[i])
	}
	s.replay, s.spare = s.spare, s.replay
	s.pos = 0
	if len(s.replay.ends) == 0 {
		s.replay.reset()
	}
	s.rec.reset()
	s.n = s.markN
}

// readCut reads the rest of a line longer than the bufio buffer, of which
// first is the start, keeping at most fieldMax bytes of each field (and
// every separator and quote, so that the fields stay where they are): a
// field is cut at a character boundary, and s.cut names the first one cut.
// The line is long (cut to max bytes, as read does) only if what is kept
// is still longer than max.
func (s *lineSource) readCut(first []byte) (line []byte, long bool, err error) {
	s.long = s.long[:0]
	specials := "\n" + string(s.sep)
	if s.quotes {
		specials += `"`
	}
	field, n, quoted, dropping := 1, 0, false, false
	// As the CSV parser does (for naming the field cut): a quote opens a
	// quoted field only at the start of a field, or right after a closing
	// quote (an escaped quote); elsewhere it is literal.
	atStart, closed := true, false
	// keep appends plain bytes of the current field, up to fieldMax.
	keep := func(b []byte) {
		if len(b) == 0 {
			return
		}
		atStart, closed = false, false
		if dropping {
			return
		}
		if room := s.fieldMax - n; len(b) > room {
			b, dropping = b[:room], true
			if s.cut == 0 {
				s.cut = field
			}
		}
		s.long = append(s.long, b...)
		n += len(b)
		if dropping {
			// Do not leave half a character at the end of the field.
			s.long = dropPartialRune(s.long)
		}
	}
	chunk := first
	err = bufio.ErrBufferFull
	for {
		for len(chunk) > 0 && !long {
			i := bytes.IndexAny(chunk, specials)
			if i < 0 {
				keep(chunk)
				break
			}
			keep(chunk[:i])
			// Quotes, separators and line ends are always kept, and so
			// is the text right after them (up to fieldMax): the
			// structure of the record is unchanged, even on a line
			// that continues a quoted field (where quoted is wrong).
			switch c := chunk[i]; {
			case c == '"' && quoted:
				quoted, closed = false, true
			case c == '"' && (atStart || closed):
				quoted, closed, atStart = true, false, false
			case c == '"':
				atStart, closed = false, false
			case c == s.sep && !quoted:
				field++
				atStart, closed = true, false
			}
			s.long = append(s.long, chunk[i])
			n, dropping = 0, false
			chunk = chunk[i+1:]
			long = len(s.long) > s.max+1
		}
		if err != bufio.ErrBufferFull {
			break
		}
		chunk, err = s.br.ReadSlice('\n')
	}
	return s.endCut(err)
}

// readCutJSON is readCut for a JSON line: each JSON string keeps at most
// fieldMax bytes of its text (whole characters and whole escape
// sequences), and everything outside strings is kept, so that the line is
// still the same JSON, its long strings shortened. s.cut is 1 if a string
// was cut.
func (s *lineSource) readCutJSON(first []byte) (line []byte, long bool, err error) {
	s.long = s.long[:0]
	inString, dropping, n := false, false, 0
	escLeft := -1 // bytes of an escape sequence still to come; -1: none; 0: the byte after the backslash
	escKeep := false
	chunk := first
	err = bufio.ErrBufferFull
	for {
		for len(chunk) > 0 && !long {
			if escLeft >= 0 {
				// Inside an escape sequence: its bytes go as the
				// backslash went.
				c := chunk[0]
				chunk = chunk[1:]
				if escKeep {
					s.long = append(s.long, c)
				}
				switch {
				case escLeft == 0 && c == 'u':
					escLeft = 4
				case escLeft <= 1:
					escLeft = -1
				default:
					escLeft--
				}
				continue
			}
			specials := "\n\""
			if inString {
				specials = "\n\"\\"
			}
			i := bytes.IndexAny(chunk, specials)
			span := chunk
			if i >= 0 {
				span = chunk[:i]
			}
			if !inString {
				s.long = append(s.long, span...)
			} else if !dropping {
				if room := s.fieldMax - n; len(span) > room {
					s.long = append(s.long, span[:room]...)
					s.long = dropPartialRune(s.long)
					dropping, s.cut = true, 1
				} else {
					s.long = append(s.long, span...)
					n += len(span)
				}
			}
			if i < 0 {
				break
			}
			switch c := chunk[i]; c {
			case '"':
				inString, dropping, n = !inString, false, 0
				s.long = append(s.long, c)
			case '\\':
				// An escape of 2 or 6 bytes: kept whole or not at all.
				escKeep = !dropping && n+6 <= s.fieldMax
				if !escKeep && !dropping {
					dropping, s.cut = true, 1
				}
				if escKeep {
					s.long = append(s.long, c)
					n += 6
				}
				escLeft = 0
			default: // '\n'
				s.long = append(s.long, c)
			}
			chunk = chunk[i+1:]
			long = len(s.long) > s.max+1
		}
		if err != bufio.ErrBufferFull {
			break
		}
		chunk, err = s.br.ReadSlice('\n')
	}
	return s.endCut(err)
}

// endCut ends readCut and readCutJSON: it keeps the read error, drops the
// line end of s.long and cuts it at s.max (then s.cut is 0: the line is
// long, not cut field by field).
func (s *lineSource) endCut(err error) (line []byte, long bool, _ error) {
	if err != nil {
		s.err = err
	}
	line = trimEOL(s.long)
	if len(line) > s.max {
		s.cut = 0
		return line[:s.max], true, nil
	}
	return line, false, nil
}

// dropPartialRune returns b without the UTF-8 sequence left incomplete at
// its end, if any (looking back at most utf8.UTFMax bytes).
func dropPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			return b
		}
	}
	return b
}
