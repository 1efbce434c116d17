package dvhc

// LevelOfCode returns the level whose codes have the width of s: province
// for 2 characters, district for 3, commune otherwise. It lets a caller take
// a code without a level, as the CLI's --level default does.
func LevelOfCode(s string) Level {
	switch len(s) {
	case 2:
		return LevelProvince
	case 3:
		return LevelDistrict
	}
	return LevelCommune
}

// ParseContainerCode parses the code of a unit that contains others (a
// parent, or an "in" filter): a district if it has 3 digits, else a
// province, leading zeros optional ("1" is province 01). The error is
// ParseCode's.
func ParseContainerCode(s string) (Level, Code, error) {
	l := LevelProvince
	if len(s) == 3 {
		l = LevelDistrict
	}
	c, err := ParseCode(l, s)
	return l, c, err
}

// ParentLevel returns the level of u's parent, told by the width of its
// code: a district for a commune before the reform, a province for a
// commune after it and for a district; 0 for a province.
func (u *Unit) ParentLevel() Level {
	if u.Parent == "" {
		return 0
	}
	return LevelOfCode(string(u.Parent))
}
