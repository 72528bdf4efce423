package aws

import (
	"strings"
	"testing"
)

// TestSSMParameter: standard parameters are free; advanced ones are billed
// per parameter-month and shared/pricing has no figure, so they are
// unpriced lines, never $0.
func TestSSMParameter(t *testing.T) {
	big := strings.Repeat("x", 4097)
	runCovCases(t, "aws_ssm_parameter", []covCase{
		{name: "standard", values: `{"name":"/app/x","type":"String","value":"v","tier":"Standard"}`, total: "0", count: 0},
		{name: "tier not set", values: `{"name":"/app/x","type":"String","value":"v"}`, total: "0", count: 0},
		{name: "advanced", values: `{"name":"/app/x","type":"String","value":"v","tier":"Advanced"}`,
			unpriced: []string{"Advanced parameter"}, note: map[string]string{"Advanced parameter": "no catalog price for advanced-tier parameters"},
			total: "0", count: 1},
		{name: "intelligent tiering, small", values: `{"name":"/app/x","value":"v","tier":"Intelligent-Tiering"}`, count: 0},
		{name: "intelligent tiering, over 4 KB", values: `{"name":"/app/x","value":"` + big + `","tier":"Intelligent-Tiering"}`,
			unpriced: []string{"Advanced parameter"}, count: 1},
		{name: "tier unknown", values: `{"name":"/app/x","value":"v"}`, unknown: `{"tier":true}`,
			refs: map[string][]string{"tier": {"aws_ssm_parameter.tier_choice"}}, unknownLines: []string{"Advanced parameter"}},
	})
}
