package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// runIn executes the CLI in-process with stdin as its standard input.
func runStdin(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	code := report(&errb, err)
	return out.String(), errb.String(), code
}

// filterInput is a small table of messy addresses, with a header line.
func filterInput(sep string, rows int) string {
	addrs := []string{
		"Phường Trúc Bạch, Quận Ba Đình, Hà Nội",
		"p7 q3 tphcm",
		"Xã Hòa Thắng, Huyện Buôn Đôn, Đắk Lắk",
		"nowhere at all",
		"",
		"45 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
	}
	var b strings.Builder
	fmt.Fprintf(&b, "id%saddress%snote\n", sep, sep)
	for i := 0; i < rows; i++ {
		a := addrs[i%len(addrs)]
		if strings.Contains(a, sep) {
			a = `"` + a + `"`
		}
		fmt.Fprintf(&b, "%d%s%s%sx\n", i+1, sep, a, sep)
	}
	return b.String()
}

// TestConvertFilter checks dvhc convert as a filter over partitions without
// a header: the rows of each partition come out in order, without a header,
// and the partitions' outputs put together are the whole file's output.
func TestConvertFilter(t *testing.T) {
	in := filterInput("\t", 30)
	whole, stderr, code := runStdin(t, in, "convert", "--to", "2025-07-01", "--format", "tsv")
	if code != 0 {
		t.Fatalf("whole file: exit %d, %s", code, stderr)
	}
	wantHead, wantBody, _ := strings.Cut(whole, "\n")
	if wantHead != "id\taddress\tnote\tdvhc_status\tdvhc_commune_code\tdvhc_commune\tdvhc_province_code\tdvhc_province\tdvhc_address\tdvhc_candidates\tdvhc_note" {
		t.Fatalf("header %q", wantHead)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(in, "\n"), "\n")[1:]
	parts := []string{strings.Join(lines[:7], ""), strings.Join(lines[7:20], ""), strings.Join(lines[20:], "") + "\n"}
	for _, args := range [][]string{
		{"--no-header", "--column", "2"},
		{"--columns", "id,address,note"},
		{"--columns", "a, b, c", "--column", "b"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var got strings.Builder
			for i, p := range parts {
				out, stderr, code := runStdin(t, p, append([]string{"convert", "--to", "2025-07-01", "--format", "tsv", "--quiet"}, args...)...)
				if code != 0 || stderr != "" {
					t.Fatalf("partition %d: exit %d, stderr %q", i, code, stderr)
				}
				got.WriteString(out)
			}
			if got.String() != wantBody {
				t.Errorf("partitions put together differ from the whole file\n got:\n%s\nwant:\n%s", got.String(), wantBody)
			}
		})
	}
	// Without --quiet the summary goes to standard error, never stdout.
	out, stderr, code := runStdin(t, parts[0], "convert", "--to", "2025-07-01", "--format", "tsv", "--no-header", "--column", "2")
	if code != 0 || strings.Count(out, "\n") != 7 || !strings.HasPrefix(stderr, "dvhc: 7 rows in ") {
		t.Errorf("summary: exit %d, %d lines on stdout, stderr %q", code, strings.Count(out, "\n"), stderr)
	}
}

// TestConvertFilterFormats checks CSV and JSONL partitions, and the errors.
func TestConvertFilterFormats(t *testing.T) {
	csv := filterInput(",", 6)
	whole, _, _ := runStdin(t, csv, "convert", "--to", "2025-07-01", "--format", "csv")
	_, wantBody, _ := strings.Cut(whole, "\n")
	_, body, _ := strings.Cut(csv, "\n")
	out, stderr, code := runStdin(t, body, "convert", "--to", "2025-07-01", "--format", "csv", "--no-header", "--column", "2", "--quiet")
	if code != 0 || out != wantBody {
		t.Errorf("csv: exit %d, stderr %q\n got:\n%s\nwant:\n%s", code, stderr, out, wantBody)
	}

	jsonl := `{"id":"1","address":"p7 q3 tphcm"}` + "\n" + `{"address":"Phường Trúc Bạch, Quận Ba Đình, Hà Nội"}` + "\n"
	out, stderr, code = runStdin(t, jsonl, "convert", "--to", "2025-07-01", "--format", "jsonl", "--columns", "id,address", "--quiet")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.HasPrefix(out, `{"id":"1","address":"p7 q3 tphcm","dvhc_status":"ok"`) ||
		!strings.Contains(out, `{"id":"","address":"Phường Trúc Bạch, Quận Ba Đình, Hà Nội","dvhc_status":"ok"`) {
		t.Errorf("jsonl: exit %d, stderr %q\n%s", code, stderr, out)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--no-header"}, "which column holds the address? name it with --column (the API's column parameter) (columns: 1, 2, 3)"},
		{[]string{"--no-header", "--column", "4"}, `no column "4" in the header (columns: 1, 2, 3)`},
		{[]string{"--no-header", "--format", "xlsx"}, "reading without a header is for CSV, TSV and JSONL"},
	} {
		_, stderr, code := runStdin(t, body, append([]string{"convert", "--format", "csv"}, tt.args...)...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestConvertFilterHelpExample runs the filter example of dvhc convert
// --help.
func TestConvertFilterHelpExample(t *testing.T) {
	const example = "dvhc convert --format tsv --no-header --column 2 --quiet < part-00000.tsv"
	if !strings.Contains(convertCmd.doc, example) {
		t.Fatalf("the help lacks the example %q", example)
	}
	args := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(example, "dvhc "), " < part-00000.tsv"))
	out, stderr, code := runStdin(t, "7\tp7 q3 tphcm\n8\tPhường Trúc Bạch, Quận Ba Đình, Hà Nội\n", args...)
	if code != 0 || stderr != "" || strings.Count(out, "\n") != 2 || !strings.HasPrefix(out, "7\tp7 q3 tphcm\tok\t") {
		t.Errorf("exit %d, stderr %q\n%s", code, stderr, out)
	}
}
