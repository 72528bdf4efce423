package aws

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestInfracostExamplePlan hand-checks the core types of Infracost's
// example_plan.json priced with example_usage.yml (us-east-1 from the
// provider block). Lambda belongs to the coverage rules and is not checked.
func TestInfracostExamplePlan(t *testing.T) {
	p, err := plan.ReadFile(filepath.Join("testdata", "example_plan.json"), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := usage.Load(filepath.Join("testdata", "example_usage.yml"))
	if err != nil {
		t.Fatal(err)
	}
	reg := NewRegistry()
	u.CheckKeys(reg.KnownUsageKeys())
	for _, w := range u.Warnings {
		if strings.Contains(w, "aws_instance") || strings.Contains(w, "aws_s3_bucket") {
			t.Errorf("unexpected usage warning: %s", w)
		}
	}
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: reg, Usage: u}).Estimate(p)
	byAddr := map[string]*estimate.Resource{}
	for _, r := range est.Resources {
		byAddr[r.Address] = r
		if r.Region != "us-east-1" {
			t.Errorf("%s region %q", r.Address, r.Region)
		}
	}
	// aws_instance.web_app: m5.4xlarge on-demand 0.768 × 730 = 560.64;
	// root_block_device 50 GB, type not in the plan → gp2: 50 × 0.1 = 5;
	// ebs_block_device io1 1000 GB × 0.125 = 125 and 800 IOPS × 0.065 = 52.
	// Total 560.64 + 5 + 125 + 52 = 742.64.
	web := byAddr["aws_instance.web_app"]
	assertMonthly(t, web, "Instance usage (Linux/UNIX, on-demand, m5.4xlarge)", "560.64")
	assertMonthly(t, web, "Storage (gp2)", "5")
	assertMonthly(t, web, "Storage (io1)", "125")
	assertMonthly(t, web, "Provisioned IOPS (io1)", "52")
	assertTotal(t, web, "742.64")
	// aws_instance.zero_cost_instance: usage reserves it 1 year, standard,
	// all upfront. Infracost shows $0 for all-upfront; tfcost amortises the
	// upfront fee: ri_1yr_std_all_upfront 0.451598 × 730 = 329.66654,
	// + the same volumes 5 + 125 + 52 = 511.66654.
	zero := byAddr["aws_instance.zero_cost_instance"]
	assertMonthly(t, zero, "Instance usage (Linux/UNIX, reserved, m5.4xlarge)", "329.66654")
	assertTotal(t, zero, "511.66654")
	// aws_s3_bucket.usage: every usage value is 0 → $0 with quantities
	// (not "depends on usage").
	s3 := byAddr["aws_s3_bucket.usage"]
	assertMonthly(t, s3, "Storage", "0")
	assertTotal(t, s3, "0")
	for _, r := range []*estimate.Resource{web, zero, s3} {
		if r.Status != estimate.StatusPriced {
			t.Errorf("%s status %s", r.Address, r.Status)
		}
	}
}
