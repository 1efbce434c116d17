package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/tabular"
	"github.com/xuri/excelize/v2"
)

// TestConvertSheet converts the second sheet of a workbook, picked by
// --sheet, to XLSX: the output keeps the sheet's name and its cell types.
func TestConvertSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Bìa")
	f.SetCellValue("Bìa", "A1", "cover")
	f.NewSheet("Địa chỉ")
	for cell, v := range map[string]any{
		"A1": "id", "B1": "dia_chi", "C1": "ma", "A2": 1, "B2": "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "C2": "00004",
		"A3": 2.5, "B3": "???", "C3": true,
	} {
		f.SetCellValue("Địa chỉ", cell, v)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.xlsx"), filepath.Join(dir, "out.xlsx")
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	for _, sheet := range []string{"2", "Địa chỉ"} {
		if _, stderr, code := run(t, "convert", "--sheet", sheet, "--to", "2025-07-01", "-o", out, in); code != 0 {
			t.Fatalf("--sheet %s: exit %d: %s", sheet, code, stderr)
		}
		g, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.GetSheetList(); !slices.Equal(got, []string{"Địa chỉ"}) {
			t.Errorf("sheets %q", got)
		}
		for cell, want := range map[string]excelize.CellType{"A2": excelize.CellTypeUnset, "A3": excelize.CellTypeUnset, "C3": excelize.CellTypeBool, "C2": excelize.CellTypeInlineString, "E2": excelize.CellTypeInlineString} {
			if typ, _ := g.GetCellType("Địa chỉ", cell); typ != want {
				t.Errorf("--sheet %s: %s is of type %v, want %v", sheet, cell, typ, want)
			}
		}
		if v, _ := g.GetCellValue("Địa chỉ", "E2"); v != "00004" {
			t.Errorf("dvhc_commune_code %q", v)
		}
		g.Close()
	}
	// CSV output: the fields as text.
	csvOut := filepath.Join(dir, "out.csv")
	_, _, code := run(t, "convert", "--sheet", "2", "--to", "2025-07-01", "-o", csvOut, in)
	csv, _ := os.ReadFile(csvOut)
	r, err := tabular.NewReader(bytes.NewReader(csv), tabular.CSV, tabular.ReaderOptions{})
	if code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	var row tabular.Row
	r.Next(&row)
	r.Next(&row)
	if !slices.Equal(row.Fields[:4], []string{"2.5", "???", "TRUE", "invalid"}) {
		t.Errorf("row 2: %q", row.Fields)
	}
	_, stderr, code := run(t, "convert", "--sheet", "3", in)
	if code != 2 || !strings.Contains(stderr, `"Bìa", "Địa chỉ"`) {
		t.Errorf("--sheet 3: exit %d, %s", code, stderr)
	}
	// A bomb is refused with the limit named.
	data, _ := os.ReadFile(in)
	bomb := bytes.Clone(data)
	for i := 0; ; {
		j := bytes.Index(bomb[i:], []byte("PK\x01\x02"))
		if j < 0 {
			break
		}
		copy(bomb[i+j+24:], []byte{0xff, 0xff, 0xff, 0x7f})
		i += j + 46
	}
	os.WriteFile(in, bomb, 0o644)
	_, stderr, code = run(t, "convert", in)
	if code != 2 || !strings.Contains(stderr, "limit MaxBytes") {
		t.Errorf("bomb: exit %d, %s", code, stderr)
	}
}
