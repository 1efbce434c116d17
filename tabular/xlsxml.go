package tabular

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
)

// xmlScanner is the small pull parser that reads the XML parts of an XLSX
// file. It knows what those parts use (elements, attributes, text, the five
// predefined entities, character references, CDATA, comments and
// processing instructions), drops namespace prefixes, refuses a DTD (so no
// entity can expand), and bounds what one token and the nesting can take:
// a token longer than maxToken bytes or elements nested deeper than
// maxDepth are errors, so memory stays bounded whatever the input.
type xmlScanner struct {
	r        *bufio.Reader
	ctx      context.Context
	part     string // the part's name, for errors
	maxToken int
	maxDepth int
	depth    int
	ticks    int

	// The current token.
	kind  xmlKind
	name  []byte    // local name of a start or end tag
	attrs []xmlAttr // attributes of a start tag
	text  []byte    // decoded text

	selfClosing bool // the last start tag was <x/>: its end comes next
	raw         []byte
	abuf        []byte // decoded attribute values
}

type xmlKind uint8

const (
	xmlEOF xmlKind = iota
	xmlStart
	xmlEnd
	xmlText
)

// xmlAttr is an attribute: local name and decoded value, both valid until
// the next token.
type xmlAttr struct{ name, value []byte }

// Limits of the scanner.
const (
	xmlMaxToken = 4 << 20
	xmlMaxDepth = 64
)

// newXMLScanner returns a scanner of a part; size, its declared size,
// only sizes the buffer (of 64 KiB at most).
func newXMLScanner(ctx context.Context, r io.Reader, part string, size uint64) *xmlScanner {
	buf := int(min(64<<10, max(size+1, 512)))
	return &xmlScanner{r: bufio.NewReaderSize(r, buf), ctx: ctx, part: part, maxToken: xmlMaxToken, maxDepth: xmlMaxDepth}
}

// errorf returns a dvhc.EINVALID error about the part.
func (s *xmlScanner) errorf(format string, args ...any) error {
	return dvhc.Errorf(dvhc.EINVALID, "XLSX part %s: "+format, append([]any{s.part}, args...)...)
}

// attr returns the value of the attribute with the local name, or nil.
func (s *xmlScanner) attr(name string) []byte {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.value
		}
	}
	return nil
}

// is reports whether the current token is a start or end tag of name.
func (s *xmlScanner) is(kind xmlKind, name string) bool {
	return s.kind == kind && string(s.name) == name
}

// next reads the next token. At the end of the input it returns xmlEOF and
// nil; a malformed or over-limit input is an error.
func (s *xmlScanner) next() (xmlKind, error) {
	if s.ticks++; s.ticks&0x3fff == 0 && s.ctx != nil {
		if err := s.ctx.Err(); err != nil {
			return 0, err
		}
	}
	if s.selfClosing {
		s.selfClosing = false
		s.kind, s.attrs = xmlEnd, s.attrs[:0]
		s.depth--
		return xmlEnd, nil
	}
	for {
		c, err := s.r.ReadByte()
		if err == io.EOF {
			if s.depth != 0 {
				return 0, s.errorf("unexpected end of the XML")
			}
			s.kind = xmlEOF
			return xmlEOF, nil
		}
		if err != nil {
			return 0, err
		}
		if c != '<' {
			s.r.UnreadByte()
			return s.readText()
		}
		c, err = s.r.ReadByte()
		if err != nil {
			return 0, s.errorf("unexpected end of the XML")
		}
		switch c {
		case '?':
			if err := s.skipPast("?>"); err != nil {
				return 0, err
			}
			continue
		case '!':
			k, err := s.readBang()
			if err != nil {
				return 0, err
			}
			if k == xmlText {
				return k, nil
			}
			continue
		case '/':
			raw, err := s.readUntil('>', false)
			if err != nil {
				return 0, err
			}
			s.kind, s.name, s.attrs = xmlEnd, localName(bytes.TrimSpace(raw)), s.attrs[:0]
			if s.depth--; s.depth < 0 {
				return 0, s.errorf("unexpected end tag </%s>", s.name)
			}
			return xmlEnd, nil
		default:
			s.r.UnreadByte()
			return s.readStart()
		}
	}
}

