package address_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/address/evalset"
	"github.com/dvhc-vn/dvhc/registry"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZSpeed(t *testing.T) {
	c, _ := address.Default()
	cases := evalset.Generate(registry.MustDefault(), 42, 4096)
	typo := 0
	for _, tc := range cases {
		if c.Parse(tc.Input).Typo {
			typo++
		}
	}
	t0 := cpuTime()
	n := 0
	for k := 0; k < 20; k++ {
		for _, tc := range cases {
			c.Convert(tc.Input, address.Options{})
			n++
		}
	}
	d := cpuTime() - t0
	fmt.Printf("typo %d/%d; convert cpu %v/op\n", typo, len(cases), d/time.Duration(n))
	slow := map[string]time.Duration{}
	for _, tc := range cases {
		t1 := cpuTime()
		for k := 0; k < 20; k++ {
			c.Convert(tc.Input, address.Options{})
		}
		slow[tc.Style] += cpuTime() - t1
	}
	for s, d := range slow {
		fmt.Println(s, d/time.Duration(20*len(cases)/13))
	}
}
