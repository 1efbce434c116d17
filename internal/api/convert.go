package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// MaxAddressBytes is the longest address the converter accepts.
const MaxAddressBytes = 1000

// ConvertRequest is the body of POST /v1/convert.
type ConvertRequest struct {
	Addresses []string `json:"addresses"`
	// To is the date of the units to convert to; empty: today.
	To string `json:"to"`
	// Points, when given, has one entry per address: its position, or
	// null. A point decides between the successors of a split commune.
	Points []*wire.Point `json:"points"`
}

// ConvertBatch is the answer of POST /v1/convert: one result per address,
// in the order of the request.
type ConvertBatch struct {
	To      string            `json:"to"`
	Count   int               `json:"count"`
	Results []wire.Conversion `json:"results"`
}

func (s *Server) convertOne(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	text := q.Get("address")
	if strings.TrimSpace(text) == "" {
		return dvhc.Errorf(dvhc.EINVALID, "parameter address is required")
	}
	if len(text) > MaxAddressBytes {
		return dvhc.Errorf(dvhc.EINVALID, "parameter address is longer than %d bytes", MaxAddressBytes)
	}
	to, err := dateParam(q, "to", s.cfg.Today())
	if err != nil {
		return err
	}
	p, err := pointParams(q)
	if err != nil {
		return err
	}
	res := s.conv.Convert(text, address.Options{To: to, Point: p})
	return writeJSON(w, wire.NewConversion(res))
}

func (s *Server) convertBatch(w http.ResponseWriter, r *http.Request) error {
	var req ConvertRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if req.Addresses == nil {
		return dvhc.Errorf(dvhc.EINVALID, "field addresses is required")
	}
	if n := len(req.Addresses); n > s.cfg.MaxBatch {
		return dvhc.Errorf(kindTooLarge, "%d addresses in one request; at most %d", n, s.cfg.MaxBatch)
	}
	if req.Points != nil && len(req.Points) != len(req.Addresses) {
		return dvhc.Errorf(dvhc.EINVALID, "%d points for %d addresses: give one point (or null) per address", len(req.Points), len(req.Addresses))
	}
	to := s.cfg.Today()
	if req.To != "" {
		d, err := dvhc.ParseDate(req.To)
		if err != nil {
			return dvhc.Errorf(dvhc.EINVALID, "field to: %v", err)
		}
		to = d
	}
	opts := make([]address.Options, len(req.Addresses))
	for i, a := range req.Addresses {
		if len(a) > MaxAddressBytes {
			return dvhc.Errorf(dvhc.EINVALID, "address %d is longer than %d bytes", i, MaxAddressBytes)
		}
		opts[i].To = to
		if req.Points != nil && req.Points[i] != nil {
			p := req.Points[i]
			if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
				return dvhc.Errorf(dvhc.EINVALID, "point %d (%g, %g) is not a WGS 84 position", i, p.Lat, p.Lon)
			}
			opts[i].Point = &dvhc.LatLon{Lat: p.Lat, Lon: p.Lon}
		}
	}
	out, err := wire.ConvertAll(r.Context(), s.conv, req.Addresses, opts)
	if err != nil {
		return err
	}
	return writeJSON(w, ConvertBatch{To: to.String(), Count: len(out), Results: out})
}

// decodeJSON decodes the request body, one JSON object, into v; unknown
// fields and trailing data are errors.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return dvhc.Errorf(dvhc.EINVALID, "Content-Type %q: want application/json", ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return dvhc.Errorf(dvhc.EINVALID, "empty body: want a JSON object")
		}
		return dvhc.Errorf(dvhc.EINVALID, "malformed JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return dvhc.Errorf(dvhc.EINVALID, "malformed JSON: data after the object")
	}
	return nil
}
