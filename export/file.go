package export

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dvhc-vn/dvhc"
)

// WriteFileAtomic creates the file path through write: it writes to a
// temporary file in the same directory and renames it over path only
// when write and the close succeeded, so that a reader never sees a
// half-written file and a failure leaves path as it was.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	return ReplaceFile(path, func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

// ReplaceFile calls fill with the name of a new, empty temporary file in
// path's directory, then renames it to path if fill succeeded (and removes
// it otherwise).
func ReplaceFile(path string, fill func(tmp string) error) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return dvhc.Errorf(dvhc.EINVALID, "cannot write %s: it is a directory", path)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return dvhc.Errorf(dvhc.EINVALID, "cannot write %s: %v", path, err)
	}
	tmp := f.Name()
	f.Close()
	if err := fill(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	return nil
}
