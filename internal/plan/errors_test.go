package plan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/failure"
)

// TestBadInput checks that every kind of bad input gives one
// *failure.Error naming the file, the position and what was expected.
func TestBadInput(t *testing.T) {
	example, err := os.ReadFile("testdata/example_plan.json")
	if err != nil {
		t.Fatal(err)
	}
	truncated := example[:len(example)/2]
	tl, tc := position(truncated, len(truncated))

	tests := []struct {
		name      string
		data      string
		line, col int    // 0: not checked
		msg       string // substring of the message
		expected  string // substring of Expected
	}{
		{"empty", "", 1, 1, "empty", "plan JSON"},
		{"only spaces", "  \n\t ", 1, 1, "empty", "plan JSON"},
		{"not json", "Terraform will perform the following actions:", 1, 1, "not JSON", "plan JSON"},
		{"starts like null", "not json", 1, 1, "starts with 'n'", "plan JSON"},
		{"truncated", string(truncated), tl, tc, "end of input", ""},
		{"truncated in a string", `{"format_version":"1.2","resource_changes":[{"address":"aws_x.y`, 1, 64, "end of input", `'"'`},
		{"array", `[1,2]`, 1, 1, "unexpected array", "JSON object"},
		{"state", `{"format_version":"1.0","terraform_version":"1.5.0","values":{"root_module":{}}}`, 1, 1,
			"state file", "resource_changes"},
		{"tfstate", "{\n  \"version\": 4,\n  \"serial\": 3,\n  \"lineage\": \"x\",\n  \"resources\": []\n}", 1, 1, "state file", ""},
		{"other json", `{"name":"not a plan"}`, 1, 1, "not a Terraform plan", "resource_changes"},
		{"format 2.0", "{\"format_version\":\n  \"2.0\", \"resource_changes\": []}", 2, 3, `unsupported format_version "2.0"`, "0.1 to 1.2"},
		{"format junk", `{"format_version":"one","resource_changes":[]}`, 1, 19, "malformed format_version", "0.1 to 1.2"},
		{"format number", `{"format_version":1.2,"resource_changes":[]}`, 1, 19, "unexpected number", "format_version"},
		{"changes not array", `{"format_version":"1.2","resource_changes":{}}`, 1, 44, "unexpected object", "array of resource changes"},
		{"address not string", `{"format_version":"1.2","resource_changes":[{"address":5}]}`, 1, 56, "unexpected number", "string address"},
		{"no address", `{"format_version":"1.2","resource_changes":[{"type":"aws_x"}]}`, 1, 45, "without an address", "address"},
		{"planned_values resource without address", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"type":"aws_x","values":{}}]}}}`,
			1, 71, "without an address", "planned_values"},
		{"after not object", `{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":"x"}}]}`,
			1, 101, "unexpected string", "object of attribute values"},
		{"missing comma", "{\"format_version\":\"1.2\",\n\"resource_changes\":[{\"address\":\"a.b\" \"type\":\"a\"}]}", 2, 38, "unexpected string", "',' or '}'"},
		{"invalid in skipped part", `{"format_version":"1.2","planned_values":{"root_module":{"x":tru}},"resource_changes":[]}`, 1, 65, "unexpected '}'", `"true"`},
		{"bad escape", `{"format_version":"1.2","resource_changes":[],"x":"a\qb"}`, 1, 54, "unexpected 'q'", "escape"},
		{"control character", "{\"format_version\":\"1.2\",\"resource_changes\":[],\"x\":\"a\tb\"}", 1, 53, "control character", "escaped"},
		{"bad number", `{"format_version":"1.2","resource_changes":[],"x":-}`, 1, 52, "unexpected '}'", "digit"},
		{"trailing data", `{"format_version":"1.2","resource_changes":[]} {"again":1}`, 1, 48, "unexpected object", "end of the file"},
		{"too deep", `{"format_version":"1.2","resource_changes":[],"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, 1, 0, "nesting too deep", "10000"},
		{"binary plan", "PK\x03\x04rest of a zip", 0, 0, "binary Terraform plan", "plan JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("plan.json", []byte(tt.data), Options{})
			fe := asInput(t, err)
			if fe.File != "plan.json" {
				t.Errorf("file = %q", fe.File)
			}
			if tt.line > 0 && (fe.Line != tt.line || (tt.col > 0 && fe.Column != tt.col)) {
				t.Errorf("position %d:%d, want %d:%d (%v)", fe.Line, fe.Column, tt.line, tt.col, err)
			}
			if tt.line > 0 && !strings.HasPrefix(err.Error(), fmt.Sprintf("plan.json:%d:%d: ", fe.Line, fe.Column)) {
				t.Errorf("message does not start with file:line:col: %v", err)
			}
			if !strings.Contains(fe.Msg, tt.msg) {
				t.Errorf("message %q lacks %q", fe.Msg, tt.msg)
			}
			if !strings.Contains(fe.Expected, tt.expected) {
				t.Errorf("expected %q lacks %q", fe.Expected, tt.expected)
			}
		})
	}
}

func asInput(t *testing.T, err error) *failure.Error {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var fe *failure.Error
	if !errors.As(err, &fe) {
		t.Fatalf("not a *failure.Error: %T %v", err, err)
	}
	if fe.Kind != failure.Input {
		t.Fatalf("kind %v: %v", fe.Kind, err)
	}
	return fe
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := ReadFile(filepath.Join(dir, "missing.json"), Options{})
	if fe := asInput(t, err); !strings.Contains(fe.Msg, "does not exist") || fe.Hint == "" {
		t.Errorf("missing: %v", err)
	}
	_, err = ReadFile(dir, Options{})
	if fe := asInput(t, err); !strings.Contains(fe.Msg, "directory") {
		t.Errorf("directory: %v", err)
	}
	empty := filepath.Join(dir, "empty.json")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(empty, Options{})
	if fe := asInput(t, err); fe.File != empty || fe.Line != 1 || !strings.Contains(fe.Msg, "empty") {
		t.Errorf("empty: %v", err)
	}
	// A truncated file read through the memory mapping: the position is the end.
	data, err := os.ReadFile("testdata/terraform_v0.14_plan.json")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.json")
	if err := os.WriteFile(cut, data[:100000], 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(cut, Options{})
	line, col := position(data[:100000], 100000)
	if fe := asInput(t, err); fe.Line != line || fe.Column != col || !strings.Contains(fe.Msg, "truncated") {
		t.Errorf("truncated: %v, want %d:%d", err, line, col)
	}
}
