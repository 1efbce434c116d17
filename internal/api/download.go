package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/tabular"
)

// convertFileTo answers POST /v1/convert/file?format=xlsx|csv: the uploaded
// table converted by fileconv.AddressTable (every input column, then the
// dvhc_* columns), as a file to download. The table is checked whole first,
// as for the JSON answer (fileconv.CheckTable), so that every refusal is a
// problem document; then the file is streamed as it is converted. Notes
// follow Accept-Language; a CSV starts with a byte-order mark and is
// Excel-safe (tabular.ExcelSafe); an XLSX from an XLSX keeps its cell types.
func (s *Server) convertFileTo(w http.ResponseWriter, r *http.Request, data []byte, name, format string, opts fileconv.Options) error {
	f, err := tabular.ParseFormat(format)
	if err != nil || (f != tabular.XLSX && f != tabular.CSV) {
		return dvhc.Errorf(dvhc.EINVALID, "parameter format: want xlsx or csv, got %q", format)
	}
	ctx := r.Context()
	_, n, err := fileconv.CheckTable(ctx, bytes.NewReader(data), name, opts)
	if errors.Is(err, fileconv.ErrTooManyRows) {
		return dvhc.Errorf(kindTooLarge, "more than %d rows in the file", s.cfg.MaxBatch)
	}
	if err != nil {
		return bodyError(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	l := langOf(w, r)
	h := w.Header()
	if f == tabular.XLSX {
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	} else {
		h.Set("Content-Type", "text/csv; charset=utf-8")
	}
	h.Set("Content-Disposition", `attachment; filename="dvhc-converted.`+f.String()+`"`)
	h.Set("Cache-Control", "no-store")
	sum, err := fileconv.AddressTable(ctx, s.conv, bytes.NewReader(data), name, opts, func(rd tabular.Reader) (tabular.Writer, error) {
		tw, err := tabular.NewWriter(w, f, tabular.WriterOptions{BOM: f == tabular.CSV, ExcelSafe: f == tabular.CSV, Like: rd})
		if err != nil {
			return nil, err
		}
		if l != msg.EN {
			tw = &translated{Writer: tw, note: len(rd.Header()) + len(fileconv.AddressColumns) - 1, lang: l}
		}
		return tw, nil
	})
	if err != nil {
		// The answer may have begun: cut the connection rather than end
		// it as if the file were whole.
		fmt.Fprintf(s.cfg.Log, "%s %s: download cut after %d of %d rows: %v\n", r.Method, r.URL.Path, sum.Rows, n, err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// translated writes rows with their dvhc_note translated.
type translated struct {
	tabular.Writer
	note int // index of dvhc_note
	lang msg.Lang
}

// WriteRow writes fields with the note translated.
func (t *translated) WriteRow(fields []string) error {
	if t.note < len(fields) {
		fields[t.note] = msg.Translate(fields[t.note], t.lang)
	}
	return t.Writer.WriteRow(fields)
}
