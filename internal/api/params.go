package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// The parameter helpers take the query parsed once per request.

// dateParam parses the query parameter name as a date; absent or empty, it
// is def.
func dateParam(q url.Values, name string, def dvhc.Date) (dvhc.Date, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	d, err := dvhc.ParseDate(s)
	if err != nil {
		return dvhc.Date{}, dvhc.Errorf(dvhc.EINVALID, "parameter %s: %v", name, err)
	}
	return d, nil
}

// at parses the "at" parameter, today by default.
func (s *Server) at(q url.Values) (dvhc.Date, error) { return dateParam(q, "at", s.cfg.Today()) }

// levelParam parses an optional level query parameter; absent, it is zero.
func levelParam(q url.Values, name string) (dvhc.Level, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	l, err := dvhc.ParseLevel(s)
	if err != nil {
		return 0, dvhc.Errorf(dvhc.EINVALID, "parameter %s: %v", name, err)
	}
	return l, nil
}

// unitPath parses the {level} and {code} path segments.
func unitPath(r *http.Request) (dvhc.Level, dvhc.Code, error) {
	l, err := dvhc.ParseLevel(r.PathValue("level"))
	if err != nil {
		return 0, "", err
	}
	c, err := dvhc.ParseCode(l, r.PathValue("code"))
	if err != nil {
		return 0, "", err
	}
	return l, c, nil
}

// intParam parses an optional integer parameter in [min, max]; absent, it
// is def.
func intParam(q url.Values, name string, def, min, max int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, dvhc.Errorf(dvhc.EINVALID, "parameter %s: want an integer from %d to %d, got %q", name, min, max, s)
	}
	return n, nil
}

// pointParams parses the optional lat and lon parameters: both or neither.
func pointParams(q url.Values) (*dvhc.LatLon, error) {
	la, lo := strings.TrimSpace(q.Get("lat")), strings.TrimSpace(q.Get("lon"))
	if la == "" && lo == "" {
		return nil, nil
	}
	if la == "" || lo == "" {
		return nil, dvhc.Errorf(dvhc.EINVALID, "parameters lat and lon go together")
	}
	p, err := dvhc.ParseLatLon(la, lo)
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "invalid point lat=%q lon=%q (want decimal degrees)", la, lo)
	}
	return &p, nil
}

// Paging of lists: ?limit=N&cursor=C. The cursor is opaque to clients: the
// next_cursor of the previous page.
const (
	DefaultPageLimit = 1000
	MaxPageLimit     = 5000
)

// pageOf reads limit and cursor for a list of n items and returns the
// items [start, end) to answer and the cursor of the next page ("" on the
// last page). It sets the Link header of the next page.
func pageOf(w http.ResponseWriter, r *http.Request, q url.Values, n int) (start, end int, next string, err error) {
	limit, err := intParam(q, "limit", DefaultPageLimit, 1, MaxPageLimit)
	if err != nil {
		return 0, 0, "", err
	}
	if c := q.Get("cursor"); c != "" {
		start, err = strconv.Atoi(c)
		if err != nil || start < 0 || start > n {
			return 0, 0, "", dvhc.Errorf(dvhc.EINVALID, "parameter cursor: %q is not a cursor of this list", c)
		}
	}
	end = min(n, start+limit)
	if end < n {
		next = strconv.Itoa(end)
		setNextLink(w, r, q, next)
	}
	return start, end, next, nil
}

// setNextLink sets the Link header of the next page: the request with
// cursor=next.
func setNextLink(w http.ResponseWriter, r *http.Request, q url.Values, next string) {
	nq := url.Values{}
	for k, v := range q {
		nq[k] = v
	}
	nq.Set("cursor", next)
	w.Header().Set("Link", "<"+r.URL.Path+"?"+nq.Encode()+`>; rel="next"`)
}
