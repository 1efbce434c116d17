package tabular

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"testing"
)

const benchRows = 1_000_000

var benchInput = sync.OnceValue(func() []byte { return genCSV(benchRows) })

// genCSV makes a CSV of n old addresses, most with quoted commas.
func genCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,name,address,phone\n")
	streets := []string{"Nguyễn Trãi", "Lê Lợi", "Trần Hưng Đạo", "Hai Bà Trưng", "Điện Biên Phủ"}
	wards := []string{"Phường Bến Thành, Quận 1, TP Hồ Chí Minh", "Xã Tân Phú, Huyện Đồng Phú, Tỉnh Bình Phước",
		"Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "Thị trấn Củ Chi, Huyện Củ Chi, TP Hồ Chí Minh"}
	for i := range n {
		if i%5 == 4 {
			fmt.Fprintf(&b, "%d,Khách %d,%d %s %s,09%08d\n", i+1, i, i%300+1, streets[i%5], "Ba Đình Hà Nội", i)
			continue
		}
		fmt.Fprintf(&b, "%d,Khách %d,\"Số %d %s, %s\",09%08d\n", i+1, i, i%300+1, streets[i%5], wards[i%4], i)
	}
	return b.Bytes()
}

func copyTable(in io.Reader, out io.Writer, f Format) (int, error) {
	r, err := NewReader(in, f, ReaderOptions{})
	if err != nil {
		return 0, err
	}
	w, err := NewWriter(out, f, WriterOptions{})
	if err != nil {
		return 0, err
	}
	if err := w.WriteHeader(r.Header()); err != nil {
		return 0, err
	}
	var row Row
	n := 0
	for {
		err := r.Next(&row)
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
		if row.Err != nil {
			return n, row.Err
		}
		if err := w.WriteRow(row.Fields); err != nil {
			return n, err
		}
		n++
	}
	return n, w.Close()
}

// BenchmarkCSVReadWrite reads and writes a 1M-row CSV per iteration.
func BenchmarkCSVReadWrite(b *testing.B) {
	in := benchInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		n, err := copyTable(bytes.NewReader(in), io.Discard, CSV)
		if err != nil || n != benchRows {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(b.N)*benchRows/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/benchRows, "ns/row")
}

// BenchmarkCSVRead reads a 1M-row CSV per iteration.
func BenchmarkCSVRead(b *testing.B) {
	in := benchInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(in), CSV, ReaderOptions{})
		if err != nil {
			b.Fatal(err)
		}
		var row Row
		for r.Next(&row) == nil {
		}
	}
	b.ReportMetric(float64(b.N)*benchRows/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkJSONLReadWrite converts the 1M-row table to JSONL once, then
// reads and writes it per iteration.
func BenchmarkJSONLReadWrite(b *testing.B) {
	var jl bytes.Buffer
	if err := convertTable(bytes.NewReader(benchInput()), CSV, &jl, JSONL); err != nil {
		b.Fatal(err)
	}
	in := jl.Bytes()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		n, err := copyTable(bytes.NewReader(in), io.Discard, JSONL)
		if err != nil || n != benchRows {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(b.N)*benchRows/b.Elapsed().Seconds(), "rows/s")
}

func convertTable(in io.Reader, from Format, out io.Writer, to Format) error {
	r, err := NewReader(in, from, ReaderOptions{})
	if err != nil {
		return err
	}
	w, err := NewWriter(out, to, WriterOptions{})
	if err != nil {
		return err
	}
	if err := w.WriteHeader(r.Header()); err != nil {
		return err
	}
	var row Row
	for {
		if err := r.Next(&row); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		if err := w.WriteRow(row.Fields); err != nil {
			return err
		}
	}
	return w.Close()
}

// BenchmarkCSVWrite writes rows like those of dvhc convert (the input's
// fields, then the added ones: codes, names, a status, an address).
func BenchmarkCSVWrite(b *testing.B) {
	rows := [][]string{
		{"Số 271 Võ Thị Sáu, Xã Vĩnh Hậu, Huyện An Phú, Tỉnh An Giang", "full", "30364", "30367", "30367", "ok", "30367", "Xã Vĩnh Hậu", "91", "Tỉnh An Giang", "Số 271 Võ Thị Sáu, Xã Vĩnh Hậu, Tỉnh An Giang", "", ""},
		{"So 286 Hung Vuong, Phuong Hoi Thuong, Thanh pho Pleiku, Gia Lai", "no_tones", "23566", "23575", "23575", "ok", "23575", "Phường Pleiku", "52", "Tỉnh Gia Lai", "So 286 Hung Vuong, Phường Pleiku, Tỉnh Gia Lai", "", ""},
		{"phường bến nghé quận 1 tp hcm", "province_first", "26740", "26740", "26740", "ambiguous", "", "", "79", "Thành phố Hồ Chí Minh", "", "26740;26743", "several communes took parts of Phường Bến Nghé"},
	}
	b.ReportAllocs()
	w := newTextWriter(io.Discard, CSV, WriterOptions{Comma: ','})
	w.WriteHeader(make([]string, len(rows[0])))
	for b.Loop() {
		for _, r := range rows {
			w.WriteRow(r)
		}
	}
	w.Close()
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(len(rows)), "ns/row")
}
