package fold

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestKey(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tones and đ", "Phường Đống Đa", "phuong dong da"},
		{"tone placement hoà", "Hoà Bình", "hoa binh"},
		{"tone placement hòa", "Hòa Bình", "hoa binh"},
		{"decomposed input", norm.NFD.String("Thủy Nguyên"), "thuy nguyen"},
		{"apostrophe ascii", "Ea H'Leo", "ea hleo"},
		{"apostrophe typographic", "Ea H’Leo", "ea hleo"},
		{"punctuation to one space", "  P.7,  Q.5 -- TP.HCM ", "p 7 q 5 tp hcm"},
		{"upper case", "THÀNH PHỐ HỒ CHÍ MINH", "thanh pho ho chi minh"},
		{"empty", "", ""},
		{"only separators", " ,;- ", ""},
		{"non-latin becomes space", "Hà Nội 北京 x", "ha noi x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.in); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSyllable(t *testing.T) {
	tests := map[string]string{
		"sy": "si", "ky": "ki", "my": "mi", "quy": "qui", "ly": "li",
		"tay": "tay", "thuy": "thuy", "uy": "uy", "y": "y", "huy": "huy", "si": "si",
	}
	for in, want := range tests {
		if got := Syllable(in); got != want {
			t.Errorf("Syllable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestName(t *testing.T) {
	if a, b := Name("Thị trấn Sĩ Hoà"), Name("thi tran sy hòa"); a != b {
		t.Errorf("Name variants differ: %q vs %q", a, b)
	}
	if got := Compact("Nguyễn Trung Trực"); got != "nguyentrungtruc" {
		t.Errorf("Compact = %q", got)
	}
}

func FuzzKey(f *testing.F) {
	// Seeds: a plain name, decomposed text, invalid UTF-8, separators only.
	for _, s := range []string{"Phường Trúc Bạch", norm.NFD.String("Hoà"), "\xff\xfe", " - , "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		for i := 0; i < len(k); i++ {
			c := k[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ') {
				t.Fatalf("Key(%q) = %q has byte %q", s, k, c)
			}
		}
		if len(k) > 0 && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Fatalf("Key(%q) = %q has edge space", s, k)
		}
		if Key(k) != k {
			t.Fatalf("Key not idempotent on %q", s)
		}
		if Key(norm.NFC.String(s)) != Key(norm.NFD.String(s)) {
			t.Fatalf("Key differs between NFC and NFD of %q", s)
		}
	})
}

func BenchmarkAppendKey(b *testing.B) {
	b.ReportAllocs()
	s := "Số 12 Nguyễn Trãi, Phường 7, Quận 5, Thành phố Hồ Chí Minh"
	buf := make([]byte, 0, 128)
	for b.Loop() {
		buf = AppendKey(buf[:0], s)
	}
}
