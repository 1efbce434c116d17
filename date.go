package dvhc

import (
	"time"
)

// Date is a calendar day, without time zone: the unit of legal effect.
// Dates are comparable with ==, ordered by Compare, Before and After.
// The zero value is the "no date" that marks an open end of an interval
// (see Interval); IsZero reports it.
type Date struct {
	// days since 0001-01-01, plus one, so that the zero value is no date.
	n int32
}

const dateLayout = "2006-01-02"

// unixOffset is the number of days from 0001-01-01 to 1970-01-01.
const unixOffset = 719162

// NewDate returns the date y-m-d. Out-of-range values are normalised as by
// time.Date.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	days := t.Unix() / 86400 // exact: t is midnight UTC
	if t.Unix() < 0 && t.Unix()%86400 != 0 {
		days--
	}
	return Date{n: int32(days+unixOffset) + 1}
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Today returns the current date in Vietnam (UTC+7), where the law applies.
func Today() Date {
	return DateOf(time.Now().In(vietnam))
}

var vietnam = time.FixedZone("ICT", 7*3600)

// ParseDate parses an ISO 8601 calendar date "2025-07-01".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, Errorf(EINVALID, "invalid date %q (want YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// MustParseDate is ParseDate that panics on error; for tests and constants.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.n == 0 }

// Time returns midnight UTC of d; the zero Date gives the zero time.Time.
func (d Date) Time() time.Time {
	if d.n == 0 {
		return time.Time{}
	}
	return time.Unix((int64(d.n)-1-unixOffset)*86400, 0).UTC()
}

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.n == 0 {
		return ""
	}
	return d.Time().Format(dateLayout)
}

// Compare returns -1, 0 or +1. The zero Date sorts first.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.n > e.n }

// MarshalText implements encoding.TextMarshaler; the zero Date is "".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Interval is a half-open validity interval [From, To). A zero To means the
// interval is still open (the unit is in force today).
type Interval struct {
	From, To Date
}

// Contains reports whether the interval includes day d.
func (iv Interval) Contains(d Date) bool {
	return !d.Before(iv.From) && (iv.To.IsZero() || d.Before(iv.To))
}

// Last returns the last day of the interval, or the zero Date if it is open.
func (iv Interval) Last() Date {
	if iv.To.IsZero() {
		return Date{}
	}
	return iv.To.AddDays(-1)
}
