package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// MaxAddressBytes is the longest address the converter accepts.
const MaxAddressBytes = 1000

// ConvertRequest is defined in package wire, the home of every answer's shape.
type ConvertRequest = wire.ConvertRequest

// ConvertBatch is defined in package wire, the home of every answer's shape.
type ConvertBatch = wire.ConvertBatch

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
	prefer, err := parsePrefer("parameter", q.Get("prefer"))
	if err != nil {
		return err
	}
	res := []wire.Conversion{wire.NewConversion(s.conv.Convert(text, address.Options{To: to, Point: p, Prefer: prefer}))}
	localize(w, r, res)
	return writeJSON(w, res[0])
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
	prefer, err := parsePrefer("field", req.Prefer)
	if err != nil {
		return err
	}
	opts := make([]address.Options, len(req.Addresses))
	for i, a := range req.Addresses {
		if len(a) > MaxAddressBytes {
			return dvhc.Errorf(dvhc.EINVALID, "address %d is longer than %d bytes", i, MaxAddressBytes)
		}
		opts[i].To, opts[i].Prefer = to, prefer
		if req.Points != nil && req.Points[i] != nil {
			p, err := latLon(req.Points[i], i)
			if err != nil {
				return err
			}
			opts[i].Point = p
		}
	}
	return s.streamResults(w, r, to, req.Addresses, opts)
}

// streamBlock is the number of addresses converted before their results
// are written: the memory of a batch answer is that of one block.
const streamBlock = 256

// streamResults writes the ConvertBatch answer, converting the addresses
// block by block and writing each block's results as soon as they are
// ready: the answer is never held whole in memory. A deadline that passes
// before the first byte is a problem document; after it, the connection
// is cut (the client sees a truncated answer, never a short valid one).
func (s *Server) streamResults(w http.ResponseWriter, r *http.Request, to dvhc.Date, addrs []string, opts []address.Options) error {
	ctx := r.Context()
	n := min(len(addrs), streamBlock)
	first, err := wire.ConvertAll(ctx, s.conv, addrs[:n], opts[:n])
	if err != nil {
		return err
	}
	lang := langOf(w, r)
	bw, enc := jsonStream(w)
	toJSON, _ := json.Marshal(to.String())
	fmt.Fprintf(bw, `{"to":%s,"count":%d,"results":[`, toJSON, len(addrs))
	out := first
	for start := 0; ; {
		for i := range out {
			if start+i > 0 {
				bw.WriteByte(',')
			}
			if lang != msg.EN {
				translateConversion(lang, &out[i])
			}
			enc.Encode(&out[i])
		}
		start += len(out)
		if start >= len(addrs) {
			break
		}
		end := min(len(addrs), start+streamBlock)
		if out, err = wire.ConvertAll(ctx, s.conv, addrs[start:end], opts[start:end]); err != nil {
			fmt.Fprintf(s.cfg.Log, "%s %s: answer cut after %d of %d results: %v\n", r.Method, r.URL.Path, start, len(addrs), err)
			bw.Flush()
			panic(http.ErrAbortHandler)
		}
	}
	bw.WriteString("]}\n")
	bw.Flush()
	return nil
}

// RequestPoint is defined in package wire, the home of every answer's shape.
type RequestPoint = wire.RequestPoint

// latLon checks the i-th point of a request.
func latLon(p *RequestPoint, i int) (*dvhc.LatLon, error) {
	if p.Lat == nil || p.Lon == nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "point %d: give both lat and lon (or null for no point)", i)
	}
	ll := dvhc.LatLon{Lat: *p.Lat, Lon: *p.Lon}
	if !ll.IsValid() {
		return nil, dvhc.Errorf(dvhc.EINVALID, "point %d (%g, %g) is not a WGS 84 position", i, ll.Lat, ll.Lon)
	}
	return &ll, nil
}

// decodeJSON decodes the request body, one JSON object, into v; unknown
// fields and trailing data are errors. The body must say it is JSON
// (Content-Type application/json, or another +json type): a 415 otherwise.
func decodeJSON(r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		if ct == "" {
			return dvhc.Errorf(kindMediaType, "no Content-Type: want application/json")
		}
		return dvhc.Errorf(kindMediaType, "Content-Type %q: want application/json", ct)
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
