package provider

import (
	"fmt"
	"math/big"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/policy"
)

// testdata/asg_launch_template.json is a hand-written plan (format 1.2,
// us-east-1): aws_launch_template.app (m5.large, one 20 GB gp3 volume) and
// aws_autoscaling_group.app using it with min_size 1, desired_capacity 2,
// max_size 6. One instance, from /work/shared/pricing:
//
//	m5.large  ec2_ondemand_linux.csv              0.096/h × 730 h = 70.08
//	gp3       aws_unit_prices.csv "gp3 storage"   0.08/GB-month × 20 GB = 1.60
//	per instance 70.08 + 1.60 = 71.68
//
// min = 1 × 71.68 = 71.68; expected = desired 2 × 71.68 = 143.36;
// max = 6 × 71.68 = 430.08. The launch template itself is free (no range).
// A budget of 200 holds at the expected scale and breaks at max scale,
// 430.08 − 200 = 230.08 over.
func TestAccEstimateDataSource_boundMax(t *testing.T) {
	config := func(budget string) string {
		return `data "tfcost_estimate" "test" {
  plan_file = "` + fixture(t, "asg_launch_template.json") + `"
  budget    = ` + budget + `
}`
	}
	rangeOf := func(lo, expected, hi string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"min": exact(lo), "expected": exact(expected), "max": exact(hi)})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(`{ name = "fleet", monthly_limit = 200 }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("monthly_cost"), exact("143.36")),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("monthly_cost_range"), rangeOf("71.68", "143.36", "430.08")),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"address": knownvalue.StringExact("aws_launch_template.app"), "status": knownvalue.StringExact("free"),
						"monthly_cost_range": knownvalue.Null(), "carbon_kg_monthly": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"address": knownvalue.StringExact("aws_autoscaling_group.app"), "monthly_cost": exact("143.36"),
						"monthly_cost_range": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"min": exact("71.68"), "expected": exact("143.36"), "max": exact("430.08"),
							"basis": knownvalue.StringExact("aws_autoscaling_group min_size=1 desired_capacity=2 max_size=6"),
						}),
					})),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("violations"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			{
				Config: config(`{ name = "fleet", monthly_limit = 200, bound = "max" }`),
				ExpectError: wrapped(`Budget "fleet" exceeded at max scale (hard)`, `max monthly cost) is $430.08/month`,
					`over its limit of $200.00/month by $230.08`, `Limit: $200.00/month Actual: $430.08/month Over by: $230.08/month`),
			},
			{
				// At min scale (71.68) a budget of 70 breaks by 1.68; soft, so it is recorded.
				Config: config(`{ name = "floor", monthly_limit = 70, bound = "min", enforcement = "soft" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("violations"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("floor"), "kind": knownvalue.StringExact("budget"),
							"limit": exact("70"), "actual": exact("71.68"),
						}),
					})),
				},
			},
		},
	})
}

// oneM5Large is one always-on m5.large with the default 8 GB gp2 root
// volume, in us-east-1: 0.096 × 730 = 70.08 + 0.10 × 8 = 0.80 → 70.88.
const oneM5Large = `
  resources = [{ type = "aws_instance", name = "web", values = { instance_type = "m5.large" } }]
`

// Carbon, by hand from /work/shared/carbon (the arithmetic of the m5.large
// in internal/carbon's TestM5LargeUSEast1, plus the root volume):
//
//	m5.large 730 h: operational 2.318485 + embodied 0.698949 = 3.017434 kg
//	8 GB gp2 (SSD): 8 / 1000 TB × 730 h = 5.84 TB-h × 1.2 Wh = 0.007008 kWh
//	  × replication_factor_ec2_ebs_volume 2 × PUE 1.135 = 0.01590816 kWh
//	  × 0.379069 kg/kWh (us-east-1) = 0.006030 kg
//	total 3.017434 + 0.006030 = 3.023464 kgCO2e/month
//
// A carbon_limit_kg of 2 is broken by 3.02 − 2 = 1.02.
func TestAccEstimateDataSource_carbon(t *testing.T) {
	const want = "3.023464"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `data "tfcost_estimate" "test" {` + oneM5Large + `}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("carbon_kg_monthly"), within1pct(want)),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs").AtSliceIndex(0).AtMapKey("carbon_kg_monthly"), within1pct(want)),
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("carbon_method"), knownvalue.StringRegexp(regexp.MustCompile(`(?i)cloud carbon footprint`))),
					// Nothing scales: min = expected = max = 70.88.
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("resource_costs").AtSliceIndex(0).AtMapKey("monthly_cost_range"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"min": exact("70.88"), "expected": exact("70.88"), "max": exact("70.88"), "basis": knownvalue.Null(),
					})),
				},
			},
			{
				Config: `data "tfcost_estimate" "test" {` + oneM5Large + `
  budget = { name = "green", carbon_limit_kg = 2 }
}`,
				ExpectError: wrapped(`Carbon budget "green" exceeded (hard)`, `emits 3.02 kgCO2e/month, over its carbon_limit of 2.00 by 1.02`,
					`Limit: 2.00 kgCO2e/month Actual: 3.02 kgCO2e/month`),
			},
			{
				// Soft: recorded, and the cost limit (100 ≥ 70.88) holds.
				Config: `data "tfcost_estimate" "test" {` + oneM5Large + `
  budget = { name = "green", monthly_limit = 100, carbon_limit_kg = 2, enforcement = "soft" }
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("violations"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("green"), "enforcement": knownvalue.StringExact("soft"),
							"limit": exact("2"), "actual": within1pct(want),
						}),
					})),
				},
			},
		},
	})
}

