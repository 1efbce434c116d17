package gcpause

import (
	"runtime/debug"
	"sync"
	"testing"
)

// TestPauseNests checks that overlapping pauses from many goroutines leave
// the GC percent as it was, and that it is off while any is in progress.
func TestPauseNests(t *testing.T) {
	before := debug.SetGCPercent(137)
	defer debug.SetGCPercent(before)
	outer := Pause()
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			resume := Pause()
			resume()
			resume() // a second call does nothing
		})
	}
	wg.Wait()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GC percent %d during a pause, want -1", p)
	}
	outer()
	if p := debug.SetGCPercent(137); p != 137 {
		t.Fatalf("GC percent %d after the pauses, want 137", p)
	}
}
