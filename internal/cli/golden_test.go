package cli

import (
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/golden"
)

// TestBreakdownExampleGolden is the README quick start end to end: the
// example plan with its usage file, priced from the embedded catalog.
// `make update-golden` refreshes it after a catalog or rule change.
func TestBreakdownExampleGolden(t *testing.T) {
	code, out, errs := run(t, "breakdown", examplePlan, "--usage-file", exampleUsage, "--no-color")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// aws_instance.web_app: m5.4xlarge Linux on-demand in us-east-1 is $0.768/h
	// (S1), × 730 h = $560.64; the usage file's 100M Lambda requests × $0.20
	// per 1M = $20.00.
	for _, want := range []string{"$560.64", "$20.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	golden.Assert(t, []byte(out))
}

func TestBreakdownHelpGolden(t *testing.T) {
	code, out, _ := run(t, "breakdown", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	golden.Assert(t, []byte(out))
}
