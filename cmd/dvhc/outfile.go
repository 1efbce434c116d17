package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/dvhc-vn/dvhc"
)

// outFile is an output file written atomically: the bytes go to a
// temporary file in the target's directory, which commit renames over the
// target and abort removes. Until commit, an existing target is untouched;
// a cancelled context (SIGINT, SIGTERM) aborts at once, so that even a
// process killed afterwards leaves no temporary file behind.
type outFile struct {
	*os.File        // the temporary file
	path     string // the target (a link resolved)
	name     string // the target as the user named it
	existed  bool   // the target existed before the run
	direct   bool   // the target is not a regular file (/dev/null, a FIFO): written in place
	mode     os.FileMode

	mu       sync.Mutex
	done     bool // committed or aborted
	stopWait func() bool

	// Writeback of what is written, started while writing so that the
	// sync of commit has little left to wait for (see writeback).
	written, queued int64
	wb              *writeback
}

// errInterrupted is the error of a commit after the context was cancelled.
var errInterrupted = context.Canceled

// createOut starts an atomic output to path. It refuses (dvhc.EINVALID) a
// path that is the same file as one of inputs, compared by file identity
// (device and inode), not by name, and a path that is a directory.
func createOut(ctx context.Context, path string, inputs ...os.FileInfo) (*outFile, error) {
	o := &outFile{path: path, name: path, mode: 0o644}
	// A symbolic link is followed: its target is replaced, the link kept.
	target := path
	if real, err := filepath.EvalSymlinks(path); err == nil {
		target = real
	}
	if st, err := os.Stat(target); err == nil {
		if st.IsDir() {
			return nil, dvhc.Errorf(dvhc.EINVALID, "output %s is a directory", path)
		}
		for _, in := range inputs {
			if in != nil && os.SameFile(st, in) {
				return nil, dvhc.Errorf(dvhc.EINVALID, "output %s is the input file: refusing to overwrite it (write to another file)", path)
			}
		}
		o.existed, o.mode = true, st.Mode().Perm()
		if !st.Mode().IsRegular() {
			// A device or a pipe cannot be replaced by a rename (and
			// must not be): write to it.
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return nil, dvhc.Errorf(dvhc.EINVALID, "cannot write %s: %v", path, err)
			}
			o.File, o.direct = f, true
			o.stopWait = func() bool { return false }
			return o, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	o.path = target
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, dvhc.Errorf(dvhc.EINVALID, "cannot write %s: %v", path, err)
	}
	o.File = f
	o.wb = startWriteback(f)
	o.stopWait = context.AfterFunc(ctx, func() { o.abort() })
	return o, nil
}

// writebackEvery is how many bytes written make outFile.Write ask for
// their writeback to the disk.
const writebackEvery = 8 << 20

// Write writes p to the file and, every writebackEvery bytes, asks the
// writeback goroutine, without waiting for it, to start writing them to
// the disk.
func (o *outFile) Write(p []byte) (int, error) {
	n, err := o.File.Write(p)
	o.written += int64(n)
	if o.wb != nil && o.written-o.queued >= writebackEvery && o.wb.request(o.queued, o.written) {
		o.queued = o.written
	}
	return n, err
}

// commit closes the temporary file and renames it over the target. After
// abort, or once the context is cancelled, it fails and the target stays
// as it was.
func (o *outFile) commit() error {
	o.stopWait()
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.done {
		return errInterrupted
	}
	o.done = true
	if o.direct {
		return o.File.Close()
	}
	o.wb.stop()
	tmp := o.File.Name()
	err := o.File.Sync() // the data on disk before the name points to it
	if cerr := o.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, o.mode)
	}
	if err == nil {
		err = os.Rename(tmp, o.path)
	}
	if err != nil {
		os.Remove(tmp)
		return dvhc.Errorf(dvhc.EINVALID, "writing %s: %v", o.name, err)
	}
	return nil
}

// abort closes and removes the temporary file; the target is untouched.
// It reports whether it did anything (false after commit or abort).
func (o *outFile) abort() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.done {
		return false
	}
	o.done = true
	o.wb.stop()
	o.File.Close()
	if !o.direct {
		os.Remove(o.File.Name())
	}
	return true
}

// notReplaced says what became of the target after an abort.
func (o *outFile) notReplaced() string {
	if o.existed {
		return fmt.Sprintf("%s was not replaced", o.name)
	}
	return fmt.Sprintf("%s was not written", o.name)
}
