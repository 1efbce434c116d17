package api

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/dvhc-vn/dvhc/fileconv"
	"github.com/dvhc-vn/dvhc/internal/msg"
)

// convertFileTo answers POST /v1/convert/file?format=xlsx|csv: the uploaded
// table converted by fileconv.AddressTable (every input column, then the
// dvhc_* columns), as a file to download. The table is checked whole first,
// as for the JSON answer (fileconv.CheckTable), so that every refusal is a
// problem document; then the file is streamed as it is converted. Notes
// follow Accept-Language; a CSV starts with a byte-order mark and is
// Excel-safe (fileconv.Output); an XLSX from an XLSX keeps its cell types.
// convertFile has checked f, before reading the upload.
func (s *Server) convertFileTo(w http.ResponseWriter, r *http.Request, data []byte, name string, f fileconv.Format, opts fileconv.Options) error {
	ctx := r.Context()
	_, n, err := s.checkUpload(ctx, data, name, opts)
	if err != nil {
		return err
	}
	l := langOf(w, r)
	h := w.Header()
	h.Set("Content-Type", f.ContentType())
	h.Set("Content-Disposition", `attachment; filename="dvhc-converted.`+f.String()+`"`)
	h.Set("Cache-Control", "no-store")
	out := fileconv.Output{Format: f, BOM: f.String() == "csv", ExcelSafe: f.String() == "csv"}
	if l != msg.EN {
		out.Note = func(note string) string { return msg.Translate(note, l) }
	}
	sum, err := fileconv.AddressTableTo(ctx, s.conv, bytes.NewReader(data), name, opts, w, out)
	if err != nil {
		// The answer may have begun: cut the connection rather than end
		// it as if the file were whole.
		fmt.Fprintf(s.cfg.Log, "%s %s: download cut after %d of %d rows: %v\n", r.Method, r.URL.Path, sum.Rows, n, err)
		panic(http.ErrAbortHandler)
	}
	return nil
}
