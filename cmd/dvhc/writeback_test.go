package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestOutFileWriteback writes a file of several writeback ranges through
// outFile: the file committed holds every byte, in order, and on a system
// with sync_file_range the writeback was asked for along the way.
func TestOutFileWriteback(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	o, err := createOut(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	chunk := make([]byte, 64<<10)
	for i := range 3 * writebackEvery / len(chunk) {
		for j := range chunk {
			chunk[j] = byte(i + j)
		}
		want.Write(chunk)
		if _, err := o.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if syncFileRange != nil && o.queued == 0 {
		t.Error("no writeback asked for")
	}
	if err := o.commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("file of %d bytes differs from the %d written", len(got), want.Len())
	}
	if s := strayFiles(t, dir, "out.csv"); len(s) > 0 {
		t.Errorf("left behind: %q", s)
	}
}

// TestOutFileWritebackAbort cancels the context while a writer is still
// writing: the writeback stops, the temporary file is removed, nothing is
// left (run with -race).
func TestOutFileWritebackAbort(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	o, err := createOut(ctx, filepath.Join(dir, "out.csv"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 40 {
			o.Write(chunk) // fails once aborted
		}
	}()
	cancel()
	<-done
	if err := o.commit(); err == nil {
		t.Error("commit after the context was cancelled succeeded")
	}
	if s := strayFiles(t, dir); len(s) > 0 {
		t.Errorf("left behind: %q", s)
	}
}
