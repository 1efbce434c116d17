package api

import (
	"net/url"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
)

// preferParam parses the optional prefer query parameter (both, text or
// point; absent: both) with address.ParsePrefer, the parser of every door.
func preferParam(q url.Values) (address.Prefer, error) {
	p, err := address.ParsePrefer(q.Get("prefer"))
	if err != nil {
		return 0, dvhc.Errorf(dvhc.EINVALID, "parameter prefer: %v", err)
	}
	return p, nil
}

// preferField parses the optional prefer field of a request body.
func preferField(s string) (address.Prefer, error) {
	p, err := address.ParsePrefer(s)
	if err != nil {
		return 0, dvhc.Errorf(dvhc.EINVALID, "field prefer: %v", err)
	}
	return p, nil
}
