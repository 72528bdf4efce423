package aws

import (
	"encoding/json"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

func TestAutoscalingGroup(t *testing.T) {
	lt := func(values string) []testResource {
		return []testResource{{Type: "aws_launch_template", Name: "app", Values: values}}
	}
	ltM5 := lt(`{"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":30,"volume_type":"gp3"}]}]}`)
	refLT := map[string][]string{"launch_template": {"aws_launch_template.app"}}
	refMixed := map[string][]string{"mixed_instances_policy": {"aws_launch_template.app"}}
	runCovCases(t, "aws_autoscaling_group", []covCase{
		// Member volumes are priced like aws_ebs_volume, per volume then × members.
		// eu-west-1 (aws_unit_prices.csv): m5.large 0.107, gp3 0.088/GB, IOPS above
		// 3000 0.0055, throughput 45.056 per GiBps-month. 2 members:
		// 2 × 0.107 × 730 = 156.22; 2 × 100 GB × 0.088 = 17.6; 2 × 1000 IOPS ×
		// 0.0055 = 11; 2 × (253 − 125) / 1024 = 0.25 GiBps × 45.056 = 11.264
		// (not 2 × 128 × 45.056 = 11,534.336, the MB/s quantity at the GiBps price);
		// total 196.084.
		{name: "gp3 extras in a GiBps region", region: "eu-west-1",
			values: `{"desired_capacity":2,"min_size":1,"max_size":4,"launch_template":[{"id":"lt-1"}]}`, refs: refLT,
			others: lt(`{"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":100,"volume_type":"gp3","iops":4000,"throughput":253}]}]}`),
			want: map[string]string{"Instance usage (Linux, on-demand, m5.large)": "156.22", "Storage (gp3)": "17.6",
				"IOPS above 3000 (gp3)": "11", "Throughput above 125 MiB/s (gp3)": "11.264"}, total: "196.084"},
		// io2 IOPS tiers apply per volume: 1 member, eu-west-1 io2 0.138/GB, tier 1
		// 0.072, tier 2 0.0504. 0.107 × 730 = 78.11; 50 × 0.138 = 6.9;
		// 32000 × 0.072 = 2304; 8000 × 0.0504 = 403.2; total 2792.21.
		{name: "io2 tiers", region: "eu-west-1",
			values: `{"desired_capacity":1,"min_size":1,"max_size":1,"launch_template":[{"id":"lt-1"}]}`, refs: refLT,
			others: lt(`{"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":50,"volume_type":"io2","iops":40000}]}]}`),
			want: map[string]string{"Storage (io2)": "6.9", "Provisioned IOPS (io2, up to 32000)": "2304",
				"Provisioned IOPS (io2, 32001-64000)": "403.2"}, total: "2792.21"},
		// 3 × m5.large 0.096 × 730 = 210.24; 3 × 30 GB gp3 × 0.08 = 7.2; total 217.44.
		{name: "launch template", values: `{"desired_capacity":3,"min_size":1,"max_size":6,"launch_template":[{"id":"lt-1"}]}`,
			others: ltM5, refs: refLT,
			want: map[string]string{"Instance usage (Linux, on-demand, m5.large)": "210.24", "Storage (gp3)": "7.2"}, total: "217.44"},
		// desired_capacity computed by AWS (not in the configuration): min_size 2:
		// 2 × 70.08 = 140.16; 60 GB × 0.08 = 4.8; total 144.96.
		{name: "desired not set", values: `{"desired_capacity":null,"min_size":2,"max_size":6}`, unknown: `{"desired_capacity":true}`,
			others: ltM5, refs: refLT, total: "144.96",
			note: map[string]string{"Instance usage (Linux, on-demand, m5.large)": "min_size 2"}},
		// desired_capacity from an unknown expression: not priced.
		{name: "desired unknown", values: `{"desired_capacity":null,"min_size":2}`, unknown: `{"desired_capacity":true}`,
			others: ltM5, refs: map[string][]string{"launch_template": {"aws_launch_template.app"}, "desired_capacity": {"aws_ssm_parameter.size"}},
			want: map[string]string{"Instance usage (m5.large)": ""}, total: "0"},
		// Mixed: base 1, 25 % above base, desired 5 → on-demand 1 + ceil(4 × 0.25) = 2, spot 3.
		// 2 × 0.096 × 730 = 140.16; 3 × 0.03168 (avg spot) × 730 = 69.3792; 5 × 30 GB × 0.08 = 12;
		// total 221.5392.
		{name: "mixed instances", values: `{"desired_capacity":5,"min_size":1,"mixed_instances_policy":[{"instances_distribution":[{"on_demand_base_capacity":1,"on_demand_percentage_above_base_capacity":25}],"launch_template":[{"override":[{"instance_type":"m5.large"},{"instance_type":"m5a.large"}]}]}]}`,
			others: ltM5, refs: refMixed,
			want: map[string]string{"Instance usage (Linux, on-demand, m5.large)": "140.16", "Instance usage (Linux, spot, m5.large)": "69.3792",
				"Storage (gp3)": "12"}, total: "221.5392",
			note: map[string]string{"Instance usage (Linux, spot, m5.large)": "interruption band 15-20%"}},
		// Launch configuration with spot_price: 2 × t3.micro spot 0.002912 × 730 = 4.25152;
		// root 8 GB gp2 × 2 × 0.10 = 1.6; total 5.85152.
		{name: "launch configuration spot", values: `{"desired_capacity":2,"min_size":1,"launch_configuration":"lc"}`,
			others: []testResource{{Type: "aws_launch_configuration", Name: "lc", Values: `{"instance_type":"t3.micro","spot_price":"0.01","root_block_device":[{"volume_size":8,"volume_type":"gp2"}]}`}},
			refs:   map[string][]string{"launch_configuration": {"aws_launch_configuration.lc"}},
			want:   map[string]string{"Instance usage (Linux, spot, t3.micro)": "4.25152", "Storage (gp2)": "1.6"}, total: "5.85152"},
		// Reserved 1 yr standard all upfront: effective 0.056393 × 3 × 730 = 123.50067 (not $0).
		{name: "reserved all upfront", values: `{"desired_capacity":3,"min_size":1}`, others: ltM5, refs: refLT,
			usage: "reserved_instance_type: standard\nreserved_instance_term: 1_year\nreserved_instance_payment_option: all_upfront",
			want:  map[string]string{"Instance usage (Linux, reserved 1yr all upfront, m5.large)": "123.50067"}},
		// Savings plan 20 % off: 0.096 × 0.8 = 0.0768 × 3 × 730 = 168.192.
		{name: "savings plan percent", values: `{"desired_capacity":3,"min_size":1}`, others: ltM5, refs: refLT,
			usage: "savings_plan_discount_percent: 20",
			want:  map[string]string{"Instance usage (Linux, savings plan, m5.large)": "168.192"},
			note:  map[string]string{"Instance usage (Linux, savings plan, m5.large)": "no savings-plan rates"}},
		// Savings plan rate 0.06/h: 0.06 × 3 × 730 = 131.4.
		{name: "savings plan rate", values: `{"desired_capacity":3,"min_size":1}`, others: ltM5, refs: refLT,
			usage: "savings_plan_rate: 0.06", want: map[string]string{"Instance usage (Linux, savings plan, m5.large)": "131.4"}},
		// usage purchase_option spot and instances 4: 4 × 0.03168 × 730 = 92.5056.
		{name: "usage spot and instances", values: `{"desired_capacity":3,"min_size":1}`, others: ltM5, refs: refLT,
			usage: "purchase_option: spot\ninstances: 4", want: map[string]string{"Instance usage (Linux, spot, m5.large)": "92.5056"}},
		// Template not in the plan: the instance type is unknown → unpriced.
		{name: "template missing", values: `{"desired_capacity":3,"launch_template":[{"id":"lt-existing"}]}`,
			unpriced: []string{"Instance usage"}, total: "0"},
	})
}

func TestEKSNodeGroup(t *testing.T) {
	runCovCases(t, "aws_eks_node_group", []covCase{
		// 2 × t3.large 0.0832 × 730 = 121.472; 2 × 50 GB gp2 × 0.10 = 10; total 131.472.
		{name: "on-demand", values: `{"instance_types":["t3.large"],"disk_size":50,"scaling_config":[{"desired_size":2,"min_size":1,"max_size":4}]}`,
			want: map[string]string{"Instance usage (Linux, on-demand, t3.large)": "121.472", "Storage (gp2)": "10"}, total: "131.472"},
		// SPOT: 2 × t3.large avg spot 0.031616 × 730 = 46.15936; disk default 20 GB × 2 × 0.10 = 4.
		{name: "spot", values: `{"instance_types":["t3.large","t3a.large"],"capacity_type":"SPOT","scaling_config":[{"desired_size":2,"min_size":1,"max_size":4}]}`,
			want: map[string]string{"Instance usage (Linux, spot, t3.large)": "46.15936"}, total: "50.15936",
			note: map[string]string{"Instance usage (Linux, spot, t3.large)": "5-10%"}},
		// Defaults: t3.medium 0.0416 × 730 = 30.368, 20 GB gp2 = 2; total 32.368.
		{name: "defaults", values: `{"scaling_config":[{"desired_size":1,"min_size":1,"max_size":1}]}`, total: "32.368",
			note: map[string]string{"Instance usage (Linux, on-demand, t3.medium)": "default t3.medium"}},
		// instance_types left out is computed (unknown at create) and EKS picks
		// t3.medium: the same 32.368.
		{name: "types not set, computed", values: `{"scaling_config":[{"desired_size":1,"min_size":1,"max_size":1}]}`,
			unknown: `{"instance_types":true}`, total: "32.368",
			want: map[string]string{"Instance usage (Linux, on-demand, t3.medium)": "30.368"}},
		// instance_types from an expression known only after apply: the nodes are
		// unknown, not t3.medium; the disks 2 × 20 GB × 0.10 = 4 do not depend on it.
		{name: "types unknown", values: `{"scaling_config":[{"desired_size":2,"min_size":1,"max_size":3}]}`,
			unknown: `{"instance_types":true}`, refs: map[string][]string{"instance_types": {"aws_ssm_parameter.node_type"}},
			unknownLines: []string{"Instance usage (instance type unknown)"}, want: map[string]string{"Storage (gp2)": "4"}, total: "4", count: 2},
		// A list with an unknown element is unknown too.
		{name: "type element unknown", values: `{"instance_types":[null],"scaling_config":[{"desired_size":1}]}`,
			unknown: `{"instance_types":[true]}`, unknownLines: []string{"Instance usage (instance type unknown)"}, total: "2"},
		// Launch template: m5.large 70.08 + 40 GB gp3 × 0.08 = 3.2; total 73.28.
		{name: "launch template", values: `{"launch_template":[{"id":"lt-1"}],"scaling_config":[{"desired_size":1,"min_size":1,"max_size":3}]}`,
			others: []testResource{{Type: "aws_launch_template", Name: "nodes", Values: `{"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":40,"volume_type":"gp3"}]}]}`}},
			refs:   map[string][]string{"launch_template": {"aws_launch_template.nodes"}}, total: "73.28"},
		// desired_size unknown: not priced.
		{name: "unknown size", values: `{"instance_types":["t3.large"],"scaling_config":[{"desired_size":null}]}`,
			unknown: `{"scaling_config":[{"desired_size":true}]}`, want: map[string]string{"Instance usage (t3.large)": ""}},
	})
}

func TestComputePurchaseOptionsAndRegions(t *testing.T) {
	ltM5 := []testResource{{Type: "aws_launch_template", Name: "app", Values: `{"instance_type":"m5.large"}`}}
	refLT := map[string][]string{"launch_template": {"aws_launch_template.app"}}
	runCovCases(t, "aws_autoscaling_group", []covCase{
		// Windows from usage: m5.large windows 0.188 × 2 × 730 = 274.48.
		{name: "windows", values: `{"desired_capacity":2}`, others: ltM5, refs: refLT, usage: "operating_system: windows",
			want: map[string]string{"Instance usage (Windows, on-demand, m5.large)": "274.48"}},
		// eu-west-1 m5.large 0.107 × 730 = 78.11 (EC2 is regional-only: the region's own figure).
		{name: "eu-west-1", region: "eu-west-1", values: `{"desired_capacity":1}`, others: ltM5, refs: refLT,
			want: map[string]string{"Instance usage (Linux, on-demand, m5.large)": "78.11"}},
		// Spot for Windows is not in the catalog: unpriced, not $0.
		{name: "windows spot", values: `{"desired_capacity":1}`, others: ltM5, refs: refLT,
			usage: "operating_system: windows\npurchase_option: spot", unpriced: []string{"Instance usage (Windows, spot, m5.large)"}},
	})
	runCovCases(t, "aws_eks_node_group", []covCase{
		// Savings plan 30 %: t3.large 0.0832 × 0.7 = 0.05824 × 3 × 730 = 127.5456; disks 3 × 20 GB gp2 × 0.10 = 6.
		{name: "savings plan", values: `{"instance_types":["t3.large"],"scaling_config":[{"desired_size":3,"min_size":1,"max_size":5}]}`,
			usage: "savings_plan_discount_percent: 30",
			want:  map[string]string{"Instance usage (Linux, savings plan, t3.large)": "127.5456"}, total: "133.5456"},
	})
	// An ElastiCache node type the region lacks is unpriced: ElastiCache prices
	// never fall back to another region.
	runCovCases(t, "aws_elasticache_cluster", []covCase{
		{name: "no regional figure", region: "eu-west-1", values: `{"node_type":"cache.nonexistent.large","engine":"redis","num_cache_nodes":1}`,
			unpriced: []string{"ElastiCache (on-demand, cache.nonexistent.large)"}, total: "0"},
	})
}

// TestInvalidPurchaseUsage: a misspelt reservation term is reported, never a
// silent on-demand price or $0.
func TestInvalidPurchaseUsage(t *testing.T) {
	runCovCases(t, "aws_elasticache_cluster", []covCase{
		{name: "bad term", values: `{"node_type":"cache.m5.large","engine":"redis","num_cache_nodes":1}`,
			usage:    "reserved_instance_term: 2_year",
			unpriced: []string{"ElastiCache (on-demand, cache.m5.large)"}, note: map[string]string{"ElastiCache (on-demand, cache.m5.large)": "invalid usage"}},
	})
	runCovCases(t, "aws_eks_node_group", []covCase{
		{name: "bad payment option", values: `{"instance_types":["t3.large"],"scaling_config":[{"desired_size":1}]}`,
			usage:    "reserved_instance_term: 1_year\nreserved_instance_payment_option: everything_upfront",
			unpriced: []string{"Instance usage (t3.large)"}},
	})
}

// TestAutoscalingGroupTemplateByValue: without a configuration reference (a
// deleted group has no configuration; a plan may lack it) the template or
// launch configuration is found by the id or name in the group's values.
// us-east-1: m5.large 0.096, t3.micro 0.0104, gp2 0.1, gp3 0.08.
func TestAutoscalingGroupTemplateByValue(t *testing.T) {
	lt := []testResource{{Type: "aws_launch_template", Name: "app", Values: `{"id":"lt-1","name":"web",` +
		`"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":30,"volume_type":"gp3"}]}]}`}}
	// 3 × 0.096 × 730 = 210.24; 3 × 30 GB × 0.08 = 7.2; total 217.44.
	want := map[string]string{"Instance usage (Linux, on-demand, m5.large)": "210.24", "Storage (gp3)": "7.2"}
	runCovCases(t, "aws_autoscaling_group", []covCase{
		{name: "launch_template id", values: `{"desired_capacity":3,"launch_template":[{"id":"lt-1"}]}`,
			others: lt, want: want, total: "217.44"},
		{name: "launch_template name", values: `{"desired_capacity":3,"launch_template":[{"name":"web"}]}`,
			others: lt, want: want, total: "217.44"},
		{name: "mixed policy specification id", values: `{"desired_capacity":3,"mixed_instances_policy":[{"launch_template":` +
			`[{"launch_template_specification":[{"launch_template_id":"lt-1"}]}]}]}`,
			others: lt, want: want, total: "217.44"},
		// A template id the plan does not hold: still unpriced, not $0.
		{name: "id not in plan", values: `{"desired_capacity":3,"launch_template":[{"id":"lt-other"}]}`,
			others: lt, unpriced: []string{"Instance usage"}, total: "0"},
		// Launch configuration by name: 2 × 0.0104 × 730 = 15.184; 2 × 8 GB gp2 × 0.1 = 1.6; total 16.784.
		{name: "launch_configuration name", values: `{"desired_capacity":2,"launch_configuration":"lc-1"}`,
			others: []testResource{{Type: "aws_launch_configuration", Name: "lc", Values: `{"name":"lc-1","instance_type":"t3.micro",` +
				`"root_block_device":[{"volume_size":8,"volume_type":"gp2"}]}`}},
			want: map[string]string{"Instance usage (Linux, on-demand, t3.micro)": "15.184", "Storage (gp2)": "1.6"}, total: "16.784"},
	})

	// A deleted group priced before the change: its prior values name the
	// template by id, matched against the template's prior values (the
	// planned id of a replaced template would not count).
	p := &plan.Plan{File: "test", Resources: []*plan.Resource{
		{Address: "aws_autoscaling_group.gone", Type: "aws_autoscaling_group", Name: "gone", Region: "us-east-1",
			Action: plan.ActionDelete, Before: json.RawMessage(`{"desired_capacity":3,"launch_template":[{"id":"lt-old"}]}`)},
		{Address: "aws_launch_template.app", Type: "aws_launch_template", Name: "app", Region: "us-east-1", Action: plan.ActionReplace,
			Before: json.RawMessage(`{"id":"lt-old","instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":30,"volume_type":"gp3"}]}]}`),
			After:  json.RawMessage(`{"id":"lt-new","instance_type":"m5.xlarge"}`)},
	}}
	e := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: NewRegistry()})
	// Prior: 3 × m5.large 210.24 + 7.2 = 217.44 (not m5.xlarge, the planned type).
	prior := e.EstimatePrior(p)
	assertTotal(t, prior.Resources[0], "217.44")
	assertMonthly(t, prior.Resources[0], "Instance usage (Linux, on-demand, m5.large)", "210.24")
	if planned := e.Estimate(p); planned.Resources[0].Status != estimate.StatusSkipped {
		t.Errorf("deleted group after the change: status %s, want skipped", planned.Resources[0].Status)
	}
}

