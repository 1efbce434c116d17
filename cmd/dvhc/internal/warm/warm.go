// Package warm starts building, while the program initialises, what its
// command line is sure to need: for "dvhc convert --address", the address
// converter (with a point, the one with the commune boundaries, whose
// decoding runs meanwhile on another goroutine), on another core during
// the milliseconds that the initialisation of the other packages takes,
// instead of after it. A command line it misreads costs only that work.
//
// Its initialisation starts the work, so it runs early: Go initialises the
// packages in the order of their import paths once their own imports are
// done, and this one's come before most of the others (excelize, the
// protobuf and SQLite packages…).
package warm

import (
	"os"
	"strings"
	"sync"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

func init() { start(os.Args[1:]) }

// What start builds.
const (
	nothing = iota
	points  // the converter with the boundaries (PointConverter)
	conv    // the address converter (address.Default)
)

// PointConverter returns the process's address converter that decides
// split communes and checks points with the embedded commune boundaries
// (geo.Default), built on the first call.
func PointConverter() (*address.Converter, error) { return pointConv() }

var pointConv = sync.OnceValues(func() (*address.Converter, error) {
	r, err := registry.Default()
	if err != nil {
		return nil, err
	}
	return address.New(r, geo.Default()), nil
})

// start starts building in the background what the command line args
// (without the program name) need, if it is one address to convert, and
// reports what it started (0: nothing). The builders are the process-wide
// ones (address.Default, PointConverter): the command's own call waits
// for the build started here rather than doing it again.
func start(args []string) int {
	w := wants(args)
	// the command's own call reports an error
	switch w {
	case conv:
		go address.Default()
	case points:
		go geo.Default().Load()
		go PointConverter()
	}
	return w
}

// wants reads what args need: the converter for "convert --address TEXT",
// the one with the boundaries when a point (--lat, --lon) comes with it.
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
		return points
	}
	return conv
}
