// Package vnenc reads the legacy Vietnamese text encodings that provincial
// offices' files still use — TCVN3 (ABC), VNI and Windows-1258 — detects
// which one a text is in, and converts it to UTF-8 in Unicode NFC.
//
// The tables are built from the encodings' published character maps:
// TCVN3 (TCVN 5712:1993, the VN3 "ABC" fonts) has one byte per lowercase
// letter with its diacritics and bytes for Ă Â Ê Ô Ơ Ư Đ; VNI (the VNI
// Windows fonts) writes a letter as an ASCII vowel followed by a byte for
// its marks (a + ø = à, e + ä = ệ), with single bytes for ơ ư đ and the
// toned i and ỵ; Windows-1258 (golang.org/x/text's charmap) has letters with
// a hat, breve or horn and combining tone marks, which the conversion
// composes (NFC).
package vnenc

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dvhc-vn/dvhc"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Encoding is a text encoding of Vietnamese.
type Encoding uint8

// The encodings.
const (
	UTF8        Encoding = iota // UTF-8: nothing to convert
	TCVN3                       // TCVN3 (ABC, TCVN 5712 VN3)
	VNI                         // VNI Windows
	Windows1258                 // Windows-1258 (cp1258)
)

var names = [...]string{"utf-8", "tcvn3", "vni", "windows-1258"}

// String returns the name of e: utf-8, tcvn3, vni or windows-1258.
func (e Encoding) String() string {
	if int(e) < len(names) {
		return names[e]
	}
	return "Encoding(?)"
}

// Parse reads an encoding name, case-insensitively: utf-8 (utf8), tcvn3
// (abc, tcvn), vni, windows-1258 (cp1258). Other names are a dvhc.EINVALID
// error.
func Parse(name string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "utf-8", "utf8":
		return UTF8, nil
	case "tcvn3", "abc", "tcvn", "tcvn-3":
		return TCVN3, nil
	case "vni", "vni-windows":
		return VNI, nil
	case "windows-1258", "cp1258", "windows1258":
		return Windows1258, nil
	}
	return 0, dvhc.Errorf(dvhc.EINVALID, "unknown encoding %q (want utf-8, tcvn3, vni or windows-1258)", name)
}

// tcvn3 maps the bytes of TCVN3 that are Vietnamese letters; the other
// bytes are read as Latin-1.
var tcvn3 = map[byte]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// Combining marks.
const (
	grave = "\u0300"
	acute = "\u0301"
	hook  = "\u0309"
	tilde = "\u0303"
	dot   = "\u0323"
	hat   = "\u0302" // circumflex
	breve = "\u0306"
)

// vniMarks maps the VNI bytes that follow a vowel to its marks (lowercase
// bytes; the uppercase ones are 0x20 lower).
var vniMarks = map[byte]string{
	0xF9: acute, 0xF8: grave, 0xFB: hook, 0xF5: tilde, 0xEF: dot,
	0xE2: hat, 0xE1: hat + acute, 0xE0: hat + grave, 0xE5: hat + hook, 0xE3: hat + tilde, 0xE4: hat + dot,
	0xEA: breve, 0xE9: breve + acute, 0xE8: breve + grave, 0xFA: breve + hook, 0xFC: breve + tilde, 0xEB: breve + dot,
}

// vniLetters maps the VNI bytes that are letters by themselves.
var vniLetters = map[byte]rune{
	0xF4: 'ơ', 0xD4: 'Ơ', 0xF6: 'ư', 0xD6: 'Ư', 0xF1: 'đ', 0xD1: 'Đ',
	0xED: 'í', 0xCD: 'Í', 0xEC: 'ì', 0xCC: 'Ì', 0xE6: 'ỉ', 0xC6: 'Ỉ', 0xF3: 'ĩ', 0xD3: 'Ĩ', 0xF2: 'ị', 0xD2: 'Ị',
	0xEE: 'ỵ', 0xCE: 'Ỵ',
}

// vniMark returns the marks of a VNI byte after a vowel.
func vniMark(c byte) (string, bool) {
	if m, ok := vniMarks[c]; ok {
		return m, true
	}
	m, ok := vniMarks[c+0x20]
	return m, ok && c >= 0xC0
}

// takes tells whether the vowel base (the last rune written) takes marks.
func takes(base rune, marks string) bool {
	switch unicode.ToLower(base) {
	case 'a':
		return true
	case 'e', 'o':
		return !strings.HasPrefix(marks, breve)
	case 'i', 'u', 'y', 'ơ', 'ư':
		return !strings.HasPrefix(marks, breve) && !strings.HasPrefix(marks, hat)
	}
	return false
}

