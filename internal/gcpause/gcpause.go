// Package gcpause pauses garbage collection while a program builds data
// that all stays live (the registry, the address indexes), where
// collecting is wasted work.
package gcpause

import (
	"runtime/debug"
	"sync"
)

var (
	mu    sync.Mutex
	depth int // pauses in progress
	saved int // the GC percent before the first of them
)

// Pause turns garbage collection off until the returned function is
// called; pauses may nest and overlap across goroutines: the collector's
// percent is restored when the last one ends. A memory limit
// (GOMEMLIMIT) still applies meanwhile. Do not change the GC percent
// while a pause is in progress.
func Pause() (resume func()) {
	mu.Lock()
	if depth == 0 {
		saved = debug.SetGCPercent(-1)
	}
	depth++
	mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			mu.Lock()
			depth--
			if depth == 0 {
				debug.SetGCPercent(saved)
			}
			mu.Unlock()
		})
	}
}
