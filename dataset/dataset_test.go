package dataset

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/dataset/internal/compile"
)

// TestGeneratedUpToDate rebuilds the compiled data from sources/ and fails
// if it differs from the committed files in data/.
func TestGeneratedUpToDate(t *testing.T) {
	files, err := compile.Compile(os.DirFS("sources"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s is stale: run go generate ./dataset", name)
		}
	}
}

func TestLoadCounts(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Units); got != 63+696+10035+34+3321+25+565+6 {
		t.Errorf("units = %d", got)
	}
	if got := len(d.Edges); got != 63+10571+25+577 {
		t.Errorf("edges = %d", got)
	}
	if got := len(d.Texts); got != 3321 {
		t.Errorf("texts = %d", got)
	}
	if len(d.Aliases) < 1900 {
		t.Errorf("aliases = %d", len(d.Aliases))
	}
	// the snapshot days come from texts.tsv's header
	if ts := d.Texts["00004"]; len(ts) != 2 || ts[0].Snapshot.String() != "2025-07-17" || ts[1].Snapshot.String() != "2026-03-15" ||
		!strings.Contains(ts[0].Text, "Phường Trúc Bạch") {
		t.Errorf("texts of 00004 = %+v", ts)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoadWithoutTexts checks that the texts parsed alone are those Load
// gives, and that LoadWithoutTexts gives the rest.
func TestLoadWithoutTexts(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Texts()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ts, d.Texts) {
		t.Error("Texts() differs from Load().Texts")
	}
	without, err := LoadWithoutTexts()
	if err != nil {
		t.Fatal(err)
	}
	if without.Texts != nil {
		t.Errorf("LoadWithoutTexts: %d texts", len(without.Texts))
	}
	without.Texts = d.Texts
	if !reflect.DeepEqual(without, d) {
		t.Error("LoadWithoutTexts differs from Load but for the texts")
	}
}
