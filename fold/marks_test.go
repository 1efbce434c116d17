package fold

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestUnaccent(t *testing.T) {
	for in, want := range map[string]string{
		"Phường Hoà Bình":            "Phuong Hoa Binh",
		"Đắk Lắk, Buôn Ma Thuột":     "Dak Lak, Buon Ma Thuot",
		"Phu\u031bo\u031b\u0300ng 7": "Phuong 7", // NFD input
		"":                           "",
	} {
		if got := Unaccent(in); got != want {
			t.Errorf("Unaccent(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkKey(t *testing.T) {
	if MarkKey("Hoà Bình") != MarkKey("Hòa  bình") {
		t.Errorf("tone placement, case or spacing matters: %q %q", MarkKey("Hoà Bình"), MarkKey("Hòa  bình"))
	}
	for _, p := range [][2]string{{"Bình", "Bính"}, {"Đông", "Dông"}, {"Hoà", "Hoa"}} {
		if MarkKey(p[0]) == MarkKey(p[1]) {
			t.Errorf("MarkKey(%q) == MarkKey(%q)", p[0], p[1])
		}
	}
}

func ExampleUnaccent() {
	fmt.Println(Unaccent("Phường Trúc Bạch, Quận Ba Đình"))
	// Output: Phuong Truc Bach, Quan Ba Dinh
}

func ExampleNFC() {
	fmt.Println(NFC("Ho\u0300a") == "Hòa")
	// Output: true
}

// markKeyNFD is MarkKey written over the whole NFD string, as a
// reference for the segment by segment AppendMarkKey.
func markKeyNFD(s string) string {
	var out, marks []rune
	in := false
	for _, r := range norm.NFD.String(s) + "." {
		switch {
		case unicode.Is(unicode.Mn, r):
			marks = append(marks, r)
		case r == 'đ' || r == 'Đ':
			marks = append(marks, 'đ')
			out = append(out, 'd')
			in = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if r == 'y' {
				r = 'i'
			}
			out = append(out, r)
			in = true
		case in:
			slices.Sort(marks)
			out = append(append(out, marks...), ' ')
			marks = marks[:0]
			in = false
		}
	}
	return string(out)
}

func TestAppendMarkKey(t *testing.T) {
	var buf MarkBuf
	var dst []rune
	for _, s := range []string{
		"Hoà Bình", "Phu\u031bo\u031b\u0300ng 7", "Đắk Lắk", "Quy Nhơn", "", "  ,", "ASCII only",
		"THÀNH PHỐ HỒ CHÍ MINH", "Ea H’Leo", "한국 Hà", "ǅemal Ω", "a" + strings.Repeat("\u0301\u0323", 40) + " b",
		"\u0301 lone mark", "x\xffy Hòa", "Ｆｕｌｌ ｗｉｄｔｈ",
	} {
		dst = AppendMarkKey(dst[:0], s, &buf)
		if want := markKeyNFD(s); string(dst) != want || MarkKey(s) != want {
			t.Errorf("AppendMarkKey(%q) = %q, MarkKey %q, want %q", s, string(dst), MarkKey(s), want)
		}
	}
	if got, want := MarkKey("Hòa Sỹ"), "hoa\u0300 si\u0303 "; got != want {
		t.Errorf("MarkKey(Hòa Sỹ) = %q, want %q", got, want)
	}
	if n := testing.AllocsPerRun(100, func() { dst = AppendMarkKey(dst[:0], "Phường Hoà Bình", &buf) }); n != 0 {
		t.Errorf("AppendMarkKey allocates %v times with grown buffers", n)
	}
}

func TestWordMarks(t *testing.T) {
	got := WordMarks("Hoà Binh, Đông")
	want := []string{"\u0300", "", "đ\u0302"}
	if len(got) != len(want) {
		t.Fatalf("WordMarks = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("WordMarks = %q, want %q", got, want)
		}
	}
}

func TestHasMarks(t *testing.T) {
	if HasMarks("Phuong 7, Quan 5") || !HasMarks("Phường 7") || !HasMarks("Dinh\u0300") {
		t.Error("HasMarks: ASCII text has marks, or marked text has none")
	}
}

func BenchmarkAppendMarkKey(b *testing.B) {
	var buf MarkBuf
	var dst []rune
	b.ReportAllocs()
	for b.Loop() {
		dst = AppendMarkKey(dst[:0], "Phường Hoà Bình", &buf)
	}
}

func BenchmarkIsNFC(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		IsNFC("Số 12 Nguyễn Trãi, Phường Bến Thành")
	}
}

// FuzzMarkKey checks that AppendMarkKey, which normalizes segment by
// segment into reused buffers, agrees on valid UTF-8 with MarkKey written
// over the whole NFD string, and IsNFC with package norm. (On invalid
// UTF-8, norm.NFD.String may leave the rest of a long text undecomposed
// where the segments decompose it; names and addresses reach the marks
// only as valid UTF-8.)
func FuzzMarkKey(f *testing.F) {
	for _, s := range []string{"Hoà Bình", "Phu\u031bo\u031b\u0300ng 7", "a\u0301\u0323\u0301 b", "x\xffy", "한국"} {
		f.Add(s)
	}
	var buf MarkBuf
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := string(AppendMarkKey(nil, s, &buf)), markKeyNFD(s); got != want {
			t.Errorf("AppendMarkKey(%+q) = %+q, want %+q", s, got, want)
		}
		if IsNFC(s) != norm.NFC.IsNormalString(s) {
			t.Errorf("IsNFC(%q) = %v", s, IsNFC(s))
		}
	})
}

// TestMarkKeyStable checks AppendMarkKey's table (markRunes) on every
// rune it holds, alone and between letters, marks and separators, against
// MarkKey written over the whole NFD string.
func TestMarkKeyStable(t *testing.T) {
	var buf MarkBuf
	var dst []rune
	for i := range 0x400 {
		r := rune(i)
		if i >= 0x300 {
			r = rune(i) - 0x300 + 0x1E00
		}
		for _, s := range []string{string(r), "Ấ" + string(r) + "b", "đ " + string(r) + string(r) + ", ệ"} {
			dst = AppendMarkKey(dst[:0], s, &buf)
			if want := markKeyNFD(s); string(dst) != want {
				t.Fatalf("AppendMarkKey(%+q) = %+q, want %+q", s, string(dst), want)
			}
		}
	}
}
