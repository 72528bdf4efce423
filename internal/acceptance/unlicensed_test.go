package acceptance

import (
	"fmt"
	"strings"
	"testing"
)

// TestUnlicensedPlans hand-checks the plans of plans/unlicensed, read in
// place from ../../../shared (never copied; skipped when absent). Regions
// come from each plan's provider block, resolved through the root variables
// where the block references one. "≈" marks a documented us-east-1 (or, for
// DynamoDB, us-east-2) fallback; such components are flagged approximate.
func TestUnlicensedPlans(t *testing.T) {
	cases := []fixtureCase{
		{
			// us-east-2 (constant). Two KMS keys 1 (≈) each.
			// EKS 1.21 is past standard support: 0.6 × 730 = 438 (the
			// catalog's us-east-2 extended-support total, 0.10 + 0.50).
			// Node group SPOT, desired 1, first type m6i.large: spot average
			// 0.03264 (ec2_linux_reserved_spot.csv) × 730 = 23.8272 + disk
			// 50 GB gp2 × 0.1 = 5 → 28.8272.
			// EIP 0.005 (≈) × 730 = 3.65; NAT 0.045 × 730 = 32.85.
			// Total 2 + 438 + 28.8272 + 3.65 + 32.85 = 505.3272.
			file: "andresb-1.3.7-eks-nat.json", total: "505.3272", region: "us-east-2",
			costs: []want{
				priced("aws_kms_key.ebs", "us-east-2", "1"),
				priced("aws_kms_key.eks", "us-east-2", "1"),
				priced("module.eks.aws_eks_cluster.this[0]", "us-east-2", "438"),
				priced(`module.eks.module.eks_managed_node_group["worker"].aws_eks_node_group.this[0]`, "us-east-2", "28.8272"),
				priced("module.vpc.aws_eip.nat[0]", "us-east-2", "3.65"),
				priced("module.vpc.aws_nat_gateway.this[0]", "us-east-2", "32.85"),
			},
		},
		{
			// us-east-1: EIP 3.65; two t2.micro 8.468 + root 0.8 = 9.268;
			// NAT 32.85. Transit gateway attachments: no catalog price
			// (unpriced, not $0). Total 55.036.
			file: "ayosal-0.12.20-transit-gateway.json", total: "55.036", region: "us-east-1",
			costs: []want{
				priced("aws_eip.pub1", "us-east-1", "3.65"),
				priced("aws_instance.access_server", "us-east-1", "9.268"),
				priced("aws_instance.priv-access_server", "us-east-1", "9.268"),
				priced("aws_nat_gateway.gw1", "us-east-1", "32.85"),
			},
		},
		{
			// us-east-1 (var.region). EKS 1.29 is past standard support
			// (2025-03-23): extended 0.6 × 730 = 438. Three EIPs 3.65 and
			// three NAT gateways 32.85. Three node groups of 3 c3.large
			// (0.105): 3 × 730 = 2190 h × 0.105 = 229.95 + 3 × 20 GB gp2 ×
			// 0.1 = 6 → 235.95 each.
			// Total 438 + 10.95 + 98.55 + 707.85 = 1255.35.
			file: "cyse-1.5.7-eks-nat3.json", total: "1255.35", region: "us-east-1",
			costs: []want{
				priced("module.eks.aws_eks_cluster.eks", "us-east-1", "438"),
				priced("module.network.aws_eip.elastic_ip[0]", "us-east-1", "3.65"),
				priced("module.network.aws_eip.elastic_ip[1]", "us-east-1", "3.65"),
				priced("module.network.aws_eip.elastic_ip[2]", "us-east-1", "3.65"),
				priced("module.network.aws_nat_gateway.nat_gw[0]", "us-east-1", "32.85"),
				priced("module.network.aws_nat_gateway.nat_gw[1]", "us-east-1", "32.85"),
				priced("module.network.aws_nat_gateway.nat_gw[2]", "us-east-1", "32.85"),
				priced("module.node_group.aws_eks_node_group.node_group[0]", "us-east-1", "235.95"),
				priced("module.node_group.aws_eks_node_group.node_group[1]", "us-east-1", "235.95"),
				priced("module.node_group.aws_eks_node_group.node_group[2]", "us-east-1", "235.95"),
			},
		},
		{
			// ap-southeast-1 (var.aws_region). Nine alarms 0.1 (≈) = 0.9.
			// Aurora Serverless v2 instance at the cluster's min 0.5 ACU:
			// 0.5 × 730 = 365 ACU-h × 0.12 (≈) = 43.8. Secret 0.4 (≈).
			// Lambda, DynamoDB on-demand, S3, SQS, SNS, logs: usage-based.
			// Total 0.9 + 43.8 + 0.4 = 45.1.
			file: "drdaily-1.10.3-serverless-mixed.json", total: "45.1", region: "ap-southeast-1",
			costs: []want{
				priced("aws_cloudwatch_metric_alarm.api_4xx_errors", "ap-southeast-1", "0.1"),
				priced("aws_cloudwatch_metric_alarm.api_5xx_errors", "ap-southeast-1", "0.1"),
				priced("aws_cloudwatch_metric_alarm.dlq_messages", "ap-southeast-1", "0.1"),
				priced("aws_cloudwatch_metric_alarm.report_worker_errors", "ap-southeast-1", "0.1"),
				priced("aws_cloudwatch_metric_alarm.telegram_api_duration", "ap-southeast-1", "0.1"),
				priced("aws_cloudwatch_metric_alarm.telegram_api_errors", "ap-southeast-1", "0.1"),
				priced("module.fund_data_sync_queue.aws_cloudwatch_metric_alarm.dlq_messages[0]", "ap-southeast-1", "0.1"),
				priced("module.fund_data_sync_queue.aws_cloudwatch_metric_alarm.message_age[0]", "ap-southeast-1", "0.1"),
				priced("module.fund_data_sync_queue.aws_cloudwatch_metric_alarm.queue_depth[0]", "ap-southeast-1", "0.1"),
				priced("aws_rds_cluster_instance.aurora[0]", "ap-southeast-1", "43.8"),
				priced("aws_secretsmanager_secret.aurora_credentials[0]", "ap-southeast-1", "0.4"),
			},
		},
		{
			// us-east-1 (var.region): EIP 3.65, NAT 32.85, ALB 16.425;
			// Fargate 1024 CPU / 2048 MiB, 1 task: 730 vCPU-h × 0.04048 =
			// 29.5504 + 1460 GB-h × 0.004445 = 6.4897 → 36.0401; postgres
			// db.t3.micro 0.018 × 730 = 13.14 + gp2 20 × 0.115 = 2.3 → 15.44.
			// Total 104.4051.
			file: "ecrauto-1.5.7-ecs-rds-nat.json", total: "104.4051", region: "us-east-1",
			costs: []want{
				priced("aws_eip.nat", "us-east-1", "3.65"),
				priced("aws_nat_gateway.main", "us-east-1", "32.85"),
				priced("module.alb.aws_lb.main", "us-east-1", "16.425"),
				priced("module.ecs.aws_ecs_service.strapi", "us-east-1", "36.0401"),
				priced("module.rds.aws_db_instance.default", "us-east-1", "15.44"),
			},
		},
		{
			// us-east-1: one alarm 0.1; postgres db.t3.micro 15.44 (as above).
			file: "itamar-1.6.0-serverless-noop.json", total: "15.54", region: "us-east-1",
			costs: []want{
				priced("module.monitoring.aws_cloudwatch_metric_alarm.dlq_alarm", "us-east-1", "0.1"),
				priced("module.rds.aws_db_instance.postgresql", "us-east-1", "15.44"),
			},
		},
		{
			// eu-west-2 (var.aws_region):
			// jenkins EIP 3.65; t3.small 0.0236 × 730 = 17.228 + root gp3 30 ×
			//   0.08 (≈) = 2.4 → 19.628.
			// postgres db.t3.small 0.041 × 730 = 29.93 + gp3 20 × 0.115 (≈) = 2.3 → 32.23.
			// secret 0.4 (≈); ECS container-instance ASG desired 2 × t3.micro
			//   0.0118 × 730 = 17.228 + two roots at the 8 GB gp2 default (the
			//   template sets none) 2 × 8 × 0.116 = 1.856 → 19.084; four alarms 0.4 (≈); ALB 0.02646 × 730 =
			//   19.3158; dashboard 3 (≈); two EIPs 7.3; two NAT 0.05 × 730 = 36.5.
			// ECS services on the EC2 launch type cost nothing themselves.
			// Total 3.65 + 19.628 + 32.23 + 0.4 + 19.084 + 0.4 + 19.3158 + 3 + 7.3 + 73 = 178.0078.
			file: "jimmy-1.13.4-ecs-ec2-asg.json", total: "178.0078", region: "eu-west-2",
			costs: []want{
				priced("module.cicd.aws_eip.jenkins", "eu-west-2", "3.65"),
				priced("module.cicd.aws_instance.jenkins", "eu-west-2", "19.628"),
				priced("module.database.aws_db_instance.main", "eu-west-2", "32.23"),
				priced("module.database.aws_secretsmanager_secret.db_credentials", "eu-west-2", "0.4"),
				priced("module.ecs.aws_autoscaling_group.ecs", "eu-west-2", "19.084"),
				priced("module.ecs.aws_cloudwatch_metric_alarm.ecs_cpu_high", "eu-west-2", "0.1"),
				priced("module.ecs.aws_cloudwatch_metric_alarm.ecs_cpu_low", "eu-west-2", "0.1"),
				priced("module.ecs.aws_lb.main", "eu-west-2", "19.3158"),
				priced("module.monitoring.aws_cloudwatch_dashboard.main", "eu-west-2", "3"),
				priced("module.monitoring.aws_cloudwatch_metric_alarm.db_cpu_high[0]", "eu-west-2", "0.1"),
				priced("module.monitoring.aws_cloudwatch_metric_alarm.ecs_cpu_high[0]", "eu-west-2", "0.1"),
				priced("module.network.aws_eip.nat[0]", "eu-west-2", "3.65"),
				priced("module.network.aws_eip.nat[1]", "eu-west-2", "3.65"),
				priced("module.network.aws_nat_gateway.main[0]", "eu-west-2", "36.5"),
				priced("module.network.aws_nat_gateway.main[1]", "eu-west-2", "36.5"),
			},
		},
		{
			// UTF-16LE file; us-east-1 (var.region). Two ASGs of 1 t3.micro
			// 0.0104 × 730 = 7.592 + root at the 8 GB gp2 default (the
			// templates set none) 8 × 0.1 = 0.8 → 8.392; ALB 16.425; KMS 1;
			// EIP 3.65; NAT 32.85. DocumentDB is not supported yet. Total 70.709.
			file: "marom-1.14.9-asg-docdb-utf16.json", total: "70.709", region: "us-east-1",
			costs: []want{
				priced("module.compute.aws_autoscaling_group.backend", "us-east-1", "8.392"),
				priced("module.compute.aws_autoscaling_group.frontend", "us-east-1", "8.392"),
				priced("module.compute.aws_lb.app_alb", "us-east-1", "16.425"),
				priced("module.data.aws_kms_key.s3_key", "us-east-1", "1"),
				priced("module.network.aws_eip.nat", "us-east-1", "3.65"),
				priced("module.network.aws_nat_gateway.nat", "us-east-1", "32.85"),
			},
		},
		{
			// The provider region is a local (not in the plan); the
			// resources' availability zones say us-east-1.
			// ASG desired 1 × r5a.large 0.113 × 730 = 82.49 + template gp3 20 ×
			// 0.08 = 1.6 → 84.09; gp3 volume 1000 × 0.08 = 80; two EIPs 3.65;
			// three alarms 0.1; NAT 32.85. Total 204.54.
			file: "rocketpool-1.0.7-asg-lt-nat.json", total: "204.54", region: "us-east-1",
			costs: []want{
				priced(`aws_autoscaling_group.node["core0"]`, "us-east-1", "84.09"),
				priced(`aws_ebs_volume.node_data["core0"]`, "us-east-1", "80"),
				priced(`aws_eip.node["core0"]`, "us-east-1", "3.65"),
				priced(`module.cloudwatch_metric_alarms["cpu"].aws_cloudwatch_metric_alarm.this[0]`, "us-east-1", "0.1"),
				priced(`module.cloudwatch_metric_alarms["instance"].aws_cloudwatch_metric_alarm.this[0]`, "us-east-1", "0.1"),
				priced(`module.cloudwatch_metric_alarms["service"].aws_cloudwatch_metric_alarm.this[0]`, "us-east-1", "0.1"),
				priced("module.vpc.aws_eip.nat[0]", "us-east-1", "3.65"),
				priced("module.vpc.aws_nat_gateway.this[0]", "us-east-1", "32.85"),
			},
		},
		{
			// eu-central-1 (var.aws_region): two t2.micro 0.0134 × 730 = 9.782
			// + root 8 GB gp2 × 0.119 = 0.952 → 10.734; KMS 1 (≈). Interface
			// endpoints (subnets unknown) are unknown, TGW attachments
			// unpriced, the VPN connection unsupported. Total 22.468.
			file: "s2svpn-1.11.2-tgw-vpn.json", total: "22.468", region: "eu-central-1",
			costs: []want{
				priced(`module.compute["spoke-vpc-a"].aws_instance.ec2_instance[0]`, "eu-central-1", "10.734"),
				priced(`module.compute["spoke-vpc-b"].aws_instance.ec2_instance[0]`, "eu-central-1", "10.734"),
				priced("module.iam_kms.aws_kms_key.log_key", "eu-central-1", "1"),
			},
		},
		{
			// ap-south-1 (var.aws_region): EIP 0.005 × 730 = 3.65; t3.micro
			// 0.0112 × 730 = 8.176 + root 8 GB gp2 × 0.114 = 0.912 → 9.088;
			// postgres db.t3.micro 0.026 × 730 = 18.98 + gp3 20 × 0.115 (≈)
			// = 2.3 → 21.28. The ALB and ASG are deleted. Total 34.018.
			file: "shahid-1.15.8-deletes.json", total: "34.018", region: "ap-south-1",
			costs: []want{
				priced("aws_eip.notes_crud", "ap-south-1", "3.65"),
				priced("module.ec2.aws_instance.notes_crud[0]", "ap-south-1", "9.088"),
				priced("module.rds.aws_db_instance.notes_crud", "ap-south-1", "21.28"),
			},
		},
		{
			// Before the change: ALB 0.0225 (≈) × 730 = 16.425; the ASG
			// (desired 1) launches module.ec2.aws_launch_template.notes_crud
			// (id lt-0b906c413b015a1e6, in the plan as a no-op; a deleted
			// group has no configuration, so it is found by that id): t3.micro
			// 0.0112 × 730 = 8.176 + gp3 20 × 0.0912 = 1.824 → 10; two alarms
			// 0.1 (≈); the database 21.28. Total 16.425 + 10 + 0.2 + 21.28 = 47.905.
			file: "shahid-1.15.8-deletes.json", prior: true, total: "47.905", region: "ap-south-1",
			costs: []want{
				priced("module.alb.aws_lb.notes_crud", "ap-south-1", "16.425"),
				priced("module.autoscaling.aws_autoscaling_group.notes_crud", "ap-south-1", "10"),
				priced("module.autoscaling.aws_cloudwatch_metric_alarm.cpu_high", "ap-south-1", "0.1"),
				priced("module.autoscaling.aws_cloudwatch_metric_alarm.cpu_low", "ap-south-1", "0.1"),
				priced("module.rds.aws_db_instance.notes_crud", "ap-south-1", "21.28"),
			},
		},
		{
			// us-west-1 (var.region): t2.micro 0.0138 × 730 = 10.074 + root 8
			// GB gp2 × 0.12 = 0.96 → 11.034; postgres db.t3.medium 0.095 × 730
			// = 69.35 + gp2 20 × 0.115 (≈) = 2.3 → 71.65; KMS 1 (≈).
			// Total 83.684.
			file: "tfgoof-1.1.6-db-update.json", total: "83.684", region: "us-west-1",
			costs: []want{
				priced("module.instance.aws_instance.this[0]", "us-west-1", "11.034"),
				priced("module.storage.aws_db_instance.km_db", "us-west-1", "71.65"),
				priced("module.storage.aws_kms_key.km_db_kms_key", "us-west-1", "1"),
			},
		},
		{
			// Before: the instance does not exist yet: 71.65 + 1 = 72.65.
			file: "tfgoof-1.1.6-db-update.json", prior: true, total: "72.65", region: "us-west-1",
			costs: []want{
				priced("module.storage.aws_db_instance.km_db", "us-west-1", "71.65"),
				priced("module.storage.aws_kms_key.km_db_kms_key", "us-west-1", "1"),
			},
		},
		{
			// eu-west-1 (var.aws_region): dashboard 3 (≈); Fargate api 512
			// CPU / 1024 MiB × 2 tasks: 730 vCPU-h × 0.04048 = 29.5504 + 1460
			// GB-h × 0.004445 = 6.4897 → 36.0401; frontend 256 / 512 × 2:
			// 365 × 0.04048 = 14.7752 + 730 × 0.004445 = 3.24485 → 18.02005;
			// two EIPs 3.65; ALB 0.0252 × 730 = 18.396; two NAT 0.048 × 730 =
			// 35.04; two alarms 0.1. The SageMaker endpoint is not supported.
			// Total 153.03615.
			file: "whisper-1.12.2-ecs-sagemaker.json", total: "153.03615", region: "eu-west-1",
			costs: []want{
				priced("aws_cloudwatch_dashboard.main", "eu-west-1", "3"),
				priced("module.ecs.aws_ecs_service.api", "eu-west-1", "36.0401"),
				priced("module.ecs.aws_ecs_service.frontend", "eu-west-1", "18.02005"),
				priced("module.networking.aws_eip.nat[0]", "eu-west-1", "3.65"),
				priced("module.networking.aws_eip.nat[1]", "eu-west-1", "3.65"),
				priced("module.networking.aws_lb.main", "eu-west-1", "18.396"),
				priced("module.networking.aws_nat_gateway.main[0]", "eu-west-1", "35.04"),
				priced("module.networking.aws_nat_gateway.main[1]", "eu-west-1", "35.04"),
				priced("module.sagemaker.aws_cloudwatch_metric_alarm.model_invocation_errors", "eu-west-1", "0.1"),
				priced("module.sagemaker.aws_cloudwatch_metric_alarm.model_latency", "eu-west-1", "0.1"),
			},
		},
	}
	runFixtureCases(t, unlicensedDir, cases, true)
}

