package plan_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tfcost/tfcost/internal/bench"
	"github.com/tfcost/tfcost/internal/plan"
)

// TestMappedMatchesParse reads a plan larger than the release step through
// the memory mapping (pages dropped behind the scan, kept spans copied) and
// checks it is identical to parsing the same bytes from the heap, with and
// without a byte-order mark.
func TestMappedMatchesParse(t *testing.T) {
	var buf bytes.Buffer
	if err := bench.WritePlan(&buf, 3000); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < 9<<20 {
		t.Fatalf("plan of %d bytes does not cross the 8 MiB release step", buf.Len())
	}
	for name, data := range map[string][]byte{
		"plain": buf.Bytes(),
		"bom":   append([]byte{0xEF, 0xBB, 0xBF}, buf.Bytes()...),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "plan.json")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			mapped, err := plan.ReadFile(path, plan.Options{})
			if err != nil {
				t.Fatal(err)
			}
			heap, err := plan.Parse(path, append([]byte(nil), data...), plan.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(mapped.Resources) != 3000 || len(mapped.Resources) != len(heap.Resources) {
				t.Fatalf("%d and %d resources", len(mapped.Resources), len(heap.Resources))
			}
			for i, m := range mapped.Resources {
				h := heap.Resources[i]
				if !reflect.DeepEqual(*m, *h) {
					t.Fatalf("resource %d differs:\n%+v\n%+v", i, *m, *h)
				}
			}
			if !reflect.DeepEqual(mapped.Variables, heap.Variables) || !reflect.DeepEqual(mapped.Warnings, heap.Warnings) {
				t.Errorf("variables or warnings differ")
			}
		})
	}
}
