package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// Warm builds the lazy indexes (name search, boundaries) now, so that the
// first requests do not pay for them. Serve calls it in the background.
func (s *Server) Warm() {
	s.reg.Search(registry.Query{Text: "Ba Đình", Limit: 1})
	geo.Default().Load()
}

// ServerConfig holds the timeouts of the HTTP server around the API.
type ServerConfig struct {
	ReadHeaderTimeout time.Duration // default 10 s
	ReadTimeout       time.Duration // whole request, body included; default 60 s
	WriteTimeout      time.Duration // default RequestTimeout + 30 s
	IdleTimeout       time.Duration // keep-alive; default 120 s
	ShutdownTimeout   time.Duration // grace for in-flight requests; default 10 s
	// MaxConns bounds the open connections; more wait in the kernel's
	// backlog until one closes. Default DefaultMaxConns.
	MaxConns int
}

// DefaultMaxConns is the default of ServerConfig.MaxConns.
const DefaultMaxConns = 4096

// limitListener accepts at most cap(sem) connections at a time.
type limitListener struct {
	net.Listener
	sem chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.sem <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: sync.OnceFunc(func() { <-l.sem })}, nil
}

// limitConn gives its slot back when closed.
type limitConn struct {
	net.Conn
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.release()
	return err
}

// Serve serves s on ln until ctx is cancelled, then shuts down gracefully:
// it stops accepting, waits up to ShutdownTimeout for requests in flight,
// and flushes the access log.
func Serve(ctx context.Context, s *Server, ln net.Listener, sc ServerConfig) error {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&sc.ReadHeaderTimeout, 10*time.Second)
	def(&sc.ReadTimeout, 60*time.Second)
	def(&sc.WriteTimeout, s.cfg.RequestTimeout+30*time.Second)
	def(&sc.IdleTimeout, 120*time.Second)
	def(&sc.ShutdownTimeout, 10*time.Second)
	if sc.MaxConns <= 0 {
		sc.MaxConns = DefaultMaxConns
	}
	ln = &limitListener{Listener: ln, sem: make(chan struct{}, sc.MaxConns)}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: sc.ReadHeaderTimeout,
		ReadTimeout:       sc.ReadTimeout,
		WriteTimeout:      sc.WriteTimeout,
		IdleTimeout:       sc.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	go s.Warm()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), sc.ShutdownTimeout)
		err = hs.Shutdown(sctx)
		cancel()
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
