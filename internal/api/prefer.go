package api

import (
	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
)

// parsePrefer parses an optional prefer value (both, text or point; empty:
// both) with address.ParsePrefer, the parser of every door; where says
// what carried it ("parameter" of the query, "field" of a request body).
func parsePrefer(where, s string) (address.Prefer, error) {
	p, err := address.ParsePrefer(s)
	if err != nil {
		return 0, dvhc.Errorf(dvhc.EINVALID, "%s prefer: %v", where, err)
	}
	return p, nil
}
