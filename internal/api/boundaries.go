package api

import (
	"net/http"
	"net/url"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
)

func (s *Server) boundary(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	l, c, err := unitPath(r)
	if err != nil {
		return err
	}
	at, err := s.boundaryDate(q)
	if err != nil {
		return err
	}
	u, err := s.reg.Lookup(l, c, at)
	if err != nil {
		return err
	}
	b := geo.Default()
	if _, err := b.Geometry(l, u.Code); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/geo+json")
	h.Set("Cache-Control", "public, max-age=86400")
	return b.WriteUnits(w, s.reg, l, at, func(code, _ dvhc.Code) bool { return code == u.Code })
}

// boundaries answers GET /v1/boundaries/{level}: the outlines of every
// province, or of the communes of the province ?in=CODE, as one
// FeatureCollection; the web page draws them as its offline base map.
func (s *Server) boundaries(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	l, err := dvhc.ParseLevel(r.PathValue("level"))
	if err != nil {
		return err
	}
	at, err := s.boundaryDate(q)
	if err != nil {
		return err
	}
	var in dvhc.Code
	switch {
	case l == dvhc.LevelCommune:
		if in, err = dvhc.ParseCode(dvhc.LevelProvince, q.Get("in")); err != nil {
			return dvhc.Errorf(dvhc.EINVALID, "parameter in: %v", err)
		}
		if _, err := s.reg.Lookup(dvhc.LevelProvince, in, at); err != nil {
			return err
		}
	case l != dvhc.LevelProvince:
		return dvhc.Errorf(dvhc.EINVALID, "geo: no boundaries for level %s (want province or commune)", l)
	}
	h := w.Header()
	h.Set("Content-Type", "application/geo+json")
	h.Set("Cache-Control", "public, max-age=86400")
	return geo.Default().WriteUnits(w, s.reg, l, at, func(_, province dvhc.Code) bool { return in == "" || province == in })
}

// boundaryDate reads the date ?at= of a boundary request: the boundaries
// begin at geo.ValidFrom, so an earlier date is not found.
func (s *Server) boundaryDate(q url.Values) (dvhc.Date, error) {
	at, err := s.at(q)
	if err != nil {
		return at, err
	}
	if at.Before(geo.ValidFrom) {
		return at, dvhc.Errorf(dvhc.ENOTFOUND, "no boundaries before %s", geo.ValidFrom)
	}
	return at, nil
}
