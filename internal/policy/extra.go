package policy

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// evaluateExtra checks the budget attributes listed in extraBudgetAttributes.
// A measure tfcost cannot compute yet is reported as not applicable rather
// than silently passing.
func evaluateExtra(p *Policy, in Input, v *Verdict) {
	for _, name := range extraBudgetAttributes {
		limit, ok := p.Extra[name]
		if !ok {
			continue
		}
		switch {
		case name == "carbon_limit" && in.Planned != nil && in.Planned.Carbon != nil:
			evalCarbon(p, limit, in, v)
		default:
			v.NotApplicable = append(v.NotApplicable, Note{Policy: p.Name, Kind: p.Kind,
				Message: fmt.Sprintf("%s is not evaluated: this estimate carries no figures for it", name)})
		}
	}
}

// evalCarbon holds the in-scope resources' kgCO2e per month (carbon.Annotate)
// to carbon_limit. Resources without a carbon figure add nothing.
func evalCarbon(p *Policy, limit decimal.Decimal, in Input, v *Verdict) {
	var actual decimal.Decimal
	for _, r := range in.Planned.Resources {
		if r.CarbonKg != nil && p.Scope.inScope(r) {
			actual = actual.Add(*r.CarbonKg)
		}
	}
	if actual.Cmp(limit) <= 0 {
		return
	}
	over := actual.Sub(limit)
	v.Violations = append(v.Violations, Violation{Policy: p.Name, Kind: p.Kind, Enforcement: p.Enforcement,
		Limit: ptr(limit), Actual: ptr(actual), Over: ptr(over), Unit: "kgCO2e/month",
		Message: fmt.Sprintf("budget %q (%s) emits %s kgCO2e/month, over its carbon_limit of %s by %s",
			p.Name, p.Scope, actual.StringFixed(2), limit.StringFixed(2), over.StringFixed(2)),
		File: p.File, Line: p.Line})
}
