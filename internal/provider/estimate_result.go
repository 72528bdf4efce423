package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/policy"
	"github.com/tfcost/tfcost/internal/recommend"
	"github.com/tfcost/tfcost/internal/report"
)

// fillEstimate copies an estimate and a verdict into the data source model.
func fillEstimate(_ context.Context, m *estimateDataSourceModel, planned, prior *estimate.Estimate, v policy.Verdict, diags *diag.Diagnostics) {
	m.HourlyCost = decimalNumber(planned.HourlyCost)
	m.MonthlyCost = decimalNumber(planned.MonthlyCost)
	m.AnnualCost = decimalNumber(planned.AnnualCost)
	m.PriorMonthlyCost = decimalNumber(prior.MonthlyCost)
	m.CatalogDate = types.StringValue(planned.CatalogDate)

	cats := map[string]attr.Value{}
	for _, c := range planned.Categories {
		cats[string(c.Category)] = decimalNumber(c.Monthly)
	}
	catMap, d := types.MapValue(types.NumberType, cats)
	diags.Append(d...)
	m.Categories = catMap

	m.ResourceCosts = make([]resourceCostModel, 0, len(planned.Resources))
	m.Unpriced = []string{}
	for _, r := range planned.Resources {
		rc := resourceCostModel{Address: types.StringValue(r.Address), Type: types.StringValue(r.Type),
			Status: types.StringValue(string(r.Status)), HourlyCost: decimalNumber(r.HourlyCost),
			MonthlyCost: decimalNumber(r.MonthlyCost), Components: make([]componentModel, 0, len(r.Components))}
		for _, c := range r.Components {
			price := decimalNumber(c.Price)
			if c.Unpriced {
				price = types.NumberNull()
				m.Unpriced = append(m.Unpriced, r.Address+": "+c.Name)
			}
			rc.Components = append(rc.Components, componentModel{Name: types.StringValue(c.Name), Unit: types.StringValue(c.Unit),
				MonthlyQuantity: decimalPtrNumber(c.MonthlyQuantity), Price: price, MonthlyCost: decimalPtrNumber(c.MonthlyCost),
				Category: types.StringValue(string(c.Category))})
		}
		if r.Status == estimate.StatusUnsupported {
			m.Unpriced = append(m.Unpriced, r.Address)
		}
		m.ResourceCosts = append(m.ResourceCosts, rc)
	}

	m.Violations = make([]violationModel, 0, len(v.Violations))
	for _, x := range v.Violations {
		m.Violations = append(m.Violations, violationModel{Name: types.StringValue(x.Policy), Kind: types.StringValue(string(x.Kind)),
			Enforcement: types.StringValue(string(x.Enforcement)), Limit: decimalPtrNumber(x.Limit),
			Actual: decimalPtrNumber(x.Actual), Message: types.StringValue(x.Message)})
	}
}

// fillFinOps adds what the CLI's FinOps outputs show: cost ranges,
// carbon footprint and recommendations. resource_costs must be filled first
// (it follows planned.Resources one to one).
func fillFinOps(m *estimateDataSourceModel, planned *estimate.Estimate, recs []recommend.Recommendation) {
	m.MonthlyCostRange = rangeValue(planned.Range)
	m.CarbonKgMonthly, m.CarbonMethod = types.NumberNull(), types.StringNull()
	if c := planned.Carbon; c != nil {
		m.CarbonKgMonthly = decimalNumber(c.MonthlyKg)
		m.CarbonMethod = types.StringValue(c.Method + " (" + c.CoefficientSet + ")")
	}
	for i, r := range planned.Resources {
		m.ResourceCosts[i].MonthlyCostRange = rangeValue(r.Range)
		m.ResourceCosts[i].CarbonKgMonthly = decimalPtrNumber(r.CarbonKg)
	}
	m.Recommendations = make([]recommendationModel, 0, len(recs))
	for _, r := range recs {
		m.Recommendations = append(m.Recommendations, recommendationModel{
			Address: types.StringValue(r.Address), Kind: types.StringValue(string(r.Kind)), Title: types.StringValue(r.Title),
			Target: optString(r.Target), Attribute: optString(r.Attribute), Value: optString(r.Value),
			Change: types.StringValue(r.Change), MonthlySaving: decimalNumber(r.MonthlySaving),
			NewMonthlyCost: decimalNumber(r.NewMonthly), Risk: types.StringValue(r.Risk.String()), Why: types.StringValue(r.Why),
		})
	}
}

// rangeValue converts a cost range; nil (not priced) stays null.
func rangeValue(r *estimate.Range) *rangeModel {
	if r == nil {
		return nil
	}
	return &rangeModel{Min: decimalNumber(r.Min), Expected: decimalNumber(r.Expected), Max: decimalNumber(r.Max), Basis: optString(r.Basis)}
}

