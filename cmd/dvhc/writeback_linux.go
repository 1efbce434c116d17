//go:build linux && (amd64 || arm64)

package main

import "syscall"

// syncFileRange starts the writeback of n bytes of the file fd from off
// (SYNC_FILE_RANGE_WRITE), without waiting for it.
var syncFileRange = func(fd uintptr, off, n int64) error {
	const syncFileRangeWrite = 2
	_, _, errno := syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, fd, uintptr(off), uintptr(n), syncFileRangeWrite, 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}
