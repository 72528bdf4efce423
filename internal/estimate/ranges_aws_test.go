package estimate_test

import (
	"encoding/json"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
)

// TestRangesWithAWSRules is the acceptance plan: an ASG, an EKS node
// group and an ECS service with an autoscaling target, priced by the real
// rules from the embedded catalog (us-east-1):
//
//	ASG: launch template m5.large 0.096/h (ec2_ondemand_linux.csv), 8 GB gp3 root 0.08/GB-month
//	  per instance 0.096 × 730 + 8 × 0.08 = 70.08 + 0.64 = 70.72; min 1 / desired 2 / max 6
//	  → 70.72 / 141.44 / 424.32
//	EKS node group: t3.medium 0.0416/h, default disk 20 GB gp2 0.10
//	  per node 0.0416 × 730 + 20 × 0.10 = 30.368 + 2 = 32.368; min 2 / desired 3 / max 5
//	  → 64.736 / 97.104 / 161.84
//	ECS service on Fargate, task 512 CPU (0.5 vCPU) / 1024 MB (1 GB), desired 2, target min 1 max 10:
//	  per task 0.5 × 0.04048 × 730 + 1 × 0.004445 × 730 = 14.7752 + 3.24485 = 18.02005
//	  → 18.02005 / 36.0401 / 180.2005
func TestRangesWithAWSRules(t *testing.T) {
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{
		{Type: "aws_launch_template", Name: "web", Values: raw(map[string]any{"instance_type": "m5.large",
			"block_device_mappings": []any{map[string]any{"device_name": "/dev/xvda", "ebs": []any{map[string]any{"volume_size": 8, "volume_type": "gp3"}}}}})},
		{Type: "aws_autoscaling_group", Name: "web", Values: raw(map[string]any{"min_size": 1, "desired_capacity": 2, "max_size": 6,
			"launch_template": []any{map[string]any{"version": "$Latest"}}})},
		{Type: "aws_eks_node_group", Name: "apps", Values: raw(map[string]any{"instance_types": []string{"t3.medium"},
			"scaling_config": []any{map[string]any{"min_size": 2, "desired_size": 3, "max_size": 5}}})},
		{Type: "aws_ecs_task_definition", Name: "api", Values: raw(map[string]any{"cpu": "512", "memory": "1024",
			"requires_compatibilities": []string{"FARGATE"}})},
		{Type: "aws_ecs_service", Name: "api", Values: raw(map[string]any{"name": "api", "cluster": "main", "desired_count": 2, "launch_type": "FARGATE"})},
		{Type: "aws_appautoscaling_target", Name: "api", Values: raw(map[string]any{"service_namespace": "ecs",
			"resource_id": "service/main/api", "scalable_dimension": "ecs:service:DesiredCount", "min_capacity": 1, "max_capacity": 10})},
	})
	for _, r := range p.Resources {
		switch r.Address {
		case "aws_autoscaling_group.web":
			r.References = map[string][]string{"launch_template": {"aws_launch_template.web"}}
		case "aws_ecs_service.api":
			r.References = map[string][]string{"task_definition": {"aws_ecs_task_definition.api"}}
		}
	}
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(p)
	want := map[string][3]string{
		"aws_autoscaling_group.web": {"70.72", "141.44", "424.32"},
		"aws_eks_node_group.apps":   {"64.736", "97.104", "161.84"},
		"aws_ecs_service.api":       {"18.02005", "36.0401", "180.2005"},
	}
	for _, r := range est.Resources {
		w, ok := want[r.Address]
		if !ok {
			continue
		}
		if r.Range == nil {
			t.Fatalf("%s: no range", r.Address)
		}
		got := [3]string{r.Range.Min.String(), r.Range.Expected.String(), r.Range.Max.String()}
		for i := range w {
			if !estimate.Dec(got[i]).Equal(estimate.Dec(w[i])) {
				t.Errorf("%s: range %v, want %v (basis %q; monthly %s; warnings %v)", r.Address, got, w, r.Range.Basis, r.MonthlyCost, r.Warnings)
				break
			}
		}
	}
	// Total max = 424.32 + 161.84 + 180.2005 = 766.3605 (other resources are free).
	if !est.Range.Max.Equal(estimate.Dec("766.3605")) {
		t.Errorf("total max = %s", est.Range.Max)
	}
}

