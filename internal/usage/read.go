package usage

import (
	"os"

	"github.com/tfcost/tfcost/internal/failure"
)

// Load reads a usage file.
// TODO(usage): full implementation.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, failure.Inputf(path, "cannot read usage file: %v", err)
	}
	return Parse(path, data)
}

// Parse decodes a usage file (YAML). name is used in messages.
// TODO(usage): full implementation.
func Parse(name string, data []byte) (*File, error) {
	return &File{Name: name}, nil
}
