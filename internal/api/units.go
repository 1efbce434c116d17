package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
)

// UnitList is defined in package wire, the home of every answer's shape.
type UnitList = wire.UnitList

// unitList answers one page of us.
func unitList(w http.ResponseWriter, r *http.Request, q url.Values, at dvhc.Date, us []*dvhc.Unit) error {
	start, end, next, err := pageOf(w, r, q, len(us))
	if err != nil {
		return err
	}
	page := us[start:end]
	return writeJSON(w, UnitList{At: at.String(), Count: len(page), Total: len(us), Units: wire.Units(page), NextCursor: next})
}

// UnitDetail is the answer of GET /v1/units/{level}/{code}: the unit with
// its parent and province on the same day and, for a commune formed by the
// 2025 reform, the official texts listing what it was formed from.
type UnitDetail = wire.UnitDetail

// SearchResult is defined in package wire, the home of every answer's shape.
type SearchResult = wire.SearchResult

// MaxSearchResults bounds the matches of a search over all its pages.
const MaxSearchResults = 1000

// MaxQueryBytes bounds the words of a search (and a name looked up).
const MaxQueryBytes = 200

// Lineage is the answer of GET /v1/lineage/{level}/{code}.
type Lineage = wire.Lineage

// Event is a legal act that changed units.
type Event = wire.Event

// Health is defined in package wire, the home of every answer's shape.
type Health = wire.Health

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, Health{Status: "ok", Units: len(s.reg.Units()), Events: len(s.reg.Events())})
}

func (s *Server) listUnits(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	at, err := s.at(q)
	if err != nil {
		return err
	}
	level, err := levelParam(q, "level")
	if err != nil {
		return err
	}
	f := registry.Filter{Level: level}
	if in := q.Get("in"); in != "" {
		l, c, err := dvhc.ParseContainerCode(in)
		if err != nil {
			return dvhc.Errorf(dvhc.EINVALID, "parameter in: %v", err)
		}
		if _, err := s.reg.Lookup(l, c, at); err != nil {
			return err
		}
		f.In = c
	}
	if err := s.reg.Covers(level, at); err != nil {
		return err
	}
	return unitList(w, r, q, at, s.reg.At(at, f))
}

func (s *Server) lookupUnit(w http.ResponseWriter, r *http.Request) error {
	u, at, _, err := s.pathUnit(r)
	if err != nil {
		return err
	}
	return writeJSON(w, wire.NewUnitDetail(s.reg, u, at))
}

func (s *Server) children(w http.ResponseWriter, r *http.Request) error {
	u, at, q, err := s.pathUnit(r)
	if err != nil {
		return err
	}
	return unitList(w, r, q, at, s.reg.Children(u, at))
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		return dvhc.Errorf(dvhc.EINVALID, "parameter q is required")
	}
	if len(text) > MaxQueryBytes {
		return dvhc.Errorf(dvhc.EINVALID, "parameter q is longer than %d bytes", MaxQueryBytes)
	}
	at, err := dateParam(q, "at", dvhc.Date{})
	if err != nil {
		return err
	}
	level, err := levelParam(q, "level")
	if err != nil {
		return err
	}
	limit, err := intParam(q, "limit", DefaultSearchLimit, 1, MaxSearchLimit)
	if err != nil {
		return err
	}
	if err := s.reg.Covers(level, at); err != nil && !at.IsZero() {
		return err
	}
	start := 0
	if c := q.Get("cursor"); c != "" {
		if start, err = strconv.Atoi(c); err != nil || start < 0 || start >= MaxSearchResults {
			return dvhc.Errorf(dvhc.EINVALID, "parameter cursor: %q is not a cursor of this list", c)
		}
	}
	ms := s.reg.Search(registry.Query{Text: text, At: at, Level: level, Limit: min(start+limit+1, MaxSearchResults)})
	res := SearchResult{Query: text, At: at.String()}
	if start < len(ms) {
		ms = ms[start:]
	} else {
		ms = nil
	}
	if len(ms) > limit {
		ms = ms[:limit]
		res.NextCursor = strconv.Itoa(start + limit)
		setNextLink(w, r, q, res.NextCursor)
	}
	res.Matches = wire.NewMatches(ms)
	return writeJSON(w, res)
}

func (s *Server) lineage(w http.ResponseWriter, r *http.Request) error {
	u, at, q, err := s.pathUnit(r)
	if err != nil {
		return err
	}
	to, err := dateParam(q, "to", s.cfg.Today())
	if err != nil {
		return err
	}
	l, err := wire.NewLineage(s.reg, u, at, to)
	if err != nil {
		return err
	}
	return writeJSON(w, l)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	evs := wire.NewEvents(s.reg)
	start, end, _, err := pageOf(w, r, r.URL.Query(), len(evs)) // the next page in the Link header
	if err != nil {
		return err
	}
	return writeJSON(w, evs[start:end])
}

// pathUnit reads {level}/{code} from the path and ?at= from the query, and
// looks the unit up as of that date.
func (s *Server) pathUnit(r *http.Request) (*dvhc.Unit, dvhc.Date, url.Values, error) {
	q := r.URL.Query()
	l, c, err := unitPath(r)
	if err != nil {
		return nil, dvhc.Date{}, q, err
	}
	at, err := s.at(q)
	if err != nil {
		return nil, at, q, err
	}
	u, err := s.reg.Lookup(l, c, at)
	return u, at, q, err
}

// meta answers GET /v1/meta: the server's version and how current its
// data is.
func (s *Server) meta(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, wire.NewMeta(s.reg, wire.CurrentBuild()))
}