// readUntil reads up to and including delim, bounded by maxToken, and
// returns what came before delim (valid until the next read). In a tag
// (quoted true), a delim inside a quoted attribute value does not count.
func (s *xmlScanner) readUntil(delim byte, quoted bool) ([]byte, error) {
	s.raw = s.raw[:0]
	var quote byte
	for {
		chunk, err := s.r.ReadSlice(delim)
		s.raw = append(s.raw, chunk...)
		if len(s.raw) > s.maxToken {
			return nil, s.errorf("XML token longer than %d bytes", s.maxToken)
		}
		if quoted {
			// Track the quotes of every piece, so that a delim inside a
			// quoted value is known as such even in a tag longer than
			// the buffer.
			for _, b := range chunk {
				switch {
				case quote == 0 && (b == '"' || b == '\''):
					quote = b
				case b == quote:
					quote = 0
				}
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			return nil, s.errorf("unexpected end of the XML")
		}
		if err != nil {
			return nil, err
		}
		if quote != 0 {
			continue // delim inside quotes
		}
		return s.raw[:len(s.raw)-1], nil
	}
}

// skipPast skips the input up to and including end.
func (s *xmlScanner) skipPast(end string) error {
	n := 0
	var last []byte
	for {
		chunk, err := s.r.ReadSlice(end[len(end)-1])
		n += len(chunk)
		if n > s.maxToken {
			return s.errorf("XML token longer than %d bytes", s.maxToken)
		}
		if err == bufio.ErrBufferFull {
			last = append(last[:0], chunk[max(0, len(chunk)-len(end)):]...)
			continue
		}
		if err != nil {
			return s.errorf("unexpected end of the XML")
		}
		tail := append(last, chunk...)
		if bytes.HasSuffix(tail, []byte(end)) {
			return nil
		}
		last = append(last[:0], tail[max(0, len(tail)-len(end)):]...)
	}
}

// readBang reads what follows "<!": a comment (skipped), CDATA (text) or a
// DTD (refused).
func (s *xmlScanner) readBang() (xmlKind, error) {
	p, _ := s.r.Peek(7)
	switch {
	case bytes.HasPrefix(p, []byte("--")):
		s.r.Discard(2)
		return 0, s.skipPast("-->")
	case bytes.HasPrefix(p, []byte("[CDATA[")):
		s.r.Discard(7)
		s.text = s.text[:0]
		for {
			raw, err := s.readUntil('>', false)
			if err != nil {
				return 0, err
			}
			s.text = append(s.text, raw...)
			if len(s.text) > s.maxToken {
				return 0, s.errorf("XML token longer than %d bytes", s.maxToken)
			}
			if bytes.HasSuffix(s.text, []byte("]]")) {
				s.text = s.text[:len(s.text)-2]
				s.text = normalizeNewlines(s.text)
				s.kind = xmlText
				return xmlText, nil
			}
			s.text = append(s.text, '>')
		}
	}
	return 0, s.errorf("DTD or unknown markup <!%s refused", bytes.TrimRight(p, "\x00"))
}

// readText reads character data up to the next '<'.
func (s *xmlScanner) readText() (xmlKind, error) {
	s.raw = s.raw[:0]
	for {
		chunk, err := s.r.ReadSlice('<')
		s.raw = append(s.raw, chunk...)
		if len(s.raw) > s.maxToken {
			return 0, s.errorf("XML token longer than %d bytes", s.maxToken)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			if s.depth != 0 {
				return 0, s.errorf("unexpected end of the XML")
			}
			break // trailing text after the root
		}
		if err != nil {
			return 0, err
		}
		s.r.UnreadByte()
		s.raw = s.raw[:len(s.raw)-1]
		break
	}
	var err error
	s.text, err = s.decode(s.text[:0], s.raw)
	if err != nil {
		return 0, err
	}
	s.kind = xmlText
	return xmlText, nil
}

// readStart reads a start tag.
func (s *xmlScanner) readStart() (xmlKind, error) {
	raw, err := s.readUntil('>', true)
	if err != nil {
		return 0, err
	}
	s.selfClosing = false
	if n := len(raw); n > 0 && raw[n-1] == '/' {
		s.selfClosing = true
		raw = raw[:n-1]
	}
	i := 0
	for i < len(raw) && !isSpace(raw[i]) {
		i++
	}
	if i == 0 {
		return 0, s.errorf("malformed tag")
	}
	s.kind, s.name = xmlStart, localName(raw[:i])
	s.attrs, s.abuf = s.attrs[:0], s.abuf[:0]
	// Values are decoded into abuf; record offsets first, since abuf may move.
	type span struct {
		name     []byte
		from, to int
	}
	var spans [8]span
	list := spans[:0]
	rest := raw[i:]
	for {
		rest = trimSpaceLeft(rest)
		if len(rest) == 0 {
			break
		}
		eq := bytes.IndexByte(rest, '=')
		if eq <= 0 {
			return 0, s.errorf("malformed attribute in <%s>", s.name)
		}
		name := localName(bytes.TrimSpace(rest[:eq]))
		rest = trimSpaceLeft(rest[eq+1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return 0, s.errorf("unquoted attribute in <%s>", s.name)
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return 0, s.errorf("malformed attribute in <%s>", s.name)
		}
		from := len(s.abuf)
		if s.abuf, err = s.decode(s.abuf, rest[1:1+end]); err != nil {
			return 0, err
		}
		list = append(list, span{name, from, len(s.abuf)})
		rest = rest[end+2:]
	}
	for _, sp := range list {
		s.attrs = append(s.attrs, xmlAttr{name: sp.name, value: s.abuf[sp.from:sp.to]})
	}
	if s.depth++; s.depth > s.maxDepth {
		return 0, s.errorf("XML nested deeper than %d elements", s.maxDepth)
	}
	return xmlStart, nil
}

// skip skips the rest of the element whose start tag was just read.
func (s *xmlScanner) skip() error {
	d := s.depth
	for s.depth >= d {
		if _, err := s.nextIn(); err != nil {
			return err
		}
	}
	return nil
}

// nextIn is next inside an element: the end of the input is an error.
func (s *xmlScanner) nextIn() (xmlKind, error) {
	k, err := s.next()
	if err == nil && k == xmlEOF {
		return 0, s.errorf("unexpected end of the XML")
	}
	return k, err
}

// elementText returns the text of the element whose start tag was just
// read, appended to dst; the text of nested elements counts, except those
// named in skipNames (such as phonetic runs). It stops after the element's
// end tag. The text is bounded by limit bytes: past it, the rest is dropped
// and long is set.
func (s *xmlScanner) elementText(dst []byte, limit int, skipNames ...string) (out []byte, long bool, err error) {
	d := s.depth
	for s.depth >= d {
		k, err := s.nextIn()
		if err != nil {
			return dst, long, err
		}
		switch k {
		case xmlText:
			if len(dst)+len(s.text) > limit {
				long = true
				continue
			}
			dst = append(dst, s.text...)
		case xmlStart:
			for _, n := range skipNames {
				if string(s.name) == n {
					if err := s.skip(); err != nil {
						return dst, long, err
					}
					break
				}
			}
		}
	}
	return dst, long, nil
}

// decode appends raw with its references decoded and its line ends
// normalized to dst.
func (s *xmlScanner) decode(dst, raw []byte) ([]byte, error) {
	for len(raw) > 0 {
		i := indexRefOrCR(raw)
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 || semi > 12 {
			return dst, s.errorf("malformed character reference %q", clip(raw, 12))
		}
		ref := raw[1:semi]
		raw = raw[semi+1:]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return dst, s.errorf("unknown entity &%s;", ref)
			}
			var n uint64
			var err error
			if ref[1] == 'x' {
				n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
			}
			if err != nil {
				return dst, s.errorf("malformed character reference &%s;", ref)
			}
			r := rune(n)
			if !utf8.ValidRune(r) || r == 0 {
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, nil
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func normalizeNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}

func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

func trimSpaceLeft(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// indexRefOrCR returns the index of the first '&' or '\r' of b, or -1.
func indexRefOrCR(b []byte) int {
	for i, c := range b {
		if c == '&' || c == '\r' {
			return i
		}
	}
	return -1
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
