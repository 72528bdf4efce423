package acceptance

import (
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestUnknownCostDrivers: when the attribute that decides a price is only
// known after apply, the line is reported unknown (no cost, a warning),
// never priced as $0 and never priced at a guess. Usage is given for every
// type so a usage-based line cannot hide the problem.
func TestUnknownCostDrivers(t *testing.T) {
	u, err := usage.Parse("usage.yml", []byte(`version: 0.1
resource_type_default_usage:
  aws_lambda_function:
    monthly_requests: 1000000
    request_duration_ms: 1000
`))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		typ, after, unknown string
		line                string // prefix of the component that must be unknown
		bug                 string
	}{
		{typ: "aws_instance", after: `{}`, unknown: `{"instance_type":true}`, line: "Instance usage"},
		{typ: "aws_db_instance", after: `{"engine":"mysql","allocated_storage":20}`, unknown: `{"instance_class":true}`, line: "Database instance"},
		{typ: "aws_db_instance", after: `{"instance_class":"db.t3.micro","allocated_storage":20}`, unknown: `{"engine":true}`, line: "Database instance"},
		{typ: "aws_ebs_volume", after: `{"type":"gp3"}`, unknown: `{"size":true}`, line: "Storage (gp3)"},
		{typ: "aws_lb", after: `{}`, unknown: `{"load_balancer_type":true}`, line: "Load balancer"},
		{
			// 1M requests × 1 s would be 125,000 GB-s at 128 MB, or up to
			// 10,000,000 GB-s at 10,240 MB: the memory decides the price.
			typ: "aws_lambda_function", after: `{}`, unknown: `{"memory_size":true}`, line: "Duration",
		},
		{
			typ: "aws_elasticache_cluster", after: `{"engine":"redis","num_cache_nodes":1}`, unknown: `{"node_type":true}`, line: "ElastiCache",
		},
		{
			typ: "aws_elasticache_replication_group", after: `{"num_cache_clusters":2}`, unknown: `{"node_type":true}`, line: "ElastiCache",
		},
		{
			// The configuration gives instance_types with an element known only
			// after apply: not EKS's default t3.medium.
			typ: "aws_eks_node_group", after: `{"instance_types":[null],"scaling_config":[{"desired_size":2}]}`,
			unknown: `{"instance_types":[true]}`, line: "Instance usage",
		},
	}
	for _, c := range cases {
		t.Run(c.typ+" "+c.unknown, func(t *testing.T) {
			p := &plan.Plan{File: "inline", Resources: []*plan.Resource{{Address: c.typ + ".this", Type: c.typ, Name: "this",
				Region: "us-east-1", RegionSource: plan.RegionFromProvider, Action: plan.ActionCreate,
				After: []byte(c.after), AfterUnknown: []byte(c.unknown)}}}
			est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(), Usage: u}).Estimate(p)
			check := func(t tb) {
				t.Helper()
				r := est.Resources[0]
				var found *estimate.Component
				for i := range r.Components {
					if strings.HasPrefix(r.Components[i].Name, c.line) {
						found = &r.Components[i]
					}
				}
				if found == nil {
					t.Errorf("no %q line%s", c.line, describe(r))
					return
				}
				if !found.Unknown || found.MonthlyCost != nil {
					t.Errorf("%q: unknown=%v cost=%v, want unknown with no cost%s", c.line, found.Unknown, found.MonthlyCost, describe(r))
				}
				if len(r.Warnings) == 0 {
					t.Errorf("no warning about the unknown value")
				}
			}
			if c.bug != "" {
				knownBug(t, c.bug, check)
				return
			}
			check(t)
		})
	}
}
