package export

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dvhc-vn/dvhc"
)

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
