package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/tabular"
)

func TestConvertTables(t *testing.T) {
	const cuaDong = "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN"
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  []string // substrings of stdout
	}{
		{"semicolon CSV detected, kept on output", "id;dia_chi\n1;P7, Q5, TP.HCM\n", []string{"convert"},
			[]string{"id;dia_chi;dvhc_status;", "1;P7, Q5, TP.HCM;ok;27316;Phường An Đông;"}},
		{"--delimiter", "id|dia_chi\n1|P7, Q5, TP.HCM\n", []string{"convert", "--delimiter", "|"},
			[]string{"id|dia_chi|dvhc_status|", "1|P7, Q5, TP.HCM|ok|27316|"}},
		{"--bom", "dia_chi\n\"P7, Q5, TP.HCM\"\n", []string{"convert", "--bom"},
			[]string{"\xEF\xBB\xBFdia_chi,dvhc_status,"}},
		{"--bom turns on --excel-safe", "id,dia_chi\n=1+2,\"P7, Q5, TP.HCM\"\n", []string{"convert", "--bom"},
			[]string{"\n'=1+2,\"P7, Q5, TP.HCM\",ok,"}},
		{"--bom --excel-safe=false", "id,dia_chi\n=1+2,\"P7, Q5, TP.HCM\"\n", []string{"convert", "--bom", "--excel-safe=false"},
			[]string{"\n=1+2,\"P7, Q5, TP.HCM\",ok,"}},
		{"--excel-safe on a ; CSV", "id;dia_chi\n@x;P7, Q5, TP.HCM\n", []string{"convert", "--excel-safe"},
			[]string{"\n'@x;P7, Q5, TP.HCM;ok;"}},
		{"lat/lon columns found by name", "dia_chi,lat,lon\n\"" + cuaDong + "\",21.0335,105.8465\n", []string{"convert"},
			[]string{",ok,00070,Phường Hoàn Kiếm,"}},
		{"JSONL: later keys, kinds kept, --lat of a later key", `{"id":1,"ten":"An"}` + "\n" +
			`{"id":2,"dia_chi":"` + cuaDong + `","lat":21.0335,"lon":105.8465,"meta":{"a":[1,null]},"x":null}` + "\n",
			[]string{"convert", "--format", "jsonl", "--lat", "lat", "--lon", "lon"},
			[]string{`{"id":1,"ten":"An","dvhc_status":"invalid",`,
				`{"id":2,"dia_chi":"` + cuaDong + `","lat":21.0335,"lon":105.8465,"meta":{"a":[1,null]},"x":null,"dvhc_status":"ok","dvhc_commune_code":"00070"`}},
		{"TCVN3 input, UTF-8 output", "id,dia_chi\n1,\"P. Tr\xf3c B\xb9ch, Q. Ba \xa7\xd7nh, H\xb5 N\xe9i\"\n2,\"x\xb7 C\xe6 Bi, huy\xd6n Gia L\xa9m, H\xb5 N\xe9i\"\n", []string{"convert"},
			[]string{`1,"P. Trúc Bạch, Q. Ba Đình, Hà Nội",ok,00004,Phường Ba Đình,`, `2,"xã Cổ Bi, huyện Gia Lâm, Hà Nội",ambiguous,`}},
		{"--format-out jsonl", "dia_chi\n\"P7, Q5, TP.HCM\"\n", []string{"convert", "--format-out", "jsonl"},
			[]string{`{"dia_chi":"P7, Q5, TP.HCM","dvhc_status":"ok",`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runStdin(t, tt.stdin, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	if _, stderr, code := runStdin(t, "a\n", "convert", "--delimiter", "ab"); code != 2 || !strings.Contains(stderr, "--delimiter") {
		t.Errorf("bad --delimiter: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runStdin(t, "a\n", "convert", "--format-out", "jsonl", "-o", filepath.Join(t.TempDir(), "x.csv")); code != 2 {
		t.Errorf("-o x.csv --format-out jsonl: exit %d, %s", code, stderr)
	}
}

// TestExcelInputToStdout: an Excel input without -o gives CSV on standard
// output; with -o x.xlsx a workbook.
func TestExcelInputToStdout(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.xlsx")
	f, _ := os.Create(in)
	w, _ := tabular.NewWriter(f, tabular.XLSX, tabular.WriterOptions{})
	w.WriteHeader([]string{"dia_chi"})
	w.WriteRow([]string{"P7, Q5, TP.HCM"})
	w.Close()
	f.Close()
	out, stderr, code := run(t, "convert", in)
	if code != 0 || !strings.HasPrefix(out, "dia_chi,dvhc_status,") {
		t.Errorf("xlsx to stdout: exit %d %s\n%q", code, stderr, out)
	}
	outPath := filepath.Join(dir, "out.xlsx")
	if _, stderr, code := run(t, "convert", "-o", outPath, in); code != 0 {
		t.Fatalf("-o out.xlsx: exit %d %s", code, stderr)
	}
	if b, _ := os.ReadFile(outPath); !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("out.xlsx is not a workbook")
	}
}

// TestLocateFindsPointColumns: locate and convert share the detection.
func TestLocateFindsPointColumns(t *testing.T) {
	out, stderr, code := runStdin(t, "Vĩ độ;Kinh độ\n21,0287;105,8524\n", "locate")
	if code != 0 || !strings.Contains(out, "ok;00070;Phường Hoàn Kiếm") {
		t.Errorf("locate vĩ độ/kinh độ: exit %d %s\n%s", code, stderr, out)
	}
}

// TestOutputFormat is the rule: -o's extension, else --format-out, else
// the input's, except that Excel gives CSV on standard output.
func TestOutputFormat(t *testing.T) {
	tests := []struct {
		out, formatOut string
		in, want       tabular.Format
	}{
		{"", "", tabular.CSV, tabular.CSV},
		{"", "", tabular.JSONL, tabular.JSONL},
		{"", "", tabular.XLSX, tabular.CSV},
		{"-", "", tabular.XLSX, tabular.CSV},
		{"", "xlsx", tabular.XLSX, tabular.XLSX},
		{"", "tsv", tabular.CSV, tabular.TSV},
		{"out.xlsx", "", tabular.CSV, tabular.XLSX},
		{"out.jsonl", "jsonl", tabular.CSV, tabular.JSONL},
		{"out.txt", "tsv", tabular.CSV, tabular.TSV},
		{"out.txt", "", tabular.XLSX, tabular.XLSX},
	}
	for _, tt := range tests {
		got, err := (&tableFlags{Output: tt.out, FormatOut: tt.formatOut}).outputFormat(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("-o %q --format-out %q from %v = %v, %v; want %v", tt.out, tt.formatOut, tt.in, got, err, tt.want)
		}
	}
	if _, err := (&tableFlags{Output: "out.csv", FormatOut: "jsonl"}).outputFormat(tabular.CSV); err == nil {
		t.Error("-o out.csv --format-out jsonl: no error")
	}
}
