package fold

import (
	"fmt"
	"testing"
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
