// Package mcp is the Model Context Protocol server of dvhc ("dvhc mcp"):
// the registry, the address converter, the point locator and the table
// converter (package stats) offered as tools and resources to AI
// assistants, over stdio, on the same core and the same JSON shapes
// (package wire) as the CLI and the HTTP API.
//
// It is the only importer of the official Go SDK. Every tool answers with
// structured content whose JSON schema is inferred from its Go type, and
// carries data_version, the date of the latest event in the data. Bad
// arguments are tool errors (isError, with a message for the model), never
// protocol failures.
package mcp

import (
	"context"
	"errors"
	"io"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/registry"
)

// Config is what the server is built from.
type Config struct {
	Registry  *registry.Registry // required
	Converter *address.Converter // required

	// MaxBatch is the most addresses in one convert_addresses call; zero is
	// the HTTP API's default (api.DefaultMaxBatch).
	MaxBatch int

	// Version is the server version announced to clients.
	Version string

	// Today returns the default date of "at" and "to"; nil is dvhc.Today.
	// Tests fix it.
	Today func() dvhc.Date
}

// Instructions tell the model how to use the tools; clients show them to
// the model at the start of a session.
const Instructions = `dvhc answers questions about Vietnam's administrative units (provinces, districts, communes) before and after the reorganisation of 2025-07-01 (district tier abolished, 63 provinces became 34, 10,035 communes became 3,321), from the official data, with dates. Do not answer these questions from memory: names were reused, codes were reused, and many communes were split.

A code means nothing without its date: commune 00004 is Phường Trúc Bạch until 2025-06-30 and Phường Ba Đình from 2025-07-01. Pass "at" (the date the code or name is read on) and "to" (the date to convert or walk to); both default to today. Dates are YYYY-MM-DD.

convert_address and convert_addresses rewrite free-text addresses to the units in force on "to". The status of each result:
- ok: one commune; use commune, province and address.
- ambiguous: the old commune was split among several new ones, or the text names several units. The candidates are listed, most likely first, each with its share and the government's official note; there is NO default. Never pick one yourself: show the candidates and ask the user which one holds the address, or ask for the coordinates (lat, lon) of the address, which decide.
- not_found: no unit could be read; invalid: the input is not an address.

Every answer carries data_version, the date of the latest legal event in the data; changes after that date are unknown to dvhc.`

// Server is the MCP server of dvhc.
type Server struct {
	cfg     Config
	reg     *registry.Registry
	conv    *address.Converter
	version string // data version: the registry's DataDate
	s       *sdk.Server
}

// New builds the server from cfg.
func New(cfg Config) *Server {
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = api.DefaultMaxBatch
	}
	if cfg.Today == nil {
		cfg.Today = dvhc.Today
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	s := &Server{cfg: cfg, reg: cfg.Registry, conv: cfg.Converter, version: cfg.Registry.DataDate().String()}
	s.s = sdk.NewServer(&sdk.Implementation{Name: "dvhc", Title: "dvhc — Vietnam's administrative units over time", Version: cfg.Version},
		&sdk.ServerOptions{Instructions: Instructions})
	s.addTools()
	s.addResources()
	return s
}

// Serve runs the server on in and out (the standard input and output of
// "dvhc mcp") until in ends, a clean exit, or ctx is done (its error). Requests
// still in flight when in ends are dropped: a client keeps the input open
// until it has its answers (the SDK's client does).
func (s *Server) Serve(ctx context.Context, in io.Reader, out io.Writer) error {
	t := &sdk.IOTransport{Reader: io.NopCloser(in), Writer: nopWriteCloser{out}}
	err := s.s.Run(ctx, t)
	if err == nil || errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// date parses an optional date argument; empty, it is def.
func date(name, s string, def dvhc.Date) (dvhc.Date, error) {
	if strings.TrimSpace(s) == "" {
		return def, nil
	}
	d, err := dvhc.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return dvhc.Date{}, dvhc.Errorf(dvhc.EINVALID, "argument %s: %v", name, err)
	}
	return d, nil
}

// level parses an optional level argument; empty, it is zero.
func level(s string) (dvhc.Level, error) {
	if s == "" {
		return 0, nil
	}
	l, err := dvhc.ParseLevel(s)
	if err != nil {
		return 0, dvhc.Errorf(dvhc.EINVALID, "argument level: %v", err)
	}
	return l, nil
}

// preferArg parses the optional prefer argument with address.ParsePrefer,
// the parser of every door.
func preferArg(s string) (address.Prefer, error) {
	p, err := address.ParsePrefer(s)
	if err != nil {
		return 0, dvhc.Errorf(dvhc.EINVALID, "argument prefer: %v", err)
	}
	return p, nil
}

// point checks an optional position given as lat and lon: both or neither.
func point(lat, lon *float64) (*dvhc.LatLon, error) {
	if lat == nil && lon == nil {
		return nil, nil
	}
	if lat == nil || lon == nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "arguments lat and lon go together")
	}
	p := dvhc.LatLon{Lat: *lat, Lon: *lon}
	if !p.IsValid() {
		return nil, dvhc.Errorf(dvhc.EINVALID, "(%g, %g) is not a WGS 84 position in decimal degrees", p.Lat, p.Lon)
	}
	return &p, nil
}
