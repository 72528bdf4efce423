//go:build linux

package plan

import (
	"os"
	"syscall"
)

// mapFile maps a regular file read-only. The scanner reads it once from
// start to end, so the kernel is told to read ahead, and pages behind the
// scan are dropped (MADV_DONTNEED re-reads them from the file if an error
// message needs them again).
func mapFile(f *os.File, size int64) (*mapping, error) {
	if size <= 0 || int64(int(size)) != size {
		return nil, syscall.EINVAL
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, err
	}
	_ = syscall.Madvise(data, syscall.MADV_SEQUENTIAL)
	page := os.Getpagesize()
	return &mapping{
		data: data,
		release: func(from, to int) int {
			from -= from % page
			to -= to % page
			if to > from {
				_ = syscall.Madvise(data[from:to], syscall.MADV_DONTNEED)
			}
			return max(to, from)
		},
		unmap: func() { _ = syscall.Munmap(data) },
	}, nil
}
