package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/tabular"
)

// TestREADMEExamples runs every "$ dvhc ..." line of README.md's console
// blocks in-process and compares what it prints (standard output, then
// standard error) with the lines shown under it. Timings are masked. A
// failure shows the difference: edit README.md (or the code) by hand.
func TestREADMEExamples(t *testing.T) {
	exs := consoleExamples(readme(t))
	if len(exs) < 10 {
		t.Fatalf("found %d console examples in README.md, want at least 10", len(exs))
	}
	dir := t.TempDir()
	writeFixtures(t, dir)
	t.Chdir(dir)
	for _, ex := range exs {
		if !strings.HasPrefix(ex.cmd, "dvhc ") && !strings.Contains(ex.cmd, "| dvhc ") {
			continue // curl and friends: not ours to run
		}
		t.Run(ex.cmd, func(t *testing.T) {
			got, _, err := runShell(ex.cmd)
			if err != nil {
				t.Fatalf("README.md line %d: %v", ex.line, err)
			}
			want := strings.Join(ex.output, "\n")
			if got, want := maskTimes(strings.TrimRight(got, "\n")), maskTimes(want); got != want {
				t.Errorf("README.md line %d: $ %s\n%s", ex.line, ex.cmd, lineDiff(want, got))
			}
		})
	}
}

// TestHelpExamples runs every example of every command's manual (dvhc help
// CMD) on small files made for them and wants each to succeed (exit 0).
// "dvhc serve" examples are only parsed: they would not return.
func TestHelpExamples(t *testing.T) {
	dir := t.TempDir()
	writeFixtures(t, dir)
	t.Chdir(dir)
	n := 0
	for _, c := range commands {
		var manual bytes.Buffer
		c.manual(&manual)
		for _, cmd := range helpExamples(manual.String()) {
			n++
			t.Run(cmd, func(t *testing.T) {
				if i := strings.Index(cmd, " | psql"); i >= 0 {
					// psql is not run here: TestPostgres loads the export
					// into a real server; this runs dvhc's part.
					cmd = cmd[:i]
				}
				if c.name == "serve" {
					fs := flag.NewFlagSet("serve", flag.ContinueOnError)
					c.setup(fs)
					words, err := shellWords(strings.TrimPrefix(cmd, "dvhc serve"))
					if err != nil {
						t.Fatal(err)
					}
					if _, err := parseFlags(fs, words); err != nil {
						t.Errorf("dvhc help %s: %s: %v", c.name, cmd, err)
					}
					return
				}
				out, code, err := runShell(cmd)
				if err != nil {
					t.Fatal(err)
				}
				if code != 0 {
					t.Errorf("dvhc help %s: %s: exit %d\n%s", c.name, cmd, code, out)
				}
			})
		}
	}
	if n < 15 {
		t.Errorf("found %d help examples, want at least 15", n)
	}
}

// TestHelpConvertExampleConverts is the regression of issue 13: the split
// commune of the manual's example must be decided by its point.
func TestHelpConvertExampleConverts(t *testing.T) {
	var manual bytes.Buffer
	convertCmd.manual(&manual)
	for _, cmd := range helpExamples(manual.String()) {
		if !strings.Contains(cmd, "--lat") {
			continue
		}
		out, code, err := runShell(cmd)
		if err != nil || code != 0 || !strings.HasPrefix(out, "ok\t") {
			t.Errorf("%s: exit %d, %v\n%s", cmd, code, err, out)
		}
		return
	}
	t.Error("dvhc help convert has no example with --lat")
}

