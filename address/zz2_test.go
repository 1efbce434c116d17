package address_test

import (
	"testing"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/address/evalset"
	"github.com/dvhc-vn/dvhc/registry"
)

func BenchmarkStyle(b *testing.B) {
	c, _ := address.Default()
	cases := evalset.Generate(registry.MustDefault(), 42, 4096)
	for _, st := range []string{"typo", "full"} {
		var in []string
		for _, tc := range cases {
			if tc.Style == st {
				in = append(in, tc.Input)
			}
		}
		b.Run(st, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.Convert(in[i%len(in)], address.Options{})
				i++
			}
		})
	}
}
