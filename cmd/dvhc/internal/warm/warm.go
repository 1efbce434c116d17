// Package warm starts building, while the program initialises, what its
// command line is sure to need: for "dvhc convert --address", the address
// converter (or, with a point, the registry), on another core during the
// milliseconds that the initialisation of the other packages takes,
// instead of after it. A command line it misreads costs only that work.
//
// Package main imports it for its side effect; its import path sorts it
// early among the packages to initialise, right after its own imports.
package warm

import (
	"os"
	"strings"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/registry"
)

func init() { Start(os.Args[1:]) }

// What Start builds.
const (
	nothing = iota
	reg     // the registry
	conv    // the address converter (which loads the registry)
)

// Start starts building in the background what the command line args
// (without the program name) need, if it is one address to convert, and
// reports what it started (0: nothing). The builders are the process-wide
// ones (address.Default, registry.Default): the command's own call waits
// for the build started here rather than doing it again.
func Start(args []string) int {
	w := wants(args)
	// the command's own call reports an error
	switch w {
	case conv:
		go address.Default()
	case reg:
		go registry.Default()
	}
	return w
}

// wants reads what args need: the converter for "convert --address TEXT",
// the registry only when a point (--lat, --lon) brings the boundaries in.
// Global flags before the command (--changes DIR: another registry) and
// anything else need nothing.
func wants(args []string) int {
	if len(args) < 2 || args[0] != "convert" {
		return nothing
	}
	addr, point := false, false
	for _, a := range args[1:] {
		if a == "--" {
			break
		}
		name, ok := strings.CutPrefix(a, "-")
		if !ok {
			continue
		}
		name = strings.TrimPrefix(name, "-")
		name, _, _ = strings.Cut(name, "=")
		switch name {
		case "address":
			addr = true
		case "lat", "lon":
			point = true
		}
	}
	switch {
	case !addr:
		return nothing
	case point:
		return reg
	}
	return conv
}
