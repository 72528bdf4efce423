package policy

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/shopspring/decimal"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
)

var hundred = decimal.NewFromInt(100)

// Evaluate checks every policy against the input. A rule whose condition
// cannot be evaluated (wrong type, missing attribute) is an input error:
// see Verdict.Errors and Verdict.Err.
func (s *Set) Evaluate(in Input) Verdict {
	v := Verdict{Violations: []Violation{}}
	if s == nil || in.Planned == nil {
		return v
	}
	var ctx *hcl.EvalContext
	for _, p := range s.Policies {
		v.Evaluated++
		switch p.Kind {
		case KindBudget:
			evalBudget(p, in, &v)
			evaluateExtra(p, in, &v)
		case KindGuardrail:
			evalGuardrail(p, in, &v)
		case KindRule:
			if ctx == nil {
				ctx = evalContext(in)
			}
			evalRule(p, ctx, &v)
		}
	}
	return v
}

// inScope reports whether a resource counts towards a scoped policy.
func (sc Scope) inScope(r *estimate.Resource) bool {
	if len(sc.Types) > 0 && !slices.Contains(sc.Types, r.Type) {
		return false
	}
	if len(sc.Projects) > 0 && !slices.Contains(sc.Projects, r.Project) {
		return false
	}
	for k, want := range sc.Tags {
		if got, ok := r.Tags[k]; !ok || got != want {
			return false
		}
	}
	return true
}

func (sc Scope) empty() bool { return len(sc.Types) == 0 && len(sc.Tags) == 0 && len(sc.Projects) == 0 }

// String renders the scope for messages: "tags team=data, types aws_instance".
func (sc Scope) String() string {
	if sc.empty() {
		return "all resources"
	}
	var parts []string
	if len(sc.Tags) > 0 {
		keys := make([]string, 0, len(sc.Tags))
		for k := range sc.Tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		s := "tags"
		for _, k := range keys {
			s += " " + k + "=" + sc.Tags[k]
		}
		parts = append(parts, s)
	}
	if len(sc.Types) > 0 {
		s := "types"
		for _, t := range sc.Types {
			s += " " + t
		}
		parts = append(parts, s)
	}
	if len(sc.Projects) > 0 {
		parts = append(parts, "projects "+strings.Join(sc.Projects, " "))
	}
	return strings.Join(parts, "; ")
}

// scopedCost sums the monthly cost of the resources in scope at a bound.
// Resources with an autoscaling range contribute their min or max for those
// bounds. It also counts in-scope resources whose cost is incomplete.
func scopedCost(est *estimate.Estimate, sc Scope, b Bound) (total decimal.Decimal, incomplete int) {
	if est == nil {
		return decimal.Zero, 0
	}
	for _, r := range est.Resources {
		if !sc.inScope(r) {
			continue
		}
		c := r.MonthlyCost
		if r.Range != nil {
			switch b {
			case BoundMin:
				c = r.Range.Min
			case BoundMax:
				c = r.Range.Max
			}
		}
		total = total.Add(c)
		if r.Status == estimate.StatusUnsupported {
			incomplete++
			continue
		}
		for _, comp := range r.Components {
			if comp.MonthlyCost == nil {
				incomplete++
				break
			}
		}
	}
	return total, incomplete
}

func evalBudget(p *Policy, in Input, v *Verdict) {
	if p.Limit == nil {
		return
	}
	actual, incomplete := scopedCost(in.Planned, p.Scope, p.Bound)
	if actual.Cmp(*p.Limit) <= 0 {
		return
	}
	over := actual.Sub(*p.Limit)
	msg := fmt.Sprintf("budget %q (%s, %s monthly cost) is $%s/month, over its limit of $%s/month by $%s",
		p.Name, p.Scope, p.Bound, money2(actual), money2(*p.Limit), money2(over))
	if incomplete > 0 {
		msg += fmt.Sprintf(" (%d resource(s) in scope not fully priced: the real figure may be higher)", incomplete)
	}
	v.Violations = append(v.Violations, Violation{Policy: p.Name, Kind: p.Kind, Enforcement: p.Enforcement,
		Limit: p.Limit, Actual: ptr(actual), Over: ptr(over), Unit: "USD/month", Bound: p.Bound,
		Detail: p.detail(fmt.Sprintf("%s, %s monthly cost", p.Scope, p.Bound)), Message: msg, File: p.File, Line: p.Line})
}

