package api

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dvhc-vn/dvhc/registry"
)

// TestServeShutdown serves on a real socket, answers a request, then
// shuts down gracefully when the context is cancelled, letting a request
// in flight finish and flushing the access log.
func TestServeShutdown(t *testing.T) {
	var log syncBuffer
	s := New(Config{Registry: registry.MustDefault(), Log: &log})
	started := make(chan struct{})
	release := make(chan struct{})
	s.mux.HandleFunc("GET /v1/slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "done")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, s, ln, ServerConfig{ShutdownTimeout: 5 * time.Second}) }()
	base := "http://" + ln.Addr().String()

	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz: %d", resp.StatusCode)
	}

	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/v1/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- string(b)
	}()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond) // Shutdown is now waiting for /v1/slow
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("new connection accepted during shutdown")
	}
	close(release)
	if got := <-slow; got != "done" {
		t.Errorf("request in flight got %q, want done", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if l := log.String(); !strings.Contains(l, "GET /healthz 200") || !strings.Contains(l, "GET /v1/slow 200 4 ") {
		t.Errorf("access log not flushed on shutdown: %q", l)
	}
}
