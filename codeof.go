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

// ParentLevel returns the level of u's parent, told by the width of its
// code: a district for a commune before the reform, a province for a
// commune after it and for a district; 0 for a province.
func (u *Unit) ParentLevel() Level {
	if u.Parent == "" {
		return 0
	}
	return LevelOfCode(string(u.Parent))
}
