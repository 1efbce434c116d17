package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/stats"
)

// MaxStatsJSONRows bounds the rows of a JSON body of POST /v1/stats (an
// uploaded file streams, bounded by the body size alone).
const MaxStatsJSONRows = 100_000

// stats converts a table between vintages through stats.ConvertTable: a
// multipart upload (field file) or a JSON body, options in the query.
func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var opts stats.Options
	var err error
	if opts.From, err = dateParam(q, "from", stats.DefaultFrom); err != nil {
		return err
	}
	if opts.To, err = dateParam(q, "to", s.cfg.Today()); err != nil {
		return err
	}
	if opts.Level, err = levelParam(q, "level"); err != nil {
		return err
	}
	opts.Key, opts.WeightBy = q.Get("key"), q.Get("weight_by")
	opts.Sum, opts.Mean = stats.SplitColumns(q.Get("sum")), stats.SplitColumns(q.Get("mean"))
	wire.SetStatsWeight(&opts, q.Get("weight"))
	format := q.Get("format")
	var outFmt fileconv.Format
	switch format {
	case "", "json":
	default:
		if outFmt, err = fileconv.ParseFormat(format); err != nil {
			return dvhc.Errorf(dvhc.EINVALID, "parameter format: want json, csv or xlsx")
		}
	}
	headerRow, err := intParam(q, "header_row", 0, 1, fileconv.MaxHeaderRow)
	if err != nil {
		return err
	}
	src, err := s.statsInput(r, &opts)
	if err != nil {
		return err
	}
	src.HeaderRow, src.Like = headerRow, fileconv.StatsHeaderLike(opts)
	in, err := src.Open(r.Context())
	if err != nil {
		return bodyError(err)
	}
	defer in.Close()
	if outFmt.IsZero() {
		res, _, err := wire.ConvertStats(r.Context(), s.reg, in, opts)
		if err != nil {
			return bodyError(err)
		}
		return writeJSON(w, res)
	}
	var buf bytes.Buffer
	rep, err := fileconv.Stats(r.Context(), s.reg, in, &buf, fileconv.Output{Format: outFmt, BOM: outFmt.String() == "csv"}, opts)
	if err != nil {
		return bodyError(err)
	}
	w.Header().Set("Content-Type", outFmt.ContentType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "dvhc-stats-" + opts.To.String() + "." + outFmt.String()}))
	w.Header().Set("Dvhc-Rows-Read", strconv.Itoa(rep.Rows))
	w.Header().Set("Dvhc-Findings", strconv.FormatBool(rep.Findings()))
	_, err = w.Write(buf.Bytes())
	return err
}

// statsInput opens the table of the request: the file field of a
// multipart form, or the rows of a JSON body (whose weights, if any, go to
// opts).
func (s *Server) statsInput(r *http.Request, opts *stats.Options) (fileconv.StatsSource, error) {
	var none fileconv.StatsSource
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		mr, err := r.MultipartReader()
		if err != nil {
			return none, dvhc.Errorf(dvhc.EINVALID, "bad multipart body: %v", err)
		}
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return none, dvhc.Errorf(dvhc.EINVALID, "no file field in the form")
			}
			if err != nil {
				return none, bodyError(err)
			}
			if part.FormName() != "file" {
				continue
			}
			return fileconv.StatsSource{File: part, Name: part.FileName()}, nil
		}
	}
	var body wire.StatsRows
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return none, bodyError(dvhc.Errorf(dvhc.EINVALID, "want a multipart upload (field file) or a JSON body {\"rows\": [...]}: %v", err))
	}
	if len(body.Rows) > MaxStatsJSONRows {
		return none, dvhc.Errorf(kindTooLarge, "more than %d rows: upload a file", MaxStatsJSONRows)
	}
	rd, t, err := body.Table()
	if err != nil {
		return none, err
	}
	if t != nil {
		opts.Weight.Table = t
	}
	return fileconv.StatsSource{Rows: rd}, nil
}
