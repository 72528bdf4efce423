package acceptance

import (
	"path/filepath"
	"testing"
)

// TestPlanWithTargetBothSides: Infracost's plan_with_target.json (a -target
// plan, Terraform 1.0.11) updates aws_instance.web_app_1 from t3.micro to
// t3.small; root_block_device 10 GB gp2 on both sides, credit_specification
// unlimited. Region: provider constant us-east-1.
//
//	t3.micro 0.0104, t3.small 0.0208 USD/h (ec2_ondemand_linux.csv, us-east-1);
//	gp2 0.1 USD/GB-month (aws_unit_prices.csv).
//
// Before: 0.0104 × 730 = 7.592 + 10 × 0.1 = 1 → 8.592.
// After:  0.0208 × 730 = 15.184 + 1 → 16.184. The change costs +7.592 a month.
func TestPlanWithTargetBothSides(t *testing.T) {
	const r = "us-east-1"
	p := readPlan(t, filepath.Join(planDir, "plan_with_target.json"))
	e := estimator(t, "")

	after := e.Estimate(p)
	checkEstimate(t, after, "16.184", []want{priced("aws_instance.web_app_1", r, "16.184").act("update")})
	a := byAddress(after)["aws_instance.web_app_1"]
	checkLine(t, a, "", "Instance usage (Linux/UNIX, on-demand, t3.small)", "730", "0.0208", "15.184")
	checkLine(t, a, "root_block_device", "Storage (gp2)", "10", "0.1", "1")
	checkUsageLine(t, a, "", "CPU credits", "0.05")

	before := e.EstimatePrior(p)
	checkEstimate(t, before, "8.592", []want{priced("aws_instance.web_app_1", r, "8.592").act("update")})
	b := byAddress(before)["aws_instance.web_app_1"]
	checkLine(t, b, "", "Instance usage (Linux/UNIX, on-demand, t3.micro)", "730", "0.0104", "7.592")
	checkLine(t, b, "root_block_device", "Storage (gp2)", "10", "0.1", "1")

	if d := after.MonthlyCost.Sub(before.MonthlyCost); !d.Equal(dec(t, "7.592")) {
		t.Errorf("monthly change %s, want +7.592", d)
	}
}

// TestInstanceDeletesBothSides: abcost-0.12.24-instance-deletes.json
// (antonbabenko/terraform-cost-estimation, Terraform 0.12.24) has no
// provider configuration at all; every instance's availability_zone is
// eu-west-1b, so the region comes from that attribute. Five t2.nano
// instances (credit_specification standard: no CPU-credit line), root 8 GB
// gp2; this_1 and this_2[0] stay, this_2[1], this_3["id1"] and this_3["id2"]
// are deleted.
//
//	t2.nano eu-west-1 0.0063 USD/h (ec2_ondemand_linux.csv);
//	gp2 eu-west-1 0.11 USD/GB-month (aws_unit_prices_regional.csv).
//
// Per instance: 0.0063 × 730 = 4.599 + 8 × 0.11 = 0.88 → 5.479.
// Before: 5 × 5.479 = 27.395. After: 2 × 5.479 = 10.958 (−16.437 a month).
func TestInstanceDeletesBothSides(t *testing.T) {
	const r = "eu-west-1"
	p := readPlan(t, filepath.Join(planDir, "abcost-0.12.24-instance-deletes.json"))
	e := estimator(t, "")

	after := e.Estimate(p)
	checkEstimate(t, after, "10.958", []want{
		priced("aws_instance.this_1", r, "5.479").act("no-op"),
		priced("aws_instance.this_2[0]", r, "5.479").act("no-op"),
		skipped("aws_instance.this_2[1]", r).act("delete"),
		skipped(`aws_instance.this_3["id1"]`, r).act("delete"),
		skipped(`aws_instance.this_3["id2"]`, r).act("delete"),
	})

	before := e.EstimatePrior(p)
	checkEstimate(t, before, "27.395", []want{
		priced("aws_instance.this_1", r, "5.479").act("no-op"),
		priced("aws_instance.this_2[0]", r, "5.479").act("no-op"),
		priced("aws_instance.this_2[1]", r, "5.479").act("delete"),
		priced(`aws_instance.this_3["id1"]`, r, "5.479").act("delete"),
		priced(`aws_instance.this_3["id2"]`, r, "5.479").act("delete"),
	})
	for _, res := range before.Resources {
		if res.RegionSource != "attribute" {
			t.Errorf("%s: region source %q, want attribute (availability_zone)", res.Address, res.RegionSource)
		}
		checkLine(t, res, "", "Instance usage (Linux/UNIX, on-demand, t2.nano)", "730", "0.0063", "4.599")
		checkLine(t, res, "root_block_device", "Storage (gp2)", "8", "0.11", "0.88")
		if len(res.Components) != 2 {
			t.Errorf("%s: %d components, want 2 (t2 standard credits have no credit line)%s", res.Address, len(res.Components), describe(res))
		}
	}
}
