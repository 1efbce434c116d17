package wire

import (
	"context"
	"runtime"
	"sync"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// The answers below are shared by the HTTP API and the MCP server: each
// type is one JSON shape, and each constructor the one place its content is
// decided.

// UnitDetail is a unit with its parent and province on the same day and,
// for a commune formed by the 2025 reform, the official texts listing what
// it was formed from.
type UnitDetail struct {
	Unit
	At       string `json:"at"`
	Parent   *Unit  `json:"parent,omitempty"`
	Province *Unit  `json:"province,omitempty"`
	// FormedFrom holds the government's "before merger" text, by the date
	// of its snapshot.
	FormedFrom map[string]string `json:"formed_from,omitempty"`
}

// NewUnitDetail describes u as of day at.
func NewUnitDetail(r *registry.Registry, u *dvhc.Unit, at dvhc.Date) UnitDetail {
	d := UnitDetail{Unit: NewUnit(u), At: at.String()}
	if p, _ := r.Parent(u, at); p != nil {
		w := NewUnit(p)
		d.Parent = &w
	}
	if u.Level != dvhc.LevelProvince && u.Parent != u.Province {
		if p, _ := r.Province(u, at); p != nil {
			w := NewUnit(p)
			d.Province = &w
		}
	} else if d.Parent != nil {
		d.Province = d.Parent
	}
	if ts := r.FormedFrom(u); len(ts) > 0 {
		d.FormedFrom = make(map[string]string, len(ts))
		for _, t := range ts {
			d.FormedFrom[t.Snapshot.String()] = t.Text
		}
	}
	return d
}

// Lineage is the lineage of a unit from one date to another.
type Lineage struct {
	Unit      Unit   `json:"unit"`
	At        string `json:"at"`
	To        string `json:"to"`
	Direction string `json:"direction"` // "successors" or "predecessors"
	Links     []Link `json:"links"`
}

// NewLineage walks the lineage of u, the version in force on day at, to
// day to: its successors when to is not earlier than at, its predecessors
// otherwise.
func NewLineage(r *registry.Registry, u *dvhc.Unit, at, to dvhc.Date) (Lineage, error) {
	dir := "successors"
	var links []registry.Link
	var err error
	if to.Before(at) {
		dir = "predecessors"
		links, err = r.Predecessors(u, to)
	} else {
		links, err = r.Successors(u, to)
	}
	if err != nil {
		return Lineage{}, err
	}
	return Lineage{Unit: NewUnit(u), At: at.String(), To: to.String(), Direction: dir, Links: NewLinks(r, links)}, nil
}

// Location is the commune and province containing a point (a geo.Place):
// the answer of the API's /v1/locate, the MCP tool locate and
// "dvhc locate --json", which prints it also for a point in no commune
// (status not_found, the reason in note, no commune nor province).
type Location struct {
	Status   string `json:"status"` // "ok" or "not_found"
	Point    Point  `json:"point"`
	At       string `json:"at"`
	Commune  *Unit  `json:"commune,omitempty"`
	Province *Unit  `json:"province,omitempty"`
	// Offshore warns that the commune's outline encloses open sea, so the
	// point may be water (Đặc khu Trường Sa); Note says so for people.
	Offshore bool   `json:"offshore,omitempty"`
	Note     string `json:"note,omitempty"`
}

// NewLocation renders a place.
func NewLocation(pl geo.Place) Location {
	c, p := NewUnit(pl.Commune), NewUnit(pl.Province)
	return Location{Status: "ok", Point: Point{Lat: pl.Point.Lat, Lon: pl.Point.Lon}, At: pl.At.String(),
		Commune: &c, Province: &p, Offshore: pl.Offshore, Note: pl.Note()}
}

// NewLocationError renders the failure to place p on day at: status the
// error's kind, note its message.
func NewLocationError(p dvhc.LatLon, at dvhc.Date, err error) Location {
	return Location{Status: dvhc.ErrorKind(err), Point: Point{Lat: p.Lat, Lon: p.Lon}, At: at.String(), Note: err.Error()}
}

// Locate finds the commune and province containing p on day at, with the
// embedded boundaries (geo.Boundaries.Place). The error is ENOTFOUND at
// sea, abroad or on a date without boundaries.
func Locate(r *registry.Registry, p dvhc.LatLon, at dvhc.Date) (Location, error) {
	pl, err := geo.Default().Place(r, p, at)
	if err != nil {
		return Location{}, err
	}
	return NewLocation(pl), nil
}

// Event is a legal act that changed units.
type Event struct {
	ID         string `json:"id"`
	Resolution string `json:"resolution"`
	Title      string `json:"title"`
	Adopted    string `json:"adopted,omitempty"`
	Effective  string `json:"effective,omitempty"`
	Operative  string `json:"operative,omitempty"`
}

// NewEvents converts the events of the registry, in order of their
// operative date.
func NewEvents(r *registry.Registry) []Event {
	evs := r.Events()
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = Event{ID: e.ID, Resolution: e.Resolution, Title: e.Title,
			Adopted: e.Adopted.String(), Effective: e.Effective.String(), Operative: e.Operative.String()}
	}
	return out
}

// ConvertAll converts addresses[i] with opts[i] in parallel, each worker
// taking every n-th address, and gives up when ctx is done. The results are
// in the order of the addresses.
func ConvertAll(ctx context.Context, c *address.Converter, addresses []string, opts []address.Options) ([]Conversion, error) {
	out := make([]Conversion, len(addresses))
	n := min(runtime.GOMAXPROCS(0), max(1, len(out)/64))
	var wg sync.WaitGroup
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(out); i += n {
				if i%64 == k && ctx.Err() != nil {
					return
				}
				out[i] = NewConversion(c.Convert(addresses[i], opts[i]))
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
