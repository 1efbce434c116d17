package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/tabular"
)

// officeSheet is an XLSX as offices make them: two title rows, a blank
// row, the header on row 4, then data.
func officeSheet(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := tabular.NewWriter(&b, tabular.XLSX, tabular.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range [][]string{
		{"UBND TỈNH ĐẮK LẮK", "", ""},
		{"DANH SÁCH HỘ DÂN", "", ""},
		{"", "", ""},
		{"STT", "Họ tên", "Địa chỉ"},
		{"1", "Nguyễn Văn A", "Xã Hòa Phú, TP Buôn Ma Thuột, Đắk Lắk"},
		{"2", "Trần Thị B", "Xã Cư Êbur, TP Buôn Ma Thuột, Đắk Lắk"},
	} {
		if i == 0 {
			err = w.WriteHeader(r)
		} else {
			err = w.WriteRow(r)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// officeCSV is a CSV with title lines typed above the header.
const officeCSV = "UBND TỈNH ĐẮK LẮK\nDANH SÁCH HỘ DÂN\n\nSTT,Họ tên,Địa chỉ\n" +
	"1,Nguyễn Văn A,\"Xã Hòa Phú, TP Buôn Ma Thuột, Đắk Lắk\"\n2,Trần Thị B,\"Xã Cư Êbur, TP Buôn Ma Thuột, Đắk Lắk\"\n"

// timing is the part of the summary that changes from run to run.
var timing = regexp.MustCompile(`in [0-9.]+s \([0-9]+ rows/s\)`)

// TestTitleRows converts office tables with title rows above the header,
// detected or named by --header-row, against testdata/titles.golden
// (go test -update rewrites it): title rows are not data rows, and stderr
// says they were skipped.
func TestTitleRows(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "ds.xlsx")
	csv := filepath.Join(dir, "ds.csv")
	points := filepath.Join(dir, "points.csv")
	os.WriteFile(xlsx, officeSheet(t), 0o644)
	os.WriteFile(csv, []byte(officeCSV), 0o644)
	os.WriteFile(points, []byte("TỌA ĐỘ CÁC ĐIỂM\n\nSTT,Vĩ độ,Kinh độ\n1,21.0287,105.8524\n"), 0o644)
	var got strings.Builder
	for _, args := range [][]string{
		{"convert", "--to", "2025-07-01", xlsx},
		{"convert", "--to", "2025-07-01", csv},
		{"convert", "--to", "2025-07-01", "--header-row", "4", csv},
		{"convert", "--to", "2025-07-01", "--header-row", "1", csv},
		{"convert", "--to", "2025-07-01", "--header-row", "9", csv},
		{"locate", points},
	} {
		out, stderr, code := run(t, args...)
		stderr = strings.ReplaceAll(timing.ReplaceAllString(stderr, "in Ns (N rows/s)"), dir+"/", "")
		fmt.Fprintf(&got, "$ dvhc %s\nexit %d\n%s-- stderr\n%s\n", strings.ReplaceAll(strings.Join(args, " "), dir+"/", ""), code, out, stderr)
	}
	path := filepath.Join("testdata", "titles.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", path, got.String())
	}
}

// TestStatsTitleRows: dvhc stats finds the header below title rows too,
// by the columns it is given, and says so.
func TestStatsTitleRows(t *testing.T) {
	in := filepath.Join(t.TempDir(), "t.csv")
	os.WriteFile(in, []byte("SỞ THỐNG KÊ TỈNH ĐẮK LẮK\nSỐ HỘ GIA ĐÌNH\n\nma xa,ten,so ho\n22015,Phường 1,2589\n22018,Phường 2,2342\n"), 0o644)
	for _, extra := range [][]string{nil, {"--header-row", "4"}} {
		args := append([]string{"stats", "--to", "2025-07-01", "--level", "province", "--sum", "so ho"}, extra...)
		out, stderr, code := run(t, append(args, in)...)
		if code != 0 || !strings.Contains(stderr, "header on row 4") || !strings.Contains(stderr, "skipped 3 title rows") ||
			!strings.Contains(stderr, "total in 4931, out 4931") || !strings.Contains(out, "66,Tỉnh Đắk Lắk,4931,") {
			t.Errorf("%q: exit %d\n%s\n%s", args, code, stderr, out)
		}
	}
}
