package policy

import "fmt"

// evaluateExtra checks the budget attributes listed in extraBudgetAttributes.
// A measure tfcost cannot compute yet is reported as not applicable rather
// than silently passing.
func evaluateExtra(p *Policy, in Input, v *Verdict) {
	for _, name := range extraBudgetAttributes {
		if _, ok := p.Extra[name]; !ok {
			continue
		}
		switch name {
		default:
			v.NotApplicable = append(v.NotApplicable, Note{Policy: p.Name, Kind: p.Kind,
				Message: fmt.Sprintf("%s is not evaluated: this estimate carries no figures for it", name)})
		}
	}
}