// TestAutoscalingGroupDefaultRoot: a template or configuration that does not
// give the root volume's size leaves it to the AMI; like aws_instance, each
// member's root is priced at 8 GB of gp2 (or the root mapping's type), with
// a note, rather than left out. us-east-1: m5.large 0.096, t3.micro 0.0104,
// gp2 0.1, gp3 0.08.
func TestAutoscalingGroupDefaultRoot(t *testing.T) {
	lt := func(values string) []testResource {
		return []testResource{{Type: "aws_launch_template", Name: "app", Values: values}}
	}
	refLT := map[string][]string{"launch_template": {"aws_launch_template.app"}}
	runCovCases(t, "aws_autoscaling_group", []covCase{
		// 3 × 0.096 × 730 = 210.24; roots 3 × 8 GB × 0.1 = 2.4; total 212.64.
		{name: "template without mappings", values: `{"desired_capacity":3}`, others: lt(`{"instance_type":"m5.large"}`), refs: refLT,
			want: map[string]string{"Storage (gp2)": "2.4"}, total: "212.64", count: 2,
			note: map[string]string{"Storage (gp2)": "priced as 8 GB of gp2"}},
		// Root mapping with a type and no size: 3 × 8 GB × 0.08 (gp3) = 1.92; total 212.16.
		{name: "root type only", values: `{"desired_capacity":3}`, refs: refLT,
			others: lt(`{"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_type":"gp3"}]}]}`),
			want:   map[string]string{"Storage (gp3)": "1.92"}, total: "212.16", note: map[string]string{"Storage (gp3)": "8 GB"}},
		// A data volume only: 3 × 100 GB × 0.08 = 24 plus the roots 2.4; total 236.64.
		{name: "data volume only", values: `{"desired_capacity":3}`, refs: refLT,
			others: lt(`{"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/sdf","ebs":[{"volume_size":100,"volume_type":"gp3"}]}]}`),
			want:   map[string]string{"Storage (gp3)": "24", "Storage (gp2)": "2.4"}, total: "236.64"},
		// The root mapping gives the size (Ubuntu's /dev/sda1): no default added;
		// 3 × 20 GB × 0.08 = 4.8; total 215.04.
		{name: "sized root", values: `{"desired_capacity":3}`, refs: refLT, count: 2,
			others: lt(`{"instance_type":"m5.large","block_device_mappings":[{"device_name":"/dev/sda1","ebs":[{"volume_size":20,"volume_type":"gp3"}]}]}`),
			want:   map[string]string{"Storage (gp3)": "4.8"}, total: "215.04"},
		// Launch configuration whose root_block_device is computed: 2 × 0.0104 × 730
		// = 15.184; roots 2 × 8 GB × 0.1 = 1.6; total 16.784.
		{name: "launch configuration", values: `{"desired_capacity":2}`,
			others: []testResource{{Type: "aws_launch_configuration", Name: "lc", Values: `{"instance_type":"t3.micro"}`}},
			refs:   map[string][]string{"launch_configuration": {"aws_launch_configuration.lc"}},
			want:   map[string]string{"Instance usage (Linux, on-demand, t3.micro)": "15.184", "Storage (gp2)": "1.6"}, total: "16.784"},
	})
}
