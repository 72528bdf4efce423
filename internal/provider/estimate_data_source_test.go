package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/policy"
	"github.com/tfcost/tfcost/internal/report"
)

// webAndIP: two m5.large instances with a 50 GB gp3 root volume and
// one Elastic IP, in us-east-1. Figures from /work/shared/pricing:
//
//	m5.large   ec2_ondemand_linux.csv          0.096/h × 730 h = 70.08
//	gp3        aws_unit_prices.csv "gp3 storage" 0.08/GB-month × 50 GB = 4.00
//	public IP  aws_unit_prices.csv "address hour" 0.005/h × 730 h = 3.65
//
// instance = 70.08 + 4.00 = 74.08; two = 148.16; total = 148.16 + 3.65 = 151.81;
// annual = 151.81 × 12 = 1821.72; hourly = 2 × 0.096 + 2 × 4.00/730 + 0.005.
const webAndIP = `
  resources = [
    {
      type  = "aws_instance"
      name  = "web"
      count = 2
      values = {
        instance_type     = "m5.large"
        root_block_device = [{ volume_size = 50, volume_type = "gp3" }]
      }
    },
    { type = "aws_eip", name = "ip", values = { domain = "vpc" } },
  ]
`

func TestAccEstimateDataSource_inline(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "tfcost_estimate" "test" {` + webAndIP + `}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("monthly_cost"), exact("151.81")),
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("annual_cost"), exact("1821.72")),
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("prior_monthly_cost"), exact("0")),
				// compute = 2 × 70.08 = 140.16; storage = 2 × 4.00 = 8.00; network = 3.65.
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("categories"), knownvalue.MapExact(map[string]knownvalue.Check{
					"compute": exact("140.16"), "storage": exact("8"), "network": exact("3.65"),
					"database": exact("0"), "managed services": exact("0"),
				})),
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"address": knownvalue.StringExact("aws_instance.web[0]"), "type": knownvalue.StringExact("aws_instance"),
					"status": knownvalue.StringExact("priced"), "monthly_cost": exact("74.08"),
				})),
				// The instance line: 730 hours at 0.096 = 70.08.
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs").AtSliceIndex(0).AtMapKey("components").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"unit": knownvalue.StringExact("hours"), "monthly_quantity": exact("730"), "price": exact("0.096"),
					"monthly_cost": exact("70.08"), "category": knownvalue.StringExact("compute"),
				})),
				// The Elastic IP bills by the hour: 0.005/h, 3.65/month.
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs").AtSliceIndex(2), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"address": knownvalue.StringExact("aws_eip.ip"), "hourly_cost": exact("0.005"), "monthly_cost": exact("3.65"),
				})),
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("unpriced"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("violations"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("catalog_date"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`))),
			},
		}},
	})
}

// A hard budget below the estimate fails the plan (the pre-apply gate):
// 151.81 − 100 = 51.81 over.
func TestAccEstimateDataSource_hardBudgetFails(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "tfcost_estimate" "test" {` + webAndIP + `
  budget = { name = "team", monthly_limit = 100 }
}`,
			ExpectError: wrapped(`Budget "team" exceeded (hard)`, `over its limit of $100.00/month by $51.81`, `Enforcement is hard, so the plan fails`),
		}},
	})
}

// A soft budget only warns: the plan succeeds and the violation is recorded.
func TestAccEstimateDataSource_softBudgetWarns(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "tfcost_estimate" "test" {` + webAndIP + `
  budget = { name = "team", monthly_limit = 100, enforcement = "soft" }
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("violations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("team"), "kind": knownvalue.StringExact("budget"),
						"enforcement": knownvalue.StringExact("soft"), "limit": exact("100"), "actual": exact("151.81"),
						"message": knownvalue.StringRegexp(regexp.MustCompile(`over its limit of \$100\.00/month by \$51\.81`)),
					}),
				})),
			},
		}},
	})
}

