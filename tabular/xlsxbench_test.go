package tabular

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

const xlsxBenchRows = 100_000

// xlsxBenchInput is a 100k-row workbook shaped as Excel writes one: an id,
// a name and an address as shared strings (all distinct), a phone number
// and a date.
var xlsxBenchInput = sync.OnceValue(func() []byte {
	t := &testing.T{}
	b := book{xfs: []int{14}, sstGen: func(w io.Writer) {
		io.WriteString(w, `<si><t>id</t></si><si><t>name</t></si><si><t>address</t></si><si><t>phone</t></si><si><t>date</t></si>`)
		for i := range xlsxBenchRows {
			fmt.Fprintf(w, `<si><t>Khách %d</t></si><si><t>Số %d Nguyễn Trãi, Phường Bến Thành, Quận 1, TP Hồ Chí Minh</t></si>`, i, i)
		}
	}}
	b.sheets = []sheetXML{{name: "Khách hàng", gen: func(w io.Writer) {
		io.WriteString(w, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>`)
		for i := range xlsxBenchRows {
			n := i + 2
			fmt.Fprintf(w, `<row r="%d" spans="1:5"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" t="s"><v>%d</v></c><c r="D%d"><v>90%07d</v></c><c r="E%d" s="1"><v>%d</v></c></row>`,
				n, n, i+1, n, 5+2*i, n, 6+2*i, n, i, n, 40000+i%5000)
		}
	}}}
	return b.zipBytes(t)
})

// BenchmarkXLSXRead reads a 100k-row workbook per iteration with this
// package's reader.
func BenchmarkXLSXRead(b *testing.B) {
	in := xlsxBenchInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(in), XLSX, ReaderOptions{})
		if err != nil {
			b.Fatal(err)
		}
		var row Row
		n := 0
		for r.Next(&row) == nil {
			n++
		}
		if n != xlsxBenchRows || row.Fields[4] == "" {
			b.Fatalf("%d rows, last %q", n, row.Fields)
		}
	}
	b.ReportMetric(float64(b.N)*xlsxBenchRows/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkXLSXReadExcelize reads the same workbook with excelize's row
// iterator, which the package used before, for comparison.
func BenchmarkXLSXReadExcelize(b *testing.B) {
	in := xlsxBenchInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(in))
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Khách hàng")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != xlsxBenchRows+1 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.N)*xlsxBenchRows/b.Elapsed().Seconds(), "rows/s")
}
