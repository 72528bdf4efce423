package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
)

// catalog_file replaces the embedded catalog. The test catalog holds one
// made-up figure (0.05/h, clearly not an AWS price) so the result can only
// come from that file: 0.05 × 730 = 36.5.
func TestAccProvider_catalogFile(t *testing.T) {
	c := catalog.New()
	c.Add("ec2", "us-east-1", "m5.large/linux/on_demand", catalog.Price{USD: decimal.RequireFromString("0.05"),
		Unit: "USD per hour", Source: "test catalog", AsOf: "2026-01-01"})
	c.SetDate("2026-01-01")
	path := filepath.Join(t.TempDir(), "catalog.tfcost")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Failing steps first: the post-test destroy uses the last step's
			// configuration, which must be valid.
			{
				Config: `
provider "tfcost" {
  catalog_file = "` + fixture(t, "SOURCES.md") + `"
}
data "tfcost_price" "web" {
  resource_type = "aws_instance"
  instance_type = "m5.large"
}`,
				ExpectError: regexp.MustCompile(`Invalid catalog file`),
			},
			{
				Config: `
provider "tfcost" {
  discount_percent = 120
}
data "tfcost_price" "web" {
  resource_type = "aws_instance"
  instance_type = "m5.large"
}`,
				ExpectError: regexp.MustCompile(`Invalid discount`),
			},
			{
				Config: `
provider "tfcost" {
  catalog_file = "` + filepath.ToSlash(path) + `"
}
data "tfcost_price" "web" {
  resource_type = "aws_instance"
  instance_type = "m5.large"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tfcost_price.web", tfjsonpath.New("monthly_price"), exact("36.5")),
					statecheck.ExpectKnownValue("data.tfcost_price.web", tfjsonpath.New("source"), knownvalue.StringExact("test catalog")),
				},
			},
		},
	})
}
