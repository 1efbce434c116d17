// Package dvhc is the domain of Vietnam's administrative units over time:
// levels, codes, dates, unit versions, legal events and lineage edges.
//
// It imports only the standard library. The temporal registry that answers
// questions about these types lives in package registry; the embedded data
// in package dataset; address parsing in package address; boundaries in geo.
//
// A code never identifies a unit without a date: commune 00004 was Phường
// Trúc Bạch until 2025-06-30 and is Phường Ba Đình from 2025-07-01. The
// identity of a unit version is its Key: (Level, Code, ValidFrom).
package dvhc

import (
	"fmt"
	"strings"
)

// Level is the tier of an administrative unit.
// The zero value is not a valid level.
type Level uint8

// The levels, from the top. LevelDistrict exists only before 2025-07-01.
const (
	LevelProvince Level = iota + 1
	LevelDistrict
	LevelCommune
)

var levelNames = [...]string{"", "province", "district", "commune"}

// Levels lists the valid levels from the top.
var Levels = []Level{LevelProvince, LevelDistrict, LevelCommune}

// ParseLevel parses "province", "district" or "commune" (also the Vietnamese
// "tinh", "huyen", "xa" and the plurals). Case is ignored.
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "province", "provinces", "tinh", "tỉnh", "p":
		return LevelProvince, nil
	case "district", "districts", "huyen", "huyện", "d":
		return LevelDistrict, nil
	case "commune", "communes", "ward", "wards", "xa", "xã", "c":
		return LevelCommune, nil
	}
	return 0, Errorf(EINVALID, "unknown level %q (want province, district or commune)", s)
}

// MustParseLevel is ParseLevel that panics on error; for tests and constants.
func MustParseLevel(s string) Level {
	l, err := ParseLevel(s)
	if err != nil {
		panic(err)
	}
	return l
}

// IsValid reports whether l is one of the three levels.
func (l Level) IsValid() bool { return l >= LevelProvince && l <= LevelCommune }

// String returns "province", "district" or "commune".
func (l Level) String() string {
	if !l.IsValid() {
		return fmt.Sprintf("Level(%d)", uint8(l))
	}
	return levelNames[l]
}

// CodeWidth is the number of digits of an official code at this level:
// 2 for provinces, 3 for districts, 5 for communes.
func (l Level) CodeWidth() int {
	switch l {
	case LevelProvince:
		return 2
	case LevelDistrict:
		return 3
	case LevelCommune:
		return 5
	}
	return 0
}

// MarshalText implements encoding.TextMarshaler.
func (l Level) MarshalText() ([]byte, error) {
	if !l.IsValid() {
		return nil, Errorf(EINVALID, "invalid level %d", uint8(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}
