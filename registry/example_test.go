package registry_test

import (
	"fmt"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

// A commune merged on 2025-01-01 reaches today's unit through an edge
// inferred by name, then an official one.
func ExampleRegistry_Successors_inferred() {
	r := registry.MustDefault()
	u, _ := r.Lookup(dvhc.LevelCommune, "00010", dvhc.MustParseDate("2024-06-01"))
	links, _ := r.Successors(u, dvhc.MustParseDate("2026-11-30"))
	for _, l := range links {
		fmt.Println(l.Unit.Code, l.Unit.Name)
		for _, e := range l.Path {
			basis := "official"
			if e.Inferred() {
				basis = e.Basis
			}
			fmt.Printf("  %s %s → %s: %s\n", r.Event(e.Event).Operative, e.From.Code, e.To.Code, basis)
		}
	}
	// Output:
	// 00004 Phường Ba Đình
	//   2025-01-01 00010 → 00004: inferred by name
	//   2025-07-01 00004 → 00004: official
}

// Days before the registry is complete are refused, naming the first
// complete day.
func ExampleRegistry_Covers() {
	r := registry.MustDefault()
	err := r.Covers(dvhc.LevelCommune, dvhc.MustParseDate("2020-01-01"))
	fmt.Println(dvhc.ErrorKind(err))
	fmt.Println(err)
	fmt.Println("data date", r.DataDate(), "checked to", r.CheckedTo())
	// Output:
	// not_covered
	// 2020-01-01 is before 2024-04-30, the first day from which the registry is complete for communes: earlier units are not recorded
	// data date 2026-09-20 checked to 2026-10-09
}

// A code is looked up as of a date: commune 00004 is Phường Trúc Bạch
// until 2025-06-30 and Phường Ba Đình from 2025-07-01.
func ExampleRegistry_Lookup() {
	r := registry.MustDefault()
	for _, at := range []dvhc.Date{dvhc.LastOldDay, dvhc.ReformDay} {
		u, _ := r.Lookup(dvhc.LevelCommune, "00004", at)
		p, _ := r.Parent(u, at)
		fmt.Printf("%s %s %s, in %s %s\n", at, u.Code, u.Name, p.Code, p.Name)
	}
	// Output:
	// 2025-06-30 00004 Phường Trúc Bạch, in 001 Quận Ba Đình
	// 2025-07-01 00004 Phường Ba Đình, in 01 Thành phố Hà Nội
}

// A split commune has several successors, each with the government's note.
func ExampleRegistry_Successors() {
	r := registry.MustDefault()
	u, _ := r.Lookup(dvhc.LevelCommune, "00553", dvhc.LastOldDay)
	links, _ := r.Successors(u, dvhc.ReformDay)
	fmt.Println(u.Name, "→", len(links), "successors")
	for _, l := range links {
		fmt.Println(" ", l.Unit.Code, l.Unit.Name, l.Share, l.Path[0].Note)
	}
	// Output:
	// Xã Cổ Bi → 3 successors
	//   00136 Phường Phúc Lợi part Nhập một phần
	//   00541 Xã Phù Đổng part Nhập một phần
	//   00565 Xã Gia Lâm part Nhập một phần
}

// The audit checks a transition: every old unit reaches a new one, every
// new unit has predecessors, codes are unique on each day.
func ExampleRegistry_Audit() {
	r := registry.MustDefault()
	rep, _ := r.Audit(dvhc.LastOldDay, dvhc.ReformDay)
	fmt.Println(rep.From, "→", rep.To, "violations:", len(rep.Violations))
	fmt.Println("communes checked to reach the new units:", rep.Checked["reaches_new"] > 10000)
	// Output:
	// 2025-06-30 → 2025-07-01 violations: 0
	// communes checked to reach the new units: true
}

// A commune of the reform keeps the official texts listing what it was
// formed from, with the day of each snapshot.
func ExampleRegistry_FormedFrom() {
	r := registry.MustDefault()
	u, _ := r.Lookup(dvhc.LevelCommune, "00004", dvhc.ReformDay)
	for _, t := range r.FormedFrom(u) {
		fmt.Println(t.Snapshot, t.Text[:len("Phường Quán Thánh, Phường Trúc Bạch")])
	}
	// Output:
	// 2025-07-17 Phường Quán Thánh, Phường Trúc Bạch
	// 2026-03-15 Phường Quán Thánh, Phường Trúc Bạch
}
