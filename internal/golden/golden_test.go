package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }
func (r *recorder) Fatal(...any)          { r.failed = true; panic(r) }

// check runs Check on a recorder and reports whether it failed.
func check(t *testing.T, name string, got []byte) (failed bool) {
	r := &recorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
		failed = r.failed
	}()
	Check(r, name, got)
	return
}

// TestCheck: the same bytes pass, other bytes and a missing file fail, and
// -update writes the file.
func TestCheck(t *testing.T) {
	defer func(u bool) { *update = u }(*update)
	*update = false
	t.Chdir(t.TempDir())
	if err := os.Mkdir("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "a.golden"), []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if check(t, "a.golden", []byte("a\n")) {
		t.Error("the same bytes fail")
	}
	if !check(t, "a.golden", []byte("b\n")) {
		t.Error("other bytes pass")
	}
	if !check(t, "missing.golden", []byte("a\n")) {
		t.Error("a missing file passes")
	}
	*update = true
	if check(t, "new.golden", []byte("c\n")) {
		t.Error("-update fails")
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "new.golden")); err != nil || string(b) != "c\n" {
		t.Errorf("-update wrote %q, %v", b, err)
	}
}
