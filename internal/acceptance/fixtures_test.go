package acceptance

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// fixtureCase is a whole-plan check: the total, the region every AWS
// resource must be priced in (from the plan's provider configuration), and
// every resource that costs something, hand-checked. Resources not listed
// must cost nothing (free, unsupported, skipped, or usage-based without
// usage).
type fixtureCase struct {
	file  string // under internal/plan/testdata, or the unlicensed folder
	total string
	// region is where every aws_* resource is priced unless regions says
	// otherwise; "" skips the check.
	region  string
	regions map[string]string
	costs   []want
	// prior prices the values before the change (EstimatePrior).
	prior bool
	// bug, when set, describes a known defect that makes the case fail;
	// the case is then skipped while it still fails (see knownBug).
	bug string
}

// checkCosts checks an estimate against a fixtureCase.
func checkCosts(t tb, est *estimate.Estimate, c fixtureCase) {
	t.Helper()
	listed := map[string]bool{}
	for _, w := range c.costs {
		listed[w.Addr] = true
	}
	sum := decimal.Zero
	rs := byAddress(est)
	for _, w := range c.costs {
		checkWant(t, rs, w, &sum)
	}
	for _, r := range est.Resources {
		if !listed[r.Address] && !r.MonthlyCost.IsZero() {
			t.Errorf("%s (%s): costs %s a month but is not in the hand-checked list%s", r.Address, r.Type, r.MonthlyCost, describe(r))
		}
		want := c.region
		if w, ok := c.regions[r.Address]; ok {
			want = w
		}
		if want != "" && strings.HasPrefix(r.Type, "aws_") && r.Region != want {
			t.Errorf("%s: region %q (%s), want %q", r.Address, r.Region, r.RegionSource, want)
		}
	}
	checkTotal(t, est, sum, c.total)
}

func runFixtureCases(t *testing.T, dir string, cases []fixtureCase, unlicensed bool) {
	e := estimator(t, "")
	for _, c := range cases {
		name := strings.TrimSuffix(c.file, ".json")
		if c.prior {
			name += "/prior"
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			if unlicensed {
				path = requireUnlicensed(t, c.file)
			}
			p := readPlan(t, path)
			est := e.Estimate(p)
			if c.prior {
				est = e.EstimatePrior(p)
			}
			if c.bug != "" {
				knownBug(t, c.bug, func(r tb) { checkCosts(r, est, c) })
				return
			}
			checkCosts(t, est, c)
		})
	}
}

