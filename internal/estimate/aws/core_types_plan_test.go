package aws

import (
	"path/filepath"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestCoreTypesPlan reads a plan with every core type through the plan
// reader (region from the provider block, the ECS service's task
// definition through the configuration reference) and hand-checks each
// resource's monthly cost (us-east-1 figures as in the per-type tests).
func TestCoreTypesPlan(t *testing.T) {
	p, err := plan.ReadFile(filepath.Join("testdata", "core_types_plan.json"), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := usage.Load(filepath.Join("testdata", "core_types_usage.yml"))
	if err != nil {
		t.Fatal(err)
	}
	reg := NewRegistry()
	u.CheckKeys(reg.KnownUsageKeys())
	if len(u.Warnings) != 0 {
		t.Errorf("usage warnings: %v", u.Warnings)
	}
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: reg, Usage: u}).Estimate(p)
	want := map[string]string{
		// t3.medium 12 h × 20 days = 240 h × 0.0416 = 9.984; monitoring 7 × 0.3 = 2.1;
		// credits 50 h × 2 vCPU × 0.05 = 5; root gp3 20 × 0.08 = 1.6
		"aws_instance.web": "18.684",
		// io2 100 × 0.125 = 12.5; 1000 IOPS × 0.065 = 65
		"aws_ebs_volume.data": "77.5",
		// ARM: 3 × 0.5 vCPU × 730 × 0.03238 = 35.4561; 3 × 1 GB × 730 × 0.00356 = 7.7964
		"aws_ecs_service.app": "43.2525",
		// 500 × 0.023 = 11.5; 20k PUT = 20 × 0.005 = 0.1; 1M GET = 1000 × 0.0004 = 0.4
		"aws_s3_bucket.assets": "12",
		// 0.0225 × 730 = 16.425; 2 GB/h = 2 LCU × 730 × 0.008 = 11.68
		"aws_lb.alb": "28.105",
		// 16.425; 2 NLCU × 730 × 0.006 = 8.76
		"aws_lb.nlb": "25.185",
		// 0.045 × 730 = 32.85; 200 GB × 0.045 = 9
		"aws_nat_gateway.nat": "41.85",
		// 0.005 × 730
		"aws_eip.nat": "3.65",
		// Multi-AZ ≈ 2 × 0.178 × 730 = 259.88 (approximate); gp3 Multi-AZ 100 × 0.23 = 23; backup 50 × 0.095 = 4.75
		"aws_db_instance.db":          "287.63",
		"aws_ecs_task_definition.app": "0",
		"aws_security_group.web":      "0",
		"aws_sagemaker_space.x":       "0",
	}
	for _, r := range est.Resources {
		w, ok := want[r.Address]
		if !ok {
			t.Errorf("unexpected resource %s", r.Address)
			continue
		}
		assertTotal(t, r, w)
		if r.Region != "us-east-1" {
			t.Errorf("%s: region %s", r.Address, r.Region)
		}
	}
	// 18.684 + 77.5 + 43.2525 + 12 + 28.105 + 25.185 + 41.85 + 3.65 + 287.63 = 537.8565
	if w := decimalOf("537.8565"); !est.MonthlyCost.Equal(w) {
		t.Errorf("total %s, want %s", est.MonthlyCost, w)
	}
	s := est.Summary
	if s.PricedResources != 9 || s.FreeResources != 2 || s.UnsupportedResources != 1 || s.ApproximateComponents != 1 || s.UnknownComponents != 0 {
		t.Errorf("summary %+v", s)
	}
}
