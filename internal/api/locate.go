package api

import (
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// Location is the answer of GET /v1/locate.
type Location = wire.Location

func (s *Server) locate(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := pointParams(q)
	if err != nil {
		return err
	}
	if p == nil {
		return dvhc.Errorf(dvhc.EINVALID, "parameters lat and lon are required")
	}
	at, err := s.at(q)
	if err != nil {
		return err
	}
	loc, err := wire.Locate(s.reg, *p, at)
	if err != nil {
		return err
	}
	return writeJSON(w, loc)
}
