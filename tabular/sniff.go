package tabular

import (
	"bufio"
	"bytes"
)

// sniffComma returns the delimiter of a CSV file from its first line: the
// most frequent of ',', ';' and tab outside quotes, ',' on a tie. Excel
// writes ';' where the decimal separator is a comma (Vietnamese locales).
func sniffComma(br *bufio.Reader) byte {
	b, _ := br.Peek(readBufSize)
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return SniffComma(b)
}

// SniffComma returns the delimiter of a CSV header line: the most frequent
// of ',', ';' and tab outside double quotes, ',' when none is more
// frequent than it.
func SniffComma(line []byte) byte {
	var n [3]int
	quoted := false
	for _, c := range line {
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				n[0]++
			}
		case ';':
			if !quoted {
				n[1]++
			}
		case '\t':
			if !quoted {
				n[2]++
			}
		}
	}
	best, comma := n[0], byte(',')
	if n[1] > best {
		best, comma = n[1], ';'
	}
	if n[2] > best {
		comma = '\t'
	}
	return comma
}

// Comma returns the field delimiter of a CSV reader (given or detected),
// 0 for other readers.
func Comma(r Reader) byte {
	if t, ok := r.(*textReader); ok && !t.tsv {
		return t.sep
	}
	return 0
}
