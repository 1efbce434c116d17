package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// Error kinds of the HTTP edge, beside dvhc's EINVALID, ENOTFOUND and
// EINTERNAL.
const (
	kindTooLarge = "too_large"          // body or batch over the limit
	kindMethod   = "method_not_allowed" // the path exists for another method
	kindTimeout  = "timeout"            // the request's deadline passed
	// kindMediaType is a body of the wrong media type.
	kindMediaType = "unsupported_media_type"
	// kindBusy is an expensive request refused while the server is busy.
	kindBusy = "busy"
)

// statusOf maps error kinds to HTTP statuses: the one table. An unknown
// kind is a 500.
var statusOf = map[string]int{
	dvhc.EINVALID:  http.StatusBadRequest,
	dvhc.ENOTFOUND: http.StatusNotFound,
	dvhc.EINTERNAL: http.StatusInternalServerError,
	kindTooLarge:   http.StatusRequestEntityTooLarge,
	kindMethod:     http.StatusMethodNotAllowed,
	kindTimeout:    http.StatusServiceUnavailable,
	kindMediaType:  http.StatusUnsupportedMediaType,
	kindBusy:       http.StatusServiceUnavailable,

	// a date before the registry is complete: well-formed, not answerable
	dvhc.ENOTCOVERED: http.StatusUnprocessableEntity,
}

// Problem is an RFC 7807 problem document (defined in package wire).
type Problem = wire.Problem

// problemOf classifies err: standard errors of the request's life
// (oversized body, deadline) get their kind here, before the table.
func problemOf(err error) (kind, detail string) {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return kindTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit)
	case errors.Is(err, context.DeadlineExceeded):
		return kindTimeout, "the request took too long and was abandoned"
	case errors.Is(err, context.Canceled):
		return kindTimeout, "the request was cancelled"
	}
	kind = dvhc.ErrorKind(err)
	if _, ok := statusOf[kind]; !ok || kind == dvhc.EINTERNAL {
		return dvhc.EINTERNAL, "internal error"
	}
	return kind, err.Error()
}

// writeError renders err as a problem document. Internal errors are logged
// and their message kept from the client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	kind, detail := problemOf(err)
	detail = msg.Translate(detail, langOf(w, r))
	status := statusOf[kind]
	if kind == dvhc.EINTERNAL {
		fmt.Fprintf(s.cfg.Log, "error serving %s %s: %v\n", r.Method, r.URL.Path, err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(Problem{
		Type:     "urn:dvhc:problem:" + kind,
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   detail,
		Instance: r.URL.Path,
	})
}

// jsonStream starts a 200 JSON response written piece by piece: a
// buffered writer on w (the caller flushes it) and a JSON encoder on that
// writer that leaves HTML characters as they are, as writeJSON does.
func jsonStream(w http.ResponseWriter) (*bufio.Writer, *json.Encoder) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return bw, enc
}

// writeJSON writes v as a 200 JSON response, encoded straight to w.
func writeJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // after the header is sent, an error can only be logged
	return nil
}
