package batch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/dvhc-vn/dvhc/tabular"
)

const benchRows = 1_000_000

var benchInput = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	b.WriteString("id,name,address,phone\n")
	wards := []string{"Phường Bến Thành, Quận 1, TP Hồ Chí Minh", "Xã Tân Phú, Huyện Đồng Phú, Tỉnh Bình Phước",
		"Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "Thị trấn Củ Chi, Huyện Củ Chi, TP Hồ Chí Minh"}
	for i := range benchRows {
		fmt.Fprintf(&b, "%d,Khách %d,\"Số %d Lê Lợi, %s\",09%08d\n", i+1, i, i%300+1, wards[i%4], i)
	}
	return b.Bytes()
})

// BenchmarkRun converts a 1M-row CSV to CSV through Run with a trivial
// Func: the cost of the pipeline itself, reading and writing included.
func BenchmarkRun(b *testing.B) {
	in := benchInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	fn := func(row *tabular.Row, out []string) {
		out[0] = "ok"
		out[2] = row.Fields[2]
	}
	for b.Loop() {
		r, err := tabular.NewReader(bytes.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
		if err != nil {
			b.Fatal(err)
		}
		w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
		sum, err := Run(context.Background(), r, w, Options{Columns: []string{"status", "note", "new_address"}}, fn)
		if err != nil || sum.Rows != benchRows {
			b.Fatal(sum, err)
		}
		w.Close()
	}
	b.ReportMetric(float64(b.N)*benchRows/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/benchRows, "ns/row")
}

// nopReader yields the same valid row forever, up to n rows.
type nopReader struct {
	n, i   int
	fields []string
}

func (r *nopReader) Header() []string { return []string{"a", "b"} }
func (r *nopReader) Close() error     { return nil }
func (r *nopReader) Next(row *tabular.Row) error {
	if r.i == r.n {
		return io.EOF
	}
	r.i++
	row.Num, row.Line, row.Err = r.i, r.i+1, nil
	row.Fields = append(row.Fields[:0], r.fields...)
	return nil
}

type nopWriter struct{}

func (nopWriter) WriteHeader([]string) error { return nil }
func (nopWriter) WriteRow([]string) error    { return nil }
func (nopWriter) Close() error               { return nil }

// BenchmarkRunOverhead measures Run alone, per row: chunking, workers,
// ordering and counting, with a reader and writer that do nothing.
func BenchmarkRunOverhead(b *testing.B) {
	b.ReportAllocs()
	fn := func(row *tabular.Row, out []string) { out[0] = "ok" }
	r := &nopReader{n: b.N, fields: []string{"1", "x"}}
	b.ResetTimer()
	sum, err := Run(context.Background(), r, nopWriter{}, Options{Columns: []string{"status"}}, fn)
	if err != nil || sum.Rows != b.N {
		b.Fatal(sum, err)
	}
}
