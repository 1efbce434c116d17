package api

import (
	"io"
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/tabular"
)

// convertFileTo answers POST /v1/convert/file?format=xlsx|csv: the uploaded
// table converted by fileconv.Addresses (every input column, then the
// dvhc_* columns), as a file to download: read by fileconv.ReadTable like
// the JSON answer, streamed out as it is converted. Notes follow
// Accept-Language; a CSV starts with a byte-order mark and is Excel-safe
// (tabular.ExcelSafe); an XLSX from an XLSX keeps its cell types.
func (s *Server) convertFileTo(w http.ResponseWriter, r *http.Request, src io.Reader, name, format string, opts fileconv.Options) error {
	f, err := tabular.ParseFormat(format)
	if err != nil || (f != tabular.XLSX && f != tabular.CSV) {
		return dvhc.Errorf(dvhc.EINVALID, "parameter format: want xlsx or csv, got %q", format)
	}
	rd, err := fileconv.ReadTable(r.Context(), src, name)
	if err != nil {
		return bodyError(err)
	}
	defer rd.Close()
	l := langOf(w, r)
	h := w.Header()
	if f == tabular.XLSX {
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	} else {
		h.Set("Content-Type", "text/csv; charset=utf-8")
	}
	h.Set("Content-Disposition", `attachment; filename="dvhc-converted.`+f.String()+`"`)
	h.Set("Cache-Control", "no-store")
	tw, err := tabular.NewWriter(w, f, tabular.WriterOptions{BOM: f == tabular.CSV, ExcelSafe: f == tabular.CSV, Like: rd})
	if err != nil {
		return err
	}
	if l != msg.EN {
		tw = &translated{Writer: tw, note: len(rd.Header()) + len(fileconv.AddressColumns) - 1, lang: l}
	}
	if _, err := fileconv.Addresses(r.Context(), s.conv, rd, tw, opts); err != nil {
		return err
	}
	return tw.Close()
}

// translated writes rows with their dvhc_note translated.
type translated struct {
	tabular.Writer
	note int // index of dvhc_note
	lang msg.Lang
}

func (t *translated) WriteRow(fields []string) error {
	if t.note < len(fields) {
		fields[t.note] = msg.Translate(fields[t.note], t.lang)
	}
	return t.Writer.WriteRow(fields)
}
