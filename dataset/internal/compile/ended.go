package compile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// InferredByName is the basis of a lineage edge that no official text
// states: the successor was inferred by matching names. Official edges
// have an empty basis. It is the value the loaded data carries
// (dvhc.BasisInferredByName), defined once.
const InferredByName = dvhc.BasisInferredByName

// endedEvent is the event ID of the communes ended on a day of the
// 2023–2025 arrangement.
func endedEvent(day string) string { return day + "/communes/arrangement-2023-2025" }

// matchNotes words the note of an inferred edge after the source's
// successor_match.
var matchNotes = map[string]string{
	"alias_same_district":              "Sáp nhập (suy ra theo tên: tên cũ ghi nhận trong cùng huyện)",
	"alias_same_province":              "Sáp nhập (suy ra theo tên: tên cũ ghi nhận trong cùng tỉnh)",
	"same_name_in_2025_06_30_district": "Sáp nhập (suy ra theo tên: cùng tên trong huyện ngày 2025-06-30)",
}

// readEnded adds the communes that ended in the 2023–2025 arrangement,
// before the 2025-07-01 reform (pre-reform/ended-communes-2024-2025.csv):
// a unit version ending on its end date, with lineage edges of basis
// InferredByName to the 2025-06-30 vintage. The districts of that file
// missing from the 2025-06-30 vintage become district versions ending with
// their last commune. Communes without an end date are not versions (a
// snapshot would be wrong on some day whatever end were chosen); they and
// the communes without a successor are listed in gaps.tsv.
func (c *compiler) readEnded() error {
	const name = "pre-reform/ended-communes-2024-2025.csv"
	rows, err := c.table(name)
	if err != nil {
		return err
	}
	old := map[string]int{} // 2025-06-30 commune code → unit index
	oldDistricts := map[string]bool{}
	for i, u := range c.units {
		if u.from == "" && u.to == reformDate {
			switch u.level {
			case "commune":
				old[u.code] = i
			case "district":
				oldDistricts[u.code] = true
			}
		}
	}
	n0 := len(c.edges)            // the edges of the reform, from the 2025-06-30 versions
	reused := map[string]string{} // code → day another unit took it
	type district struct{ name, province, to string }
	ended := map[string]*district{}
	days := map[string]bool{}
	seen := map[string]int{}
	for n, r := range rows {
		line := n + 2
		code := r["code"]
		if prev, dup := seen[code]; dup {
			return fmt.Errorf("%s:%d: code: %s repeats line %d", name, line, code, prev)
		}
		seen[code] = line
		if len(code) != 5 {
			return fmt.Errorf("%s:%d: code: %q is not a 5-digit commune code", name, line, code)
		}
		succ := splitList(r["successor_code_2025_06_30"])
		for _, s := range succ {
			if _, ok := old[s]; !ok {
				return fmt.Errorf("%s:%d: successor_code_2025_06_30: %s is no commune of the 2025-06-30 vintage", name, line, s)
			}
		}
		end := r["end_date"]
		if end == "" {
			reason := fmt.Sprintf("ended on a date the sources do not record (listed in tlq %s, absent from %s): not a unit version, reached by its former name only", r["last_listed_tlq"], r["first_absent_tlq"])
			if len(succ) > 0 {
				reason += "; successor inferred by name: " + strings.Join(succ, ", ") + " " + r["successor_name_2025_06_30"]
			} else {
				reason += "; no successor could be inferred by name"
			}
			c.gapRs = append(c.gapRs, []string{"commune", code, r["name"], "", reason})
			continue
		}
		if end >= reformDate || end < "2000-01-01" || len(end) != 10 {
			return fmt.Errorf("%s:%d: end_date: %q is not a date before %s", name, line, end, reformDate)
		}
		if i, ok := old[code]; ok {
			// The code was given to another unit from the end date on: that
			// version starts there, so that keys stay unique.
			if c.units[i].from != "" && c.units[i].from != end {
				return fmt.Errorf("%s:%d: code: %s is reused by a unit starting on %s, not %s", name, line, code, c.units[i].from, end)
			}
			c.units[i].from = end
			reused[code] = end
		}
		if !oldDistricts[r["district_code"]] {
			d := ended[r["district_code"]]
			if d == nil {
				d = &district{name: r["district_name"], province: r["province_code"]}
				ended[r["district_code"]] = d
			}
			d.to = max(d.to, end)
		}
		days[end] = true
		c.units = append(c.units, unitRow{level: "commune", code: code, to: end, name: r["name"],
			short: shortName(r["name"], r["type"]), typ: r["type"], parent: r["district_code"], province: r["province_code"]})
		if len(succ) == 0 {
			c.gapRs = append(c.gapRs, []string{"commune", code, r["name"], end,
				"ended on " + end + "; no successor in the 2025-06-30 vintage could be inferred by name: its lineage is unknown"})
			continue
		}
		share, note := "whole", matchNotes[r["successor_match"]]
		if note == "" {
			return fmt.Errorf("%s:%d: successor_match: unknown %q", name, line, r["successor_match"])
		}
		if len(succ) > 1 {
			// The name matched several units: each is a candidate.
			share = "part"
			note = fmt.Sprintf("Sáp nhập (suy ra theo tên: một trong %d đơn vị cùng tên cũ trong tỉnh)", len(succ))
		}
		for _, s := range succ {
			c.edges = append(c.edges, edgeRow{"commune", code, "", "commune", s, "", share,
				endedEvent(end), note, "", InferredByName})
		}
	}
	// Edges into (and, for the reform's, out of) a 2025-06-30 version
	// whose code was reused follow its new start.
	for i := range c.edges {
		e := &c.edges[i]
		if d, ok := reused[e.toCode]; ok && e.toLevel == "commune" && e.toDate == "" {
			e.toDate = d
		}
		if d, ok := reused[e.fromCode]; ok && i < n0 && e.fromLevel == "commune" && e.fromDate == "" {
			e.fromDate = d
		}
	}
	codes := make([]string, 0, len(ended))
	for code := range ended {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		d := ended[code]
		typ := typeOf(d.name, "Quận", "Huyện", "Thị xã", "Thành phố")
		c.units = append(c.units, unitRow{level: "district", code: code, to: d.to, name: d.name,
			short: shortName(d.name, typ), typ: typ, parent: d.province, province: d.province})
	}
	var ds []string
	for d := range days {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		c.events = append(c.events, eventRow{endedEvent(d), "", "", d, d,
			"Communes merged in the 2023–2025 arrangement of district- and commune-level units (end dates from the GSO directory; successors inferred by name, not from the resolutions)"})
	}
	return nil
}

