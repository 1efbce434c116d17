// Command gen compiles dataset/sources into dataset/data. Run it through
// "go generate ./dataset" from the repository root.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/dvhc-vn/dvhc/dataset/internal/compile"
)

func main() {
	src := flag.String("src", "sources", "folder of the source files")
	out := flag.String("out", "data", "folder for the generated files")
	flag.Parse()
	files, err := compile.Compile(os.DirFS(*src))
	if err != nil {
		log.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