// TestFixturePlans hand-checks the remaining Infracost fixtures and the
// permissively licensed public plans (all stored in internal/plan/testdata).
// Prices are from /work/shared/pricing; "≈" marks a documented us-east-1
// fallback (the component is flagged approximate).
func TestFixturePlans(t *testing.T) {
	cases := []fixtureCase{
		{
			// m5.4xlarge 0.768 × 730 = 560.64; root 50 GB gp2 × 0.1 = 5;
			// io1 1000 × 0.125 = 125; 800 IOPS × 0.065 = 52 → 742.64.
			// aws_lambda_function.hello_world: usage-based, no usage → 0.
			file: "examples_terraform_plan.json", total: "742.64", region: "us-east-1",
			costs: []want{priced("aws_instance.web_app", "us-east-1", "742.64")},
		},
		{
			// The same plan wrapped in setup-terraform's noise.
			file: "plan_with_terraform_wrapper.json", total: "742.64", region: "us-east-1",
			costs: []want{priced("aws_instance.web_app", "us-east-1", "742.64")},
		},
		{
			// aws_ebs_volume.storage gp2 128 GB × 0.1 = 12.8 (no-op);
			// aws_instance.ec2 t2.nano 0.0058 × 730 = 4.234 + root 8 GB
			// (unknown: EC2's default) × 0.1 = 0.8 → 5.034. Total 17.834.
			file: "instance_with_attachment_before_deploy.json", total: "17.834", region: "us-east-1",
			costs: []want{
				priced("aws_ebs_volume.storage", "us-east-1", "12.8"),
				priced("aws_instance.ec2", "us-east-1", "5.034"),
			},
		},
		{
			// After apply nothing changes in what is billed: the same
			// volume (vol-00a78da47e535db61) and the same instance, 17.834.
			// The provider reads the attached volume back into the
			// instance's ebs_block_device; its volume_id is the
			// aws_ebs_volume's id, so it is priced once, on the volume.
			file: "instance_with_attachment_after_deploy.json", total: "17.834", region: "us-east-1",
			costs: []want{
				priced("aws_ebs_volume.storage", "us-east-1", "12.8"),
				priced("aws_instance.ec2", "us-east-1", "5.034"),
			},
		},
		{
			// aws_dynamodb_table provisioned 20 WCU × 0.4745 = 9.49 and
			// 30 RCU × 0.0949 = 2.847 (us-east-2 figures: us-east-1 has no
			// DynamoDB row, the catalog's documented fallback) → 12.337.
			// aws_instance.web_app m5.4xlarge 560.64 + root 51 GB gp2 × 0.1 =
			// 5.1 + ebs gp2 1000 × 0.1 = 100 → 665.74. Total 678.077.
			file: "policy_data_upload_plan.json", total: "678.077", region: "us-east-1",
			costs: []want{
				priced("aws_dynamodb_table.autoscale_dynamodb_table", "us-east-1", "12.337"),
				priced("aws_instance.web_app", "us-east-1", "665.74"),
			},
		},
		{
			// eu-west-1 (provider constant):
			// aws_alb.alb: 0.0252 × 730 = 18.396.
			// aws_autoscaling_group.lc: desired 1 × t2.micro 0.0126 × 730 = 9.198.
			// aws_autoscaling_group.lt: desired 1 × t2.nano 0.0063 × 730 = 4.599;
			//   template volumes: gp2 11 × 0.11 = 1.21, sc1 21 × 0.0168 = 0.3528,
			//   io1 31 × 0.138 = 4.278 + 2001 IOPS × 0.072 = 144.072; the
			//   mappings (xvfs, xvfa, xvfb) are data volumes, so the AMI's root
			//   is priced at the 8 GB gp2 default × 0.11 = 0.88 → 155.3918.
			// aws_ebs_snapshot.standard: source volume 7 GB × 0.05 = 0.35.
			// aws_ebs_volume.volume_io1: 8 × 0.138 = 1.104 + 300 × 0.072 = 21.6 → 22.704.
			// aws_ebs_volume.volume_standard: magnetic 7 × 0.055 = 0.385.
			// aws_eip.nat: 0.005 × 730 = 3.65.
			// aws_elb.elb: 0.028 × 730 = 20.44.
			// aws_instance.this_1: t3.nano 0.0057 × 730 = 4.161; root io1 8 GB
			//   (size unknown: AMI default) × 0.138 = 1.104 + 220 × 0.072 = 15.84;
			//   sc1 20 × 0.0168 = 0.336; io1 30 × 0.138 = 4.14 + 2000 × 0.072 = 144;
			//   gp2 10 × 0.11 = 1.1 → 170.681.
			// aws_lb.nlb: 0.0252 × 730 = 18.396.
			// aws_nat_gateway.nat: 0.048 × 730 = 35.04.
			// aws_ec2_fleet and aws_ebs_snapshot_copy: not supported yet.
			// Total 455.5118.
			file: "abcost-0.12.25-mixed-compute.json", total: "455.5118", region: "eu-west-1",
			costs: []want{
				priced("aws_alb.alb", "eu-west-1", "18.396"),
				priced("aws_autoscaling_group.lc", "eu-west-1", "10.078"),
				priced("aws_autoscaling_group.lt", "eu-west-1", "155.3918"),
				priced("aws_ebs_snapshot.standard", "eu-west-1", "0.35"),
				priced("aws_ebs_volume.volume_io1", "eu-west-1", "22.704"),
				priced("aws_ebs_volume.volume_standard", "eu-west-1", "0.385"),
				priced("aws_eip.nat", "eu-west-1", "3.65"),
				priced("aws_elb.elb", "eu-west-1", "20.44"),
				priced("aws_instance.this_1", "eu-west-1", "170.681"),
				priced("aws_lb.nlb", "eu-west-1", "18.396"),
				priced("aws_nat_gateway.nat", "eu-west-1", "35.04"),
			},
		},
		{
			// us-west-2 (provider constant):
			// aws_db_instance.default mysql db.t3.micro 0.017 × 730 = 12.41 +
			//   gp2 20 × 0.115 (≈) = 2.3 → 14.71.
			// aws_ebs_snapshot.example_snapshot 1 GB × 0.05 = 0.05.
			// aws_ebs_volume.web_host_storage 1 GB gp2 × 0.1 = 0.1.
			// aws_eks_cluster.eks_cluster 0.1 (≈) × 730 = 73.
			// aws_elasticsearch_domain t2.small.search 0.036 × 730 = 26.28
			//   (its 30 GB EBS volume has no catalog price: unpriced).
			// aws_elb.weblb 0.025 × 730 = 18.25.
			// aws_instance.db_app and .web_host t2.nano 0.0058 × 730 = 4.234 +
			//   root 8 GB gp2 0.8 → 5.034 each.
			// aws_kms_key.logs_key 1 (≈).
			// Total 14.71 + 0.05 + 0.1 + 73 + 26.28 + 18.25 + 2 × 5.034 + 1 = 143.458.
			file: "checkov-0.12.23-terragoat.json", total: "143.458", region: "us-west-2",
			costs: []want{
				priced("aws_db_instance.default", "us-west-2", "14.71"),
				priced("aws_ebs_snapshot.example_snapshot", "us-west-2", "0.05"),
				priced("aws_ebs_volume.web_host_storage", "us-west-2", "0.1"),
				priced("aws_eks_cluster.eks_cluster", "us-west-2", "73"),
				priced("aws_elasticsearch_domain.monitoring-framework", "us-west-2", "26.28"),
				priced("aws_elb.weblb", "us-west-2", "18.25"),
				priced("aws_instance.db_app", "us-west-2", "5.034"),
				priced("aws_instance.web_host", "us-west-2", "5.034"),
				priced("aws_kms_key.logs_key", "us-west-2", "1"),
			},
		},
		{
			// us-west-2: t2.micro 0.0116 × 730 = 8.468 + root 8 GB × 0.1 = 0.8.
			file: "goof-0.14.9-instance-s3.json", total: "9.268", region: "us-west-2",
			costs: []want{priced("aws_instance.blog-host", "us-west-2", "9.268")},
		},
		{
			// ap-south-2 (var.aws_region, and the resources' own region):
			// module.alb.aws_lb.main 0.0225 (≈) × 730 = 16.425.
			// module.ecs.aws_ecs_service.app Fargate 256 CPU / 512 MiB, 1 task:
			//   0.25 × 730 = 182.5 vCPU-h × 0.04048 (≈) = 7.3876;
			//   0.5 × 730 = 365 GB-h × 0.004445 (≈) = 1.622425 → 9.010025.
			// two alarms 0.1 (≈) each = 0.2.
			// module.rds postgres db.t4g.micro 0.021 × 730 = 15.33 + gp3 20 × 0.115 (≈) = 2.3 → 17.63.
			// module.redis cache.t4g.micro redis 0.02 × 730 × 1 node = 14.6.
			// module.secrets secret 0.4 (≈). EIP 0.005 (≈) × 730 = 3.65. NAT 0.045 (≈) × 730 = 32.85.
			// Total 94.765025.
			file: "pratham-1.15.8-ecs-elasticache.json", total: "94.765025", region: "ap-south-2",
			costs: []want{
				priced("module.alb.aws_lb.main", "ap-south-2", "16.425"),
				priced("module.ecs.aws_ecs_service.app", "ap-south-2", "9.010025"),
				priced("module.monitoring.aws_cloudwatch_metric_alarm.ecs_high_cpu", "ap-south-2", "0.1"),
				priced("module.monitoring.aws_cloudwatch_metric_alarm.ecs_high_memory", "ap-south-2", "0.1"),
				priced("module.rds.aws_db_instance.postgres", "ap-south-2", "17.63"),
				priced("module.redis.aws_elasticache_replication_group.redis", "ap-south-2", "14.6"),
				priced("module.secrets.aws_secretsmanager_secret.app_secrets", "ap-south-2", "0.4"),
				priced("module.vpc.aws_eip.nat[0]", "ap-south-2", "3.65"),
				priced("module.vpc.aws_nat_gateway.nat[0]", "ap-south-2", "32.85"),
			},
		},
		{
			// us-east-1 (var.aws_region): ALB 0.0225 × 730 = 16.425; ASG
			// desired 1 × t2.medium 0.0464 × 730 = 33.872 + the launch
			// configuration's root (size from the AMI: 8 GB gp2 default) 8 ×
			// 0.1 = 0.8 → 34.672. Total 51.097.
			file: "tc-0.12.24-alb-asg-lambda-update.json", total: "51.097", region: "us-east-1",
			costs: []want{
				priced("module.alb.aws_alb.alb", "us-east-1", "16.425"),
				priced("module.myapp-asg.aws_autoscaling_group.asg", "us-east-1", "34.672"),
			},
		},
		{
			// us-east-1: ASG desired unknown → AWS starts min_size 2:
			// 2 × 730 = 1460 h × t2.micro 0.0116 = 16.936 + two roots at the 8 GB
			// gp2 default (the launch configuration leaves the AMI's size)
			// 2 × 8 × 0.1 = 1.6 → 18.536; CLB 0.025 × 730 = 18.25;
			// aws_instance.web[0] t2.micro 8.468 + 0.8 = 9.268. Total 46.054.
			file: "tc-0.12.3-asg-elb-instance.json", total: "46.054", region: "us-east-1",
			costs: []want{
				priced("aws_autoscaling_group.example", "us-east-1", "18.536"),
				priced("aws_elb.example", "us-east-1", "18.25"),
				priced("aws_instance.web[0]", "us-east-1", "9.268"),
			},
		},
		{
			// eu-west-1: three NAT gateways 0.048 × 730 = 35.04 and three
			// EIPs 0.005 × 730 = 3.65: 3 × 38.69 = 116.07.
			file: "tc-0.12.8-vpc-nat3.json", total: "116.07", region: "eu-west-1",
			costs: []want{
				priced("module.vpc.aws_eip.nat[0]", "eu-west-1", "3.65"),
				priced("module.vpc.aws_eip.nat[1]", "eu-west-1", "3.65"),
				priced("module.vpc.aws_eip.nat[2]", "eu-west-1", "3.65"),
				priced("module.vpc.aws_nat_gateway.this[0]", "eu-west-1", "35.04"),
				priced("module.vpc.aws_nat_gateway.this[1]", "eu-west-1", "35.04"),
				priced("module.vpc.aws_nat_gateway.this[2]", "eu-west-1", "35.04"),
			},
		},
		{
			// No provider configuration: the default us-east-1 (stated in a
			// plan warning). aws_instance.server[0..1] t2.micro 8.468 + 0.8 =
			// 9.268; 13 module instances t3.micro 0.0104 × 730 = 7.592 + 0.8 =
			// 8.392. Total 2 × 9.268 + 13 × 8.392 = 18.536 + 109.096 = 127.632.
			file: "tc-0.13.5-instances-ecr.json", total: "127.632", region: "us-east-1",
			costs: tc0135Costs(),
		},
		{
			// Only usage-based components (Lambda, log group): 0.
			file: "tc-1.0.0-lambda-mixed-actions.json", total: "0", region: "us-east-1",
		},
		{
			// aws_instance.example uses provider aws.paris (eu-west-3):
			//   t2.micro 0.0132 × 730 = 9.636 + root 8 GB gp2 × 0.116 = 0.928 → 10.564.
			// module.ec2 (eu-west-1): CLB 0.028 × 730 = 20.44;
			//   t3.small 0.0228 × 730 = 16.644 + root 123 GB gp2 × 0.11 = 13.53 → 30.174;
			//   ebs gp2 20 × 0.11 = 2.2.
			// module.rds mysql db.t3.small Multi-AZ: 2 × 0.036 = 0.072 × 730 =
			//   52.56 (approximate: the catalog has Single-AZ rates) + gp2
			//   Multi-AZ 10 × 0.253 = 2.53 → 55.09.
			// Total 10.564 + 20.44 + 30.174 + 2.2 + 55.09 = 118.468.
			file: "terracost-0.15.3-example.json", total: "118.468", region: "eu-west-1",
			regions: map[string]string{"aws_instance.example": "eu-west-3"},
			costs: []want{
				priced("aws_instance.example", "eu-west-3", "10.564"),
				priced("module.ec2.aws_elb.front", "eu-west-1", "20.44"),
				priced("module.ec2.aws_instance.front[0]", "eu-west-1", "30.174"),
				priced("module.ec2.module.ebs.aws_ebs_volume.volume", "eu-west-1", "2.2"),
				priced("module.rds.aws_db_instance.db", "eu-west-1", "55.09"),
			},
		},
	}
	runFixtureCases(t, planDir, cases, false)
}

func tc0135Costs() []want {
	const r = "us-east-1"
	out := []want{
		priced("aws_instance.server[0]", r, "9.268"),
		priced("aws_instance.server[1]", r, "9.268"),
	}
	for _, m := range []string{
		"module.ecr_repository_with_count[0]", "module.ecr_repository_with_count[1]", "module.ecr_repository_with_count[2]",
		`module.ecr_repository_with_for["repository_1"]`, `module.ecr_repository_with_for["repository_2"]`,
		"module.other_ecr_repository",
		"module.other_ecr_repository_with_count[0]", "module.other_ecr_repository_with_count[1]",
		"module.other_ecr_repository_with_count[2]", "module.other_ecr_repository_with_count[3]",
		"module.other_ecr_repository_with_count[4]", "module.other_ecr_repository_with_count[5]",
		"module.other_ecr_repository_with_count[6]",
	} {
		out = append(out, priced(m+".aws_instance.ecr_repository", r, "8.392"))
	}
	return out
}
