package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/failure"
)

// TestOutputMergesParallelRuns: two CI jobs write one JSON each; output
// merges them into one report (JSON totals are the sums, the comment lists
// both projects).
func TestOutputMergesParallelRuns(t *testing.T) {
	dir := t.TempDir()
	mixed := filepath.Join(planDir, "abcost-0.12.25-mixed-compute.json")
	for name, plan := range map[string]string{"a.json": deletesPlan, "b.json": mixed} {
		if code, _, stderr := run(t, "diff", plan, "--format", "json", "--out-file", filepath.Join(dir, name)); code != 0 {
			t.Fatal(stderr)
		}
	}
	_, single, _ := run(t, "diff", mixed, "--format", "json")
	var b struct{ TotalMonthlyCost string }
	if err := json.Unmarshal([]byte(single), &b); err != nil {
		t.Fatal(err)
	}

	code, out, stderr := run(t, "output", "--path", filepath.Join(dir, "*.json"), "--format", "json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var merged struct {
		Projects             []struct{ Name string }
		TotalMonthlyCost     string
		PastTotalMonthlyCost string
	}
	if err := json.Unmarshal([]byte(out), &merged); err != nil {
		t.Fatal(err)
	}
	// deletes: 10.958 planned, 27.395 prior; mixed: prior 0.
	if len(merged.Projects) != 2 || merged.PastTotalMonthlyCost != "27.395" {
		t.Fatalf("merged %+v", merged)
	}
	want := mustDec(t, "10.958").Add(mustDec(t, b.TotalMonthlyCost))
	if !mustDec(t, merged.TotalMonthlyCost).Equal(want) {
		t.Fatalf("total %s, want %s", merged.TotalMonthlyCost, want)
	}

	code, out, stderr = run(t, "output", "--path", filepath.Join(dir, "a.json"), "--path", filepath.Join(dir, "b.json"), "--format", "gitlab-comment")
	if code != 0 || !strings.Contains(out, "### Projects") || !strings.Contains(out, "-60.00%") {
		t.Fatalf("exit %d %s\n%s", code, stderr, out)
	}
	if code, _, stderr := run(t, "output", "--path", filepath.Join(dir, "none-*.json")); code != 1 || !strings.Contains(stderr, "no file matches") {
		t.Fatalf("empty glob: %d %s", code, stderr)
	}
	bad := writeFile(t, "bad.json", "{\n  \"version\": \"0.2\",\n  \"projects\": 7\n}\n")
	if code, _, stderr := run(t, "output", "--path", bad); code != 1 || !strings.Contains(stderr, "bad.json:3:") {
		t.Fatalf("bad JSON: %d %s", code, stderr)
	}
}

func mustDec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// output checks its command line before reading anything: a bad --format is
// named even when the files do not exist, and files given as arguments (a
// shell-expanded glob) are rejected with a pointer to --path.
func TestOutputUsageErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.json")
	if code, _, stderr := run(t, "output", "--path", missing, "--format", "yaml"); code != failure.ExitError || !strings.Contains(stderr, `unknown --format "yaml"`) {
		t.Errorf("bad format: exit %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "output", missing); code != failure.ExitError || !strings.Contains(stderr, "--path") {
		t.Errorf("positional file: exit %d %s", code, stderr)
	}
}
