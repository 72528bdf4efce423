package plan

import (
	"os"

	"github.com/tfcost/tfcost/internal/failure"
)

// ReadFile reads a plan from a JSON file ("-" for stdin) or a binary plan file
// (converted with `terraform show -json` when terraform is on PATH).
// TODO(plan): full implementation.
func ReadFile(path string, opts Options) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, failure.Inputf(path, "cannot read plan file: %v", err)
	}
	return Parse(path, data, opts)
}

// Parse decodes plan JSON. name is used in error messages.
// TODO(plan): full implementation.
func Parse(name string, data []byte, opts Options) (*Plan, error) {
	return &Plan{File: name}, nil
}
