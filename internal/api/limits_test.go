package api

import (
	"io"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dvhc-vn/dvhc/registry"
)

// TestBusy: with one slot for expensive requests, a second batch waits
// for it until its deadline, then gets 503 busy with Retry-After; cheap
// routes are not limited.
func TestBusy(t *testing.T) {
	s := New(Config{Registry: registry.MustDefault(), Converter: server(t).conv, MaxConcurrent: 1,
		RequestTimeout: 200 * time.Millisecond, Log: &testLog})
	defer s.Close()
	body, feed := io.Pipe()
	r1 := httptest.NewRequest("POST", "/v1/convert", body)
	r1.Header.Set("Content-Type", "application/json")
	done := make(chan int)
	go func() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r1)
		done <- w.Code
	}()
	// The first request holds the slot once it reads its body.
	feed.Write([]byte(`{"addresses": [`))
	r2 := httptest.NewRequest("POST", "/v1/convert", strings.NewReader(`{"addresses": ["a"]}`))
	r2.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r2)
	problem(t, w, 503, "busy", "busy")
	if w.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	w = httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
	if w.Code != 200 {
		t.Errorf("healthz %d while busy", w.Code)
	}
	feed.Write([]byte(`"Hà Nội"]}`))
	feed.Close()
	<-done
}

// TestLimitListener: a connection holds its slot until closed, once.
func TestLimitListener(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &limitListener{Listener: inner, sem: make(chan struct{}, 2)}
	defer ln.Close()
	c1, _ := net.Dial("tcp", inner.Addr().String())
	defer c1.Close()
	a1, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	if len(ln.sem) != 1 {
		t.Fatalf("%d slots taken, want 1", len(ln.sem))
	}
	a1.Close()
	a1.Close()
	if len(ln.sem) != 0 {
		t.Fatalf("%d slots taken after close, want 0", len(ln.sem))
	}
}