// readCoverage reads coverage.csv, the maintainers' statement of what the
// registry holds: per level, the first day from which it is complete and
// the day up to which its sources were checked.
func (c *compiler) readCoverage() error {
	const name = "coverage.csv"
	rows, err := c.table(name)
	if err != nil {
		return err
	}
	levels := map[string]bool{}
	for n, r := range rows {
		line := n + 2
		if levelRank(r["level"]) == 0 || levels[r["level"]] {
			return fmt.Errorf("%s:%d: level: %q is not a level or repeats", name, line, r["level"])
		}
		levels[r["level"]] = true
		for _, f := range []string{"complete_from", "checked_to"} {
			if len(r[f]) != 10 || r[f][4] != '-' || r[f][7] != '-' {
				return fmt.Errorf("%s:%d: %s: %q is not a date YYYY-MM-DD", name, line, f, r[f])
			}
		}
		if r["checked_to"] < r["complete_from"] {
			return fmt.Errorf("%s:%d: checked_to: %s is before complete_from %s", name, line, r["checked_to"], r["complete_from"])
		}
		c.covRs = append(c.covRs, []string{r["level"], r["complete_from"], r["checked_to"], r["basis"]})
	}
	if len(levels) != 3 {
		return fmt.Errorf("%s: want one row per level (province, district, commune), got %d", name, len(levels))
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// shortName strips the type word from a full name: "Xã Tân An" → "Tân An".
func shortName(name, typ string) string {
	if typ != "" && strings.HasPrefix(name, typ+" ") {
		return name[len(typ)+1:]
	}
	return name
}

func typeOf(name string, types ...string) string {
	for _, t := range types {
		if strings.HasPrefix(name, t+" ") {
			return t
		}
	}
	return ""
}
