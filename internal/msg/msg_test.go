package msg

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/address/evalset"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

func TestCatalogue(t *testing.T) {
	ids := map[string]bool{}
	for _, m := range Catalogue {
		if ids[m.ID] {
			t.Errorf("ID %s twice", m.ID)
		}
		ids[m.ID] = true
		en, vi := placeholder.FindAllString(m.EN, -1), placeholder.FindAllString(m.VI, -1)
		slices.Sort(en)
		slices.Sort(vi)
		if !slices.Equal(slices.Compact(en), slices.Compact(vi)) {
			t.Errorf("%s: placeholders %v in English, %v in Vietnamese", m.ID, en, vi)
		}
		if m.VI == m.EN || m.VI == "" {
			t.Errorf("%s: no Vietnamese text", m.ID)
		}
	}
}

func TestTranslate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Phường Cửa Đông was split among 2 communes; coordinates of the address (lat, lon) decide which one holds it; the point decided it: it lies in Phường Hoàn Kiếm",
			"Phường Cửa Đông đã được chia cho 2 xã, phường mới; toạ độ của địa chỉ (vĩ độ, kinh độ) sẽ quyết định địa chỉ thuộc đơn vị nào; toạ độ đã quyết định: điểm nằm trong Phường Hoàn Kiếm"},
		{"typo corrected: “Trỳc Bạch” read as Phường Trúc Bạch", "đã sửa lỗi chính tả: “Trỳc Bạch” được đọc là Phường Trúc Bạch"},
		{"no commune with code 99999 on 2025-07-01 (the code is in force … – 2025-06-30)", "không có xã mã 99999 vào ngày 2025-07-01 (mã này có hiệu lực … – 2025-06-30)"},
		{`row 3 (line 4), column "dia_chi": invalid UTF-8`, `dòng 3 (dòng 4 của tệp), cột "dia_chi": không phải UTF-8 hợp lệ (có thể là bảng mã cũ: hãy nêu --encoding)`},
		{"parameter at: invalid date \"2025-13-01\" (want YYYY-MM-DD)", "tham số at: ngày không hợp lệ \"2025-13-01\" (cần dạng YYYY-MM-DD)"},
		{"the point lies in no commune: geo: no commune contains the point (sea or outside Vietnam)", "toạ độ không nằm trong xã, phường nào: không xã, phường nào chứa điểm này (trên biển hoặc ngoài Việt Nam)"},
		{"something new; empty address: no letters or digits", "something new; địa chỉ trống: không có chữ hay số"},
	}
	for _, tt := range tests {
		if got := Translate(tt.in, VI); got != tt.want {
			t.Errorf("Translate(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if got := Translate(tt.in, EN); got != tt.in {
			t.Errorf("Translate(%q, en) = %q", tt.in, got)
		}
	}
	if ID("empty address: no letters or digits") != "address.empty" || ID("hello") != "" {
		t.Error("ID")
	}
}

// english are words of the catalogue's English texts that its Vietnamese
// never has (the inputs of the test do not have them either).
var english = []string{" was ", "row ", "field", " not ", " is ", " the ", "after", " a ", "point", "commune", " line", "quote", " no "}

