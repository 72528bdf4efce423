//go:build !linux

package plan

import (
	"errors"
	"os"
)

// mapFile is not used outside Linux: ReadFile falls back to reading the
// file into memory.
func mapFile(*os.File, int64) (*mapping, error) {
	return nil, errors.New("memory mapping not used on this OS")
}
