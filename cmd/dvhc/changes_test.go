package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exampleChanges is a change set of 2026-12-01: communes 00004 Phường Ba
// Đình and 00008 Phường Ngọc Hà merge into a new 00004 Phường Ba Đình Mới.
var exampleChanges = func() string {
	b, err := os.ReadFile("../../dataset/changeset/testdata/merger.csv")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// changesDirOf writes a change set src into a new folder "changes" and
// returns the folder.
func changesDirOf(t *testing.T, src string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "changes")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2026-12-01.csv"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestChangesEveryCommand checks that every command answers from the
// registry with the change sets of --changes: with a broken change set,
// each one refuses it (none falls back to the embedded data), and with a
// good one, the commands that convert, locate, count and export see the
// new unit.
func TestChangesEveryCommand(t *testing.T) {
	tmp := t.TempDir()
	addrs := filepath.Join(tmp, "addresses.csv")
	points := filepath.Join(tmp, "points.csv")
	table := filepath.Join(tmp, "table.csv")
	for p, s := range map[string]string{
		addrs:  "id,address\n1,\"Phường Ngọc Hà, Hà Nội\"\n",
		points: "id,lat,lon\n1,21.0335,105.8365\n",
		table:  "code,n\n00004,10\n00008,5\n",
	} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	bad := changesDirOf(t, strings.Replace(exampleChanges, ",00008,,,,,00004,whole", ",00008,,,,,00005,whole", 1))
	runs := [][]string{
		{"list", "--level", "province"},
		{"lookup", "00004"},
		{"search", "ba dinh"},
		{"lineage", "00004"},
		{"audit"},
		{"locate", "21.0335", "105.8365"},
		{"locate", "--lat", "lat", "--lon", "lon", points},
		{"export", "--format", "csv", "--table", "events"},
		{"convert", "--address", "Phường Ngọc Hà, Hà Nội"},
		{"convert", "--address", "Phường Ngọc Hà, Hà Nội", "--lat", "21.0335", "--lon", "105.8365"},
		{"convert", "--column", "address", addrs},
		{"eval", "--n", "10"},
		{"stats", "--sum", "n", table},
		{"mcp"},
		{"serve", "--addr", "127.0.0.1:0"},
		{"version"},
	}
	for _, c := range runs {
		// A command that ignored --changes would serve: the deadline stops it.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_, stderr, code := runIn(ctx, nil, append([]string{"--changes", bad}, c...)...)
		cancel()
		if code != 2 || !strings.Contains(stderr, "changes/2026-12-01.csv:6: edge_target") {
			t.Errorf("dvhc --changes BAD %s: exit %d, stderr %q; want the change set refused (exit 2)", strings.Join(c, " "), code, stderr)
		}
	}
	seen := map[string]bool{}
	for _, c := range runs {
		seen[c[0]] = true
	}
	for _, c := range commands {
		if !seen[c.name] {
			t.Errorf("command %s is not checked with --changes", c.name)
		}
	}

	good := changesDirOf(t, exampleChanges)
	tests := []struct {
		args []string
		want string // in stdout
	}{
		{[]string{"convert", "--to", "2026-12-01", "--address", "Phường Ngọc Hà, Hà Nội"}, "commune     00004 Phường Ba Đình Mới\n"},
		{[]string{"convert", "--to", "2026-12-01", "--column", "address", addrs}, ",ok,00004,Phường Ba Đình Mới,01,"},
		{[]string{"locate", "--at", "2026-12-01", "21.0335", "105.8365"}, "00004 Phường Ba Đình Mới, 01 Thành phố Hà Nội\n"},
		{[]string{"locate", "--at", "2026-12-01", "--lat", "lat", "--lon", "lon", points}, ",ok,00004,Phường Ba Đình Mới,"},
		{[]string{"stats", "--from", "2026-11-30", "--to", "2026-12-01", "--sum", "n", table}, "\n00004,Phường Ba Đình Mới,15,no,2\n"},
		{[]string{"export", "--format", "csv", "--table", "unit_versions"}, ",commune,00004,2026-12-01,,Phường Ba Đình Mới,"},
		{[]string{"eval", "--emit", "--n", "10"}, "address,style,from_code,want,accept\n"},
	}
	for _, tt := range tests {
		out, stderr, code := run(t, append([]string{"--changes", good}, tt.args...)...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("dvhc --changes DIR %s: exit %d, stderr %q, stdout lacks %q:\n%s", strings.Join(tt.args, " "), code, stderr, tt.want, out)
		}
	}
}
