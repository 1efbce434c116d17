package tabular

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/dvhc-vn/dvhc"
)

// bomb is a hostile XLSX file, generated (streamed through deflate) so
// that the repository holds no large file.
type bomb struct {
	name  string
	make  func(t testing.TB) []byte
	lim   XLSXLimits // the limits it is read with; zero: the defaults
	limit string     // the XLSXLimits field that refuses it, or "" for another error
	want  string     // a part of the message
	big   bool       // generates over 100 MB: skipped with -short
}

// repeat returns a generator writing s n times.
func repeat(s string, n int) func(io.Writer) {
	return func(w io.Writer) {
		chunk := strings.Repeat(s, max(1, 64<<10/len(s)))
		per := max(1, 64<<10/len(s))
		for i := 0; i < n; i += per {
			if n-i < per {
				chunk = strings.Repeat(s, n-i)
			}
			io.WriteString(w, chunk)
		}
	}
}

func header(w io.Writer) {
	io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>address</t></is></c></row>`)
}

// patchCentral rewrites the central directory: fn gets each header.
func patchCentral(data []byte, fn func(h []byte)) []byte {
	data = bytes.Clone(data)
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("PK\x01\x02"))
		if j < 0 {
			return data
		}
		fn(data[i+j : i+j+46])
		i += j + 46
	}
}

// unlimited lifts the limits that would refuse a bomb before the one a
// case tests.
var unlimited = XLSXLimits{MaxRatio: 1 << 40}

var bombs = []bomb{
	{name: "declared-sizes", limit: "MaxBytes", want: "declares 2147483647 bytes",
		make: func(t testing.TB) []byte {
			// Like the 2,367-byte upload of issue 9: every entry claims 2 GiB.
			return patchCentral(typesBook.zipBytes(t), func(h []byte) { binary.LittleEndian.PutUint32(h[24:], 1<<31-1) })
		}},
	{name: "declared-small", want: "zip",
		make: func(t testing.TB) []byte {
			// The opposite lie: entries claim 10 bytes but hold more.
			return patchCentral(typesBook.zipBytes(t), func(h []byte) { binary.LittleEndian.PutUint32(h[24:], 10) })
		}},
	{name: "ratio", limit: "MaxRatio", want: "compression ratio", big: true,
		make: func(t testing.TB) []byte {
			return book{sheets: []sheetXML{{name: "S", gen: repeat(`<row><c t="inlineStr"><is><t>a</t></is></c></row>`, 4_000_000)}}}.zipBytes(t)
		}},
	{name: "many-entries", limit: "MaxEntries", want: "20007 entries",
		make: func(t testing.TB) []byte { return manyEntries(t, 20_000, false) }},
	{name: "hidden-entries", limit: "MaxEntries", want: "more than 10000 entries",
		make: func(t testing.TB) []byte { return manyEntries(t, 20_000, true) }},
	{name: "shared-strings-bytes", lim: unlimited, limit: "MaxSharedStringsBytes", big: true,
		make: func(t testing.TB) []byte {
			return book{sstGen: repeat(`<si><t>Số 1 Nguyễn Trãi</t></si>`, 5_000_000), sheets: []sheetXML{{name: "S", gen: header}}}.zipBytes(t)
		}},
	{name: "shared-strings-count", lim: unlimited, limit: "MaxSharedStrings", want: "more shared strings", big: true,
		make: func(t testing.TB) []byte {
			return book{sstGen: repeat(`<si/>`, 17_000_000), sheets: []sheetXML{{name: "S", gen: header}}}.zipBytes(t)
		}},
	{name: "total-bytes", lim: unlimited, limit: "MaxBytes", want: "decompressed", big: true,
		make: func(t testing.TB) []byte {
			// 119 MB of shared strings and 96 MB of sheet: each part within
			// its limits, the two over MaxBytes.
			return book{sstGen: repeat(`<si><t>x</t></si>`, 7_000_000), sheets: []sheetXML{{name: "S", gen: func(w io.Writer) {
				header(w)
				repeat(`<row><c t="s"><v>1</v></c><c t="s"><v>1</v></c><c t="s"><v>1</v></c><c t="s"><v>1</v></c></row>`, 1_000_000)(w)
			}}}}.zipBytes(t)
		}},
	{name: "empty-rows", lim: unlimited, limit: "MaxRows",
		make: func(t testing.TB) []byte {
			return book{sheets: []sheetXML{{name: "S", gen: func(w io.Writer) { header(w); repeat(`<row/>`, 2_000_000)(w) }}}}.zipBytes(t)
		}},
	{name: "empty-rows-default", limit: "MaxRatio",
		make: func(t testing.TB) []byte {
			return book{sheets: []sheetXML{{name: "S", gen: func(w io.Writer) { header(w); repeat(`<row/>`, 2_000_000)(w) }}}}.zipBytes(t)
		}},
	{name: "deep", lim: unlimited, want: "nested deeper than 64",
		make: func(t testing.TB) []byte {
			return book{sheets: []sheetXML{{name: "S", gen: func(w io.Writer) { header(w); repeat(`<row>`, 5_000_000)(w) }}}}.zipBytes(t)
		}},
	{name: "long-token", lim: unlimited, want: "XML token longer than",
		make: func(t testing.TB) []byte {
			return book{sheets: []sheetXML{{name: "S", gen: func(w io.Writer) {
				header(w)
				io.WriteString(w, `<row><c t="inlineStr"><is><t>`)
				repeat("a", 100<<20)(w)
			}}}}.zipBytes(t)
		}, big: true},
	{name: "wide-header", limit: "MaxColumns", want: "header of 16384 columns",
		make: func(t testing.TB) []byte {
			return book{sheets: []sheetXML{{name: "S", data: `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFD1" t="inlineStr"><is><t>z</t></is></c></row>`}}}.zipBytes(t)
		}},
	{name: "many-cells", lim: unlimited, want: "after column XFD",
		make: func(t testing.TB) []byte {
			return book{sheets: []sheetXML{{name: "S", gen: func(w io.Writer) { header(w); io.WriteString(w, "<row>"); repeat(`<c><v>1</v></c>`, 20_000)(w) }}}}.zipBytes(t)
		}},
}

