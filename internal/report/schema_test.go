package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaPath is the published JSON Schema of the JSON output.
var schemaPath = filepath.Join("..", "..", "docs", "schema", "tfcost-breakdown.schema.json")

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("tfcost-breakdown.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("tfcost-breakdown.schema.json")
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaPath, err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("output does not match %s:\n%v", schemaPath, err)
	}
}

func TestJSONMatchesSchema(t *testing.T) {
	s := compileSchema(t)
	for name, ps := range map[string][]Project{
		"with past":    {{Name: "p", Path: "p.json", Estimate: goldenEstimate(), Past: goldenPast()}},
		"without past": goldenProjects(),
		"two projects": {{Name: "a", Estimate: goldenEstimate()}, {Name: "b", Estimate: goldenPast()}},
		"no projects":  nil,
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := JSON(&buf, ps, Options{Time: goldenTime, Version: "test"}); err != nil {
				t.Fatal(err)
			}
			validate(t, s, buf.Bytes())
		})
	}
}

// TestSchemaRejectsDrift makes sure the schema is strict enough to notice a
// renamed Infracost field.
func TestSchemaRejectsDrift(t *testing.T) {
	s := compileSchema(t)
	var buf bytes.Buffer
	if err := JSON(&buf, goldenProjects(), Options{Time: goldenTime}); err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(buf.Bytes(), []byte(`"totalMonthlyCost"`), []byte(`"totalMonthlyCosts"`), 1)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if s.Validate(inst) == nil {
		t.Error("schema accepted a renamed totalMonthlyCost")
	}
}