// Decode converts text in encoding e to UTF-8 NFC. UTF8 text is returned
// with invalid bytes replaced by U+FFFD.
func Decode(e Encoding, b []byte) string {
	var s strings.Builder
	switch e {
	case TCVN3:
		for _, c := range b {
			if r, ok := tcvn3[c]; ok {
				s.WriteRune(r)
			} else {
				s.WriteRune(rune(c))
			}
		}
	case VNI:
		var last rune // the last letter written, 0 after marks
		for _, c := range b {
			if c < 0x80 {
				s.WriteByte(c)
				last = rune(c)
				continue
			}
			if m, ok := vniMark(c); ok && takes(last, m) {
				s.WriteString(m)
				last = 0
				continue
			}
			r, ok := vniLetters[c]
			if !ok {
				r = rune(c)
			}
			s.WriteRune(r)
			last = r
		}
	case Windows1258:
		out, _ := charmap.Windows1258.NewDecoder().Bytes(b)
		s.Write(out)
	default:
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return norm.NFC.String(s.String())
}

// vietnamese holds the lowercase letters with Vietnamese diacritics.
const vietnamese = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

// plausible returns the share of non-ASCII runes of s that are Vietnamese
// letters, and their number.
func plausible(s string) (float64, int) {
	good, all := 0, 0
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		all++
		if strings.ContainsRune(vietnamese, unicode.ToLower(r)) {
			good++
		}
	}
	if all == 0 {
		return 0, 0
	}
	return float64(good) / float64(all), all
}

// Detect tells the encoding of a sample of text: UTF8 if it is valid UTF-8
// (a rune cut at the end of the sample is forgiven) or if no legacy
// encoding reads at least 3 of its bytes as Vietnamese; otherwise the legacy encoding that
// reads most of its non-ASCII bytes as Vietnamese letters (VNI, then
// Windows-1258, then TCVN3 on a tie).
func Detect(sample []byte) Encoding {
	if validPrefix(sample) {
		return UTF8
	}
	best, bestScore := UTF8, 0.0
	for _, e := range []Encoding{VNI, Windows1258, TCVN3} {
		score, n := plausible(Decode(e, sample))
		if n >= minEvidence && score > bestScore+0.02 {
			best, bestScore = e, score
		}
	}
	if bestScore < 0.8 {
		return UTF8
	}
	return best
}

// minEvidence is the fewest non-ASCII letters taken as a legacy encoding:
// a stray byte in a UTF-8 file stays an error to report.
const minEvidence = 3

// validPrefix tells whether b is valid UTF-8 but for a rune cut at its end.
func validPrefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		if utf8.Valid(b[:len(b)-i]) && !utf8.FullRune(b[len(b)-i:]) {
			return true
		}
	}
	return false
}

// NewReader returns a reader of the UTF-8 NFC text of r, which is in
// encoding e. It converts line by line (a line longer than 64 KiB in
// pieces), so it streams in constant memory.
func NewReader(r io.Reader, e Encoding) io.Reader {
	if e == UTF8 {
		return r
	}
	return &reader{br: bufio.NewReaderSize(r, 64<<10), enc: e}
}

type reader struct {
	br    *bufio.Reader
	enc   Encoding
	carry []byte // the end of a long line's piece, decoded with the next piece
	out   []byte // decoded, not yet read
	err   error
}

func (d *reader) Read(p []byte) (int, error) {
	for len(d.out) == 0 {
		if d.err != nil {
			return 0, d.err
		}
		line, err := d.br.ReadSlice('\n')
		chunk := append(d.carry, line...)
		d.carry = nil
		if err == bufio.ErrBufferFull {
			// A piece of a long line: decode up to a safe cut, an ASCII
			// byte that is no letter (a VNI vowel and its marks, or a
			// letter and its combining tone, must be decoded together),
			// and keep the rest for the next piece.
			k := safeCut(chunk)
			d.carry = append([]byte(nil), chunk[k:]...)
			chunk = chunk[:k]
			err = nil
		}
		d.out = append(d.out[:0], Decode(d.enc, chunk)...)
		d.err = err
	}
	n := copy(p, d.out)
	d.out = d.out[n:]
	return n, nil
}

// safeCut returns where a piece of a line may be cut: before the last
// ASCII byte that is not a letter among its last 256 bytes, else 4 bytes
// before its end.
func safeCut(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-256; i-- {
		if c := b[i]; c < 0x80 && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return i
		}
	}
	return max(0, len(b)-4)
}