// manyEntries makes a workbook with n more empty entries; hidden, its end
// record claims 5 entries.
func manyEntries(t testing.TB, n int, hidden bool) []byte {
	b := typesBook
	data := b.zipBytes(t)
	// Re-zip with n more entries by appending to a fresh archive.
	var buf bytes.Buffer
	zw := newZipCopy(t, &buf, data)
	for i := range n {
		if _, err := zw.Create(fmt.Sprintf("x/%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	out := buf.Bytes()
	if hidden {
		eocd := bytes.LastIndex(out, []byte("PK\x05\x06"))
		binary.LittleEndian.PutUint16(out[eocd+8:], 5)
		binary.LittleEndian.PutUint16(out[eocd+10:], 5)
	}
	return out
}

// newZipCopy returns a zip writer that holds the entries of data.
func newZipCopy(t testing.TB, w io.Writer, data []byte) *zip.Writer {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	return zw
}

// readBomb reads a whole file with limits and returns the error that
// stopped it.
func readBomb(data []byte, lim XLSXLimits) error {
	r, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{XLSX: lim})
	if err != nil {
		return err
	}
	defer r.Close()
	var row Row
	for {
		if err := r.Next(&row); err != nil {
			return err
		}
	}
}

// TestXLSXBombs reads each bomb in a child process and checks that it is
// refused, with the right message, and that the child's peak RSS stays
// under 500 MB.
func TestXLSXBombs(t *testing.T) {
	if os.Getenv("DVHC_XLSX_BOMB") != "" {
		t.Skip("in a child")
	}
	for _, b := range bombs {
		t.Run(b.name, func(t *testing.T) {
			if b.big && testing.Short() {
				t.Skip("a big bomb: skipped with -short")
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestXLSXBombChild$", "-test.v")
			cmd.Env = append(os.Environ(), "DVHC_XLSX_BOMB="+b.name)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			msg := string(out)
			if !strings.Contains(msg, "REFUSED ") {
				t.Fatalf("not refused:\n%s", out)
			}
			if b.limit != "" && !strings.Contains(msg, "limit "+b.limit+" = ") {
				t.Errorf("want the limit %s named:\n%s", b.limit, out)
			}
			if !strings.Contains(msg, b.want) {
				t.Errorf("want %q in:\n%s", b.want, out)
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
			t.Logf("peak RSS %d MB: %s", rss>>20, msg[strings.Index(msg, "REFUSED "):strings.IndexByte(msg[strings.Index(msg, "REFUSED "):], '\n')+strings.Index(msg, "REFUSED ")])
			if rss > 500<<20 {
				t.Errorf("peak RSS %d MB, over 500 MB", rss>>20)
			}
		})
	}
}

// TestXLSXBombChild is the child of TestXLSXBombs.
func TestXLSXBombChild(t *testing.T) {
	name := os.Getenv("DVHC_XLSX_BOMB")
	if name == "" {
		t.Skip("run by TestXLSXBombs")
	}
	for _, b := range bombs {
		if b.name != name {
			continue
		}
		data := b.make(t)
		err := readBomb(data, b.lim)
		if err == nil || err == io.EOF || dvhc.ErrorKind(err) != dvhc.EINVALID {
			t.Fatalf("bomb %s (%d bytes) read: %v", name, len(data), err)
		}
		var le *LimitError
		if b.limit != "" && (!errors.As(err, &le) || le.Limit != b.limit) {
			t.Fatalf("bomb %s: %v, want a LimitError of %s", name, err, b.limit)
		}
		fmt.Printf("REFUSED %d bytes: %v\n", len(data), err)
		return
	}
	t.Fatalf("no bomb %q", name)
}

// TestWriteXLSXBombs writes the bombs read with the default limits to
// $DVHC_XLSX_BOMBS_DIR, to try them on the CLI and the server.
func TestWriteXLSXBombs(t *testing.T) {
	dir := os.Getenv("DVHC_XLSX_BOMBS_DIR")
	if dir == "" {
		t.Skip("set DVHC_XLSX_BOMBS_DIR to write the bombs")
	}
	for _, b := range bombs {
		if b.lim != (XLSXLimits{}) {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, b.name+".xlsx"), b.make(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestXLSXLimitsInMemory checks the limits that small files reach.
func TestXLSXLimitsInMemory(t *testing.T) {
	data := typesBook.zipBytes(t)
	for _, tt := range []struct {
		lim   XLSXLimits
		limit string
	}{
		{XLSXLimits{MaxFileBytes: 100}, "MaxFileBytes"},
		{XLSXLimits{MaxEntries: 3}, "MaxEntries"},
		{XLSXLimits{MaxBytes: 1000}, "MaxBytes"},
		{XLSXLimits{MaxSharedStringsBytes: 100}, "MaxSharedStringsBytes"},
		{XLSXLimits{MaxSharedStrings: 3}, "MaxSharedStrings"},
		{XLSXLimits{MaxRows: 5}, "MaxRows"},
		{XLSXLimits{MaxColumns: 3}, "MaxColumns"},
	} {
		err := readBomb(data, tt.lim)
		var le *LimitError
		if !errors.As(err, &le) || le.Limit != tt.limit || dvhc.ErrorKind(err) != dvhc.EINVALID {
			t.Errorf("%+v: %v, want a LimitError of %s", tt.lim, err, tt.limit)
		}
	}
	if _, err := NewReader(bytes.NewReader(data), XLSX, ReaderOptions{XLSX: XLSXLimits{MaxRows: -1}}); dvhc.ErrorKind(err) != dvhc.EINVALID {
		t.Errorf("negative limit: %v", err)
	}
	// A stream over MaxFileBytes is refused while it is read.
	_, err := NewReader(io.MultiReader(bytes.NewReader(data)), XLSX, ReaderOptions{XLSX: XLSXLimits{MaxFileBytes: 100}})
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxFileBytes" {
		t.Errorf("stream over MaxFileBytes: %v", err)
	}
}
