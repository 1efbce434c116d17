package api

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoBackDoors keeps the API a door into the core: its code reads tables
// only through fileconv (one file core for the CLI and the API) and
// matches text only through the core, never tabular or fold directly.
func TestNoBackDoors(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	banned := []string{"github.com/dvhc-vn/dvhc/tabular", "github.com/dvhc-vn/dvhc/fold"}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, b := range banned {
				if path == b {
					t.Errorf("%s imports %s: go through fileconv or the core instead", f, path)
				}
			}
		}
	}
}
