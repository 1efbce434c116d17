package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLine(t *testing.T) {
	b := newBar(io.Discard, 1000, false)
	b.SetRows(1234567)
	b.bytes.Store(250)
	got := b.line(10 * time.Second)
	want := "1,234,567 rows, 123,456 rows/s,  25%, ETA 30s, 10s"
	if got != want {
		t.Errorf("line = %q, want %q", got, want)
	}
	b = newBar(io.Discard, 0, false)
	b.AddRows(5)
	if got, want := b.line(time.Second), "5 rows, 5 rows/s, 1s"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the bar's goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestDrawAndClear(t *testing.T) {
	var out syncBuffer
	b := newBar(&out, 0, true)
	b.AddRows(42)
	time.Sleep(3 * Interval)
	b.Stop()
	b.Stop()
	s := out.String()
	if !strings.Contains(s, "\r42 rows") {
		t.Fatalf("no bar drawn: %q", s)
	}
	if !strings.HasSuffix(s, "\r") || strings.Count(s, "\r") < 3 {
		t.Errorf("line not cleared at the end: %q", s)
	}
	draws := strings.Count(s, " rows/s")
	if draws > 4 {
		t.Errorf("%d redraws in 300ms, want at most ~3", draws)
	}
}

func TestSilent(t *testing.T) {
	t.Setenv("CI", "true")
	if Enabled(os.Stderr) {
		t.Fatal("Enabled with CI=true")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Setenv("CI", "")
	b := New(f, 10)
	n, _ := io.Copy(io.Discard, b.Reader(strings.NewReader("0123456789")))
	b.AddRows(3)
	time.Sleep(2 * Interval)
	b.Stop()
	if n != 10 || b.bytes.Load() != 10 || b.Rows() != 3 {
		t.Errorf("counted %d bytes, %d rows", b.bytes.Load(), b.Rows())
	}
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Errorf("wrote %d bytes to a file that is not a terminal", fi.Size())
	}
}
