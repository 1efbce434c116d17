package address_test

import (
	"testing"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/address/evalset"
	"github.com/dvhc-vn/dvhc/registry"
)

// messy returns a mix of generated addresses in every style of dvhc eval
// (spread evenly over the styles: clean text, no tones, abbreviations,
// typos, no type words, hamlets, odd separators…).
func messy(b *testing.B) (*address.Converter, []string) {
	c, cases := mixed(b)
	in := make([]string, len(cases))
	for i, tc := range cases {
		in[i] = tc.Input
	}
	return c, in
}

// mixed returns the converter and the generated cases of every style.
func mixed(b *testing.B) (*address.Converter, []evalset.Case) {
	c, err := address.Default()
	if err != nil {
		b.Fatal(err)
	}
	return c, evalset.Generate(registry.MustDefault(), 42, 4096)
}

// loop runs fn over the inputs in turn and reports addresses per second
// and the process's CPU time per address (user + system, GC included),
// which, unlike ns/op, holds on a loaded machine.
func loop(b *testing.B, in []string, fn func(string)) {
	b.ReportAllocs()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		fn(in[i%len(in)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "addr/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkParse(b *testing.B) {
	c, in := messy(b)
	loop(b, in, func(s string) { c.Parse(s) })
}

// BenchmarkConvert converts the mixed set of every style, as
// BenchmarkConvertMixed/all.
func BenchmarkConvert(b *testing.B) {
	c, in := messy(b)
	loop(b, in, func(s string) { c.Convert(s, address.Options{}) })
}

// BenchmarkConvertMixed converts the mixed set of every style of dvhc
// eval (all), then each style alone.
func BenchmarkConvertMixed(b *testing.B) {
	c, cases := mixed(b)
	by := map[string][]string{}
	var all []string
	for _, tc := range cases {
		by[tc.Style] = append(by[tc.Style], tc.Input)
		all = append(all, tc.Input)
	}
	b.Run("all", func(b *testing.B) {
		loop(b, all, func(s string) { c.Convert(s, address.Options{}) })
	})
	for _, st := range evalset.Styles {
		b.Run(st, func(b *testing.B) {
			loop(b, by[st], func(s string) { c.Convert(s, address.Options{}) })
		})
	}
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

// BenchmarkTokenize tokenizes and classifies the mixed set (the front of
// a parse, before the search).
func BenchmarkTokenize(b *testing.B) {
	c, in := messy(b)
	loop(b, in, func(s string) { c.FrontTokens(s, false) })
}

// BenchmarkFindHits tokenizes the mixed set and looks up the names ending
// at every token.
func BenchmarkFindHits(b *testing.B) {
	c, in := messy(b)
	loop(b, in, func(s string) { c.FrontTokens(s, true) })
}
