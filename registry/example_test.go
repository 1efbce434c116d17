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
