package tabular

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/dvhc-vn/dvhc"
)

// XLSXLimits bound what reading one XLSX file may take. Every size that the
// file could inflate is checked before it is allocated: the zip directory
// is checked before the workbook is opened (entry count, declared sizes
// and ratios), and then the bytes actually decompressed are counted, never
// trusting the declared sizes. A zero field takes its default; a negative
// one is an error. Going over a limit is a *LimitError (dvhc.EINVALID).
type XLSXLimits struct {
	// MaxFileBytes bounds the (compressed) file; default 256 MiB. A file
	// that is not a regular file or an in-memory reader is read into
	// memory first.
	MaxFileBytes int64
	// MaxEntries bounds the entries of the zip directory; default 10,000.
	MaxEntries int
	// MaxBytes bounds the bytes decompressed from all the parts read
	// (workbook, shared strings, styles, the sheet); default 200 MiB.
	MaxBytes int64
	// MaxRatio bounds, per part, the uncompressed size over the
	// compressed size once the part is over 1 MiB; default 200.
	MaxRatio int64
	// MaxSharedStringsBytes bounds the shared-strings part, which is held
	// in memory; default 128 MiB. MaxSharedStrings bounds its strings;
	// default 16,000,000.
	MaxSharedStringsBytes int64
	MaxSharedStrings      int
	// MaxRows bounds the row elements of the sheet, blank ones included;
	// default 1,048,576 (Excel's limit).
	MaxRows int
	// MaxColumns bounds the columns of the header, hence of every row;
	// default 1,024. A cell beyond column 16,384 (XFD) is always an error.
	MaxColumns int
	// MaxCellChars bounds one cell's text in UTF-16 code units (what Excel
	// counts); default 32,767 (Excel's limit). A longer cell is a row
	// error (ErrFieldTooLong) and is emptied.
	MaxCellChars int
}

// Defaults of XLSXLimits.
const (
	DefaultXLSXMaxFileBytes          = 256 << 20
	DefaultXLSXMaxEntries            = 10_000
	DefaultXLSXMaxBytes              = 200 << 20
	DefaultXLSXMaxRatio              = 200
	DefaultXLSXMaxSharedStringsBytes = 128 << 20
	DefaultXLSXMaxSharedStrings      = 16_000_000
	DefaultXLSXMaxRows               = 1 << 20
	DefaultXLSXMaxColumns            = 1024
	DefaultXLSXMaxCellChars          = 32767

	xlsxMaxColumn = 16384 // XFD
	ratioFloor    = 1 << 20
)

