package api

import (
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
)

func (s *Server) boundary(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	l, c, err := unitPath(r)
	if err != nil {
		return err
	}
	at, err := s.at(q)
	if err != nil {
		return err
	}
	if at.Before(geo.ValidFrom) {
		return dvhc.Errorf(dvhc.ENOTFOUND, "no boundaries before %s", geo.ValidFrom)
	}
	u, err := s.reg.Lookup(l, c, at)
	if err != nil {
		return err
	}
	b := geo.Default()
	if _, err := b.Geometry(l, c); err != nil {
		return err
	}
	props := func(dvhc.Code) map[string]any {
		return map[string]any{"name": u.Name, "type": u.Type, "name_en": u.NameEN, "level": u.Level.String(), "at": at.String()}
	}
	h := w.Header()
	h.Set("Content-Type", "application/geo+json")
	h.Set("Cache-Control", "public, max-age=86400")
	return b.WriteGeoJSON(w, l, func(code, _ dvhc.Code) bool { return code == c }, props)
}