func evalGuardrail(p *Policy, in Input, v *Verdict) {
	if in.Prior == nil {
		v.NotApplicable = append(v.NotApplicable, Note{Policy: p.Name, Kind: p.Kind,
			Message: "no prior cost to compare with (no prior state or baseline): guardrail not applied"})
		return
	}
	planned, _ := scopedCost(in.Planned, p.Scope, BoundExpected)
	prior, _ := scopedCost(in.Prior, p.Scope, BoundExpected)
	delta := planned.Sub(prior)
	if p.MaxIncrease != nil && delta.Cmp(*p.MaxIncrease) > 0 {
		over := delta.Sub(*p.MaxIncrease)
		v.Violations = append(v.Violations, Violation{Policy: p.Name, Kind: p.Kind, Enforcement: p.Enforcement,
			Limit: p.MaxIncrease, Actual: ptr(delta), Over: ptr(over), Unit: "USD/month",
			Detail: p.detail(fmt.Sprintf("%s, monthly increase", p.Scope)),
			Message: fmt.Sprintf("guardrail %q: monthly cost rises by $%s ($%s → $%s), over the maximum increase of $%s by $%s",
				p.Name, money2(delta), money2(prior), money2(planned), money2(*p.MaxIncrease), money2(over)),
			File: p.File, Line: p.Line})
	}
	if p.MaxIncreasePercent == nil {
		return
	}
	if !prior.IsPositive() {
		v.NotApplicable = append(v.NotApplicable, Note{Policy: p.Name, Kind: p.Kind,
			Message: fmt.Sprintf("max_increase_percent not applicable: prior monthly cost is $%s (new spend has no percentage)", money2(prior))})
		return
	}
	pct := delta.Div(prior).Mul(hundred).Round(2)
	if pct.Cmp(*p.MaxIncreasePercent) > 0 {
		over := pct.Sub(*p.MaxIncreasePercent)
		v.Violations = append(v.Violations, Violation{Policy: p.Name, Kind: p.Kind, Enforcement: p.Enforcement,
			Limit: p.MaxIncreasePercent, Actual: ptr(pct), Over: ptr(over), Unit: "%",
			Detail: p.detail(fmt.Sprintf("%s, monthly increase in percent", p.Scope)),
			Message: fmt.Sprintf("guardrail %q: monthly cost rises by %s%% ($%s → $%s), over the maximum increase of %s%% by %s percentage points",
				p.Name, pct.StringFixed(2), money2(prior), money2(planned), p.MaxIncreasePercent, over.StringFixed(2)),
			File: p.File, Line: p.Line})
	}
}

func evalRule(p *Policy, ctx *hcl.EvalContext, v *Verdict) {
	val, diags := p.condition.Value(ctx)
	if diags.HasErrors() {
		v.Errors = append(v.Errors, ruleError(p, diags))
		return
	}
	if val.IsNull() || !val.IsKnown() || !val.Type().Equals(cty.Bool) {
		r := p.condition.Range()
		v.Errors = append(v.Errors, Note{Policy: p.Name, Kind: p.Kind, File: r.Filename, Line: r.Start.Line, Column: r.Start.Column,
			Message: fmt.Sprintf("condition must be true or false, got %s", describe(val))})
		return
	}
	if val.True() {
		return
	}
	msg := p.Message
	if p.messageExpr != nil {
		mv, d := p.messageExpr.Value(ctx)
		if !d.HasErrors() && mv.Type() == cty.String && mv.IsKnown() && !mv.IsNull() {
			msg = mv.AsString()
		} else {
			msg = fmt.Sprintf("rule %q failed (message could not be rendered)", p.Name)
		}
	}
	v.Violations = append(v.Violations, Violation{Policy: p.Name, Kind: p.Kind, Enforcement: p.Enforcement,
		Detail: p.Description, Message: msg, File: p.File, Line: p.Line})
}

// detail is the policy's description, or the given fallback.
func (p *Policy) detail(fallback string) string {
	if p.Description != "" {
		return p.Description
	}
	return fallback
}

func describe(v cty.Value) string {
	switch {
	case !v.IsKnown():
		return "an unknown value"
	case v.IsNull():
		return "null"
	default:
		return v.Type().FriendlyName()
	}
}

func ruleError(p *Policy, diags hcl.Diagnostics) Note {
	n := Note{Policy: p.Name, Kind: p.Kind, File: p.File, Line: p.Line}
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		n.Message = d.Summary
		if d.Detail != "" {
			n.Message += ": " + d.Detail
		}
		if d.Subject != nil {
			n.File, n.Line, n.Column = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		break
	}
	return n
}

// Err returns the first evaluation error as an input error (exit 1), or nil.
func (v Verdict) Err() error {
	if len(v.Errors) == 0 {
		return nil
	}
	e := v.Errors[0]
	err := &failure.Error{Kind: failure.Input, File: e.File, Line: e.Line, Column: e.Column,
		Msg: fmt.Sprintf("%s %q: %s", e.Kind, e.Policy, e.Message)}
	if n := len(v.Errors) - 1; n > 0 {
		err.Msg += fmt.Sprintf(" (and %d more rule error(s))", n)
	}
	return err
}

// money2 renders USD with two decimals.
func money2(d decimal.Decimal) string { return d.StringFixed(2) }

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }
