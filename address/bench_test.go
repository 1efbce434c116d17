package address_test

import (
	"testing"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/address/evalset"
	"github.com/dvhc-vn/dvhc/registry"
)

// messy returns a mix of generated addresses in every style.
func messy(b *testing.B) (*address.Converter, []string) {
	c, err := address.Default()
	if err != nil {
		b.Fatal(err)
	}
	cases := evalset.Generate(registry.MustDefault(), 42, 4096)
	in := make([]string, len(cases))
	for i, tc := range cases {
		in[i] = tc.Input
	}
	return c, in
}

func BenchmarkParse(b *testing.B) {
	c, in := messy(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Parse(in[i%len(in)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "addr/s")
}

func BenchmarkConvert(b *testing.B) {
	c, in := messy(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Convert(in[i%len(in)], address.Options{})
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "addr/s")
}

func BenchmarkConvertParallel(b *testing.B) {
	c, in := messy(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c.Convert(in[i%len(in)], address.Options{})
			i++
		}
	})
}
