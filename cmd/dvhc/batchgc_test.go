package main

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads the GC percent without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestBatchGC checks that batchGC raises GOGC under a memory limit for the
// run and restores both, and leaves them alone when GOGC is set.
func TestBatchGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := gcPercent(), debug.SetMemoryLimit(-1)
	restore := batchGC()
	if p := gcPercent(); p != batchGCPercent {
		t.Errorf("GC percent during the run = %d, want %d", p, batchGCPercent)
	}
	if l := debug.SetMemoryLimit(-1); l < batchMemLimit || l == limit {
		t.Errorf("memory limit during the run = %d, want at least %d", l, batchMemLimit)
	}
	restore()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != percent || l != limit {
		t.Errorf("after the run: GC percent %d, limit %d; want %d, %d", p, l, percent, limit)
	}

	t.Setenv("GOGC", "50")
	restore = batchGC()
	if p := gcPercent(); p != percent {
		t.Errorf("with GOGC set, GC percent = %d, want %d", p, percent)
	}
	restore()
}
