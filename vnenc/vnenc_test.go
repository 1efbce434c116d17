package vnenc

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Known Vietnamese text, the samples are made from.
var texts = []string{
	"Cộng hòa xã hội chủ nghĩa Việt Nam",
	"Độc lập - Tự do - Hạnh phúc",
	"Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội",
	"Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM",
	"xã Cổ Bi, huyện Gia Lâm, Hà Nội; ấp Mỹ Thuận, xã Ỷ La, tỉnh Tuyên Quang",
	"Ủy ban nhân dân tỉnh Đắk Lắk; thị trấn Ea Súp; Bà Rịa - Vũng Tàu; kỵ, mẫu, lũy, quỳnh, Ưu, Ơn, Ăn, Ân",
}

// latin1 makes bytes of a string written with Latin-1 characters: how a
// legacy file shows in a Latin-1 viewer.
func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// TestKnownSamples decodes texts as they are commonly seen garbled, which
// checks the tables independently of the encoders below.
func TestKnownSamples(t *testing.T) {
	tests := []struct {
		enc  Encoding
		in   string // Latin-1 rendering
		want string
	}{
		{TCVN3, "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
		{TCVN3, "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"},
		{TCVN3, "NguyÔn V¨n Th¾ng, ph\u00adêng BÕn Thµnh", "Nguyễn Văn Thắng, phường Bến Thành"},
		{VNI, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
		{VNI, "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"},
		{VNI, "Tröôøng Thaønh phoá Hoà Chí Minh", "Trường Thành phố Hồ Chí Minh"},
	}
	for _, tt := range tests {
		if got := Decode(tt.enc, latin1(tt.in)); got != tt.want {
			t.Errorf("Decode(%v, %q) = %q, want %q", tt.enc, tt.in, got, tt.want)
		}
		if got := Detect(latin1(tt.in)); got != tt.enc {
			t.Errorf("Detect(%q) = %v, want %v", tt.in, got, tt.enc)
		}
	}
}

// encodeTCVN3 writes s in TCVN3 (lowercase letters with marks, and Ă Â Ê
// Ô Ơ Ư Đ: the ABC fonts have no other capitals with marks).
func encodeTCVN3(t *testing.T, s string) []byte {
	inv := map[rune]byte{}
	for b, r := range tcvn3 {
		inv[r] = b
	}
	var out []byte
	for _, r := range s {
		switch b, ok := inv[r]; {
		case r < 0x80:
			out = append(out, byte(r))
		case ok:
			out = append(out, b)
		case inv[unicode.ToLower(r)] != 0:
			out = append(out, inv[unicode.ToLower(r)]) // a capital the fonts lack: its lowercase byte
		default:
			t.Fatalf("no TCVN3 byte for %q", r)
		}
	}
	return out
}

// encodeVNI writes s in VNI.
func encodeVNI(t *testing.T, s string) []byte {
	inv := map[string]byte{}
	for b, m := range vniMarks {
		inv[m] = b
	}
	letters := map[rune]byte{}
	for b, r := range vniLetters {
		letters[r] = b
	}
	var out []byte
	for _, r := range norm.NFC.String(s) {
		if b, ok := letters[r]; ok {
			out = append(out, b)
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		base, shape, tone := d[0], "", ""
		horn := false
		for _, m := range d[1:] {
			switch m {
			case '\u031B':
				horn = true
			case '\u0302', '\u0306':
				shape += string(m)
			default:
				tone += string(m)
			}
		}
		marks := shape + tone
		if horn { // ơ, ư are letters
			base = []rune(norm.NFC.String(string(base) + "\u031B"))[0]
			out = append(out, letters[base])
		} else if base < 0x80 {
			out = append(out, byte(base))
		} else {
			t.Fatalf("no VNI bytes for %q", r)
		}
		if marks != "" {
			b, ok := inv[marks]
			if !ok {
				t.Fatalf("no VNI byte for the marks of %q", r)
			}
			if unicode.IsUpper(base) {
				b -= 0x20
			}
			out = append(out, b)
		}
	}
	return out
}

// encode1258 writes s in Windows-1258: letters with a hat, breve or horn
// precomposed, tones as combining marks.
func encode1258(t *testing.T, s string) []byte {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		d := []rune(norm.NFD.String(string(r)))
		base, tone := string(d[0]), ""
		for _, m := range d[1:] {
			if m == '\u0302' || m == '\u0306' || m == '\u031B' {
				base = norm.NFC.String(base + string(m))
			} else {
				tone += string(m)
			}
		}
		b.WriteString(base + tone)
	}
	out, err := charmap.Windows1258.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		t.Fatalf("Windows-1258 of %q: %v", s, err)
	}
	return out
}

// TestRoundTrip encodes known text in each encoding, detects it and
// decodes it back to the same NFC text, also through NewReader.
func TestRoundTrip(t *testing.T) {
	for _, text := range texts {
		for _, tt := range []struct {
			enc  Encoding
			data []byte
			want string
		}{
			{TCVN3, encodeTCVN3(t, text), lowerMarked(text)},
			{VNI, encodeVNI(t, text), text},
			{Windows1258, encode1258(t, text), text},
		} {
			if got := Decode(tt.enc, tt.data); got != tt.want {
				t.Errorf("%v: Decode = %q, want %q", tt.enc, got, tt.want)
			}
			if got := Detect(tt.data); got != tt.enc {
				t.Errorf("Detect(%v of %q) = %v", tt.enc, text, got)
			}
			in := bytes.Repeat(append(tt.data, '\n'), 5000) // longer than the reader's buffer
			got, err := io.ReadAll(NewReader(bytes.NewReader(in), tt.enc))
			if err != nil || string(got) != strings.Repeat(tt.want+"\n", 5000) {
				t.Errorf("%v: NewReader: %v, %d bytes", tt.enc, err, len(got))
			}
		}
	}
}

// lowerMarked is what TCVN3 keeps of capitals with marks other than Ă Â Ê
// Ô Ơ Ư Đ: their lowercase letter.
func lowerMarked(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 && unicode.IsUpper(r) && !strings.ContainsRune("ĂÂÊÔƠƯĐ", r) {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestDetectUTF8(t *testing.T) {
	for _, s := range []string{"", "plain ASCII", "Phường Trúc Bạch", "Hà Nội"[:len("Hà Nội")-1]} {
		if got := Detect([]byte(s)); got != UTF8 {
			t.Errorf("Detect(%q) = %v, want utf-8", s, got)
		}
	}
	// Bytes no encoding reads as Vietnamese stay UTF-8 (and are reported
	// as invalid by the readers).
	if got := Detect([]byte{0x80, 0x81, 0x82, 0x83, 0x9f}); got != UTF8 {
		t.Errorf("Detect(control bytes) = %v", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Encoding{"UTF-8": UTF8, "tcvn3": TCVN3, "ABC": TCVN3, "vni": VNI, "cp1258": Windows1258, "Windows-1258": Windows1258} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := Parse("latin1"); err == nil {
		t.Error("Parse(latin1): no error")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("Coäng hoøa"), uint8(VNI))
	f.Add(latin1("Céng hoµ"), uint8(TCVN3))
	f.Fuzz(func(t *testing.T, b []byte, e uint8) {
		enc := Encoding(e % 4)
		s := Decode(enc, b)
		if enc != UTF8 && !norm.NFC.IsNormalString(s) || !utf8.ValidString(s) {
			t.Errorf("Decode(%v, %q) = %q: not valid UTF-8 NFC", enc, b, s)
		}
		Detect(b)
	})
}

// TestLongLine decodes a line much longer than the reader's buffer: no
// letter is cut from its marks where the line is read in pieces.
func TestLongLine(t *testing.T) {
	for _, enc := range []Encoding{VNI, Windows1258, TCVN3} {
		text := strings.Repeat("Cộng hòa xã hội chủ nghĩa Việt Nam. ", 5000)
		var data []byte
		switch enc {
		case VNI:
			data = encodeVNI(t, text)
		case Windows1258:
			data = encode1258(t, text)
		default:
			text = lowerMarked(text)
			data = encodeTCVN3(t, text)
		}
		got, err := io.ReadAll(NewReader(bytes.NewReader(data), enc))
		if err != nil || string(got) != text {
			t.Errorf("%v: long line decoded wrong (%v, %d bytes, want %d)", enc, err, len(got), len(text))
		}
	}
}
