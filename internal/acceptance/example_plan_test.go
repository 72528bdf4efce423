package acceptance

import (
	"path/filepath"
	"testing"

	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestExamplePlanWithUsage hand-checks the whole of Infracost's
// example_plan.json (Terraform 1.0.5, format 0.2) priced with its
// example_usage.yml. Region: the provider block's constant "us-east-1".
//
// Resources:
//   - aws_instance.web_app and aws_instance.zero_cost_instance (create):
//     m5.4xlarge, root_block_device volume_size 50 with volume_type unknown
//     (EC2's default gp2), ebs_block_device "my_data" io1 1000 GB with 800
//     IOPS. Usage reserves zero_cost_instance: standard, 1_year, all_upfront.
//   - aws_lambda_function.hello_world and .zero_cost_lambda (create):
//     memory_size 1024 (1 GB), architectures unknown (Lambda's default x86_64).
//     Usage: hello_world 100,000,000 requests of 250 ms a month;
//     zero_cost_lambda 0 and 0.
//   - aws_s3_bucket.usage (create): every usage value is 0.
//
// Figures (us-east-1):
//
//	m5.4xlarge on-demand            ec2_ondemand_linux.csv          0.768 USD/h
//	m5.4xlarge RI 1yr std all-upfr. ec2_linux_reserved_spot.csv     0.451598 USD/h (effective)
//	EBS gp2 / io1 / io1 IOPS        aws_unit_prices.csv (ebs)       0.1 / 0.125 USD/GB-month, 0.065 USD/IOPS-month
//	Lambda requests                 aws_unit_prices.csv (lambda)    0.2 USD per 1M requests
//	Lambda duration x86 first 6B    aws_unit_prices.csv (lambda)    0.0000166667 USD/GB-second
//	S3 Standard storage / PUT / GET aws_unit_prices.csv (s3)        0.023 USD/GB, 0.005 / 0.0004 USD per 1k
//
// web_app: 0.768 × 730 = 560.64; root 50 × 0.1 = 5; io1 1000 × 0.125 = 125;
// IOPS 800 × 0.065 = 52. 560.64 + 5 + 125 + 52 = 742.64.
// zero_cost_instance: Infracost shows $0 for an all-upfront reservation;
// tfcost amortises the upfront fee: 0.451598 × 730 = 329.66654, plus the same
// volumes 182: 511.66654.
// hello_world: requests 100,000,000 / 1,000,000 = 100 × 0.2 = 20; duration
// 100,000,000 × 0.25 s × 1 GB = 25,000,000 GB-s × 0.0000166667 = 416.6675.
// 20 + 416.6675 = 436.6675 (25M GB-s is far below the 6B GB-s first tier).
// zero_cost_lambda and the bucket: usage 0 → 0, with quantities.
// Total: 742.64 + 511.66654 + 436.6675 = 1690.97404.
func TestExamplePlanWithUsage(t *testing.T) {
	const r = "us-east-1"
	usagePath := filepath.Join(usageDir, "example_usage.yml")
	p := readPlan(t, filepath.Join(planDir, "example_plan.json"))
	est := estimator(t, usagePath).Estimate(p)
	checkEstimate(t, est, "1690.97404", []want{
		priced("aws_instance.web_app", r, "742.64").act("create"),
		priced("aws_instance.zero_cost_instance", r, "511.66654").act("create"),
		priced("aws_lambda_function.hello_world", r, "436.6675").act("create"),
		priced("aws_lambda_function.zero_cost_lambda", r, "0").act("create"),
		priced("aws_s3_bucket.usage", r, "0").act("create"),
	})
	rs := byAddress(est)

	web := rs["aws_instance.web_app"]
	checkLine(t, web, "", "Instance usage (Linux/UNIX, on-demand, m5.4xlarge)", "730", "0.768", "560.64")
	checkLine(t, web, "root_block_device", "Storage (gp2)", "50", "0.1", "5")
	checkLine(t, web, "ebs_block_device[0] my_data", "Storage (io1)", "1000", "0.125", "125")
	checkLine(t, web, "ebs_block_device[0] my_data", "Provisioned IOPS (io1)", "800", "0.065", "52")

	zero := rs["aws_instance.zero_cost_instance"]
	checkLine(t, zero, "", "Instance usage (Linux/UNIX, reserved, m5.4xlarge)", "730", "0.451598", "329.66654")

	hello := rs["aws_lambda_function.hello_world"]
	checkLine(t, hello, "", "Requests", "100", "0.2", "20")
	checkLine(t, hello, "", "Duration (x86, first 6B GB-seconds)", "25000000", "0.0000166667", "416.6675")
	for _, c := range hello.Components {
		if !c.UsageBased {
			t.Errorf("%s %q: not marked usage-based", hello.Address, c.Name)
		}
	}

	zl := rs["aws_lambda_function.zero_cost_lambda"]
	checkLine(t, zl, "", "Requests", "0", "0.2", "0")
	checkLine(t, zl, "", "Duration (x86, first 6B GB-seconds)", "0", "0.0000166667", "0")

	s3 := rs["aws_s3_bucket.usage"]
	checkLine(t, s3, "Standard", "Storage", "0", "0.023", "0")

	// Category split: instances are compute (560.64 + 329.66654 = 890.30654)
	// plus storage (2 × 182 = 364); Lambda is compute too (436.6675).
	// Compute 890.30654 + 436.6675 = 1326.97404; storage 364.
	cats := map[string]string{}
	for _, c := range est.Categories {
		cats[string(c.Category)] = c.Monthly.String()
	}
	if cats["compute"] != "1326.97404" || cats["storage"] != "364" {
		t.Errorf("categories %v, want compute 1326.97404 and storage 364", cats)
	}

	// Every key of the usage file is one tfcost knows for its resource type.
	u, err := usage.Load(usagePath)
	if err != nil {
		t.Fatal(err)
	}
	u.CheckKeys(aws.NewRegistry().KnownUsageKeys())
	for _, w := range u.Warnings {
		t.Errorf("usage warning: %s", w)
	}
}
