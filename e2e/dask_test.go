package e2e

import (
	"bytes"
	"context"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// daskPython returns a Python interpreter that imports Dask distributed, or
// skips the test (fails it under CI=true, where .ci/run installs Debian's
// python3-distributed).
func daskPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import distributed, dask.bag").Run() == nil {
			return py
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Dask distributed is required under CI=true: apt-get install -y python3-distributed")
	}
	t.Skip("skipping the Dask test: no python3 imports distributed (install it with: apt-get install -y python3-distributed)")
	return ""
}

// buildDVHC builds the dvhc binary into dir.
func buildDVHC(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(build.Default.GOROOT, "bin", "go")
	}
	bin := filepath.Join(dir, "dvhc")
	cmd := exec.Command(goBin, "build", "-o", bin, "./cmd/dvhc")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestDaskConvert converts 20,000 rows in 4 files without a header, split
// into partitions of about 50 kB at line ends, through dvhc on a Dask LocalCluster of 2
// workers (scripts/dask-convert.py) and compares the result row by row with
// one dvhc process over the whole.
func TestDaskConvert(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the Dask test in -short mode")
	}
	py := daskPython(t)
	dir := t.TempDir()
	bin := buildDVHC(t, dir)

	addrs := []string{
		"Phường Trúc Bạch, Quận Ba Đình, Hà Nội",
		"p7 q3 tphcm",
		"Xã Hòa Thắng, Huyện Buôn Đôn, Đắk Lắk",
		"thon 3, xa Ea Tu, tp Buon Ma Thuot, Dak Lak",
		"45 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
		`12 ngo 5\tP. Cua Dong, Q. Hoan Kiem, HN`,      // an escaped tab
		"Phuong Cua Dong, Quan Hoan Kiem, Ha Noi \xff", // invalid UTF-8
		"nowhere at all",
		"",
	}
	var all bytes.Buffer
	var parts []string
	n := 0
	for p := 0; p < 4; p++ {
		var b bytes.Buffer
		if p == 2 {
			b.WriteString("\n") // a partition starting with an empty line
			n++
		}
		for ; b.Len() == 0 || n%5000 != 0; n++ {
			fmt.Fprintf(&b, "%d\t%s\t\"x\"\n", n+1, addrs[n%len(addrs)])
		}
		path := filepath.Join(dir, fmt.Sprintf("part-%05d.tsv", p))
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, path)
		all.Write(b.Bytes())
	}
	dvhcArgs := []string{"convert", "--to", "2025-07-01", "--format", "tsv", "--columns", "id,address,note", "--column", "address", "--quiet"}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out := filepath.Join(dir, "out")
	args := append([]string{"../scripts/dask-convert.py", "--workers", "2", "--dvhc", bin, "--blocksize", "50000", "--check", out}, parts...)
	cmd := exec.CommandContext(ctx, py, append(append(args, "--"), dvhcArgs...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dask-convert.py: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	t.Logf("dask-convert.py:\n%s", stdout.String())
	if !strings.Contains(stdout.String(), "check: the 20000 rows are identical, in the same order") {
		t.Errorf("the script's check did not pass:\n%s", stdout.String())
	}

	// The test's own check: the partitions' outputs put together against
	// one dvhc process, row by row.
	single := exec.CommandContext(ctx, bin, dvhcArgs...)
	single.Stdin = bytes.NewReader(all.Bytes())
	want, err := single.Output()
	if err != nil {
		t.Fatalf("one process: %v", err)
	}
	outs, err := filepath.Glob(filepath.Join(out, "part-*"))
	if err != nil || len(outs) < 8 || !strings.Contains(stdout.String(), fmt.Sprintf("dask: %d partitions", len(outs))) {
		t.Fatalf("%d output partitions, want as many as the script says and at least 8 (%v)", len(outs), err)
	}
	var got []byte
	for _, o := range outs { // part-00000, part-00001, … in order
		b, err := os.ReadFile(o)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b...)
	}
	gotRows, wantRows := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	if len(wantRows) != 20001 {
		t.Fatalf("one process gave %d rows, want 20000", len(wantRows)-1)
	}
	// The note of a broken row names its row within the partition.
	rowRef := regexp.MustCompile(`\brow \d+ \(line \d+\)`)
	for i := range wantRows {
		if i >= len(gotRows) || rowRef.ReplaceAllString(gotRows[i], "row N (line N)") != rowRef.ReplaceAllString(wantRows[i], "row N (line N)") {
			t.Fatalf("row %d differs:\n dask:   %q\n single: %q", i+1, gotRows[min(i, len(gotRows)-1)], wantRows[i])
		}
		if i < 20000 && strings.Count(wantRows[i], "\t") != 10 {
			t.Fatalf("row %d has %d fields, want 11: %q", i+1, strings.Count(wantRows[i], "\t")+1, wantRows[i])
		}
	}
	if len(gotRows) != len(wantRows) {
		t.Errorf("dask gave %d rows, one process %d", len(gotRows)-1, len(wantRows)-1)
	}
	if !strings.HasPrefix(wantRows[1], "2\tp7 q3 tphcm\t\"x\"\tok\t") {
		t.Errorf("row 2 is %q", wantRows[1])
	}
}
