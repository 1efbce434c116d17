package dvhc

import (
	"strconv"
	"strings"
)

// IsValid reports whether p is a WGS 84 position: latitude in [-90, 90] and
// longitude in [-180, 180]. NaN and infinities are not.
func (p LatLon) IsValid() bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180
}

// ParseLatLon parses a latitude and a longitude written in decimal degrees
// (WGS 84). Spaces around a number are ignored and a decimal comma is read
// as a point ("21,0285", as spreadsheets in Vietnamese locales write it).
// The error (EINVALID) names the coordinate that is not a number in range.
func ParseLatLon(lat, lon string) (LatLon, error) {
	y, err := ParseLatitude(lat)
	if err != nil {
		return LatLon{}, err
	}
	x, err := ParseLongitude(lon)
	if err != nil {
		return LatLon{}, err
	}
	return LatLon{Lat: y, Lon: x}, nil
}

// ParseLatitude parses one latitude as ParseLatLon does: a number of
// decimal degrees in [-90, 90].
func ParseLatitude(s string) (float64, error) {
	if v, ok := parseDegrees(s, 90); ok {
		return v, nil
	}
	return 0, Errorf(EINVALID, "latitude %q is not a number of decimal degrees in [-90, 90]", s)
}

// ParseLongitude parses one longitude as ParseLatLon does: a number of
// decimal degrees in [-180, 180].
func ParseLongitude(s string) (float64, error) {
	if v, ok := parseDegrees(s, 180); ok {
		return v, nil
	}
	return 0, Errorf(EINVALID, "longitude %q is not a number of decimal degrees in [-180, 180]", s)
}

// parseDegrees parses s as a number in [-max, max]; NaN is never in range.
func parseDegrees(s string, max float64) (float64, bool) {
	s = strings.Replace(strings.TrimSpace(s), ",", ".", 1)
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && v >= -max && v <= max
}
