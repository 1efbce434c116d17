package dvhc

// ReformDay is the first day of the units of the 2025 reorganisation: the
// district tier abolished, 63 provinces merged into 34 and 10,035 communes
// into 3,321, by Resolution 202/2025/QH15 and the Standing Committee's
// resolutions on the communes). LastOldDay, the day before, is the last day
// of the old vintage, with districts.
//
// The day is a constant of the domain rather than derived from the events:
// this package holds no data, and every door (address reading, the boundary
// set, the export's old_to_new view, the evaluation set) asks for the same
// day before the registry is loaded. The registry's tests check that the
// reform's events take effect on this day.
var (
	ReformDay  = NewDate(2025, 7, 1)
	LastOldDay = ReformDay.AddDays(-1)
)

// Vintage says which generation of units a unit version belongs to: the
// units in force on LastOldDay (province ⊃ district ⊃ commune) or the units
// created from ReformDay on (province ⊃ commune).
type Vintage uint8

// The vintages.
const (
	VintageNone Vintage = iota // neither: ended before LastOldDay, or nothing matched
	VintageOld                 // in force on LastOldDay, with districts
	VintageNew                 // in force from ReformDay on, without districts
)

// String returns "", "old" or "new".
func (v Vintage) String() string {
	switch v {
	case VintageOld:
		return "old"
	case VintageNew:
		return "new"
	}
	return ""
}

// VintageOf returns the vintage of a unit version; nil has VintageNone.
func VintageOf(u *Unit) Vintage {
	switch {
	case u == nil:
		return VintageNone
	case u.ValidAt(LastOldDay):
		return VintageOld
	case !u.Valid.From.Before(ReformDay):
		return VintageNew
	}
	return VintageNone
}
