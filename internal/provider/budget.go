package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/policy"
)

// budgetSet turns the nested `budget` attribute into a policy set, so the
// attribute and a policy file's budget/guardrail blocks share one meaning
// (inclusive limits, a percent guardrail with no prior cost not applicable,
// `bound` choosing the range figure, carbon_limit_kg as a budget's
// carbon_limit).
func budgetSet(b *budgetModel) (*policy.Set, error) {
	name := "budget"
	if n := b.Name.ValueString(); n != "" {
		name = n
	}
	limit, err := optDecimal(b.MonthlyLimit, "monthly_limit")
	if err != nil {
		return nil, err
	}
	inc, err := optDecimal(b.MaxIncrease, "max_increase")
	if err != nil {
		return nil, err
	}
	pct, err := optDecimal(b.MaxIncreasePercent, "max_increase_percent")
	if err != nil {
		return nil, err
	}
	carbonKg, err := optDecimal(b.CarbonLimitKg, "carbon_limit_kg")
	if err != nil {
		return nil, err
	}
	set := policy.Budget(name, limit, inc, pct, b.Enforcement.ValueString())
	bound := policy.BoundExpected
	if v := b.Bound.ValueString(); v != "" {
		bound = policy.Bound(v)
	}
	var budget *policy.Policy
	for _, p := range set.Policies {
		if p.Kind == policy.KindBudget {
			budget = p
		}
	}
	if budget == nil && carbonKg != nil {
		// A carbon-only budget: a budget block with carbon_limit and no limit,
		// as a policy file would write it.
		enf := policy.Enforcement(b.Enforcement.ValueString())
		if enf == "" {
			enf = policy.Hard
		}
		budget = &policy.Policy{Name: name, Kind: policy.KindBudget, Enforcement: enf}
		set.Policies = append([]*policy.Policy{budget}, set.Policies...)
	}
	if budget != nil {
		budget.Bound = bound
		if carbonKg != nil {
			// The key is the policy file's attribute name (policy.extraBudgetAttributes).
			budget.Extra = map[string]decimal.Decimal{"carbon_limit": *carbonKg}
		}
	}
	return set, nil
}

// gateError is a problem with the gate's own input, tied to one attribute.
type gateError struct {
	attr string
	err  error
}

func (e *gateError) Error() string { return e.err.Error() }

// evaluateGates checks the nested budget and the policy file (if any)
// against the planned and prior estimates.
func evaluateGates(b *budgetModel, policyFile string, planned, prior *estimate.Estimate) (policy.Verdict, *gateError) {
	v := policy.Verdict{Violations: []policy.Violation{}}
	in := policy.Input{Planned: planned, Prior: prior}
	merge := func(x policy.Verdict) {
		v.Violations = append(v.Violations, x.Violations...)
		v.NotApplicable = append(v.NotApplicable, x.NotApplicable...)
		v.Errors = append(v.Errors, x.Errors...)
		v.Evaluated += x.Evaluated
	}
	if b != nil {
		set, err := budgetSet(b)
		if err != nil {
			return v, &gateError{"budget", err}
		}
		merge(set.Evaluate(in))
	}
	if policyFile != "" {
		set, err := policy.ParseFile(policyFile)
		if err != nil {
			return v, &gateError{"policy_file", err}
		}
		pv := set.Evaluate(in)
		if err := pv.Err(); err != nil {
			return v, &gateError{"policy_file", err}
		}
		merge(pv)
	}
	return v, nil
}

func optDecimal(n types.Number, name string) (*decimal.Decimal, error) {
	if n.IsNull() {
		return nil, nil
	}
	d, err := numberToDecimal(n)
	if err != nil {
		return nil, fmt.Errorf("budget.%s: %v", name, err)
	}
	return &d, nil
}
