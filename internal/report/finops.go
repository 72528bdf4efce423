package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/recommend"
)

// FinOps output shared by the renderers: the cost range at autoscaling
// bounds, the carbon footprint, cost per unit of work and savings
// recommendations (docs/carbon.md, docs/recommendations.md).

// FieldCarbon is the table column with each line's kgCO2e per month.
const FieldCarbon = "carbon"

// maxReportRecommendations caps the recommendations a breakdown shows;
// `tfcost recommend` lists them all.
const maxReportRecommendations = 5

// finopsTotals merges the FinOps figures of the projects rendered together.
type finopsTotals struct {
	Range  *estimate.Range
	Carbon *estimate.CarbonSummary
	// Unit is shown for a single project only: requests are per project.
	Unit *estimate.UnitEconomics
	Recs []projectRec
}

// projectRec is a recommendation with the project it belongs to, named in
// multi-project reports where two projects can share an address.
type projectRec struct {
	recommend.Recommendation
	Project string
}

// label is the resource as a report names it: "project: address" when
// several projects are shown together.
func (r projectRec) label() string {
	if r.Project == "" {
		return r.Address
	}
	return r.Project + ": " + r.Address
}

// topRecommendations merges the projects' recommendations, largest saving
// first (stable, so equal savings keep project and address order).
func topRecommendations(projects []Project, many bool) []projectRec {
	var out []projectRec
	for _, p := range projects {
		name := ""
		if many {
			name = projectName(p)
		}
		for _, r := range p.Recommendations {
			out = append(out, projectRec{Recommendation: r, Project: name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].MonthlySaving.GreaterThan(out[j].MonthlySaving) })
	return out
}

func finopsOf(projects []Project) finopsTotals {
	var f finopsTotals
	missing := map[string]bool{}
	n := 0
	for _, p := range projects {
		est := p.Estimate
		if est == nil {
			continue
		}
		n++
		if est.Range != nil {
			if f.Range == nil {
				f.Range = &estimate.Range{}
			}
			f.Range.Min = f.Range.Min.Add(est.Range.Min)
			f.Range.Expected = f.Range.Expected.Add(est.Range.Expected)
			f.Range.Max = f.Range.Max.Add(est.Range.Max)
		}
		if c := est.Carbon; c != nil {
			if f.Carbon == nil {
				f.Carbon = &estimate.CarbonSummary{Method: c.Method, CoefficientSet: c.CoefficientSet}
			}
			f.Carbon.MonthlyKg = f.Carbon.MonthlyKg.Add(c.MonthlyKg)
			f.Carbon.OperationalKg = f.Carbon.OperationalKg.Add(c.OperationalKg)
			f.Carbon.EmbodiedKg = f.Carbon.EmbodiedKg.Add(c.EmbodiedKg)
			f.Carbon.Resources += c.Resources
			for _, m := range c.Missing {
				missing[m] = true
			}
		}
		f.Unit = est.Unit
	}
	f.Recs = topRecommendations(projects, n > 1)
	if n != 1 {
		f.Unit = nil
	}
	if f.Carbon != nil {
		for m := range missing {
			f.Carbon.Missing = append(f.Carbon.Missing, m)
		}
		sort.Strings(f.Carbon.Missing)
	}
	return f
}

// lines are the summary sentences, plain text; esc escapes user-controlled
// parts (resource types) for the target format.
func (f finopsTotals) lines(esc func(string) string) []string {
	var out []string
	if r := f.Range; r != nil && !r.Min.Equal(r.Max) {
		out = append(out, fmt.Sprintf("Range at autoscaling bounds: %s – %s per month (expected %s).",
			Money(r.Min), Money(r.Max), Money(r.Expected)))
	}
	if c := f.Carbon; c != nil && c.Resources > 0 {
		s := fmt.Sprintf("Carbon: %s kgCO2e per month (%s operational, %s embodied). Method: Cloud Carbon Footprint; coefficients: %s.",
			c.MonthlyKg.StringFixed(2), c.OperationalKg.StringFixed(2), c.EmbodiedKg.StringFixed(2), esc(c.CoefficientSet))
		if len(c.Missing) > 0 {
			types := make([]string, len(c.Missing))
			for i, t := range c.Missing {
				types[i] = esc(t)
			}
			s += " No carbon figures for: " + strings.Join(types, ", ") + "."
		}
		out = append(out, s)
	}
	if u := f.Unit; u != nil {
		s := fmt.Sprintf("Per 1,000 requests (%s requests a month): %s", groupDigits(u.MonthlyRequests.String()), moneyPlaces(u.CostPer1kRequests, 4))
		if u.KgCO2ePer1kRequests != nil {
			s += fmt.Sprintf(" and %s kgCO2e", u.KgCO2ePer1kRequests.String())
		}
		out = append(out, s+".")
	}
	if len(f.Recs) > 0 {
		var total decimal.Decimal
		for _, r := range f.Recs {
			total = total.Add(r.MonthlySaving)
		}
		out = append(out, fmt.Sprintf("Savings available: up to %s per month from %d recommendation(s); run tfcost recommend for details.",
			Money(total), len(f.Recs)))
	}
	return out
}

func groupDigits(s string) string {
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return b.String() + "." + frac
	}
	return b.String()
}

func identity(s string) string { return s }

// tableFinOps writes the FinOps summary lines and the top recommendations
// under the table's footer.
func (t *tableWriter) finops(projects []Project) {
	f := finopsOf(projects)
	for _, l := range f.lines(identity) {
		t.line(" " + l)
	}
	t.recommendations(f.Recs)
}

