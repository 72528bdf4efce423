package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// monthly_cost prices one resource with list prices (ec2_ondemand_linux.csv,
// aws_unit_prices.csv): m5.large 0.096 × 730 = 70.08 plus a 50 GB gp3 root
// volume 0.08 × 50 = 4.00 → 74.08; in eu-west-1 (values.region) the instance
// is 0.107 × 730 = 78.11 and the default 8 GB gp2 root volume is priced with
// the regional gp2 figure.
func TestAccMonthlyCostFunction(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
locals {
  web = provider::tfcost::monthly_cost("aws_instance", {
    instance_type     = "m5.large"
    root_block_device = [{ volume_size = 50, volume_type = "gp3" }]
  })
}
output "web" {
  value = local.web
  precondition {
    condition     = local.web < 100
    error_message = "web servers must cost under $100/month"
  }
}
output "ip" {
  value = provider::tfcost::monthly_cost("aws_eip", { domain = "vpc" })
}
output "free" {
  value = provider::tfcost::monthly_cost("aws_security_group", { name = "web" })
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("web", exact("74.08")),
				// 0.005 × 730 = 3.65
				statecheck.ExpectKnownOutputValue("ip", exact("3.65")),
				statecheck.ExpectKnownOutputValue("free", exact("0")),
			},
		}},
	})
}

func TestAccMonthlyCostFunction_errors(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `output "x" { value = provider::tfcost::monthly_cost("aws_not_a_type", {}) }`,
				ExpectError: wrapped(`tfcost has no pricing rule for aws_not_a_type yet`),
			},
			{
				Config:      `output "x" { value = provider::tfcost::monthly_cost("aws_instance", { instance_type = "m5.notatype" }) }`,
				ExpectError: wrapped(`cannot price aws_instance in us-east-1`),
			},
			{
				Config:      `output "x" { value = provider::tfcost::monthly_cost("aws_instance", "m5.large") }`,
				ExpectError: regexp.MustCompile(`values must be an object`),
			},
			{
				// A precondition on the cost blocks the plan.
				Config: `
locals {
  cost = provider::tfcost::monthly_cost("aws_instance", { instance_type = "m5.large" })
}
output "x" {
  value = local.cost
  precondition {
    condition     = local.cost < 50
    error_message = "too expensive"
  }
}`,
				ExpectError: regexp.MustCompile(`too expensive`),
			},
		},
	})
}
