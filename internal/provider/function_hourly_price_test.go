package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// hourly_price is the EC2 Linux on-demand figure (ec2_ondemand_linux.csv):
// m5.large 0.096 in us-east-1 (S1, Karpenter) and 0.107 in eu-west-1 (S2).
func TestAccHourlyPriceFunction(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
variable "instance_type" {
  type    = string
  default = "m5.large"
  validation {
    condition     = provider::tfcost::hourly_price(var.instance_type, "us-east-1") <= 0.2
    error_message = "instance types above $0.20/hour need approval"
  }
}
output "virginia" { value = provider::tfcost::hourly_price(var.instance_type, "us-east-1") }
output "ireland"  { value = provider::tfcost::hourly_price("m5.large", "eu-west-1") }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("virginia", exact("0.096")),
				statecheck.ExpectKnownOutputValue("ireland", exact("0.107")),
			},
		}},
	})
}

func TestAccHourlyPriceFunction_errors(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `output "x" { value = provider::tfcost::hourly_price("m5.notatype", "us-east-1") }`,
				ExpectError: wrapped(`no on-demand Linux price for m5.notatype in us-east-1`),
			},
			{
				Config:      `output "x" { value = provider::tfcost::hourly_price("m5.large", "") }`,
				ExpectError: wrapped(`region must not be empty`),
			},
		},
	})
}
