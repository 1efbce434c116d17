// Package middleware holds the HTTP middleware of the dvhc server, each a
// func(http.Handler) http.Handler in a file of its own.
package middleware

import "net/http"

// Middleware wraps a handler with some behaviour.
type Middleware = func(http.Handler) http.Handler

// Chain applies ms to h so that the first of ms is the outermost: it sees
// the request first and the response last.
func Chain(h http.Handler, ms ...Middleware) http.Handler {
	for i := len(ms) - 1; i >= 0; i-- {
		h = ms[i](h)
	}
	return h
}
