package api

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/fold"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/tabular"
)

// Column names (folded) that the file converter recognises.
var (
	addressColumns = []string{"address", "dia chi", "dia chi cu", "old address", "diachi"}
	latColumns     = []string{"lat", "latitude", "vi do"}
	lonColumns     = []string{"lon", "lng", "long", "longitude", "kinh do"}
)

// FileRow is an address read from an uploaded file, with its point.
type FileRow struct {
	Line    int         `json:"line"`
	Address string      `json:"address"`
	Point   *wire.Point `json:"point"`
	Error   string      `json:"error,omitempty"` // the row could not be read cleanly
}

// ConvertFile is the answer of POST /v1/convert/file.
type ConvertFile struct {
	To            string            `json:"to"`
	Count         int               `json:"count"`
	AddressColumn string            `json:"address_column"`
	Rows          []FileRow         `json:"rows"`
	Results       []wire.Conversion `json:"results"`
}

func (s *Server) convertFile(w http.ResponseWriter, r *http.Request) error {
	to, err := dateParam(r.URL.Query(), "to", s.cfg.Today())
	if err != nil {
		return err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return dvhc.Errorf(dvhc.EINVALID, "want a multipart/form-data body with a file field: %v", err)
	}
	var rd tabular.Reader
	for rd == nil {
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
		f, err := tabular.FormatFromPath(part.FileName())
		if err != nil {
			return err
		}
		rd, err = tabular.NewReader(part, f, tabular.ReaderOptions{})
		if err != nil {
			return bodyError(err)
		}
	}
	defer rd.Close()
	head := rd.Header()
	col := func(names []string) int {
		return slices.IndexFunc(head, func(h string) bool { return slices.Contains(names, fold.Name(h)) })
	}
	ai, li, oi := col(addressColumns), col(latColumns), col(lonColumns)
	if ai < 0 {
		ai = 0
	}
	if len(head) == 0 {
		return dvhc.Errorf(dvhc.EINVALID, "the file is empty")
	}
	var rows []FileRow
	var row tabular.Row
	for {
		if err := rd.Next(&row); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return bodyError(err)
		}
		if len(rows) == s.cfg.MaxBatch {
			return dvhc.Errorf(kindTooLarge, "more than %d rows in the file", s.cfg.MaxBatch)
		}
		fr := FileRow{Line: row.Line, Address: strings.TrimSpace(row.Fields[ai])}
		if row.Err != nil {
			fr.Error = row.Err.Error()
		}
		if li >= 0 && oi >= 0 {
			lat, err1 := strconv.ParseFloat(strings.TrimSpace(row.Fields[li]), 64)
			lon, err2 := strconv.ParseFloat(strings.TrimSpace(row.Fields[oi]), 64)
			if err1 == nil && err2 == nil && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
				fr.Point = &wire.Point{Lat: lat, Lon: lon}
			}
		}
		rows = append(rows, fr)
	}
	addrs := make([]string, len(rows))
	opts := make([]address.Options, len(rows))
	for i, fr := range rows {
		addrs[i] = fr.Address
		opts[i].To = to
		if fr.Point != nil {
			opts[i].Point = &dvhc.LatLon{Lat: fr.Point.Lat, Lon: fr.Point.Lon}
		}
	}
	out, err := wire.ConvertAll(r.Context(), s.conv, addrs, opts)
	if err != nil {
		return err
	}
	return writeJSON(w, ConvertFile{To: to.String(), Count: len(out), AddressColumn: head[ai], Rows: rows, Results: out})
}

// bodyError keeps an oversized body a 413 and makes other read errors the
// caller's (400).
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || dvhc.ErrorKind(err) != dvhc.EINTERNAL {
		return err
	}
	return dvhc.Errorf(dvhc.EINVALID, "reading the upload: %v", err)
}
