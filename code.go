package dvhc

// Code is an official code of the General Statistics Office: a string of
// digits, zero-padded to the width of its level ("01", "001", "00004").
// The zero value is the empty code, which is not valid.
//
// A Code alone does not identify a unit: codes are reused across dates.
// Pair it with a Level and a Date (see Key and registry.Lookup).
type Code string

// ParseCode parses s as a code of level l. Leading zeros may be omitted
// ("4" is commune "00004"); anything but ASCII digits, or more digits than
// the level has, is an EINVALID error.
func ParseCode(l Level, s string) (Code, error) {
	w := l.CodeWidth()
	if w == 0 {
		return "", Errorf(EINVALID, "invalid level %d", uint8(l))
	}
	if s == "" {
		return "", Errorf(EINVALID, "empty %s code", l)
	}
	if len(s) > w {
		return "", Errorf(EINVALID, "%s code %q has more than %d digits", l, s, w)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", Errorf(EINVALID, "%s code %q is not all digits", l, s)
		}
	}
	if len(s) < w {
		const zeros = "00000"
		s = zeros[:w-len(s)] + s
	}
	return Code(s), nil
}

// MustParseCode is ParseCode that panics on error; for tests.
func MustParseCode(l Level, s string) Code {
	c, err := ParseCode(l, s)
	if err != nil {
		panic(err)
	}
	return c
}

// IsValid reports whether c is a non-empty string of 2, 3 or 5 digits.
func (c Code) IsValid() bool {
	switch len(c) {
	case 2, 3, 5:
	default:
		return false
	}
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return false
		}
	}
	return true
}

// String returns the code as written officially.
func (c Code) String() string { return string(c) }

// Compare returns -1, 0 or +1 comparing codes as zero-padded strings.
func (c Code) Compare(d Code) int {
	switch {
	case c < d:
		return -1
	case c > d:
		return 1
	}
	return 0
}