// TestDynamoDBRange: a provisioned table in us-east-2 (aws_unit_prices.csv:
// provisioned WCU 0.4745, RCU 0.0949 per unit-month) with read 10 and write 5,
// and autoscaling targets read 5–100, write 5–50. Only the capacity lines scale:
//
//	write 5 × 0.4745 = 2.3725 (min 5 → 2.3725, max 50 → 23.725)
//	read 10 × 0.0949 = 0.949  (min 5 → 0.4745, max 100 → 9.49)
//	min 2.3725 + 0.4745 = 2.847; expected 3.3215; max 23.725 + 9.49 = 33.215
func TestDynamoDBRange(t *testing.T) {
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	target := func(dim string, lo, hi int) map[string]any {
		return map[string]any{"service_namespace": "dynamodb", "resource_id": "table/orders",
			"scalable_dimension": "dynamodb:table:" + dim, "min_capacity": lo, "max_capacity": hi}
	}
	p := estimate.InlinePlan("us-east-2", []estimate.InlineResource{
		{Type: "aws_dynamodb_table", Name: "orders", Values: raw(map[string]any{"name": "orders", "billing_mode": "PROVISIONED",
			"read_capacity": 10, "write_capacity": 5})},
		{Type: "aws_appautoscaling_target", Name: "read", Values: raw(target("ReadCapacityUnits", 5, 100))},
		{Type: "aws_appautoscaling_target", Name: "write", Values: raw(target("WriteCapacityUnits", 5, 50))},
	})
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(p)
	r := est.Resources[0]
	if !r.MonthlyCost.Equal(estimate.Dec("3.3215")) {
		t.Fatalf("monthly = %s (components %+v)", r.MonthlyCost, r.Components)
	}
	if r.Range == nil || !r.Range.Min.Equal(estimate.Dec("2.847")) || !r.Range.Expected.Equal(estimate.Dec("3.3215")) ||
		!r.Range.Max.Equal(estimate.Dec("33.215")) {
		t.Errorf("range = %+v", r.Range)
	}
}

// TestAuroraReplicaRange: an Aurora PostgreSQL cluster with a writer and one
// reader (db.r6g.large, rds_instance_hourly.csv us-east-1: 0.26/h → 189.80 a
// month each) and a ReadReplicaCount target 2–5. Autoscaling adds readers to
// reach the minimum, so today's 1 reader becomes 2 at least and 5 at most:
//
//	cluster (no storage usage) 0 → min = expected 0 + (2 − 1) × 189.80 = 189.80,
//	max 0 + (5 − 1) × 189.80 = 759.20
func TestAuroraReplicaRange(t *testing.T) {
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	inst := map[string]any{"cluster_identifier": "shop", "instance_class": "db.r6g.large", "engine": "aurora-postgresql"}
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{
		{Type: "aws_rds_cluster", Name: "shop", Values: raw(map[string]any{"cluster_identifier": "shop", "engine": "aurora-postgresql"})},
		{Type: "aws_rds_cluster_instance", Name: "db", Count: 2, Values: raw(inst)},
		{Type: "aws_appautoscaling_target", Name: "replicas", Values: raw(map[string]any{"service_namespace": "rds",
			"resource_id": "cluster:shop", "scalable_dimension": "rds:cluster:ReadReplicaCount", "min_capacity": 2, "max_capacity": 5})},
	})
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(p)
	for _, r := range est.Resources {
		if r.Type == "aws_rds_cluster_instance" && !r.MonthlyCost.Equal(estimate.Dec("189.8")) {
			t.Fatalf("%s = %s, want 189.80 (%+v)", r.Address, r.MonthlyCost, r.Components)
		}
		if r.Type != "aws_rds_cluster" {
			continue
		}
		base := r.MonthlyCost
		if r.Range == nil || !r.Range.Min.Equal(base.Add(estimate.Dec("189.8"))) || !r.Range.Expected.Equal(base.Add(estimate.Dec("189.8"))) ||
			!r.Range.Max.Equal(base.Add(estimate.Dec("759.2"))) {
			t.Errorf("cluster monthly %s, range %+v", base, r.Range)
		}
	}
}