func (l *XLSXLimits) fill() error {
	set64 := func(v *int64, def int64, name string) error {
		if *v < 0 {
			return dvhc.Errorf(dvhc.EINVALID, "XLSXLimits.%s is negative", name)
		}
		if *v == 0 {
			*v = def
		}
		return nil
	}
	set := func(v *int, def int, name string) error {
		if *v < 0 {
			return dvhc.Errorf(dvhc.EINVALID, "XLSXLimits.%s is negative", name)
		}
		if *v == 0 {
			*v = def
		}
		return nil
	}
	for _, e := range []error{
		set64(&l.MaxFileBytes, DefaultXLSXMaxFileBytes, "MaxFileBytes"),
		set(&l.MaxEntries, DefaultXLSXMaxEntries, "MaxEntries"),
		set64(&l.MaxBytes, DefaultXLSXMaxBytes, "MaxBytes"),
		set64(&l.MaxRatio, DefaultXLSXMaxRatio, "MaxRatio"),
		set64(&l.MaxSharedStringsBytes, DefaultXLSXMaxSharedStringsBytes, "MaxSharedStringsBytes"),
		set(&l.MaxSharedStrings, DefaultXLSXMaxSharedStrings, "MaxSharedStrings"),
		set(&l.MaxRows, DefaultXLSXMaxRows, "MaxRows"),
		set(&l.MaxColumns, DefaultXLSXMaxColumns, "MaxColumns"),
		set(&l.MaxCellChars, DefaultXLSXMaxCellChars, "MaxCellChars"),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}

// LimitError is an XLSX input refused because it goes over one of
// XLSXLimits (or a limit of the format). Its dvhc.ErrorKind is
// dvhc.EINVALID.
type LimitError struct {
	Limit string // the XLSXLimits field, such as "MaxBytes"
	Max   int64  // its value
	What  string // what went over it
}

func (e *LimitError) Error() string {
	max := fmt.Sprint(e.Max)
	if strings.HasSuffix(e.Limit, "Bytes") {
		max = human(e.Max)
	}
	return fmt.Sprintf("XLSX refused: %s (limit %s = %s)", e.What, e.Limit, max)
}

// Unwrap makes dvhc.ErrorKind of a LimitError dvhc.EINVALID.
func (e *LimitError) Unwrap() error { return errLimit }

var errLimit = dvhc.Errorf(dvhc.EINVALID, "XLSX over a limit")

func human(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprint(n)
}

// zipFile is an entry of the zip.
type zipFile = zip.File

// xlsxZip is an opened, checked XLSX file.
type xlsxZip struct {
	ctx   context.Context
	lim   *XLSXLimits
	zr    *zip.Reader
	files map[string]*zip.File // by lower-case name
	used  int64                // bytes decompressed so far
}

// openXLSXZip gets r as an io.ReaderAt (reading it into memory if it is not
// one), checks its zip directory against the limits and opens it.
func openXLSXZip(ctx context.Context, r io.Reader, lim *XLSXLimits) (*xlsxZip, error) {
	ra, size, err := readerAt(ctx, r, lim.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	if err := checkDirectory(ra, size, lim.MaxEntries); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "reading XLSX: not a valid zip file: %v", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, &LimitError{"MaxEntries", int64(lim.MaxEntries), fmt.Sprintf("%d zip entries", len(zr.File))}
	}
	z := &xlsxZip{ctx: ctx, lim: lim, zr: zr, files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(lim.MaxBytes) {
			return nil, &LimitError{"MaxBytes", lim.MaxBytes, fmt.Sprintf("zip entry %s declares %d bytes uncompressed", f.Name, f.UncompressedSize64)}
		}
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/max(f.CompressedSize64, 1) > uint64(lim.MaxRatio) {
			return nil, &LimitError{"MaxRatio", lim.MaxRatio, fmt.Sprintf("zip entry %s declares a compression ratio of %d:1", f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1))}
		}
		z.files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	return z, nil
}

// sizer is what in-memory readers (bytes.Reader, strings.Reader,
// io.SectionReader) have.
type sizer interface{ Size() int64 }

// readerAt returns r as an io.ReaderAt with its size: directly for a
// regular file or an in-memory reader, else by reading it all, at most max
// bytes.
func readerAt(ctx context.Context, r io.Reader, limit int64) (io.ReaderAt, int64, error) {
	if ra, ok := r.(io.ReaderAt); ok {
		var size int64 = -1
		switch v := r.(type) {
		case *os.File:
			if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
				size = st.Size()
			}
		case sizer:
			size = v.Size()
		}
		if size >= 0 {
			if size > limit {
				return nil, 0, &LimitError{"MaxFileBytes", limit, fmt.Sprintf("a file of %d bytes", size)}
			}
			return ra, size, nil
		}
	}
	// Read in chunks of 1 MiB, never copied again: the memory taken is
	// the file's size, without the doubling of a growing buffer.
	var c chunks
	for {
		if ctx != nil {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		chunk := make([]byte, 1<<20)
		n, err := io.ReadFull(r, chunk)
		if n > 0 {
			c.list = append(c.list, chunk[:n])
			c.size += int64(n)
		}
		if c.size > limit {
			return nil, 0, &LimitError{"MaxFileBytes", limit, "a file of more bytes"}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, 0, dvhc.Errorf(dvhc.EINVALID, "reading XLSX: %v", err)
		}
	}
	return &c, c.size, nil
}

// chunks is an io.ReaderAt over 1 MiB chunks (the last may be shorter).
type chunks struct {
	list [][]byte
	size int64
}

func (c *chunks) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && off < c.size {
		ch := c.list[off>>20]
		k := copy(p[n:], ch[off&(1<<20-1):])
		n += k
		off += int64(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// checkDirectory counts the headers of the zip's central directory, where
// archive/zip will read them, and refuses more than max before archive/zip
// allocates one structure per header.
func checkDirectory(ra io.ReaderAt, size int64, maxEntries int) error {
	// The end record is the last 22 bytes, unless the zip has a comment;
	// a zip64 locator is the 20 bytes before it.
	var buf []byte
	var tail int64
	eocd := -1
	for _, n := range []int64{20 + 22, 65535 + 20 + 22} {
		tail = min(size, n)
		buf = make([]byte, tail)
		if _, err := ra.ReadAt(buf, size-tail); err != nil && err != io.EOF {
			return dvhc.Errorf(dvhc.EINVALID, "reading XLSX: %v", err)
		}
		if eocd = bytes.LastIndex(buf, []byte("PK\x05\x06")); eocd >= 0 || tail == size {
			break
		}
	}
	if eocd < 0 || len(buf)-eocd < 22 {
		return dvhc.Errorf(dvhc.EINVALID, "reading XLSX: not a zip file (no end of central directory)")
	}
	end := buf[eocd:]
	records := uint64(binary.LittleEndian.Uint16(end[10:]))
	dirSize := uint64(binary.LittleEndian.Uint32(end[12:]))
	dirOff := uint64(binary.LittleEndian.Uint32(end[16:]))
	endPos := size - tail + int64(eocd)
	if records == 0xffff || dirSize == 0xffffffff || dirOff == 0xffffffff {
		// zip64: the locator is the 20 bytes before the end record.
		if eocd >= 20 && string(buf[eocd-20:eocd-16]) == "PK\x06\x07" {
			p := int64(binary.LittleEndian.Uint64(buf[eocd-12:]))
			var rec [56]byte
			if p >= 0 && p+56 <= size {
				if _, err := ra.ReadAt(rec[:], p); err == nil && string(rec[:4]) == "PK\x06\x06" {
					records = binary.LittleEndian.Uint64(rec[32:])
					dirSize = binary.LittleEndian.Uint64(rec[40:])
					dirOff = binary.LittleEndian.Uint64(rec[48:])
					endPos = p
				}
			}
		}
	}
	if records > uint64(maxEntries) {
		return &LimitError{"MaxEntries", int64(maxEntries), fmt.Sprintf("the zip directory declares %d entries", records)}
	}
	// Count the headers from where archive/zip starts (and from the
	// declared offset), whatever the count says.
	for _, start := range []int64{endPos - int64(dirSize), int64(dirOff)} {
		if start < 0 || start >= size {
			continue
		}
		n := 0
		var h [46]byte
		for p := start; ; n++ {
			if n > maxEntries {
				return &LimitError{"MaxEntries", int64(maxEntries), fmt.Sprintf("the zip directory holds more than %d entries", maxEntries)}
			}
			if _, err := ra.ReadAt(h[:], p); err != nil || string(h[:4]) != "PK\x01\x02" {
				break
			}
			p += 46 + int64(binary.LittleEndian.Uint16(h[28:])) + int64(binary.LittleEndian.Uint16(h[30:])) + int64(binary.LittleEndian.Uint16(h[32:]))
		}
	}
	return nil
}

// file returns the entry of a part name (case-insensitive), or nil.
func (z *xlsxZip) file(name string) *zip.File {
	return z.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// open opens a part for reading; its decompressed bytes are counted
// against MaxBytes and MaxRatio, and against partMax (0: no own limit,
// else with partLimit naming it).
func (z *xlsxZip) open(f *zip.File, partMax int64, partLimit string) (io.ReadCloser, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "reading XLSX part %s: %v", f.Name, err)
	}
	ratioMax := int64(ratioFloor)
	if c := int64(f.CompressedSize64); c > 0 && c < (1<<62)/z.lim.MaxRatio {
		ratioMax = max(ratioMax, c*z.lim.MaxRatio)
	}
	return &countingReader{rc: rc, z: z, name: f.Name, ratioMax: ratioMax, partMax: partMax, partLimit: partLimit}, nil
}

// countingReader counts the bytes decompressed from a part.
type countingReader struct {
	rc        io.ReadCloser
	z         *xlsxZip
	name      string
	n         int64
	ratioMax  int64
	partMax   int64
	partLimit string
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.n += int64(n)
	c.z.used += int64(n)
	switch {
	case c.z.used > c.z.lim.MaxBytes:
		return n, &LimitError{"MaxBytes", c.z.lim.MaxBytes, fmt.Sprintf("more than %d bytes decompressed (at part %s)", c.z.lim.MaxBytes, c.name)}
	case c.n > c.ratioMax:
		return n, &LimitError{"MaxRatio", c.z.lim.MaxRatio, fmt.Sprintf("part %s expands more than %d times its compressed size", c.name, c.z.lim.MaxRatio)}
	case c.partMax > 0 && c.n > c.partMax:
		return n, &LimitError{c.partLimit, c.partMax, fmt.Sprintf("part %s is larger", c.name)}
	}
	if err != nil && err != io.EOF {
		err = dvhc.Errorf(dvhc.EINVALID, "reading XLSX part %s: %v", c.name, err)
	}
	return n, err
}

func (c *countingReader) Close() error { return c.rc.Close() }

// resolve returns the part name that a relationship target names,
// relative to the part base (such as "xl/workbook.xml").
func resolve(base, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(base), target)), "/")
}
