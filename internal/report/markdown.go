package report

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"text/template"

	"github.com/tfcost/tfcost/internal/estimate"
)

//go:embed templates/breakdown.md.tmpl
var markdownTemplate string

var mdTmpl = template.Must(template.New("breakdown.md").Parse(markdownTemplate))

// mdView is what the Markdown template sees. Every user-controlled string
// (addresses, names, notes) is escaped here, so the template cannot emit
// unescaped Markdown or HTML.
type mdView struct {
	Hourly, Monthly, Annual, TotalShare string
	Many                                bool
	Projects                            []mdProject
	Categories                          []mdCategory
	Notes                               []string
}

type mdProject struct {
	Name, Monthly, Annual string
	Rows                  []mdRow
}

type mdRow struct{ Resource, Component, Quantity, Unit, Monthly string }

type mdCategory struct{ Name, Monthly, Annual, Share string }

// Markdown writes a GitHub-flavoured Markdown report: totals, a category
// table, a table of components per resource, and notes (counts, region,
// catalog date).
func Markdown(w io.Writer, projects []Project, opts Options) error {
	var all []*estimate.Resource
	v := mdView{Many: len(projects) > 1}
	merged := &estimate.Estimate{}
	for _, p := range projects {
		est := p.Estimate
		if est == nil {
			continue
		}
		all = append(all, est.Resources...)
		if merged.DefaultRegion == "" {
			merged.DefaultRegion = est.DefaultRegion
		}
		if est.CatalogDate > merged.CatalogDate {
			merged.CatalogDate = est.CatalogDate
		}
		name := p.Name
		if name == "" {
			name = est.Name
		}
		mp := mdProject{Name: mdText(name), Monthly: Money(est.MonthlyCost), Annual: Money(est.AnnualCost)}
		for _, r := range est.Resources {
			if r.Status == estimate.StatusPriced {
				mp.Rows = append(mp.Rows, mdRows(r)...)
			}
		}
		v.Projects = append(v.Projects, mp)
	}
	merged.Resources = all
	estimate.Total(merged)
	v.Hourly, v.Monthly, v.Annual = moneyPlaces(merged.HourlyCost, 4), Money(merged.MonthlyCost), Money(merged.AnnualCost)
	v.TotalShare = "0.00%"
	if !merged.MonthlyCost.IsZero() {
		v.TotalShare = "100.00%"
	}
	for _, c := range merged.Categories {
		v.Categories = append(v.Categories, mdCategory{Name: string(c.Category), Monthly: Money(c.Monthly),
			Annual: Money(c.Annual), Share: percent(c.Share)})
	}
	v.Notes = mdNotes(merged)
	if err := mdTmpl.Execute(w, v); err != nil {
		return err
	}
	return mdFinOps(w, projects)
}

func mdRows(r *estimate.Resource) []mdRow {
	var rows []mdRow
	first := true
	for _, c := range r.Components {
		row := mdRow{Component: mdText(c.Name), Unit: mdText(c.Unit)}
		if first {
			row.Resource = mdCode(r.Address)
			first = false
		}
		if c.Group != "" {
			row.Component = mdText(c.Group) + ": " + row.Component
		}
		switch costMissing(c) {
		case "unpriced":
			row.Monthly = "unpriced"
		case "unknown":
			row.Monthly = "unknown until apply"
		case "usage":
			row.Monthly = mdText(usageNote(c))
		default:
			row.Quantity = optQuantity(c.MonthlyQuantity)
			row.Monthly = Money(*c.MonthlyCost)
			if c.Approximate {
				row.Monthly = "~" + row.Monthly
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func mdNotes(est *estimate.Estimate) []string {
	s := est.Summary
	notes := []string{fmt.Sprintf("%d resources detected: %d priced, %d free, %d not supported yet.",
		s.TotalResources-s.SkippedResources, s.PricedResources, s.FreeResources, s.UnsupportedResources)}
	if len(s.UnsupportedCounts) > 0 {
		notes = append(notes, "Not supported yet (counted, not priced): "+mdText(sortedCounts(s.UnsupportedCounts))+".")
	}
	if s.UsageBasedComponents > 0 {
		notes = append(notes, fmt.Sprintf("%d usage-based components, %d without usage (they add nothing until a usage file gives them).",
			s.UsageBasedComponents, s.UsageMissing))
	}
	if s.ApproximateComponents > 0 {
		notes = append(notes, fmt.Sprintf("%d approximate components (~): priced with the us-east-1 figure because the catalog has none for their region.",
			s.ApproximateComponents))
	}
	if s.UnknownComponents > 0 {
		notes = append(notes, fmt.Sprintf("%s on values unknown until apply: not priced.", plural(s.UnknownComponents, "component depends", "components depend")))
	}
	if s.UnpricedComponents > 0 {
		notes = append(notes, fmt.Sprintf("%s no price in the catalog: not priced.", plural(s.UnpricedComponents, "component has", "components have")))
	}
	notes = append(notes, "Region: "+mdText(regionLine(est))+".")
	if est.CatalogDate != "" {
		notes = append(notes, "Prices as of "+mdText(est.CatalogDate)+" (embedded catalog; `tfcost catalog info` lists the sources).")
	}
	return notes
}

// mdText escapes user-controlled text in the Markdown report with the same
// escaper as the GitHub-flavoured PR comment (which renders HTML): the
// report is often posted as a comment too, where an unescaped "@team"
// would notify people and "https://…" become a link.
var mdText = markdownEscaper(true)

// mdCode puts s in a code span long enough not to be closed by backticks
// inside it; pipes are still escaped because GFM splits table cells first.
func mdCode(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