// TestEveryNoteHasVietnamese converts generated addresses (every style,
// with and without points) and real errors of the core, and wants every
// part of every note matched by the catalogue: a new note in the core
// fails here until it has its Vietnamese text.
func TestEveryNoteHasVietnamese(t *testing.T) {
	reg, err := registry.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := address.New(reg, geo.Default())
	var notes []string
	to := dvhc.MustParseDate("2025-07-01")
	for i, cs := range evalset.Generate(reg, 3, 3000) {
		opt := address.Options{To: to}
		if i%3 == 0 {
			opt.Point = &dvhc.LatLon{Lat: 21.0287, Lon: 105.8524}
		}
		if i%7 == 0 {
			opt.Point = &dvhc.LatLon{Lat: 16.10, Lon: 108.45} // at sea
		}
		notes = append(notes, c.Convert(cs.Input, opt).Note)
	}
	for _, in := range []string{"", "???", "hello world", "Quận Ba Đình, Hà Nội", "Xã Tân Thành", "Phường 1"} {
		notes = append(notes, c.Convert(in, address.Options{To: to}).Note)
	}
	_, err1 := reg.Lookup(dvhc.LevelCommune, "99999", to)
	_, err2 := dvhc.ParseDate("2025-13-01")
	_, err3 := geo.Default().Locate(dvhc.LatLon{Lat: 21, Lon: 105.8}, dvhc.MustParseDate("2025-06-30"))
	_, err4 := geo.Default().Locate(dvhc.LatLon{Lat: 1, Lon: 1}, to)
	for _, err := range []error{err1, err2, err3, err4} {
		notes = append(notes, err.Error())
	}
	notes = append(notes, fileNotes(t, reg)...)
	seen := map[string]bool{}
	for _, n := range notes {
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		vi := Translate(n, VI)
		for _, w := range english {
			if strings.Contains(vi, w) {
				t.Errorf("English %q left in %q (from %q)", w, vi, n)
				break
			}
		}
	}
	if len(seen) < 20 {
		t.Errorf("only %d distinct notes: the test sees too little", len(seen))
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	for h, want := range map[string]Lang{
		"": EN, "vi": VI, "vi-VN,vi;q=0.9,en;q=0.8": VI, "en-US,en;q=0.9,vi;q=0.8": EN,
		"fr, vi;q=0.5": VI, "de": EN, "en;q=0.2, vi;q=0.7": VI,
	} {
		if got := FromAcceptLanguage(h); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", h, got, want)
		}
	}
}

func FuzzTranslate(f *testing.F) {
	for _, m := range Catalogue {
		f.Add(m.EN, "vi")
	}
	f.Add("x; y; ", "vi-VN;q=0.5, en")
	f.Fuzz(func(t *testing.T, text, accept string) {
		l := FromAcceptLanguage(accept)
		if l != VI && l != EN {
			t.Fatalf("FromAcceptLanguage(%q) = %q", accept, l)
		}
		if got := Translate(text, EN); got != text {
			t.Fatalf("Translate(%q, en) = %q", text, got)
		}
		Translate(text, VI)
		ID(text)
	})
}

// fileNotes converts a messy table (broken rows, bad points, extra fields)
// and returns its dvhc_note values.
func fileNotes(t *testing.T, reg *registry.Registry) []string {
	in := "id,dia_chi,lat,lon\n" +
		"1,\"P7, Q5, TP.HCM\",abc,106\n" +
		"2,\"12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN\",21.0335,xyz\n" +
		"3,\"12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN\",10.77,106.70\n" +
		"\n" +
		"5,x,1,2,extra\n" +
		"6,\"bad \"quote\",1,2\n" +
		"7,caf\xe9,,\n"
	r, err := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, _ := tabular.NewWriter(&out, tabular.CSV, tabular.WriterOptions{})
	conv := address.New(reg, geo.Default())
	if _, err := fileconv.Addresses(context.Background(), conv, r, w, fileconv.Options{Lat: "lat", Lon: "lon", To: dvhc.MustParseDate("2025-07-01"), Workers: 1}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	rd, _ := tabular.NewReader(&out, tabular.CSV, tabular.ReaderOptions{})
	var notes []string
	var row tabular.Row
	for rd.Next(&row) == nil {
		notes = append(notes, row.Fields[len(row.Fields)-1])
	}
	if len(notes) != 7 {
		t.Fatalf("%d rows out, want 7", len(notes))
	}
	return notes
}

func BenchmarkTranslate(b *testing.B) {
	note := "Phường Cửa Đông was split among 2 communes; coordinates of the address (lat, lon) decide which one holds it; the point decided it: it lies in Phường Hoàn Kiếm"
	b.ReportAllocs()
	for b.Loop() {
		Translate(note, VI)
	}
}
