package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
)

var update = flag.Bool("update", false, "rewrite docs/examples and the README's stats example from the real output")

const exampleFile = "docs/examples/daklak-phuyen.csv"

// exampleTable is the README's worked example input: a figure per old
// commune of old Đắk Lắk (66) and old Phú Yên (54) on 2025-06-30 —
// households and the share of poor households, made up from a hash of the
// code, so the file is the same on every run.
func exampleTable() []byte {
	reg := registry.MustDefault()
	at := dvhc.MustParseDate("2025-06-30")
	var b bytes.Buffer
	b.WriteString("code,name,households,poverty_rate\n")
	for _, p := range []dvhc.Code{"54", "66"} {
		for _, u := range reg.At(at, registry.Filter{Level: dvhc.LevelCommune, In: p}) {
			h := fnv.New32a()
			h.Write([]byte(u.Code))
			x := h.Sum32()
			fmt.Fprintf(&b, "%s,%s,%d,%.1f\n", u.Code, u.Name, 800+x%3200, float64((x>>12)%250)/10)
		}
	}
	return b.Bytes()
}

func TestExampleFile(t *testing.T) {
	path := filepath.Join("..", "..", exampleFile)
	got := exampleTable()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what exampleTable generates (go test -update ./cmd/dvhc)", exampleFile)
	}
}

// The README's stats example is the console block between these markers.
const (
	readmeStart = "<!-- stats example: TestStatsREADME runs it -->\n```console\n"
	readmeEnd   = "```\n<!-- /stats example -->"
)

// TestStatsREADME runs the commands of the README's worked example (in a
// temporary directory holding the example file) and compares their output
// (stdout, then stderr) with the README; -update rewrites it.
func TestStatsREADME(t *testing.T) {
	readme, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(text, []byte(readmeStart))
	j := bytes.Index(text, []byte(readmeEnd))
	if i < 0 || j < i {
		t.Fatal("no stats example block in README.md")
	}
	block := string(text[i+len(readmeStart) : j])
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "docs", "examples"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, exampleFile), exampleTable(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var got strings.Builder
	for _, line := range strings.Split(block, "\n") {
		cmd, ok := strings.CutPrefix(line, "$ ")
		if !ok {
			continue
		}
		got.WriteString(line + "\n")
		got.WriteString(shell(t, cmd))
	}
	if *update {
		out := append(append(append([]byte{}, text[:i+len(readmeStart)]...), got.String()...), text[j:]...)
		if err := os.WriteFile(readme, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got.String() != block {
		t.Errorf("README stats example differs from the real output (go test -update ./cmd/dvhc):\n%s", got.String())
	}
}

// shell runs one command line of the example: "dvhc ARGS", "head -N FILE"
// or "grep 'PATTERN' FILE" (an extended regular expression without spaces).
func shell(t *testing.T, line string) string {
	t.Helper()
	args := strings.Fields(line)
	switch args[0] {
	case "dvhc":
		var out, errb bytes.Buffer
		err := Run(context.Background(), args[1:], strings.NewReader(""), &out, &errb)
		if code := report(&errb, err); code > 1 {
			t.Fatalf("%s: exit %d: %s", line, code, errb.String())
		}
		return out.String() + errb.String()
	case "head", "grep":
		if len(args) != 3 {
			t.Fatalf("%s: want head -N FILE or grep PATTERN FILE", line)
		}
		f, err := os.Open(args[2])
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var out strings.Builder
		sc := bufio.NewScanner(f)
		if args[0] == "head" {
			n, _ := strconv.Atoi(strings.TrimPrefix(args[1], "-"))
			for i := 0; i < n && sc.Scan(); i++ {
				out.WriteString(sc.Text() + "\n")
			}
			return out.String()
		}
		re := regexp.MustCompile(strings.Trim(args[1], "'"))
		for sc.Scan() {
			if re.MatchString(sc.Text()) {
				out.WriteString(sc.Text() + "\n")
			}
		}
		return out.String()
	}
	t.Fatalf("unknown command in the README example: %s", line)
	return ""
}
