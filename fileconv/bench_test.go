package fileconv

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"sync"
	"syscall"
	"testing"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/address/evalset"
	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// benchCSV is the file named by $DVHC_BENCH_CSV (scripts/bench-batch.sh
// sets it to its input), else a CSV of 100,000 generated addresses in
// every style of dvhc eval, as that input.
var benchCSV = sync.OnceValue(func() []byte {
	if name := os.Getenv("DVHC_BENCH_CSV"); name != "" {
		if in, err := os.ReadFile(name); err == nil {
			return in
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"id", "address"})
	for i, tc := range evalset.Generate(registry.MustDefault(), 1, 100_000) {
		w.Write([]string{string(rune('0' + i%10)), tc.Input})
	}
	w.Flush()
	return b.Bytes()
})

// BenchmarkAddresses converts the mixed CSV through Addresses, reading
// and writing CSV in memory: the path of "dvhc convert FILE" without the
// files. scripts/bench-batch.sh profiles it.
func BenchmarkAddresses(b *testing.B) {
	in := benchCSV()
	conv, err := address.Default()
	if err != nil {
		b.Fatal(err)
	}
	loopCSV(b, in, func(r tabular.Reader, w tabular.Writer) (batch.Summary, error) {
		return Addresses(context.Background(), conv, r, w, Options{Column: "address"})
	})
}

// BenchmarkAddressesPipeline is BenchmarkAddresses with the results of
// Convert computed beforehand: what the conversion of a file costs beyond
// the converter (reading, checking, rendering, ordering, writing).
func BenchmarkAddressesPipeline(b *testing.B) {
	in := benchCSV()
	conv, err := address.Default()
	if err != nil {
		b.Fatal(err)
	}
	r, err := tabular.NewReader(bytes.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		b.Fatal(err)
	}
	job, err := newAddressJob(conv, r.Header(), Options{Column: "address"})
	if err != nil {
		b.Fatal(err)
	}
	var results []address.Result
	var row tabular.Row
	for r.Next(&row) == nil {
		res, _, _ := job.convert(&row)
		results = append(results, res)
	}
	fill := func(row *tabular.Row, out []string) {
		fillAddress(out, &results[row.Num-1], nil)
	}
	loopCSV(b, in, func(r tabular.Reader, w tabular.Writer) (batch.Summary, error) {
		return batch.Run(context.Background(), r, w, Options{}.batch(AddressColumns), fill)
	})
}

// loopCSV runs a conversion of the CSV in, read and written in memory, in
// a benchmark loop, and reports rows per second, wall and CPU time per
// row.
func loopCSV(b *testing.B, in []byte, run func(tabular.Reader, tabular.Writer) (batch.Summary, error)) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	rows := 0
	cpu0 := cpuTime()
	for b.Loop() {
		r, err := tabular.NewReader(bytes.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
		if err != nil {
			b.Fatal(err)
		}
		w, _ := tabular.NewWriter(io.Discard, tabular.CSV, tabular.WriterOptions{})
		sum, err := run(r, w)
		if err != nil {
			b.Fatal(err)
		}
		w.Close()
		rows += sum.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(rows), "ns/row")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(rows), "cpu-ns/row")
}

// cpuTime is the CPU time (user and system) the process has used so far,
// in nanoseconds: on a loaded machine a steadier measure than wall time.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
