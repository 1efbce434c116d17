package registry

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/dataset/changeset"
)

// csHeader is the header line of a change set.
var csHeader = strings.Join(changeset.Columns, ",") + "\n"

// merger is a valid change set: two communes of Hà Nội merge into a new
// one that takes one of their codes (shared with other packages' tests).
var merger = func() string {
	b, err := os.ReadFile("../dataset/changeset/testdata/merger.csv")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func changes(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"changes/README.md": {Data: []byte("not read")}}
	for name, src := range files {
		fsys["changes/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func TestWithChanges(t *testing.T) {
	r, err := WithChanges(changes(map[string]string{"2026-12-01.csv": merger}), "changes")
	if err != nil {
		t.Fatal(err)
	}
	dec := dvhc.MustParseDate("2026-12-01")
	u, err := r.Lookup(dvhc.LevelCommune, "00004", dec)
	if err != nil || u.Name != "Phường Ba Đình Mới" {
		t.Fatalf("Lookup 00004 on %s = %v, %v", dec, u, err)
	}
	old, _ := r.Lookup(dvhc.LevelCommune, "00008", dec.AddDays(-1))
	links, err := r.Successors(old, dec)
	if err != nil || len(links) != 1 || links[0].Unit != u || links[0].Share != dvhc.ShareWhole {
		t.Errorf("Successors(00008) = %+v, %v", links, err)
	}
	if got := r.DataDate(); got != dec {
		t.Errorf("DataDate = %s, want %s", got, dec)
	}
	// the embedded registry is untouched
	if u, _ := MustDefault().Lookup(dvhc.LevelCommune, "00004", dec); u == nil || u.Name != "Phường Ba Đình" {
		t.Errorf("default registry changed: %v", u)
	}
}

func TestWithChangesRefused(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"edge to a unit that does not exist", strings.Replace(merger, ",00008,,,,,00004,whole", ",00008,,,,,00005,whole", 1),
			[]string{"changes/2026-12-01.csv:6: edge_target: no commune 00005 starts on 2026-12-01"}},
		{"a unit lost", strings.Join(strings.Split(merger, "\n")[:5], "\n") + "\n",
			[]string{"change sets refused by the audit (1 violations)",
				"changes/2026-12-01.csv:3: reaches_new: commune 00008 Phường Ngọc Hà (in force on 2026-11-30) reaches no unit in force on 2026-12-01"}},
		{"a unit without origin", csHeader + "2026-12-01,9/X,,start,commune,99999,,Xã Mới,Xã,01,,,,Thử\n",
			[]string{"changes/2026-12-01.csv:2: has_predecessors: commune 99999 Xã Mới"}},
	}
	for _, tt := range tests {
		_, err := WithChanges(changes(map[string]string{"2026-12-01.csv": tt.src}), "changes")
		if dvhc.ErrorKind(err) != dvhc.EINVALID {
			t.Errorf("%s: err = %v, want %s", tt.name, err, dvhc.EINVALID)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, w)
			}
		}
	}
}

// TestShippedChangeSets: the changes since the reform are shipped as change
// sets, and applying them twice is refused.
func TestShippedChangeSets(t *testing.T) {
	r := reg(t)
	for _, id := range []string{"2026-04-30/provinces/30/2026/QH16", "2026-04-30/communes/237/NQ-UBTVQH16",
		"2026-09-01/provinces/36/2026/QH16", "2026-09-20/provinces/39/2026/QH16", "2026-09-20/communes/388/NQ-UBTVQH16"} {
		if r.Event(id) == nil {
			t.Errorf("event %s missing", id)
		}
	}
	src := csHeader + "2026-09-01,36/2026/QH16,2026-08-24,change,province,22,Tỉnh Quảng Ninh,Thành phố Quảng Ninh,Thành phố,,,,,again\n"
	_, err := WithChanges(changes(map[string]string{"again.csv": src}), "changes")
	if err == nil || !strings.Contains(err.Error(), "changes/again.csv:2: already_applied") {
		t.Errorf("applying 36/2026/QH16 again: %v", err)
	}
}
