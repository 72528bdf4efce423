package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// shorthandLookups are the resource type shorthands other than aws_instance;
// both tests price them, with and without the provider's discount.
const shorthandLookups = `
data "tfcost_price" "db" {
  resource_type = "aws_db_instance"
  instance_type = "db.t4g.small"
  engine        = "postgres"
}
data "tfcost_price" "cache" {
  resource_type   = "aws_elasticache_cluster"
  instance_type   = "cache.t4g.small"
  purchase_option = "reserved"
  term            = "3yr"
  payment_option  = "no_upfront"
}
data "tfcost_price" "search" {
  resource_type = "aws_opensearch_domain"
  instance_type = "r6g.large.search"
}
data "tfcost_price" "nat" {
  resource_type = "aws_nat_gateway"
}
`

// Expected prices are the figures in /work/shared/pricing:
//
//	ec2_ondemand_linux.csv   us-east-1 m5.large 0.096  → × 730 = 70.08
//	ec2_ondemand_linux.csv   eu-west-1 m5.large 0.107  → × 730 = 78.11
//	ec2_ondemand_by_os.csv   us-east-1 m5.large windows 0.188 → × 730 = 137.24
//	ec2_linux_reserved_spot.csv us-east-1 m5.large ri_1yr_std_no_upfront 0.06 → × 730 = 43.8
//	aws_unit_prices.csv      us-east-1 ebs "gp3 storage" 0.08 USD per GB-month
func TestAccPriceDataSource(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "tfcost_price" "linux" {
  resource_type = "aws_instance"
  instance_type = "m5.large"
}
data "tfcost_price" "ireland" {
  resource_type = "aws_instance"
  instance_type = "m5.large"
  region        = "eu-west-1"
}
data "tfcost_price" "windows" {
  resource_type    = "aws_instance"
  instance_type    = "m5.large"
  operating_system = "windows"
}
data "tfcost_price" "reserved" {
  resource_type   = "aws_instance"
  instance_type   = "m5.large"
  purchase_option = "reserved"
}
data "tfcost_price" "gp3" {
  service = "ebs"
  item    = "gp3 storage"
}
` + shorthandLookups,
			ConfigStateChecks: []statecheck.StateCheck{
				// rds_instance_hourly.csv db.t4g.small postgres single-az 0.032 × 730 = 23.36
				statecheck.ExpectKnownValue("data.tfcost_price.db", tfjsonpath.New("monthly_price"), exact("23.36")),
				// elasticache_node_hourly.csv cache.t4g.small redis ri_3yr_no_upfront 0.017 × 730 = 12.41
				statecheck.ExpectKnownValue("data.tfcost_price.cache", tfjsonpath.New("hourly_price"), exact("0.017")),
				statecheck.ExpectKnownValue("data.tfcost_price.cache", tfjsonpath.New("monthly_price"), exact("12.41")),
				// opensearch_instance_hourly.csv r6g.large.search 0.167 × 730 = 121.91
				statecheck.ExpectKnownValue("data.tfcost_price.search", tfjsonpath.New("monthly_price"), exact("121.91")),
				// aws_unit_prices.csv nat_gateway "gateway hour" 0.045 × 730 = 32.85
				statecheck.ExpectKnownValue("data.tfcost_price.nat", tfjsonpath.New("monthly_price"), exact("32.85")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("hourly_price"), exact("0.096")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("monthly_price"), exact("70.08")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("catalog_service"), knownvalue.StringExact("ec2")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("catalog_item"), knownvalue.StringExact("m5.large/linux/on_demand")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("price_region"), knownvalue.StringExact("us-east-1")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("approximate"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("source"), knownvalue.StringRegexp(regexp.MustCompile(`S1`))),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("as_of"), knownvalue.StringRegexp(regexp.MustCompile(`2026`))),
				statecheck.ExpectKnownValue("data.tfcost_price.ireland", tfjsonpath.New("monthly_price"), exact("78.11")),
				statecheck.ExpectKnownValue("data.tfcost_price.windows", tfjsonpath.New("monthly_price"), exact("137.24")),
				statecheck.ExpectKnownValue("data.tfcost_price.reserved", tfjsonpath.New("catalog_item"), knownvalue.StringExact("m5.large/linux/reserved/1yr/standard/no_upfront")),
				statecheck.ExpectKnownValue("data.tfcost_price.reserved", tfjsonpath.New("monthly_price"), exact("43.8")),
				statecheck.ExpectKnownValue("data.tfcost_price.gp3", tfjsonpath.New("price"), exact("0.08")),
				statecheck.ExpectKnownValue("data.tfcost_price.gp3", tfjsonpath.New("monthly_price"), exact("0.08")),
				statecheck.ExpectKnownValue("data.tfcost_price.gp3", tfjsonpath.New("hourly_price"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.tfcost_price.gp3", tfjsonpath.New("unit"), knownvalue.StringExact("USD per GB-month")),
			},
		}},
	})
}

// The provider's discount and custom prices apply to quoted prices exactly
// as to estimates: 0.096 less 25% = 0.072, × 730 = 52.56; a custom gp3 price
// of 0.07 is not discounted.
func TestAccPriceDataSource_providerSettings(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "tfcost" {
  discount_percent = 25
  price_overrides  = [{ service = "ebs", item = "gp3 storage", usd = 0.07 }]
}
data "tfcost_price" "linux" {
  resource_type = "aws_instance"
  instance_type = "m5.large"
}
data "tfcost_price" "gp3" {
  service = "ebs"
  item    = "gp3 storage"
}
` + shorthandLookups,
			ConfigStateChecks: []statecheck.StateCheck{
				// Every catalog price less 25%: db 0.032 × 0.75 = 0.024, × 730 = 17.52
				statecheck.ExpectKnownValue("data.tfcost_price.db", tfjsonpath.New("monthly_price"), exact("17.52")),
				// cache reserved 0.017 × 0.75 = 0.01275, × 730 = 9.3075
				statecheck.ExpectKnownValue("data.tfcost_price.cache", tfjsonpath.New("hourly_price"), exact("0.01275")),
				statecheck.ExpectKnownValue("data.tfcost_price.cache", tfjsonpath.New("monthly_price"), exact("9.3075")),
				// search 0.167 × 0.75 = 0.12525, × 730 = 91.4325
				statecheck.ExpectKnownValue("data.tfcost_price.search", tfjsonpath.New("monthly_price"), exact("91.4325")),
				// NAT 0.045 × 0.75 = 0.03375, × 730 = 24.6375
				statecheck.ExpectKnownValue("data.tfcost_price.nat", tfjsonpath.New("monthly_price"), exact("24.6375")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("hourly_price"), exact("0.072")),
				statecheck.ExpectKnownValue("data.tfcost_price.linux", tfjsonpath.New("monthly_price"), exact("52.56")),
				statecheck.ExpectKnownValue("data.tfcost_price.gp3", tfjsonpath.New("price"), exact("0.07")),
				statecheck.ExpectKnownValue("data.tfcost_price.gp3", tfjsonpath.New("source"), knownvalue.StringRegexp(regexp.MustCompile(`custom`))),
			},
		}},
	})
}

func TestAccPriceDataSource_errors(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `data "tfcost_price" "x" {
  resource_type = "aws_instance"
  instance_type = "m5.notatype"
}`,
				ExpectError: wrapped(`No price in the catalog`, `"m5.notatype/linux/on_demand" in us-east-1`),
			},
			{
				Config:      `data "tfcost_price" "x" { resource_type = "aws_db_instance" }`,
				ExpectError: wrapped(`aws_db_instance needs instance_type`),
			},
			{
				Config:      `data "tfcost_price" "x" { service = "ebs" }`,
				ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
			},
		},
	})
}
