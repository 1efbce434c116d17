package api

import (
	"net/http"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// Location is the answer of GET /v1/locate.
type Location struct {
	Point    wire.Point `json:"point"`
	At       string     `json:"at"`
	Commune  wire.Unit  `json:"commune"`
	Province wire.Unit  `json:"province"`
	// Offshore warns that the commune's outline encloses open sea, so the
	// point may be water (Đặc khu Trường Sa).
	Offshore bool `json:"offshore,omitempty"`
}

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
	res, err := geo.Locate(*p, at)
	if err != nil {
		return err
	}
	c, err := s.reg.Lookup(dvhc.LevelCommune, res.Commune, at)
	if err != nil {
		return err
	}
	pr, err := s.reg.Lookup(dvhc.LevelProvince, res.Province, at)
	if err != nil {
		return err
	}
	return writeJSON(w, Location{Point: wire.Point{Lat: p.Lat, Lon: p.Lon}, At: at.String(),
		Commune: wire.NewUnit(c), Province: wire.NewUnit(pr), Offshore: res.Offshore})
}