// The fixture plan (Terraform 1.0.11, us-east-1) creates a t2.nano with the
// default 8 GB root volume and attaches an existing 128 GB gp2 volume:
//
//	t2.nano    ec2_ondemand_linux.csv 0.0058/h × 730 = 4.234
//	root gp2   aws_unit_prices.csv "gp2 storage" 0.10 × 8 GB = 0.80
//	volume gp2 0.10 × 128 GB = 12.80 (no-op: before and after)
//
// planned = 4.234 + 0.80 + 12.80 = 17.834; prior = 12.80; increase = 5.034.
func TestAccEstimateDataSource_planFile(t *testing.T) {
	config := func(extra string) string {
		return `data "tfcost_estimate" "test" {
  plan_file = "` + fixture(t, "instance_with_attachment_before_deploy.json") + `"
` + extra + `
}`
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(`budget = { max_increase = 5, enforcement = "advisory" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("monthly_cost"), exact("17.834")),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("prior_monthly_cost"), exact("12.8")),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("unpriced"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("violations").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"kind": knownvalue.StringExact("guardrail"), "enforcement": knownvalue.StringExact("advisory"),
						"limit": exact("5"), "actual": exact("5.034"),
					})),
				},
			},
			{
				Config:      config(`budget = { max_increase = 5 }`),
				ExpectError: wrapped(`Cost guardrail "budget" exceeded (hard)`, `rises by $5.03 ($12.80 → $17.83)`),
			},
		},
	})
}

// Usage figures change usage-driven quantities: monthly_hrs = 100 runs the
// m5.large 100 hours, 0.096 × 100 = 9.60; the default 8 GB gp2 root volume
// is storage and bills all month, 0.10 × 8 = 0.80; total 10.40.
func TestAccEstimateDataSource_usage(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "tfcost_estimate" "test" {
  resources = [{ type = "aws_instance", name = "batch", values = { instance_type = "m5.large" } }]
  usage = {
    resource_usage = { "aws_instance.batch" = { monthly_hrs = 100 } }
  }
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("monthly_cost"), exact("10.4")),
			},
		}},
	})
}

// A policy file is evaluated like `tfcost check`: here a soft budget of 150
// against 151.81 (see webAndIP) warns, 1.81 over.
func TestAccEstimateDataSource_policyFile(t *testing.T) {
	dir := t.TempDir()
	policyPath := filepath.Join(dir, "policy.hcl")
	if err := os.WriteFile(policyPath, []byte(`budget "platform" {
  limit       = 150
  enforcement = "soft"
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "tfcost_estimate" "test" {` + webAndIP + `
  policy_file = "` + filepath.ToSlash(policyPath) + `"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("violations").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name": knownvalue.StringExact("platform"), "enforcement": knownvalue.StringExact("soft"),
					"limit": exact("150"), "actual": exact("151.81"),
				})),
			},
		}},
	})
}

