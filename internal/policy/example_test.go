package policy

import (
	"path/filepath"
	"testing"
)

// TestExamplePolicies keeps the documented examples valid.
func TestExamplePolicies(t *testing.T) {
	files, _ := filepath.Glob("../../examples/policies/*.hcl")
	if len(files) == 0 {
		t.Skip("no example policies")
	}
	for _, f := range files {
		s, err := ParseFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		v := s.Evaluate(fixture())
		if len(v.Errors) > 0 {
			t.Errorf("%s: %+v", f, v.Errors)
		}
	}
}
