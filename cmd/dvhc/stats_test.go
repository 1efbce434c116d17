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
	inExampleDir(t)
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

// TestLineageWeight checks the weights of dvhc lineage --json: Thụy Khuê
// (00112) gave "part of the area, all of the population" to Tây Hồ (00103)
// — weight 1, population, from the note — and the rest of its area, none
// of its population, to Ba Đình (00004); Cổ Bi's (00553) split is assumed.
func TestLineageWeight(t *testing.T) {
	type link struct {
		Code       string   `json:"code"`
		Weight     *float64 `json:"weight"`
		WeightKind string   `json:"weight_kind"`
	}
	var ls []link
	runJSON(t, &ls, "lineage", "--at", "2025-06-30", "--to", "2025-07-01", "--json", "00112")
	got := map[string]string{}
	for _, l := range ls {
		if l.Weight == nil {
			t.Fatalf("%s: no weight", l.Code)
		}
		got[l.Code] = fmt.Sprintf("%g %s", *l.Weight, l.WeightKind)
	}
	if got["00103"] != "1 population" || got["00004"] != "0 population" {
		t.Errorf("weights of 00112's successors: %v", got)
	}
	runJSON(t, &ls, "lineage", "--at", "2025-06-30", "--to", "2025-07-01", "--json", "00553")
	sum := 0.0
	for _, l := range ls {
		if l.WeightKind != "assumed" {
			t.Errorf("Cổ Bi → %s: kind %s, want assumed", l.Code, l.WeightKind)
		}
		sum += *l.Weight
	}
	if len(ls) != 3 || sum < 0.999999 || sum > 1.000001 {
		t.Errorf("Cổ Bi: %d successors, weights add up to %v", len(ls), sum)
	}
}

// TestStatsCLI checks exit statuses and the output file: written beside,
// never over the input.
func TestStatsCLI(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("code,n\n00004,1\n00013,2\n"), 0o644)
	out := filepath.Join(dir, "out.csv")
	if _, stderr, code := run(t, "stats", "--to", "2025-07-01", "--sum", "n", "-o", out, in); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "00004,Phường Ba Đình,3,no,2\n") {
		t.Errorf("output:\n%.300s", b)
	}
	if _, _, code := run(t, "stats", "--to", "2025-07-01", "--sum", "n", "-o", in, in); code != 2 {
		t.Errorf("-o over the input: exit %d, want 2", code)
	}
	if b, _ := os.ReadFile(in); string(b) != "code,n\n00004,1\n00013,2\n" {
		t.Errorf("input changed: %q", b)
	}
	os.WriteFile(in, []byte("code,n\n00004,1\n99999,2\n"), 0o644)
	if _, stderr, code := run(t, "stats", "--to", "2025-07-01", "--sum", "n", "-o", out, in); code != 1 || !strings.Contains(stderr, `row 2 (line 3), key "99999"`) {
		t.Errorf("unknown key: exit %d, want 1; stderr %s", code, stderr)
	}
	if _, _, code := run(t, "stats", "--sum", "nope", in); code != 2 {
		t.Errorf("unknown column: exit %d, want 2", code)
	}
	if _, _, code := run(t, "stats", "--weight", "people", "--sum", "n", in); code != 2 {
		t.Errorf("bad --weight: exit %d, want 2", code)
	}
	// --weight COL: the old populations of the input.
	os.WriteFile(in, []byte("code,pop\n00988,6000\n00700,5000\n00994,4000\n01009,2000\n"), 0o644)
	if stdout, stderr, code := run(t, "stats", "--to", "2025-07-01", "--sum", "pop", "--weight", "pop", in); code != 0 ||
		!strings.Contains(stdout, "\n00700,Xã Ngọc Đường,8620.77702703,yes,2\n") || !strings.Contains(stderr, "weights: column pop") {
		t.Errorf("--weight COL: exit %d, stderr %s", code, stderr)
	}
	if _, stderr, code := run(t, "stats", "--to", "2025-07-01", "--sum", "pop", "--weight", "nope", in); code != 2 || !strings.Contains(stderr, `--weight "nope" is not`) {
		t.Errorf("--weight nope: exit %d, stderr %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(files) > 0 {
		t.Errorf("temporary files left: %v", files)
	}
	// A weight table: Cổ Bi's pieces 1:1:2.
	wt := filepath.Join(dir, "weights.csv")
	os.WriteFile(wt, []byte("old,new,w\n00553,00136,1\n00553,00541,1\n00553,00565,2\n"), 0o644)
	os.WriteFile(in, []byte("code,n\n00553,100\n"), 0o644)
	stdout, stderr, code := run(t, "stats", "--to", "2025-07-01", "--sum", "n", "--weight", wt+":w", in)
	if code != 0 || !strings.Contains(stdout, "00565,Xã Gia Lâm,50,no,1\n") || !strings.Contains(stdout, "00136,Phường Phúc Lợi,25,no,1\n") {
		t.Errorf("weight table: exit %d, stderr %s", code, stderr)
	}
}

// inExampleDir makes the test run in a new directory that holds the
// example file (exampleFile) as the README and --help examples name it.
func inExampleDir(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "docs", "examples"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, exampleFile), exampleTable(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

// TestStatsHelpExamples runs the examples of dvhc stats --help, in order,
// in a directory holding the example file.
func TestStatsHelpExamples(t *testing.T) {
	inExampleDir(t)
	n := 0
	for _, line := range strings.Split(statsCmd.doc, "\n") {
		cmd, ok := strings.CutPrefix(line, "  dvhc ")
		if !ok {
			continue
		}
		n++
		stdout, stderr, code := run(t, strings.Fields(cmd)...)
		if code != 0 || !strings.Contains(stderr, "total in 653473, out 653473") {
			t.Errorf("dvhc %s: exit %d\n%s", cmd, code, stderr)
		}
		if strings.Contains(cmd, "province") && !strings.Contains(stdout, "\n66,Tỉnh Đắk Lắk,653473,") {
			t.Errorf("dvhc %s: no Đắk Lắk row", cmd)
		}
	}
	if n != 3 {
		t.Errorf("%d examples, want 3", n)
	}
}