func TestAccEstimateDataSource_invalidInput(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "tfcost_estimate" "test" { plan_json = "{\"resource_changes\": [" }`,
				ExpectError: regexp.MustCompile(`Invalid plan JSON`),
			},
			{
				Config:      `data "tfcost_estimate" "test" { plan_file = "does-not-exist.json" }`,
				ExpectError: regexp.MustCompile(`(?s)Invalid plan JSON.*does-not-exist\.json`),
			},
			{
				Config: `data "tfcost_estimate" "test" {
  plan_json = "{}"
  resources = [{ type = "aws_eip", name = "ip" }]
}`,
				ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
			},
			{
				// The misspelt key is the subject of this step.
				Config:      `data "tfcost_estimate" "test" { resources = [{ type = "aws_eip", nmae = "ip" }] }`, //nolint:misspell // deliberate typo
				ExpectError: regexp.MustCompile(`(?s)resources\[0\]: unknown key\(s\) nmae`),                     //nolint:misspell // deliberate typo
			},
			{
				Config: `data "tfcost_estimate" "test" {
  resources = [{ type = "aws_eip", name = "ip" }]
  budget    = {}
}`,
				ExpectError: regexp.MustCompile(`Budget without a figure`),
			},
			{
				Config: `data "tfcost_estimate" "test" {
  resources = [{ type = "aws_eip", name = "ip" }]
  budget    = { monthly_limit = 200, bound = "peak" }
}`,
				ExpectError: regexp.MustCompile(`(?s)budget\.bound value must be one of: \["min" "expected" "max"\]`),
			},
			{
				Config: `data "tfcost_estimate" "test" {
  resources = [{ type = "aws_eip", name = "ip" }]
  budget    = { carbon_limit_kg = -1 }
}`,
				ExpectError: regexp.MustCompile(`Negative limit`),
			},
		},
	})
}

// wrapped matches the phrases in order, allowing Terraform's line wrapping
// wherever a phrase has a space.
func wrapped(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// fixture returns the absolute, slash-separated path of a testdata file,
// for use inside HCL strings (Terraform runs in its own temporary directory).
func fixture(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(p)
}

// TestReportEstimate checks the diagnostic levels without Terraform: hard is
// an error naming the budget, limit, actual and how far over; soft and
// advisory are warnings; unsupported resources are a warning.
func TestReportEstimate(t *testing.T) {
	d := func(s string) *decimal.Decimal { x := decimal.RequireFromString(s); return &x }
	est := &estimate.Estimate{Resources: []*estimate.Resource{{Address: "aws_foo.x", Type: "aws_foo", Status: estimate.StatusUnsupported}}}
	for _, tc := range []struct {
		enf      policy.Enforcement
		severity diag.Severity
	}{{policy.Hard, diag.SeverityError}, {policy.Soft, diag.SeverityWarning}, {policy.Advisory, diag.SeverityWarning}} {
		var diags diag.Diagnostics
		v := policy.Verdict{Violations: []policy.Violation{{Policy: "team", Kind: policy.KindBudget, Enforcement: tc.enf,
			Limit: d("100"), Actual: d("151.81"), Over: d("51.81"), Unit: "USD/month", Message: "over"}}}
		reportEstimate(est, v, &diags)
		if len(diags) != 2 {
			t.Fatalf("%s: want 2 diagnostics (violation, unsupported), got %d: %v", tc.enf, len(diags), diags)
		}
		if diags[0].Severity() != tc.severity {
			t.Errorf("%s: severity %v, want %v", tc.enf, diags[0].Severity(), tc.severity)
		}
		for _, want := range []string{"Limit: $100.00/month", "Actual: $151.81/month", "Over by: $51.81/month"} {
			if !strings.Contains(diags[0].Detail(), want) {
				t.Errorf("%s: detail %q lacks %q", tc.enf, diags[0].Detail(), want)
			}
		}
		if diags[1].Severity() != diag.SeverityWarning || !strings.Contains(diags[1].Detail(), "aws_foo (1)") {
			t.Errorf("unsupported warning: %v %q", diags[1].Severity(), diags[1].Detail())
		}
	}
}

// Diagnostics format money with the renderers' report.Money.
func TestUSD(t *testing.T) {
	for in, want := range map[string]string{"0": "$0.00", "70.08": "$70.08", "1234567.891": "$1,234,567.89", "-51.8": "-$51.80", "100": "$100.00"} {
		if got := report.Money(decimal.RequireFromString(in)); got != want {
			t.Errorf("report.Money(%s) = %s, want %s", in, got, want)
		}
	}
}

// Inside a check block Terraform downgrades the data source's errors to
// warnings: the same hard budget that fails TestAccEstimateDataSource_hardBudgetFails
// lets the run succeed here. The docs describe both patterns; this pins the
// behaviour they describe.
func TestAccEstimateDataSource_checkBlockDowngrades(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
check "budget" {
  data "tfcost_estimate" "test" {` + webAndIP + `
    budget = { name = "team", monthly_limit = 100 }
  }
  assert {
    condition     = data.tfcost_estimate.test.monthly_cost <= 100
    error_message = "over budget"
  }
}`,
			// A check block's data source is always re-read at apply, so
			// the plan after apply is never empty.
			ExpectNonEmptyPlan: true,
		}},
	})
}
