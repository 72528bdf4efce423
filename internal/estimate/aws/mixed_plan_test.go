package aws

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestMixedPlan prices testdata/mixed_plan.json (a `terraform show -json`
// plan, format 1.2, mixing the coverage types with a few core ones; the
// DynamoDB table uses an aliased us-east-2 provider) with
// testdata/mixed_usage.yml, through the real plan and usage readers.
func TestMixedPlan(t *testing.T) {
	p, err := plan.ReadFile("testdata/mixed_plan.json", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := usage.Load("testdata/mixed_usage.yml")
	if err != nil {
		t.Fatal(err)
	}
	// Priced on 2026-11-22: the EKS cluster's support status depends on the date.
	now := func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: NewRegistry(), Usage: u, Now: now}).Estimate(p)

	// Monthly cost per resource, by hand from shared/pricing (us-east-1 unless noted):
	want := map[string]string{
		// 3 × m5.large 0.096 × 730 = 210.24; 3 × 30 GB gp3 × 0.08 = 7.2.
		"aws_autoscaling_group.app": "217.44",
		// EKS 1.35 (standard support until 2027-03-27): 0.10 × 730.
		"aws_eks_cluster.main": "73",
		// 2 × t3.large 0.0832 × 730 = 121.472; 2 × 50 GB gp2 × 0.10 = 10.
		"aws_eks_node_group.workers": "131.472",
		// 2 pods × 0.25 vCPU × 730 = 365 × 0.04048 = 14.7752; 2 × 0.5 GB × 730 = 730 × 0.004445 = 3.24485.
		"aws_eks_fargate_profile.system": "18.02005",
		// 1M requests × 0.20 = 0.2; 1e6 × 0.5 GB × 0.1 s = 50,000 GB-s × 0.0000166667 = 0.833335.
		"aws_lambda_function.api": "1.033335",
		// us-east-2 (aliased provider): 20 WCU × 0.4745 = 9.49; 30 RCU × 0.0949 = 2.847; 10 GB × 0.25 = 2.5.
		"aws_dynamodb_table.sessions": "14.837",
		// 10 GB × 0.50 = 5; 50 GB × 0.03 = 1.5.
		"aws_cloudwatch_log_group.api":            "6.5",
		"aws_cloudwatch_metric_alarm.cpu":         "0.1", // 1 standard alarm metric
		"aws_cloudwatch_dashboard.ops":            "3",
		"aws_elasticache_replication_group.cache": "46.72", // 2 × cache.t4g.small 0.032 × 730
		"aws_elasticache_cluster.sessions":        "12.41", // 1 × cache.t3.micro memcached 0.017 × 730
		// 50 GB × 0.10 = 5; backups 50 GB × (7 − 1) = 300 GB × 0.021 = 6.3.
		"aws_rds_cluster.db": "11.3",
		// db.r6g.large aurora-postgresql 0.26 × 730 each.
		"aws_rds_cluster_instance.db[0]": "189.8",
		"aws_rds_cluster_instance.db[1]": "189.8",
		"aws_efs_file_system.shared":     "30", // 100 GB × 0.30
		// 2 subnets (aws_subnet.private[*]) × 0.01 × 730.
		"aws_vpc_endpoint.ecr_api":     "14.6",
		"aws_vpc_endpoint.s3":          "0", // gateway endpoints are free
		"aws_elb.legacy":               "18.25",
		"aws_kms_key.data":             "1",
		"aws_secretsmanager_secret.db": "0.4",
		"aws_sqs_queue.jobs":           "0.8", // 2M × 0.40 per 1M
		"aws_sns_topic.alerts":         "0",   // usage not given
		"aws_route53_zone.main":        "0.5",
		"aws_route53_record.www":       "0", // alias record
		"aws_ecr_repository.app":       "1", // 10 GB × 0.10
		// 2 × m6g.large.search 0.128 × 730 = 186.88; EBS storage unpriced.
		"aws_opensearch_domain.logs":                 "186.88",
		"aws_api_gateway_rest_api.public":            "3.5", // 1M × 3.50
		"aws_apigatewayv2_api.http":                  "10",  // 10M × 1.00
		"aws_cloudfront_distribution.cdn":            "0",   // unpriced
		"aws_ebs_volume.data":                        "8",   // 100 GB gp3 × 0.08 (core rule)
		"aws_ebs_snapshot.data":                      "5",   // size of aws_ebs_volume.data: 100 GB × 0.05
		"aws_ec2_transit_gateway_vpc_attachment.hub": "0",   // unpriced
		"aws_kinesis_stream.events":                  "0",   // unpriced
		"aws_sfn_state_machine.orders":               "0",   // unpriced
		"aws_msk_cluster.kafka":                      "0",   // unpriced
		"aws_redshift_cluster.dw":                    "0",   // unpriced
	}
	seen := map[string]bool{}
	for _, r := range est.Resources {
		w, ok := want[r.Address]
		if !ok {
			if r.Status != estimate.StatusFree {
				t.Errorf("%s (%s): unexpected status %s", r.Address, r.Type, r.Status)
			}
			continue
		}
		seen[r.Address] = true
		if r.Status != estimate.StatusPriced {
			t.Errorf("%s: status %s (%s)", r.Address, r.Status, r.Note)
		}
		if !r.MonthlyCost.Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s: monthly %s, want %s; components %s", r.Address, r.MonthlyCost, w, componentNames(r))
		}
	}
	for a := range want {
		if !seen[a] {
			t.Errorf("%s: not in the estimate", a)
		}
	}
	if r := findResource(est, "aws_dynamodb_table.sessions"); r != nil && r.Region != "us-east-2" {
		t.Errorf("dynamodb region %s, want us-east-2 (aliased provider)", r.Region)
	}
	// Sum of the above: 1195.362385.
	if w := decimal.RequireFromString("1195.362385"); !est.MonthlyCost.Equal(w) {
		t.Errorf("total monthly %s, want %s", est.MonthlyCost, w)
	}
	s := est.Summary
	// Free: aws_vpc.main, aws_subnet.private[0..1], aws_iam_role.node, aws_launch_template.app.
	if s.FreeResources != 5 || s.UnsupportedResources != 0 {
		t.Errorf("free %d unsupported %d, want 5 and 0 (%v)", s.FreeResources, s.UnsupportedResources, s.UnsupportedCounts)
	}
	// Unpriced: OpenSearch EBS 1, CloudFront 4, TGW 2, Kinesis 2, SFN 1, MSK 2, Redshift 2.
	if s.UnpricedComponents != 14 {
		t.Errorf("unpriced components %d, want 14", s.UnpricedComponents)
	}
}

func findResource(est *estimate.Estimate, addr string) *estimate.Resource {
	for _, r := range est.Resources {
		if r.Address == addr {
			return r
		}
	}
	return nil
}
