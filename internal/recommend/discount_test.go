package recommend

import (
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
)

// TestSavingsUseTheEstimatorsPrices: with a 10 % discount the instance is
// costed at discounted rates, so the reserved-instance saving must be
// discounted too, or it overstates what the user saves.
// ec2_linux_reserved_spot.csv us-east-1 m5.large: on-demand 0.096,
// ri_1yr_std_no_upfront 0.06. Saving (0.096 − 0.06) × 730 × 0.9 = 23.652, 23.65 in cents (savings are rounded to cents);
// list-price saving (no Prices) 0.036 × 730 = 26.28.
func TestSavingsUseTheEstimatorsPrices(t *testing.T) {
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{
		{Type: "aws_instance", Name: "web", Values: js(map[string]any{"instance_type": "m5.large"})},
	})
	e := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(), DiscountPercent: d("10")})
	est := e.Estimate(p)
	ri := func(in Input) string {
		for _, r := range Generate(in) {
			if r.Risk == Low && r.Kind == Reserved {
				return r.MonthlySaving.String()
			}
		}
		t.Fatalf("no low-risk RI recommendation in %+v", Generate(in))
		return ""
	}
	if got := ri(Input{Plan: p, Estimate: est, Catalog: catalog.Embedded(), Prices: e}); got != "23.65" {
		t.Errorf("discounted saving %s, want 23.65", got)
	}
	if got := ri(Input{Plan: p, Estimate: est, Catalog: catalog.Embedded()}); got != "26.28" {
		t.Errorf("list-price saving %s, want 26.28", got)
	}
}
