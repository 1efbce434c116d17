package middleware

import (
	"bufio"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// AccessLog writes one line per request: time, method, path, status,
// bytes of body written and duration. Lines are formatted outside any lock
// into pooled buffers and appended to a buffered writer that is flushed
// every interval and on Close, so that logging costs a short copy under a
// mutex rather than a system call per request.
type AccessLog struct {
	mu   sync.Mutex
	w    *bufio.Writer
	done chan struct{}
	wg   sync.WaitGroup
	now  func() time.Time
	sync bool // flush after each line
}

// NewAccessLog returns an access log writing to w, flushed every interval
// (a non-positive interval flushes after each line, for tests).
func NewAccessLog(w io.Writer, interval time.Duration) *AccessLog {
	l := &AccessLog{w: bufio.NewWriterSize(w, 64<<10), done: make(chan struct{}), now: time.Now}
	if interval > 0 {
		l.wg.Add(1)
		go l.flusher(interval)
	} else {
		l.sync = true
	}
	return l
}

func (l *AccessLog) flusher(interval time.Duration) {
	defer l.wg.Done()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			l.Flush()
		case <-l.done:
			return
		}
	}
}

// Flush writes the buffered lines out.
func (l *AccessLog) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Flush()
}

// Close stops the flusher and writes the buffered lines out.
func (l *AccessLog) Close() error {
	select {
	case <-l.done:
	default:
		close(l.done)
	}
	l.wg.Wait()
	return l.Flush()
}

var linePool = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// Handler is the middleware.
func (l *AccessLog) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := l.now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		d := l.now().Sub(start)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		bp := linePool.Get().(*[]byte)
		b := appendTime((*bp)[:0], start)
		b = append(b, ' ')
		b = append(b, r.Method...)
		b = append(b, ' ')
		b = append(b, r.URL.RequestURI()...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(rec.status), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, rec.bytes, 10)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, float64(d.Microseconds())/1000, 'f', 3, 64)
		b = append(b, "ms\n"...)
		l.mu.Lock()
		l.w.Write(b)
		if l.sync {
			l.w.Flush()
		}
		l.mu.Unlock()
		*bp = b
		linePool.Put(bp)
	})
}

// stamp is a second formatted once, for the lines of that second.
type stamp struct {
	sec  int64
	text string // "2006-01-02T15:04:05."
}

var lastStamp atomic.Pointer[stamp]

// appendTime appends t in UTC as "2006-01-02T15:04:05.000Z", formatting
// the date and time of day once per second.
func appendTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	sec := t.Unix()
	st := lastStamp.Load()
	if st == nil || st.sec != sec {
		st = &stamp{sec: sec, text: t.Format("2006-01-02T15:04:05.")}
		lastStamp.Store(st)
	}
	b = append(b, st.text...)
	ms := t.Nanosecond() / 1e6
	return append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z')
}

// recorder remembers the status and counts the body bytes of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
