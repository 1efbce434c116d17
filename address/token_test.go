package address

import (
	"testing"
	"unicode/utf8"
)

// TestDecodeRune checks decodeRune against utf8.DecodeRuneInString on
// every rune and on every two-byte prefix of a non-ASCII byte followed by
// a sample of third bytes (truncated, overlong, surrogate and invalid
// sequences included).
func TestDecodeRune(t *testing.T) {
	check := func(s string) {
		t.Helper()
		r, n := decodeRune(s, 0)
		wr, wn := utf8.DecodeRuneInString(s)
		if r != wr || n != wn {
			t.Fatalf("decodeRune(%q) = %U, %d; want %U, %d", s, r, n, wr, wn)
		}
	}
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		check(string(r) + "x")
	}
	for c0 := 0x80; c0 < 0x100; c0++ {
		check(string([]byte{byte(c0)}))
		for c1 := range 0x100 {
			check(string([]byte{byte(c0), byte(c1)}))
			for _, c2 := range []byte{0, 'A', 0x80, 0xbf, 0xc0, 0xff} {
				check(string([]byte{byte(c0), byte(c1), c2}))
			}
		}
	}
}
