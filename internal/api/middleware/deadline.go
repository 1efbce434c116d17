package middleware

import (
	"context"
	"net/http"
	"time"
)

// Deadline gives each request a context that is cancelled after d.
// Handlers doing long work (batches) check the context and give up; the
// server's WriteTimeout is the hard stop behind it.
func Deadline(d time.Duration) Middleware {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
