package geo

import (
	"io"

	"github.com/dvhc-vn/dvhc"
)

// Units looks up unit versions by level, code and day: a
// *registry.Registry.
type Units interface {
	Lookup(l dvhc.Level, c dvhc.Code, at dvhc.Date) (*dvhc.Unit, error)
}

// Place is where a point lies on a day: the unit versions of the commune
// and the province containing it. It is the one typed answer that every
// door renders: the CLI's "dvhc locate", the API's /v1/locate and the
// columns of a located file.
type Place struct {
	Point    dvhc.LatLon
	At       dvhc.Date
	Commune  *dvhc.Unit
	Province *dvhc.Unit
	// Offshore: see Result.Offshore.
	Offshore bool
}

// OffshoreNote is the note of a Place whose commune's outline encloses open
// sea.
const OffshoreNote = "the outline of this special zone encloses open sea: the point may be at sea"

// Note returns the note for people about the place: OffshoreNote or "".
func (pl Place) Note() string {
	if pl.Offshore {
		return OffshoreNote
	}
	return ""
}

// Place locates p on day at (as Locate) and looks up the commune and the
// province in force that day in us. The errors are those of Locate, or of
// the lookup when the registry lacks a unit the boundaries name.
func (b *Boundaries) Place(us Units, p dvhc.LatLon, at dvhc.Date) (Place, error) {
	res, err := b.Locate(p, at)
	if err != nil {
		return Place{}, err
	}
	c, err := us.Lookup(dvhc.LevelCommune, res.Commune, at)
	if err != nil {
		return Place{}, err
	}
	pr, err := us.Lookup(dvhc.LevelProvince, res.Province, at)
	if err != nil {
		return Place{}, err
	}
	return Place{Point: p, At: at, Commune: c, Province: pr, Offshore: res.Offshore}, nil
}

// UnitProperties returns the GeoJSON properties of unit version u on day
// at, the same in every GeoJSON dvhc writes ("dvhc export --format
// geojson", /v1/boundaries): code, name, type, name_en, level, at and, for
// a commune, province_code and province (the province's name that day).
func UnitProperties(us Units, u *dvhc.Unit, at dvhc.Date) map[string]any {
	p := map[string]any{"code": string(u.Code), "name": u.Name, "type": u.Type, "name_en": u.NameEN,
		"level": u.Level.String(), "at": at.String()}
	if u.Level == dvhc.LevelCommune {
		p["province_code"] = string(u.Province)
		if pu, err := us.Lookup(dvhc.LevelProvince, u.Province, at); err == nil {
			p["province"] = pu.Name
		}
	}
	return p
}

// WriteUnits writes the boundaries of the units of level l (province or
// commune) in force on day at that filter selects (all if nil), as
// WriteGeoJSON does, each feature with the UnitProperties of its unit
// version in us. It is the one GeoJSON writer of the CLI and the API.
func (b *Boundaries) WriteUnits(w io.Writer, us Units, l dvhc.Level, at dvhc.Date, filter func(code, province dvhc.Code) bool) error {
	if err := checkDate(at); err != nil {
		return err
	}
	return b.WriteGeoJSON(w, l, filter, func(code dvhc.Code) map[string]any {
		u, err := us.Lookup(l, code, at)
		if err != nil {
			return nil // the boundary file's code and name
		}
		return UnitProperties(us, u, at)
	})
}
