package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/tfcost/tfcost/internal/golden"
)

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, goldenProjects(), Options{}); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, buf.Bytes())
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// 1 header + 11 components (web 4, lambda 2, nat 2, ebs 1, db 2) + 2 resources without components (free,
	// unsupported); the deleted resource is skipped without --show-skipped.
	if len(recs) != 14 {
		t.Errorf("rows = %d, want 14", len(recs))
	}
	for _, r := range recs {
		if len(r) != len(CSVHeader) {
			t.Fatalf("row has %d fields, want %d: %v", len(r), len(CSVHeader), r)
		}
	}
}
