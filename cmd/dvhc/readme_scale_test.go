package main

import (
	"strings"
	"testing"
)

// TestREADMEScaleOut runs the filter example of README's "Scale out"
// section and compares its output with the README's, and checks that the
// section names the flags and the order of the added fields as they are.
func TestREADMEScaleOut(t *testing.T) {
	sec := readmeSection(t, "### Scale out")
	const prompt = "$ printf '"
	i := strings.Index(sec, prompt)
	if i < 0 {
		t.Fatal("the Scale out section has no printf example")
	}
	cmdLine, rest, _ := strings.Cut(sec[i+len(prompt):], "\n")
	want, _, _ := strings.Cut(rest, "```")
	input, cmd, ok := strings.Cut(cmdLine, "' | dvhc ")
	if !ok {
		t.Fatalf("cannot read the example %q", cmdLine)
	}
	input = strings.ReplaceAll(input, `\n`, "\n")
	out, stderr, code := runStdin(t, input, strings.Fields(cmd)...)
	if code != 0 || stderr != "" || out != want {
		t.Errorf("dvhc %s: exit %d, stderr %q\n got:\n%s\nREADME:\n%s", cmd, code, stderr, out, want)
	}
	order := "`" + strings.Join([]string{"dvhc_status", "dvhc_commune_code", "dvhc_commune", "dvhc_province_code",
		"dvhc_province", "dvhc_address", "dvhc_candidates", "dvhc_note"}, "`, `") + "`"
	if !strings.Contains(strings.ReplaceAll(sec, "\n", " "), order) {
		t.Errorf("the section does not give the order of the added fields as %s", order)
	}
	for _, flag := range []string{"--no-header", "--columns A,B,…", "--quiet", "--column 2"} {
		if !strings.Contains(sec, flag) {
			t.Errorf("the section does not mention %s", flag)
		}
	}
}
