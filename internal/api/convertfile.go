package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// FileRow is defined in package wire, the home of every answer's shape.
type FileRow = wire.FileRow

// ConvertFile is defined in package wire, the home of every answer's shape.
type ConvertFile = wire.ConvertFile

// convertFile converts the address column of an uploaded table through
// fileconv, the code of "dvhc convert FILE": same column detection, same
// row checks, same statuses. The file (at most Config.MaxBody bytes) is
// read into memory and checked whole first (fileconv.CheckTable), so that
// every refusal is a problem document; then the results are streamed as
// the rows are converted, never held whole in memory.
func (s *Server) convertFile(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	to, err := dateParam(q, "to", s.cfg.Today())
	if err != nil {
		return err
	}
	prefer, err := parsePrefer("parameter", q.Get("prefer"))
	if err != nil {
		return err
	}
	headerRow, err := intParam(q, "header_row", 0, 1, fileconv.MaxHeaderRow)
	if err != nil {
		return err
	}
	var format fileconv.Format
	if f := q.Get("format"); f != "" {
		format, err = fileconv.ParseFormat(f)
		if err != nil || (format.String() != "xlsx" && format.String() != "csv") {
			return dvhc.Errorf(dvhc.EINVALID, "parameter format: want xlsx or csv, got %q", f)
		}
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
		if part.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, s.cfg.MaxBody+1))
		if err != nil {
			return bodyError(err)
		}
		if int64(len(data)) > s.cfg.MaxBody {
			return &http.MaxBytesError{Limit: s.cfg.MaxBody}
		}
		opts := fileconv.Options{Column: q.Get("column"), Lat: q.Get("lat"), Lon: q.Get("lon"), To: to, Prefer: prefer, MaxRows: s.cfg.MaxBatch, HeaderRow: headerRow}
		if !format.IsZero() {
			return s.convertFileTo(w, r, data, part.FileName(), format, opts)
		}
		return s.convertUpload(w, r, data, part.FileName(), opts)
	}
}

// checkUpload checks an uploaded table whole with fileconv.CheckTable
// before any byte of the answer, so that every refusal (too many rows, a
// broken file, a request cancelled meanwhile) is a problem document.
func (s *Server) checkUpload(ctx context.Context, data []byte, name string, opts fileconv.Options) (fileconv.Table, int, error) {
	table, n, err := fileconv.CheckTable(ctx, bytes.NewReader(data), name, opts)
	if errors.Is(err, fileconv.ErrTooManyRows) {
		return table, 0, dvhc.Errorf(kindTooLarge, "more than %d rows in the file", s.cfg.MaxBatch)
	}
	if err != nil {
		return table, 0, bodyError(err)
	}
	if err := ctx.Err(); err != nil {
		return table, 0, err
	}
	return table, n, nil
}

func (s *Server) convertUpload(w http.ResponseWriter, r *http.Request, data []byte, name string, opts fileconv.Options) error {
	ctx := r.Context()
	table, n, err := s.checkUpload(ctx, data, name, opts)
	if err != nil {
		return err
	}
	// The answer, results first (streamed), then the rows read; notes and
	// row errors in the language of Accept-Language.
	lang := langOf(w, r)
	bw, enc := jsonStream(w)
	head, _ := json.Marshal(wire.ConvertFileHead{To: opts.To.String(), Count: n, AddressColumn: table.AddressColumn, HeaderRow: table.HeaderRow})
	bw.Write(head[:len(head)-1])
	bw.WriteString(`,"results":[`)
	rows := make([]FileRow, 0, n)
	emit := func(rec *fileconv.Record) error {
		fr := FileRow{Line: rec.Line, Address: rec.Address, Error: msg.Translate(rec.Error, lang)}
		if rec.Point != nil {
			fr.Point = &wire.Point{Lat: rec.Point.Lat, Lon: rec.Point.Lon}
		}
		rows = append(rows, fr)
		if len(rows) > 1 {
			bw.WriteByte(',')
		}
		c := wire.NewConversion(rec.Result)
		if lang != msg.EN {
			translateConversion(lang, &c)
		}
		return enc.Encode(c)
	}
	err = fileconv.AddressRecords(ctx, s.conv, bytes.NewReader(data), name, opts, nil, emit)
	if err == nil && len(rows) != n {
		err = fmt.Errorf("%d rows converted, %d checked", len(rows), n)
	}
	if err != nil {
		// The answer has begun: cut the connection rather than end it
		// as if it were whole.
		fmt.Fprintf(s.cfg.Log, "%s %s: upload answer cut after %d of %d rows: %v\n", r.Method, r.URL.Path, len(rows), n, err)
		bw.Flush()
		panic(http.ErrAbortHandler)
	}
	bw.WriteString(`],"rows":`)
	enc.Encode(rows)
	bw.WriteString("}\n")
	return bw.Flush()
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