// TestUnlicensedServerlessByType: necron-1.13.4-serverless-large.json is a
// large serverless site; its fixed monthly
// costs are checked per type. The default provider has no region and the
// aws.us_east_1 alias says us-east-1; the resources' own region attributes
// agree, so everything is priced in us-east-1.
//
//	aws_cloudwatch_dashboard     5 × 3   = 15   (aws_unit_prices.csv, cloudwatch dashboard)
//	aws_cloudwatch_metric_alarm 27 × 0.1 = 2.7  (standard resolution, one metric each)
//	aws_secretsmanager_secret    2 × 0.4 = 0.8
//	aws_route53_zone             1 × 0.5 = 0.5  (hosted zone, first 25)
//
// Lambda, API Gateway, DynamoDB on-demand, S3, SNS and logs are usage-based
// (0 without usage); CloudFront and Route 53 queries have no catalog price
// (unpriced); WAF, Synthetics and Budgets are not supported yet.
// Total 15 + 2.7 + 0.8 + 0.5 = 19.
func TestUnlicensedServerlessByType(t *testing.T) {
	est := estimator(t, "").Estimate(readPlan(t, requireUnlicensed(t, "necron-1.13.4-serverless-large.json")))
	want := map[string][2]string{ // type → count, monthly
		"aws_cloudwatch_dashboard":    {"5", "15"},
		"aws_cloudwatch_metric_alarm": {"27", "2.7"},
		"aws_secretsmanager_secret":   {"2", "0.8"},
		"aws_route53_zone":            {"1", "0.5"},
	}
	for _, tt := range est.Types {
		if tt.Monthly.IsZero() {
			continue
		}
		w, ok := want[tt.Type]
		if !ok {
			t.Errorf("%s: %d resources cost %s a month, not in the hand-checked list", tt.Type, tt.Count, tt.Monthly)
			continue
		}
		delete(want, tt.Type)
		if got := [2]string{fmt.Sprint(tt.Count), tt.Monthly.String()}; !dec(t, got[1]).Equal(dec(t, w[1])) || got[0] != w[0] {
			t.Errorf("%s: %s resources, %s a month; want %s, %s", tt.Type, got[0], got[1], w[0], w[1])
		}
	}
	for typ := range want {
		t.Errorf("%s: no cost in the estimate", typ)
	}
	if !est.MonthlyCost.Equal(dec(t, "19")) {
		t.Errorf("total %s, want 19", est.MonthlyCost)
	}
	for _, r := range est.Resources {
		if strings.HasPrefix(r.Type, "aws_") && r.Region != "us-east-1" {
			t.Errorf("%s: region %q (%s), want us-east-1", r.Address, r.Region, r.RegionSource)
		}
	}
}
