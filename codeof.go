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