// An always-on m5.large gets a 1-year Standard RI, no upfront, first (low
// risk, largest low-risk saving). From ec2_linux_reserved_spot.csv
// (us-east-1, m5.large): on-demand 0.096/h, ri_1yr_std_no_upfront 0.06/h:
//
//	saving = (0.096 − 0.06) × 730 = 26.28/month
//	new cost = 70.88 (instance and root volume, see oneM5Large) − 26.28 = 44.60
func TestAccEstimateDataSource_recommendations(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "tfcost_estimate" "test" {` + oneM5Large + `}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.tfcost_estimate.test", tfjsonpath.New("recommendations").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"address": knownvalue.StringExact("aws_instance.web"), "kind": knownvalue.StringExact("reserved"),
					"title":              knownvalue.StringRegexp(regexp.MustCompile(`^1-year Standard Reserved Instance, no upfront`)),
					"terraform_resource": knownvalue.Null(), "attribute": knownvalue.Null(),
					"change":         knownvalue.StringRegexp(regexp.MustCompile(`no Terraform change: buy 1 1-year Standard RI\(s\) for m5\.large in us-east-1`)),
					"monthly_saving": exact("26.28"), "new_monthly_cost": exact("44.6"), "risk": knownvalue.StringExact("low"),
					"why": knownvalue.StringRegexp(regexp.MustCompile(`1-year commitment`)),
				})),
			},
		}},
	})
}

// within1pct accepts a number within 1 % of want: carbon figures are
// rounded to 4 decimals per line, so hand arithmetic matches to about 1e-4.
func within1pct(want string) knownvalue.Check {
	w := decimal.RequireFromString(want)
	return knownvalue.NumberFunc(func(v *big.Float) error {
		got, err := decimal.NewFromString(v.Text('f', -1))
		if err != nil {
			return err
		}
		if got.Sub(w).Abs().GreaterThan(w.Abs().Div(decimal.NewFromInt(100))) {
			return fmt.Errorf("got %s, want %s ± 1%%", got, w)
		}
		return nil
	})
}

// TestBudgetSet checks the mapping of the nested budget onto policies: the
// bound goes to the budget, a carbon-only budget is still a budget (with
// the policy file's carbon_limit), and guardrails are unaffected.
func TestBudgetSet(t *testing.T) {
	num := func(s string) types.Number { return decimalNumber(decimal.RequireFromString(s)) }
	set, err := budgetSet(&budgetModel{MonthlyLimit: num("200"), MaxIncrease: num("10"), Bound: types.StringValue("max"),
		CarbonLimitKg: num("2.5"), Enforcement: types.StringValue("soft")})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Policies) != 2 {
		t.Fatalf("want a budget and a guardrail, got %d policies", len(set.Policies))
	}
	b, g := set.Policies[0], set.Policies[1]
	if b.Kind != policy.KindBudget || b.Bound != policy.BoundMax || b.Enforcement != policy.Soft ||
		!b.Limit.Equal(decimal.NewFromInt(200)) || !b.Extra["carbon_limit"].Equal(decimal.RequireFromString("2.5")) {
		t.Errorf("budget = %+v", b)
	}
	if g.Kind != policy.KindGuardrail || g.Bound != "" {
		t.Errorf("guardrail = %+v", g)
	}

	set, err = budgetSet(&budgetModel{CarbonLimitKg: num("2")})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Policies) != 1 || set.Policies[0].Kind != policy.KindBudget || set.Policies[0].Limit != nil ||
		set.Policies[0].Enforcement != policy.Hard || set.Policies[0].Bound != policy.BoundExpected ||
		!set.Policies[0].Extra["carbon_limit"].Equal(decimal.NewFromInt(2)) {
		t.Errorf("carbon-only budget = %+v", set.Policies)
	}
}
