// Package geo locates points in the commune and province boundaries of
// Vietnam valid from 2025-07-01, and exports them as GeoJSON.
//
// It is the only package of the module that imports a geometry library
// (github.com/paulmach/orb, for geometry types and ring orientation).
package geo
