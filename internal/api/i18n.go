package api

import (
	"net/http"
	"slices"

	"github.com/dvhc-vn/dvhc/internal/msg"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// langOf returns the language of the messages of a response, from the
// request's Accept-Language (English when it names neither Vietnamese nor
// English), and says so in the response headers.
func langOf(w http.ResponseWriter, r *http.Request) msg.Lang {
	l := msg.FromAcceptLanguage(r.Header.Get("Accept-Language"))
	h := w.Header()
	if !slices.Contains(h.Values("Vary"), "Accept-Language") {
		h.Add("Vary", "Accept-Language")
	}
	h.Set("Content-Language", string(l))
	return l
}

// localize translates the notes of conversions into the request's
// language.
func localize(w http.ResponseWriter, r *http.Request, cs []wire.Conversion) {
	l := langOf(w, r)
	if l == msg.EN {
		return
	}
	for i := range cs {
		translateConversion(l, &cs[i])
	}
}

// translateConversion translates the note of one conversion into l.
func translateConversion(l msg.Lang, c *wire.Conversion) {
	c.Note = msg.Translate(c.Note, l)
}
