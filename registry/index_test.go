package registry

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset"
)

// TestSortUnits checks that merging an unsorted tail into a sorted prefix
// gives what a stable sort of the whole gives, ties included.
func TestSortUnits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n := rng.IntN(60)
		us := make([]dvhc.Unit, n)
		for i := range us {
			us[i] = dvhc.Unit{Level: dvhc.Level(1 + rng.IntN(3)), Code: dvhc.Code(fmt.Sprint(rng.IntN(5))),
				Valid: dvhc.Interval{From: dvhc.Date{}.AddDays(rng.IntN(3))}, Name: fmt.Sprint(i)}
		}
		p := 0
		if n > 0 {
			p = rng.IntN(n + 1)
		}
		slices.SortStableFunc(us[:p], func(a, b dvhc.Unit) int { return byLevelCode(&a, &b) })
		want := slices.Clone(us)
		slices.SortStableFunc(want, func(a, b dvhc.Unit) int { return byLevelCode(&a, &b) })
		sortUnits(us)
		if !slices.Equal(us, want) {
			t.Fatalf("round %d (prefix %d of %d): got %v, want %v", round, p, n, us, want)
		}
	}
}

// TestUnofficialCodes checks the lookups of codes that are not of their
// level's width or not digits, and of children whose parent is missing.
func TestUnofficialCodes(t *testing.T) {
	day := dvhc.MustParseDate("2020-01-01")
	us := []dvhc.Unit{
		{Level: dvhc.LevelProvince, Code: "01", Province: "01", Name: "a"},
		{Level: dvhc.LevelProvince, Code: "X1", Province: "X1", Name: "b"},
		{Level: dvhc.LevelDistrict, Code: "0001", Parent: "X1", Province: "X1", Name: "c"},
		{Level: dvhc.LevelDistrict, Code: "002", Parent: "77", Province: "77", Name: "d"},
	}
	r, err := New(&dataset.Data{Units: us})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		l    dvhc.Level
		code dvhc.Code
		name string
	}{{dvhc.LevelProvince, "01", "a"}, {dvhc.LevelProvince, "X1", "b"}, {dvhc.LevelDistrict, "0001", "c"}, {dvhc.LevelDistrict, "002", "d"}} {
		u, err := r.Lookup(c.l, c.code, day)
		if err != nil || u.Name != c.name {
			t.Errorf("Lookup(%s, %s): %v, %v", c.l, c.code, u, err)
		}
	}
	if _, err := r.Lookup(dvhc.LevelDistrict, "001", day); err == nil {
		t.Error("district 001 found")
	}
	if ch := r.Children(r.Version(dvhc.Key{Level: dvhc.LevelProvince, Code: "X1"}), day); len(ch) != 1 || ch[0].Name != "c" {
		t.Errorf("children of X1: %v", ch)
	}
	if ch := r.Children(&dvhc.Unit{Level: dvhc.LevelProvince, Code: "77"}, day); len(ch) != 1 || ch[0].Name != "d" {
		t.Errorf("children of missing 77: %v", ch)
	}
}

func TestAdj(t *testing.T) {
	a := newAdj(4, []int32{2, -1, 0, 2, 3, 2})
	want := [][]int32{{2}, {}, {0, 3, 5}, {4}}
	if a.nodes() != 4 {
		t.Fatalf("%d nodes", a.nodes())
	}
	for i, w := range want {
		if got := a.of(int32(i)); !slices.Equal(got, w) {
			t.Errorf("node %d: %v, want %v", i, got, w)
		}
	}
}

// TestDefaultTextsLazy checks that Default, which parses the predecessor
// texts on first use, answers FormedFrom as a registry of the whole
// dataset does.
func TestDefaultTextsLazy(t *testing.T) {
	lazy := reg(t)
	d, err := dataset.Load()
	if err != nil {
		t.Fatal(err)
	}
	full, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range full.Units() {
		u, v := &full.Units()[i], &lazy.Units()[i]
		a, b := full.FormedFrom(u), lazy.FormedFrom(v)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%s %s: FormedFrom %v, want %v", u.Level, u.Code, b, a)
		}
		n += len(a)
	}
	if n < 3321 {
		t.Errorf("%d texts, want one at least per commune of the reform", n)
	}
}
