package tabular

import (
	"bufio"
	"io"

	"github.com/dvhc-vn/dvhc/vnenc"
)

// detectBytes is how much of a text input the encoding is detected from:
// a fixed amount, so that the answer never depends on buffer sizes.
const detectBytes = 64 << 10

// decodeText returns r converted to UTF-8 NFC from the encoding named
// (see vnenc.Parse), or, for "", from the legacy encoding detected in its
// first 64 KiB when they are not UTF-8 (see vnenc.Detect).
func decodeText(r io.Reader, name string) (io.Reader, error) {
	if name != "" {
		e, err := vnenc.Parse(name)
		if err != nil {
			return nil, err
		}
		return vnenc.NewReader(r, e), nil
	}
	br := bufio.NewReaderSize(r, detectBytes)
	head, _ := br.Peek(detectBytes)
	return vnenc.NewReader(br, vnenc.Detect(head)), nil
}
