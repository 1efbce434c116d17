package middleware

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRecover(t *testing.T) {
	var log bytes.Buffer
	var got error
	fail := func(w http.ResponseWriter, r *http.Request, err error) {
		got = err
		w.WriteHeader(500)
	}
	h := Recover(&log, fail)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("kaboom") }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/p", nil))
	if w.Code != 500 || got == nil || !strings.Contains(got.Error(), "kaboom") {
		t.Errorf("status %d, err %v", w.Code, got)
	}
	if !strings.Contains(log.String(), "panic serving GET /p: kaboom") || !strings.Contains(log.String(), "goroutine") {
		t.Errorf("log %q lacks the panic and its stack", log.String())
	}

	// http.ErrAbortHandler goes through, as net/http wants.
	h = Recover(&log, fail)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) }))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/p", nil))
}
