package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// FileRow is an address read from an uploaded file, with its point.
type FileRow struct {
	Line    int         `json:"line"`
	Address string      `json:"address"`
	Point   *wire.Point `json:"point"`
	Error   string      `json:"error,omitempty"` // the row could not be read cleanly, or its point is bad
}

// ConvertFile is the answer of POST /v1/convert/file.
type ConvertFile struct {
	To            string            `json:"to"`
	Count         int               `json:"count"`
	AddressColumn string            `json:"address_column"`
	Rows          []FileRow         `json:"rows"`
	Results       []wire.Conversion `json:"results"`
}

// convertFile converts the address column of an uploaded table through
// fileconv.AddressRecords, the code of "dvhc convert FILE": same column
// detection, same row checks, same statuses. The results are encoded as
// the rows come, into a buffer bounded by Config.MaxResponse.
func (s *Server) convertFile(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	to, err := dateParam(q, "to", s.cfg.Today())
	if err != nil {
		return err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return dvhc.Errorf(dvhc.EINVALID, "want a multipart/form-data body with a file field: %v", err)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return dvhc.Errorf(dvhc.EINVALID, "no file field in the form")
		}
		if err != nil {
			return bodyError(err)
		}
		if part.FormName() == "file" {
			opts := fileconv.Options{Column: q.Get("column"), Lat: q.Get("lat"), Lon: q.Get("lon"), To: to, MaxRows: s.cfg.MaxBatch}
			if format := q.Get("format"); format != "" {
				return s.convertFileTo(w, r, part, part.FileName(), format, opts)
			}
			return s.convertUpload(w, r, part, part.FileName(), opts)
		}
	}
}

func (s *Server) convertUpload(w http.ResponseWriter, r *http.Request, src io.Reader, name string, opts fileconv.Options) error {
	var column string
	lang := langOf(w, r)
	rows := []FileRow{}
	var res bytes.Buffer
	res.WriteByte('[')
	enc := json.NewEncoder(&res)
	enc.SetEscapeHTML(false)
	head := func(t fileconv.Table) error { column = t.AddressColumn; return nil }
	emit := func(rec *fileconv.Record) error {
		fr := FileRow{Line: rec.Line, Address: rec.Address, Error: msg.Translate(rec.Error, lang)}
		if rec.Point != nil {
			fr.Point = &wire.Point{Lat: rec.Point.Lat, Lon: rec.Point.Lon}
		}
		rows = append(rows, fr)
		if len(rows) > 1 {
			res.WriteByte(',')
		}
		c := wire.NewConversion(rec.Result)
		if lang != msg.EN {
			translateConversion(lang, &c)
		}
		enc.Encode(c)
		if res.Len() > s.cfg.MaxResponse {
			return dvhc.Errorf(kindTooLarge, "the answer would be larger than %d bytes: send fewer rows", s.cfg.MaxResponse)
		}
		return nil
	}
	err := fileconv.AddressRecords(r.Context(), s.conv, src, name, opts, head, emit)
	if errors.Is(err, fileconv.ErrTooManyRows) {
		return dvhc.Errorf(kindTooLarge, "more than %d rows in the file", s.cfg.MaxBatch)
	}
	if err != nil {
		return bodyError(err)
	}
	res.WriteByte(']')
	rowsJSON, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	return writeJSON(w, struct {
		To            string          `json:"to"`
		Count         int             `json:"count"`
		AddressColumn string          `json:"address_column"`
		Rows          json.RawMessage `json:"rows"`
		Results       json.RawMessage `json:"results"`
	}{opts.To.String(), len(rows), column, rowsJSON, res.Bytes()})
}

// bodyError keeps an oversized body a 413 and makes other read errors the
// caller's (400).
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || dvhc.ErrorKind(err) != dvhc.EINTERNAL {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	return dvhc.Errorf(dvhc.EINVALID, "reading the upload: %v", err)
}
