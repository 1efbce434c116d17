package main

import (
	"flag"
	"fmt"
	"net"
	"time"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/internal/api/middleware"
	"github.com/dvhc-vn/dvhc/internal/web"
)

var serveCmd = &command{
	name:    "serve",
	args:    "[--addr HOST:PORT] [--cors ORIGINS] [--tiles URL] [limits]",
	summary: "serve the JSON API and the web page over HTTP",
	doc: `Serves the JSON API (/v1/..., described at /openapi.json) and the web page
(/) with search, address converter and unit map, from the data and assets
embedded in the binary: nothing to set up. Logs one line per request on
stderr. Stops gracefully on SIGINT or SIGTERM.

Limits (each has a flag below): a request body is at most --max-body bytes
(413 beyond); a batch POST /v1/convert holds at most --max-batch addresses
of at most 1000 bytes each, and an upload at most --max-batch rows (413);
answers to batches and uploads are streamed as the addresses are converted
(an upload is checked whole before the answer starts, so that it is
refused with a problem document, not cut); at most --max-concurrent batch
conversions and uploads run at once, the others wait for a slot until
their deadline (--timeout), then get 503 with Retry-After; at most
--max-conns connections are open at once, the others wait in the kernel's
backlog; a request must be read within --read-timeout, its headers within
10 s; an idle keep-alive connection is closed after --idle-timeout.
Uploaded files are read with the limits of "dvhc convert FILE" (a field is
cut at 1 MiB, a line at 4 MiB).

Examples:
  dvhc serve
  dvhc serve --addr :8080 --cors '*'
  dvhc serve --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
		cors := fs.String("cors", "", "allow cross-origin requests from these comma-separated `ORIGINS` (* for any; default none)")
		tiles := fs.String("tiles", "", "base-map tile `URL` template for the page's map, {z}/{x}/{y} (default none: boundaries only)")
		attribution := fs.String("tiles-attribution", "", "attribution `HTML` shown for the base map")
		maxBody := fs.Int64("max-body", api.DefaultMaxBody, "largest request body in `BYTES`")
		maxBatch := fs.Int("max-batch", api.DefaultMaxBatch, "most addresses in one batch conversion, and rows in one upload")
		maxConcurrent := fs.Int("max-concurrent", 0, "most batch conversions and uploads served at once (default 2 × the number of CPUs)")
		maxConns := fs.Int("max-conns", api.DefaultMaxConns, "most open connections")
		timeout := fs.Duration("timeout", api.DefaultRequestTimeout, "deadline of one request")
		readTimeout := fs.Duration("read-timeout", 60*time.Second, "time to read a whole request")
		idleTimeout := fs.Duration("idle-timeout", 120*time.Second, "keep-alive time of an idle connection")
		grace := fs.Duration("shutdown-timeout", 10*time.Second, "time given to requests in flight on shutdown")
		return func(e *env, args []string) error {
			if err := noArgs("serve", args); err != nil {
				return err
			}
			if *maxBody <= 0 || *maxBatch <= 0 || *timeout <= 0 || *maxConcurrent < 0 || *maxConns <= 0 {
				return dvhc.Errorf(dvhc.EINVALID, "--max-body, --max-batch, --max-conns and --timeout must be positive")
			}
			reg, err := registryOf()
			if err != nil {
				return err
			}
			cfg := api.Config{
				Registry: reg, Converter: address.New(reg, geo.Default()),
				MaxBody: *maxBody, MaxBatch: *maxBatch, RequestTimeout: *timeout,
				MaxConcurrent: *maxConcurrent,
				CORS:          middleware.ParseOrigins(*cors), Log: e.stderr,
			}
			cfg.Web, err = web.Handler(web.Config{Tiles: *tiles, TilesAttribution: *attribution, MaxBatch: *maxBatch, Features: cfg.Features()})
			if err != nil {
				return dvhc.Errorf(dvhc.EINTERNAL, "web: %v", err)
			}
			s := api.New(cfg)
			ln, err := net.Listen("tcp", *addr)
			if err != nil {
				return dvhc.Errorf(dvhc.EINVALID, "listen: %v", err)
			}
			fmt.Fprintf(e.stderr, "dvhc: serving on http://%s/\n", ln.Addr())
			err = api.Serve(e.ctx, s, ln, api.ServerConfig{ReadTimeout: *readTimeout, IdleTimeout: *idleTimeout, ShutdownTimeout: *grace, MaxConns: *maxConns})
			if err != nil {
				return dvhc.Errorf(dvhc.EINTERNAL, "%v", err)
			}
			fmt.Fprintln(e.stderr, "dvhc: stopped")
			return nil
		}
	},
}
