// Package progress draws a one-line progress bar on a terminal: rows done,
// rows per second and, when the input size is known, percent and ETA.
//
// A Bar is silent (it counts but never draws) unless its output is a
// terminal and the environment variable CI is not "true". It redraws from
// its own goroutine at most every Interval (100 ms), and Stop clears the
// line. All methods of a Bar are safe for concurrent use.
package progress

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// Interval is the time between redraws.
const Interval = 100 * time.Millisecond

// Bar is a progress bar. The zero value is not usable; use New.
type Bar struct {
	out   io.Writer
	total int64 // bytes of input, 0 if unknown
	start time.Time
	rows  atomic.Int64
	bytes atomic.Int64
	draw  bool

	stopOnce sync.Once
	quit     chan struct{}
	done     chan struct{}
	width    int // of the last line drawn
}

// Enabled reports whether a bar on f would draw: f is a terminal and the
// environment variable CI is not "true".
func Enabled(f *os.File) bool {
	if f == nil || os.Getenv("CI") == "true" {
		return false
	}
	return term.IsTerminal(int(f.Fd()))
}

// New starts a bar drawing on out (normally os.Stderr) if Enabled(out).
// totalBytes is the size of the input, or 0 if unknown; the bar shows
// percent and ETA from the bytes counted through Reader. Call Stop when
// done.
func New(out *os.File, totalBytes int64) *Bar {
	return newBar(out, totalBytes, Enabled(out))
}

func newBar(out io.Writer, totalBytes int64, draw bool) *Bar {
	b := &Bar{out: out, total: totalBytes, start: time.Now(), draw: draw,
		quit: make(chan struct{}), done: make(chan struct{})}
	if !draw {
		close(b.done)
		return b
	}
	go b.loop()
	return b
}

func (b *Bar) loop() {
	defer close(b.done)
	t := time.NewTicker(Interval)
	defer t.Stop()
	for {
		select {
		case <-b.quit:
			b.clear()
			return
		case now := <-t.C:
			b.redraw(now)
		}
	}
}

// SetRows sets the number of rows done.
func (b *Bar) SetRows(n int) { b.rows.Store(int64(n)) }

// AddRows adds n to the number of rows done.
func (b *Bar) AddRows(n int) { b.rows.Add(int64(n)) }

// Rows returns the number of rows done.
func (b *Bar) Rows() int64 { return b.rows.Load() }

// Reader returns r counting the bytes read through it, for the percent
// and the ETA.
func (b *Bar) Reader(r io.Reader) io.Reader { return &countingReader{r: r, n: &b.bytes} }

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Stop stops redrawing and clears the line. It may be called more than
// once.
func (b *Bar) Stop() {
	b.stopOnce.Do(func() { close(b.quit) })
	<-b.done
}

func (b *Bar) clear() {
	if b.width > 0 {
		fmt.Fprintf(b.out, "\r%s\r", strings.Repeat(" ", b.width))
		b.width = 0
	}
}

func (b *Bar) redraw(now time.Time) {
	line := b.line(now.Sub(b.start))
	pad := ""
	if n := b.width - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(b.out, "\r%s%s", line, pad)
	b.width = len(line)
}

// line returns the text of the bar after elapsed time.
func (b *Bar) line(elapsed time.Duration) string {
	rows := b.rows.Load()
	var s strings.Builder
	s.WriteString(groupDigits(rows))
	s.WriteString(" rows")
	if sec := elapsed.Seconds(); sec > 0 {
		s.WriteString(", ")
		s.WriteString(groupDigits(int64(float64(rows) / sec)))
		s.WriteString(" rows/s")
	}
	if b.total > 0 {
		done := b.bytes.Load()
		frac := float64(done) / float64(b.total)
		if frac > 1 {
			frac = 1
		}
		fmt.Fprintf(&s, ", %3.0f%%", frac*100)
		if frac > 0.001 && frac < 1 {
			eta := time.Duration(float64(elapsed) * (1 - frac) / frac)
			s.WriteString(", ETA ")
			s.WriteString(eta.Round(time.Second).String())
		}
	}
	s.WriteString(", ")
	s.WriteString(elapsed.Round(time.Second).String())
	return s.String()
}

// groupDigits formats n with thin groups of three: 1,234,567.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
