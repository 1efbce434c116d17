package api

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the OpenAPI 3 document of the API. Every route of the
// route table is in it and nothing else (see TestOpenAPIMatchesRoutes).
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the embedded OpenAPI 3 document. It must not be
// modified.
func OpenAPI() []byte { return openAPIDoc }

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
	return nil
}
