package middleware

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestAccessLog(t *testing.T) {
	var out lockedBuffer
	l := NewAccessLog(&out, time.Hour)
	h := l.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			w.WriteHeader(404)
			w.Write([]byte("gone"))
			return
		}
		w.Write([]byte("hello, world"))
	}))
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/a?x=1", nil))
		}()
	}
	wg.Wait()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/missing", nil))
	if out.String() != "" {
		t.Errorf("lines written before the flush: %q", out.String())
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 51 {
		t.Fatalf("%d lines, want 51:\n%s", len(lines), out.String())
	}
	re := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z GET /a\?x=1 200 12 \d+\.\d{3}ms$`)
	for _, line := range lines[:50] {
		if !re.MatchString(line) {
			t.Errorf("line %q does not match %s", line, re)
		}
	}
	if !strings.Contains(lines[50], " POST /missing 404 4 ") {
		t.Errorf("last line %q", lines[50])
	}
	l.Close() // twice is fine
}

func TestAccessLogUnbuffered(t *testing.T) {
	var out lockedBuffer
	l := NewAccessLog(&out, 0)
	l.Handler(http.NotFoundHandler()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
	if !strings.Contains(out.String(), " GET /x 404 19 ") {
		t.Errorf("unbuffered log = %q", out.String())
	}
}

func TestAppendTime(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 7, 1, 23, 59, 59, 999999999, time.UTC),
		time.Date(2025, 7, 1, 23, 59, 59, 5e6, time.FixedZone("ICT", 7*3600)),
		time.Date(2026, 1, 2, 3, 4, 5, 60e6, time.UTC),
	} {
		want := tm.UTC().Format("2006-01-02T15:04:05.000Z")
		if got := string(appendTime(nil, tm)); got != want {
			t.Errorf("appendTime(%v) = %s, want %s", tm, got, want)
		}
	}
}