// optString is null for "", so HCL can test `x == null`.
func optString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// carbonUnit is the Unit of a carbon_limit violation (internal/policy extra.go).
const carbonUnit = "kgCO2e/month"

// maxListed caps the addresses a warning names; the full list is in the
// `unpriced` and `resource_costs` attributes.
const maxListed = 10

// reportEstimate turns findings into diagnostics: a hard violation is an
// error (the plan fails: this is the pre-apply gate), soft and advisory
// ones and anything tfcost could not price are warnings.
func reportEstimate(est *estimate.Estimate, v policy.Verdict, diags *diag.Diagnostics) {
	for _, x := range v.Violations {
		summary, detail := violationText(x)
		if x.Enforcement == policy.Hard {
			diags.AddError(summary, detail)
		} else {
			diags.AddWarning(summary, detail)
		}
	}
	for _, n := range v.NotApplicable {
		diags.AddWarning(fmt.Sprintf("Check %q not applied", n.Policy), n.Message)
	}

	unsupported := map[string][]string{}
	var unpriced, notes []string
	for _, r := range est.Resources {
		if r.Status == estimate.StatusUnsupported {
			unsupported[r.Type] = append(unsupported[r.Type], r.Address)
		}
		for _, c := range r.Components {
			if c.Unpriced {
				unpriced = append(unpriced, fmt.Sprintf("%s: %s (%s)", r.Address, c.Name, c.Note))
			}
		}
		notes = append(notes, r.Warnings...)
	}
	if len(unsupported) > 0 {
		types := make([]string, 0, len(unsupported))
		n := 0
		for t, addrs := range unsupported {
			types = append(types, fmt.Sprintf("%s (%d)", t, len(addrs)))
			n += len(addrs)
		}
		sort.Strings(types)
		diags.AddWarning(fmt.Sprintf("%d resource(s) not priced", n),
			"tfcost has no pricing rule yet for: "+strings.Join(types, ", ")+
				". Their cost is not in the totals; see the `unpriced` attribute for the addresses.")
	}
	if len(unpriced) > 0 {
		diags.AddWarning(fmt.Sprintf("%d cost component(s) without a price", len(unpriced)),
			"The price catalog has no figure for:\n"+list(unpriced)+"\nThese lines are not in the totals.")
	}
	notes = append(notes, est.Warnings...)
	if len(notes) > 0 {
		diags.AddWarning("Estimate notes", list(notes))
	}
}

// violationText writes the diagnostic for one violation: which budget, its
// limit, the actual figure and how far over it is.
func violationText(x policy.Violation) (summary, detail string) {
	what := "Budget"
	switch x.Kind {
	case policy.KindGuardrail:
		what = "Cost guardrail"
	case policy.KindRule:
		what = "Cost policy"
	}
	if x.Unit == carbonUnit {
		what = "Carbon budget"
	}
	scale := ""
	if x.Bound == policy.BoundMin || x.Bound == policy.BoundMax {
		scale = " at " + string(x.Bound) + " scale"
	}
	summary = fmt.Sprintf("%s %q exceeded%s (%s)", what, x.Policy, scale, x.Enforcement)
	var b strings.Builder
	b.WriteString(upperFirst(x.Message))
	b.WriteString(".")
	if x.Limit != nil && x.Actual != nil && x.Over != nil {
		switch x.Unit {
		case "%":
			fmt.Fprintf(&b, "\n\nLimit: %s%%  Actual: %s%%  Over by: %s percentage points.", x.Limit, x.Actual, x.Over)
		case carbonUnit:
			fmt.Fprintf(&b, "\n\nLimit: %s kgCO2e/month  Actual: %s kgCO2e/month  Over by: %s kgCO2e/month.",
				x.Limit.StringFixed(2), x.Actual.StringFixed(2), x.Over.StringFixed(2))
		default:
			fmt.Fprintf(&b, "\n\nLimit: %s/month  Actual: %s/month  Over by: %s/month.", report.Money(*x.Limit), report.Money(*x.Actual), report.Money(*x.Over))
		}
	}
	if x.File != "" {
		fmt.Fprintf(&b, "\nPolicy: %s:%d.", x.File, x.Line)
	}
	switch x.Enforcement {
	case policy.Hard:
		b.WriteString("\n\nEnforcement is hard, so the plan fails. Reduce the cost, raise the limit, or set enforcement = \"soft\" to warn instead.")
	case policy.Soft:
		b.WriteString("\n\nEnforcement is soft: this is a warning and the plan goes on.")
	default:
		b.WriteString("\n\nEnforcement is advisory: reported only.")
	}
	return summary, b.String()
}

func list(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i == maxListed {
			fmt.Fprintf(&b, "\n… and %d more", len(lines)-maxListed)
			break
		}
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("- " + l)
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
