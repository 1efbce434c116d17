package middleware

import (
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
)

// Recover turns a panic in next into a 500 response written by fail, and
// logs the panic with its stack to log. http.ErrAbortHandler is re-panicked,
// as net/http expects.
func Recover(log io.Writer, fail func(w http.ResponseWriter, r *http.Request, err error)) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				fmt.Fprintf(log, "panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				fail(w, r, fmt.Errorf("panic: %v", v))
			}()
			next.ServeHTTP(w, r)
		})
	}
}
