package dvhc

// FormerName is a name a unit of the old vintage was known by before a
// merger of 2018–2025 (its code gone since), or a former district whose
// territory lies in several districts. Addresses still use such names.
type FormerName struct {
	Level Level
	Code  Code // the unit in force on LastOldDay that holds the name now
	// SplitFrom reports whether the former unit was split and Code is one of
	// the units that took part of it; Default marks the successor that holds
	// most of it (a heuristic of the source, not an official fact).
	SplitFrom, Default bool
	FormerType         string // "Phường", "Xã", "Huyện"…, empty if unknown
	Key                string // folded name without spaces: "nguyentrungtruc"
	Year               string // year of the merger, if the source says it
	Source             string // URL of the source
}

// FormationText is the official text listing what a commune of the 2025
// reform was formed from ("before merger"), as the government's map service
// published it on the day Snapshot.
type FormationText struct {
	Snapshot Date
	Text     string
}
