package tabular

import (
	"errors"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestValidUTF8 compares validUTF8 with utf8.Valid on every sequence of
// up to three bytes (behind prefixes that put it on either side of the
// eight-byte ASCII steps) and on random Vietnamese-like text.
func TestValidUTF8(t *testing.T) {
	check := func(p []byte) {
		if got, want := validUTF8(p), utf8.Valid(p); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", p, got, want)
		}
	}
	for _, prefix := range []string{"", "abcdefg", "Số 5 ", "0123456789abcde"} {
		p := []byte(prefix)
		n := len(p)
		for a := range 256 {
			for b := range 256 {
				check(append(p[:n], byte(a), byte(b)))
				for _, c := range []byte{0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF} {
					check(append(p[:n], byte(a), byte(b), c))
					check(append(p[:n], byte(a), byte(b), c, 0x80, 'x'))
				}
			}
		}
	}
	alphabet := []string{"a", " ", ",", "ố", "Đ", "ạ", "😀", "\u2028", "\xff", "\xe1\xbb", "\xed\xa0\x80", "\xf4\x90\x80\x80"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var p []byte
		for range r.IntN(60) {
			p = append(p, alphabet[r.IntN(len(alphabet))]...)
		}
		check(p)
	}
}

func FuzzValidUTF8(f *testing.F) {
	f.Add([]byte("Số 271 Võ Thị Sáu, Xã Vĩnh Hậu"))
	f.Add([]byte("abc\xffdef\xed\xa0\x80"))
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := validUTF8(p), utf8.Valid(p); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", p, got, want)
		}
	})
}

func BenchmarkValidUTF8(b *testing.B) {
	line := []byte("Số 271 Võ Thị Sáu, Xã Vĩnh Hậu, Huyện An Phú, Tỉnh An Giang,full,30364,30367,30367")
	b.SetBytes(int64(len(line)))
	b.Run("dfa", func(b *testing.B) {
		for b.Loop() {
			validUTF8(line)
		}
	})
	b.Run("utf8.Valid", func(b *testing.B) {
		for b.Loop() {
			utf8.Valid(line)
		}
	})
}

// TestCSVSlowPathUTF8: a record read by the slow path (an escaped quote)
// keeps its fields end to end without separators, where two invalid
// fields may join into a valid character ("\xe5\x80" then "\x80"): each
// field is checked and repaired on its own (found by FuzzCSVReader).
func TestCSVSlowPathUTF8(t *testing.T) {
	in := []byte("a,b\n\xe5\x80,\"\x80\"\"\"\n")
	rows, err := rowsOf(t, in, CSV, ReaderOptions{Comma: ','})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	for j, f := range rows[0].Fields {
		if !utf8.ValidString(f) {
			t.Errorf("field %d: invalid UTF-8 %q", j+1, f)
		}
	}
	var re *RowError
	if !errors.As(rows[0].Err, &re) || !errors.Is(re, ErrInvalidUTF8) || re.Field != 1 {
		t.Errorf("row error %v, want field 1 invalid UTF-8", rows[0].Err)
	}
}

// TestJSONLBrokenLineUTF8: the fields a broken JSON line gives (an
// unterminated string) are repaired like those of a good one, and two
// invalid values end to end are each checked (found by FuzzJSONLReader).
func TestJSONLBrokenLineUTF8(t *testing.T) {
	for _, in := range []string{
		"{\"b\":\"\xb80\"\n{\"b\":\"\"}",
		"{\"a\":\"\xe5\x80\",\"b\":\"\x80\"}\n",
	} {
		rows, err := rowsOf(t, []byte(in), JSONL, ReaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, f := range r.Fields {
				if !utf8.ValidString(f) {
					t.Errorf("%q: row %d field %d: invalid UTF-8 %q", in, i+1, j+1, f)
				}
			}
		}
		if len(rows) == 0 || rows[0].Err == nil {
			t.Errorf("%q: no error on row 1", in)
		}
	}
}