// writeFixtures makes the files the help examples name.
func writeFixtures(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{
		"addresses.csv": "id,address\n1,\"Phường Trúc Bạch, Quận Ba Đình, Hà Nội\"\n2,\"P7, Q5, TP.HCM\"\n",
		"points.csv":    "id,y,x\n1,21.0287,105.8524\n2,10.7626,106.6602\n",
		// a point that disagrees with the words (Phường Sài Gòn's)
		"geocoded.csv":  "dia_chi,lat,lon\n\"Phường Trúc Bạch, Quận Ba Đình, Hà Nội\",10.78105,106.703947\n",
		"customers.csv": "ten,dia_chi\nAn,\"Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM\"\nBình,\"xã Cổ Bi, huyện Gia Lâm, Hà Nội\"\n",
		// a partition of a headless TSV, as a cluster engine hands it over
		"part-00000.tsv": "1\tPhường Trúc Bạch, Quận Ba Đình, Hà Nội\n2\tP7, Q5, TP.HCM\n",
		// figures per unit of 2025-06-30 (old) and of 2025-07-01 (new)
		"old.csv": "code,population,households,n,rate\n00004,9000,2500,10,1.5\n00008,12000,3100,20,2.5\n22015,15000,2589,30,17.8\n",
		"new.csv": "code,n\n00004,10\n00136,20\n",
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// the README's worked examples read the repository's docs/examples
	exdir := filepath.Join(dir, "docs", "examples")
	if err := os.MkdirAll(exdir, 0o755); err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Glob("../../docs/examples/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range docs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(exdir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "customers.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := tabular.NewWriter(f, tabular.XLSX, tabular.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w.WriteHeader([]string{"ten", "dia_chi"})
	w.WriteRow([]string{"An", "Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM"})
	w.WriteRow([]string{"Bình", "xã Cổ Bi, huyện Gia Lâm, Hà Nội"})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// example is one "$ command" of a console block and the lines shown under it.
type example struct {
	line   int // line of README.md
	cmd    string
	output []string
}

// consoleExamples returns the commands of the ```console blocks of a
// Markdown text.
func consoleExamples(md string) []example {
	var exs []example
	in := false
	for i, l := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(l, "```console"):
			in = true
		case strings.HasPrefix(l, "```"):
			in = false
		case in && strings.HasPrefix(l, "$ "):
			exs = append(exs, example{line: i + 1, cmd: strings.TrimPrefix(l, "$ ")})
		case in && len(exs) > 0:
			exs[len(exs)-1].output = append(exs[len(exs)-1].output, l)
		}
	}
	return exs
}

// helpExamples returns the command lines listed under "Example:" or
// "Examples:" in a manual, without their # comments.
func helpExamples(manual string) []string {
	var cmds []string
	in := false
	for _, l := range strings.Split(manual, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case t == "Examples:" || t == "Example:":
			in = true
		case in && strings.HasPrefix(t, "dvhc "):
			if i := strings.Index(t, "  #"); i >= 0 {
				t = strings.TrimSpace(t[:i])
			}
			cmds = append(cmds, t)
		case in && t != "":
			in = false
		}
	}
	return cmds
}

var timeRE = regexp.MustCompile(`in [0-9.]+s \([0-9]+ rows/s\)`)

func maskTimes(s string) string { return timeRE.ReplaceAllString(s, "in Ts (N rows/s)") }

// runShell runs a small shell pipeline in-process: [printf FMT |] dvhc ARGS
// [< IN] [> OUT] [| head -N | tail -N ...]. It returns standard output
// (after the filters) followed by standard error, and the exit status.
func runShell(line string) (string, int, error) {
	words, err := shellWords(line)
	if err != nil {
		return "", 0, err
	}
	var stages [][]string
	cur := []string{}
	for _, w := range words {
		if w == "|" {
			stages = append(stages, cur)
			cur = []string{}
			continue
		}
		cur = append(cur, w)
	}
	stages = append(stages, cur)
	var stdin []byte
	if st := stages[0]; len(st) == 2 && st[0] == "printf" {
		stdin = []byte(printf(st[1]))
		stages = stages[1:]
	}
	args := stages[0]
	if len(args) == 0 || args[0] != "dvhc" {
		return "", 0, fmt.Errorf("not a dvhc command: %q", line)
	}
	args = args[1:]
	outFile := ""
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "<", ">":
			if i+1 == len(args) {
				return "", 0, fmt.Errorf("redirection without a file: %q", line)
			}
			if args[i] == "<" {
				if stdin, err = os.ReadFile(args[i+1]); err != nil {
					return "", 0, err
				}
			} else {
				outFile = args[i+1]
			}
			args = append(args[:i], args[i+2:]...)
			i--
		}
	}
	var out, errb bytes.Buffer
	code := report(&errb, Run(context.Background(), args, bytes.NewReader(stdin), &out, &errb))
	if outFile != "" {
		if err := os.WriteFile(outFile, out.Bytes(), 0o644); err != nil {
			return "", 0, err
		}
		out.Reset()
	}
	text := out.String()
	for _, st := range stages[1:] {
		if len(st) != 2 || (st[0] != "head" && st[0] != "tail") || !strings.HasPrefix(st[1], "-") {
			return "", 0, fmt.Errorf("unsupported filter %q in %q", strings.Join(st, " "), line)
		}
		n, err := strconv.Atoi(st[1][1:])
		if err != nil {
			return "", 0, fmt.Errorf("bad filter %q", strings.Join(st, " "))
		}
		lines := strings.SplitAfter(text, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		if st[0] == "head" {
			lines = lines[:min(n, len(lines))]
		} else {
			lines = lines[max(0, len(lines)-n):]
		}
		text = strings.Join(lines, "")
	}
	return text + errb.String(), code, nil
}

// shellWords splits a command line as a POSIX shell would for the quoting
// used in examples: '…', "…" with \" \\ \$, bare words, and | < > as words.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			// a comment, to the end of the line
			i = len(s)
		case c == '|' || c == '<' || c == '>':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
			words = append(words, string(c))
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' in %q", s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`, s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, fmt.Errorf("unclosed \" in %q", s)
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// printf expands the escapes of printf's format that examples use.
func printf(f string) string {
	return strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`, `%%`, "%").Replace(f)
}

// lineDiff shows want and got line by line: "-" lines only in want, "+"
// lines only in got, a longest-common-subsequence alignment.
func lineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var d strings.Builder
	d.WriteString("--- README (shown)\n+++ dvhc (printed)\n")
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			d.WriteString("  " + a[i] + "\n")
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			d.WriteString("+ " + b[j] + "\n")
			j++
		default:
			d.WriteString("- " + a[i] + "\n")
			i++
		}
	}
	return d.String()
}
