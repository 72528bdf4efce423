package aws

import (
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// priceFixture prices a real plan file with the embedded catalog.
func priceFixture(t *testing.T, path string) *estimate.Estimate {
	t.Helper()
	p, err := plan.ReadFile(path, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: NewRegistry()}).Estimate(p)
}

func assertResources(t *testing.T, est *estimate.Estimate, want map[string]string) {
	t.Helper()
	for addr, w := range want {
		r := findResource(est, addr)
		if r == nil {
			t.Errorf("%s: not in the estimate", addr)
			continue
		}
		if !r.MonthlyCost.Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s: monthly %s, want %s; components %s", addr, r.MonthlyCost, w, componentNames(r))
		}
	}
}

// TestFixtureASGsAndELB: a real Terraform 0.12 plan (eu-west-1) with an ASG
// on a launch configuration, one on a launch template with three volumes,
// and a classic ELB; references resolve through the plan's configuration.
func TestFixtureASGsAndELB(t *testing.T) {
	est := priceFixture(t, "testdata/abcost_mixed_compute.json")
	assertResources(t, est, map[string]string{
		// 1 × t2.micro 0.0126 × 730 = 9.198; the launch configuration's root
		// volume is computed (from the AMI): priced at the 8 GB gp2 default
		// like aws_instance, 8 × 0.11 = 0.88; total 10.078.
		"aws_autoscaling_group.lc": "10.078",
		// 1 × t2.nano 0.0063 × 730 = 4.599; gp2 (default type) 11 GB × 0.11 = 1.21;
		// sc1 21 GB × 0.0168 = 0.3528; io1 31 GB × 0.138 = 4.278 and 2001 IOPS × 0.072
		// = 144.072; the mappings (xvfs, xvfa, xvfb) are data volumes, so the
		// AMI's root is priced at the default 8 GB gp2 × 0.11 = 0.88; total 155.3918.
		"aws_autoscaling_group.lt": "155.3918",
		// eu-west-1 classic ELB 0.028 × 730 = 20.44 (data processed needs usage).
		"aws_elb.elb": "20.44",
	})
}

// TestFixtureEKSSpotNodeGroup reads a plan from an unlicensed repository in
// place (it may not be copied): an EKS managed node group with
// capacity_type SPOT and four instance types, in us-east-2.
func TestFixtureEKSSpotNodeGroup(t *testing.T) {
	const path = "../../../../shared/fixtures/plans/unlicensed/andresb-1.3.7-eks-nat.json"
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared fixtures not available")
	}
	est := priceFixture(t, path)
	addr := `module.eks.module.eks_managed_node_group["worker"].aws_eks_node_group.this[0]`
	// m6i.large (first of four types) average spot 0.03264 × 730 = 23.8272;
	// disk 50 GB gp2 × 0.10 (us-east-2) = 5; total 28.8272.
	assertResources(t, est, map[string]string{addr: "28.8272"})
	r := findResource(est, addr)
	if c := comp(t, r, "Instance usage (Linux, spot, m6i.large)"); c.Note == "" || !containsAll(c.Note, ">20%", "59%") {
		t.Errorf("spot note %q lacks the Spot Advisor band", c.Note)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
