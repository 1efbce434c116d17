package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// readme returns the text of README.md.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readmeSection returns the body of the README's section under heading (a
// line such as "### Scale out"), up to the next heading of the same or a
// higher level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	_, body, ok := strings.Cut(readme(t), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README has no section %q", heading)
	}
	ends := []string{"\n## "}
	if strings.HasPrefix(heading, "### ") {
		ends = append(ends, "\n### ")
	}
	for _, end := range ends {
		if i := strings.Index(body, end); i >= 0 {
			body = body[:i]
		}
	}
	return body
}

// TestReadmeExamples runs the console examples of the README sections
// about currency, coverage and lineage across 2024 and compares their
// output: every example shown must be what the code prints.
func TestReadmeExamples(t *testing.T) {
	sections := []string{"### Coverage: what the registry knows", "## Adding a new resolution", "### Codes, dates and lineage"}
	n := 0
	for _, sec := range sections {
		for _, block := range consoleBlocks(readmeSection(t, sec)) {
			for _, ex := range sectionExamples(block) {
				if !strings.Contains(ex.cmd, "00010") && sec == "### Codes, dates and lineage" {
					continue // the other examples of the tour belong to other tests
				}
				n++
				got := runLine(t, ex.cmd)
				if got != ex.want {
					t.Errorf("README: $ %s\ngot:\n%s\nwant:\n%s", ex.cmd, got, ex.want)
				}
			}
		}
	}
	if n < 7 {
		t.Errorf("ran %d README examples, want at least 7", n)
	}
}

type sectionExample struct{ cmd, want string }

// consoleBlocks returns the bodies of the ```console blocks of s, with the
// indentation of the first line removed from every line.
func consoleBlocks(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "```console\n")
		if i < 0 {
			return out
		}
		indent := s[strings.LastIndexByte(s[:i], '\n')+1 : i]
		s = s[i+len("```console\n"):]
		j := strings.Index(s, indent+"```")
		var lines []string
		for _, l := range strings.Split(s[:j], "\n") {
			lines = append(lines, strings.TrimPrefix(l, indent))
		}
		out = append(out, strings.Join(lines, "\n"))
		s = s[j:]
	}
}

func sectionExamples(block string) []sectionExample {
	var out []sectionExample
	for _, l := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		if cmd, ok := strings.CutPrefix(l, "$ "); ok {
			out = append(out, sectionExample{cmd: cmd})
		} else if len(out) > 0 {
			out[len(out)-1].want += l + "\n"
		}
	}
	return out
}

// runLine runs "dvhc ARGS [| head -N | tail -N]" in-process and returns
// what a terminal would show (stdout, then stderr).
func runLine(t *testing.T, line string) string {
	t.Helper()
	parts := strings.Split(line, " | ")
	args := strings.Fields(parts[0])
	if args[0] != "dvhc" {
		t.Fatalf("README example %q does not start with dvhc", line)
	}
	out, stderr, _ := run(t, args[1:]...)
	lines := strings.SplitAfter(out, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for _, p := range parts[1:] {
		f := strings.Fields(p)
		k, err := strconv.Atoi(strings.TrimPrefix(f[1], "-"))
		if len(f) != 2 || err != nil {
			t.Fatalf("README example %q: cannot run %q", line, p)
		}
		switch {
		case f[0] == "head" && k < len(lines):
			lines = lines[:k]
		case f[0] == "tail" && k < len(lines):
			lines = lines[len(lines)-k:]
		}
	}
	return strings.Join(lines, "") + stderr
}
