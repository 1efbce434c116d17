package dvhc

// Key identifies one unit version: its level, its code and the first day of
// its validity. Two versions of the same code never share a From date.
type Key struct {
	Level Level
	Code  Code
	From  Date
}

// String returns "commune 00004@2025-07-01".
func (k Key) String() string {
	return k.Level.String() + " " + string(k.Code) + "@" + k.From.String()
}

// LatLon is a WGS 84 point. The zero value means "unknown".
type LatLon struct {
	Lat, Lon float64
}

// IsZero reports whether p is the zero (unknown) point.
func (p LatLon) IsZero() bool { return p.Lat == 0 && p.Lon == 0 }

// Unit is one version of an administrative unit: the unit as it was over
// its validity interval. A change of name, type, parent or territory ends a
// version and starts another, joined by a lineage Edge.
type Unit struct {
	Level     Level
	Code      Code
	Name      string // full official name with its type: "Phường Ba Đình"
	ShortName string // the name without the type: "Ba Đình"
	Type      string // "Tỉnh", "Thành phố", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu"
	NameEN    string // unofficial English name: "Ba Dinh Ward"
	// Parent is the code of the unit of the level above that contains this
	// one over the same dates: the district of a pre-2025 commune, the
	// province of a district or of a post-2025 commune; empty for provinces.
	Parent Code
	// Province is the code of the province containing the unit (its own code
	// for a province).
	Province Code
	Valid    Interval

	// Attributes, where known (zero when unknown).
	AreaKm2     float64 // published area
	Population  int     // published population
	AdminCentre string  // seat of the unit's government, free text
	Point       LatLon  // published point (may fall outside the unit)
	InnerPoint  LatLon  // a point guaranteed inside the unit's polygon
	Region      string  // geographic region (provinces before 2025-07-01)
	// Resolution is the number of the legal act that established this
	// version, when known ("1656/NQ-UBTVQH15").
	Resolution string
}

// Key returns the identity of the version.
func (u *Unit) Key() Key { return Key{Level: u.Level, Code: u.Code, From: u.Valid.From} }

// ValidAt reports whether the version is in force on day d.
func (u *Unit) ValidAt(d Date) bool { return u.Valid.Contains(d) }

// Locator finds the commune containing a point. Package geo implements it
// with the boundaries of the units in force from 2025-07-01.
type Locator interface {
	// LocateCommune returns the code of the commune containing p on day
	// at, or an ENOTFOUND error (sea, abroad, a date without boundaries).
	LocateCommune(p LatLon, at Date) (Code, error)
}
