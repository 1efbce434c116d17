package geo

import "github.com/dvhc-vn/dvhc"

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