// recommendations writes the top recommendations (breakdown and diff tables).
func (t *tableWriter) recommendations(recs []projectRec) {
	if len(recs) == 0 {
		return
	}
	t.line("")
	t.line(t.style(ansiBold, " Recommendations (lowest risk first per resource, largest savings shown)"))
	for i, r := range recs {
		if i == maxReportRecommendations {
			t.line(fmt.Sprintf("   … and %d more: run tfcost recommend", len(recs)-i))
			break
		}
		t.line(fmt.Sprintf("   %s: %s (saves %s/month, %s risk)", printable(r.label()), printable(r.Change), Money(r.MonthlySaving), r.Risk))
	}
}

// carbonCell is a line's kgCO2e for the carbon column.
func carbonCell(c estimate.Component) string {
	if c.Footprint == nil || c.Footprint.KgCO2e == nil {
		return "-"
	}
	return c.Footprint.KgCO2e.StringFixed(2)
}

func carbonTotalCell(est *estimate.Estimate) string {
	if est.Carbon == nil {
		return "-"
	}
	return est.Carbon.MonthlyKg.StringFixed(2)
}

// hasCarbon reports whether any line carries a carbon figure: the table then
// shows the carbon column by default. (tfcost JSON read back has project
// totals but no per-line figures, so its tables keep the usual columns.)
func hasCarbon(projects []Project) bool {
	for _, p := range projects {
		if p.Estimate == nil {
			continue
		}
		for _, r := range p.Estimate.Resources {
			for _, c := range r.Components {
				if c.Footprint != nil && c.Footprint.KgCO2e != nil {
					return true
				}
			}
		}
	}
	return false
}

// mdFinOps writes the Markdown FinOps section: summary lines and a table of
// the top recommendations. Every user-controlled string is escaped.
func mdFinOps(w io.Writer, projects []Project) error {
	f := finopsOf(projects)
	lines := f.lines(mdText)
	if len(lines) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("\n### FinOps\n\n")
	for _, l := range lines {
		b.WriteString("- " + l + "\n")
	}
	mdRecommendations(&b, f.Recs, mdCode, mdText)
	_, err := io.WriteString(w, b.String())
	return err
}

// mdRecommendations writes the top recommendations as a Markdown table;
// code and text escape user-controlled strings for the target flavour.
func mdRecommendations(b *strings.Builder, recs []projectRec, code, text func(string) string) {
	if len(recs) == 0 {
		return
	}
	b.WriteString("\n| Resource | Change | Saving/month | Risk | Why |\n|---|---|---:|---|---|\n")
	for i, r := range recs {
		if i == maxReportRecommendations {
			fmt.Fprintf(b, "\n…and %d more: run `tfcost recommend` for the full list.\n", len(recs)-i)
			break
		}
		res := code(r.Address)
		if r.Project != "" {
			res = text(r.Project) + ": " + res
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", res, text(r.Change), Money(r.MonthlySaving), r.Risk, text(r.Why))
	}
}

// commentFinOps are note lines for PR comments: the planned carbon footprint
// (and its change) and the range of the planned cost.
func commentFinOps(r *diff.Report) []string {
	var prior, planned decimal.Decimal
	have := false
	var rng *estimate.Range
	for _, p := range r.Projects {
		if p.Planned != nil && p.Planned.Carbon != nil {
			have = true
			planned = planned.Add(p.Planned.Carbon.MonthlyKg)
		}
		if p.Prior != nil && p.Prior.Carbon != nil {
			prior = prior.Add(p.Prior.Carbon.MonthlyKg)
		}
		if p.Planned != nil && p.Planned.Range != nil {
			if rng == nil {
				rng = &estimate.Range{}
			}
			rng.Min, rng.Max = rng.Min.Add(p.Planned.Range.Min), rng.Max.Add(p.Planned.Range.Max)
		}
	}
	var out []string
	if rng != nil && !rng.Min.Equal(rng.Max) {
		out = append(out, fmt.Sprintf("Planned cost at autoscaling bounds: %s – %s per month.", Money(rng.Min), Money(rng.Max)))
	}
	if have {
		out = append(out, fmt.Sprintf("Carbon: %s → %s kgCO2e per month (Cloud Carbon Footprint method).",
			prior.StringFixed(2), planned.StringFixed(2)))
	}
	var saving decimal.Decimal
	n := 0
	for _, p := range r.Projects {
		for _, rec := range p.Recommendations {
			saving = saving.Add(rec.MonthlySaving)
			n++
		}
	}
	if n > 0 {
		out = append(out, fmt.Sprintf("Savings available: up to %s per month from %d recommendation(s); run tfcost recommend for the changes and their risk.",
			Money(saving), n))
	}
	return out
}

// withCarbonColumn adds the carbon column to the default columns when the
// estimates carry carbon figures, and drops it when they carry none (--fields
// all then shows what it always showed).
func withCarbonColumn(fields []string, projects []Project) []string {
	if !hasCarbon(projects) {
		out := make([]string, 0, len(fields))
		for _, f := range fields {
			if f != FieldCarbon {
				out = append(out, f)
			}
		}
		return out
	}
	if len(fields) != len(DefaultTableFields) {
		return fields
	}
	for i := range fields {
		if fields[i] != DefaultTableFields[i] {
			return fields
		}
	}
	return append(append([]string{}, fields...), FieldCarbon)
}
