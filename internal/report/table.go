package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
)

// Table columns selectable with --fields (Infracost's names, plus
// "quantity" for monthlyQuantity and "category").
const (
	FieldPrice           = "price"
	FieldHourlyQuantity  = "hourlyQuantity"
	FieldMonthlyQuantity = "monthlyQuantity"
	FieldUnit            = "unit"
	FieldCategory        = "category"
	FieldHourlyCost      = "hourlyCost"
	FieldMonthlyCost     = "monthlyCost"
)

// TableFields lists the columns in the order they are shown.
var TableFields = []string{FieldPrice, FieldHourlyQuantity, FieldMonthlyQuantity, FieldUnit, FieldCategory,
	FieldHourlyCost, FieldMonthlyCost, FieldCarbon}

// DefaultTableFields are the columns shown without --fields (as Infracost).
var DefaultTableFields = []string{FieldMonthlyQuantity, FieldUnit, FieldMonthlyCost}

var fieldAliases = map[string]string{"quantity": FieldMonthlyQuantity, "monthlyqty": FieldMonthlyQuantity,
	"hourlyqty": FieldHourlyQuantity}

var fieldHeaders = map[string]string{FieldPrice: "Price", FieldHourlyQuantity: "Hourly Qty",
	FieldMonthlyQuantity: "Monthly Qty", FieldUnit: "Unit", FieldCategory: "Category",
	FieldHourlyCost: "Hourly Cost", FieldMonthlyCost: "Monthly Cost", FieldCarbon: "kgCO2e/mo"}

// ParseFields validates --fields values ("all" selects every column) and
// returns them in display order.
func ParseFields(values []string) ([]string, error) {
	if len(values) == 0 {
		return DefaultTableFields, nil
	}
	want := map[string]bool{}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if v == "all" {
			return TableFields, nil
		}
		name := v
		if a, ok := fieldAliases[strings.ToLower(v)]; ok {
			name = a
		}
		if _, ok := fieldHeaders[name]; !ok {
			return nil, failure.Usagef("unknown field %q in --fields; expected some of %s, or all",
				v, strings.Join(TableFields, ", "))
		}
		want[name] = true
	}
	var out []string
	for _, f := range TableFields {
		if want[f] {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return DefaultTableFields, nil
	}
	return out, nil
}

// ANSI styles, used only when Options.Color is set.
const (
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiYellow = "\x1b[33m"
	ansiReset  = "\x1b[0m"
)

type rowKind int

const (
	rowHeader    rowKind = iota // column titles
	rowResource                 // a resource name, no cells
	rowGroup                    // a sub-resource name, no cells
	rowComponent                // a component with cells, or with span text
	rowText                     // free text under a resource (range)
	rowBlank
	rowTotal
)

type row struct {
	kind  rowKind
	name  string
	cells []string
	span  string // replaces the cells: "depends on usage: …", "unknown: …"
	warn  bool   // span is a problem (unknown, unpriced), not a usage note
}

// Table writes a tree per resource (component, quantity, unit, monthly cost)
// and a TCO footer: categories with monthly, annual and share, totals, and
// summary counts.
func Table(w io.Writer, projects []Project, opts Options) error {
	fields := opts.Fields
	if len(fields) == 0 {
		fields = DefaultTableFields
	}
	fields = withCarbonColumn(fields, projects)
	t := &tableWriter{w: w, opts: opts, fields: fields}
	var all []*estimate.Resource
	for i, p := range projects {
		if p.Estimate == nil {
			continue
		}
		if i > 0 {
			t.line("")
		}
		t.project(p, len(projects) > 1)
		all = append(all, p.Estimate.Resources...)
	}
	merged := &estimate.Estimate{Resources: all}
	for _, p := range projects {
		if p.Estimate == nil {
			continue
		}
		if merged.DefaultRegion == "" {
			merged.DefaultRegion = p.Estimate.DefaultRegion
		}
		if p.Estimate.CatalogDate > merged.CatalogDate {
			merged.CatalogDate = p.Estimate.CatalogDate
		}
	}
	estimate.Total(merged)
	if len(projects) > 1 {
		t.overall(projects, merged)
	}
	t.footer(merged)
	t.finops(projects)
	return t.err
}

// overall lists each project's total before the combined TCO footer, so a
// multi-project report can be read from the bottom up.
func (t *tableWriter) overall(projects []Project, merged *estimate.Estimate) {
	rows := [][]string{{fmt.Sprintf("All projects (%d)", len(projects)), "Monthly", "Annual"}}
	for _, p := range projects {
		if p.Estimate == nil {
			continue
		}
		rows = append(rows, []string{projectName(p), Money(p.Estimate.MonthlyCost), Money(p.Estimate.AnnualCost)})
	}
	rows = append(rows, []string{"OVERALL TOTAL", Money(merged.MonthlyCost), Money(merged.AnnualCost)})
	w := make([]int, 3)
	for _, r := range rows {
		for i, c := range r {
			w[i] = max(w[i], width(c))
		}
	}
	t.line("")
	for n, r := range rows {
		s := pad(r[0], w[0], true) + "  " + pad(r[1], w[1], false) + "  " + pad(r[2], w[2], false)
		if n == 0 || n == len(rows)-1 {
			s = t.style(ansiBold, s)
		}
		t.line(" " + s)
	}
}

// projectName is the label of a project in reports.
func projectName(p Project) string {
	if p.Name == "" && p.Estimate != nil {
		return p.Estimate.Name
	}
	return p.Name
}

type tableWriter struct {
	w      io.Writer
	opts   Options
	fields []string
	err    error
}

// line writes one line of the table. Every line goes through here, so this
// is where control characters from the plan (an address, a tag, a device
// name) are dropped: an escape sequence must not reach the user's terminal.
// With colour on, only our own SGR sequences (ESC [ digits m) survive.
func (t *tableWriter) line(s string) {
	if t.err != nil {
		return
	}
	if t.opts.Color {
		s = sgrOnly(s)
	} else {
		s = printable(s)
	}
	_, t.err = io.WriteString(t.w, strings.TrimRight(s, " ")+"\n")
}

// sgr matches a Select Graphic Rendition sequence: colour and weight only,
// nothing that moves the cursor, clears the screen or opens a hyperlink.
var sgr = regexp.MustCompile(`^\x1b\[[0-9;]*m`)

// sgrOnly is printable(s) keeping SGR sequences.
func sgrOnly(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		if m := sgr.FindString(s); m != "" {
			b.WriteString(m)
			s = s[len(m):]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (t *tableWriter) style(code, s string) string {
	if !t.opts.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *tableWriter) project(p Project, many bool) {
	est := p.Estimate
	name := projectName(p)
	t.line(t.style(ansiBold, "Project: "+name))
	if many && p.Path != "" && p.Path != name {
		t.line("Plan:    " + p.Path)
	}
	t.line("")
	rows := []row{{kind: rowHeader, name: "Name", cells: t.headers()}, {kind: rowBlank}}
	for _, r := range est.Resources {
		if r.Status != estimate.StatusPriced {
			continue
		}
		rows = append(rows, t.resourceRows(r)...)
		rows = append(rows, row{kind: rowBlank})
	}
	label := "OVERALL TOTAL"
	if many {
		label = "Project total"
	}
	rows = append(rows, row{kind: rowTotal, name: label, cells: t.totalCells(est)})
	t.render(rows)
	if t.opts.ShowSkipped {
		t.skipped(est)
	}
}

func (t *tableWriter) headers() []string {
	out := make([]string, len(t.fields))
	for i, f := range t.fields {
		out[i] = fieldHeaders[f]
	}
	return out
}

func (t *tableWriter) totalCells(est *estimate.Estimate) []string {
	cells := make([]string, len(t.fields))
	for i, f := range t.fields {
		switch f {
		case FieldMonthlyCost:
			cells[i] = Money(est.MonthlyCost)
		case FieldCarbon:
			cells[i] = carbonTotalCell(est)
		case FieldHourlyCost:
			cells[i] = moneyPlaces(est.HourlyCost, 4)
		}
	}
	return cells
}

func (t *tableWriter) resourceRows(r *estimate.Resource) []row {
	rows := []row{{kind: rowResource, name: r.Address}}
	own, subs := groups(r)
	var extra []string
	if r.Range != nil && !r.Range.Min.Equal(r.Range.Max) {
		// A range only says something when the bounds differ (autoscaling).
		rng := fmt.Sprintf("range: %s – %s per month, expected %s", Money(r.Range.Min), Money(r.Range.Max),
			Money(r.Range.Expected))
		if r.Range.Basis != "" {
			rng += " (" + r.Range.Basis + ")"
		}
		extra = append(extra, rng)
	}
	if r.Note != "" {
		extra = append(extra, r.Note)
	}
	n := len(own) + len(subs) + len(extra)
	i := 0
	branch := func() (string, string) {
		i++
		if i == n {
			return "└─ ", "   "
		}
		return "├─ ", "│  "
	}
	for _, c := range own {
		pre, _ := branch()
		rows = append(rows, t.componentRow(pre, c))
	}
	for _, g := range subs {
		pre, cont := branch()
		rows = append(rows, row{kind: rowGroup, name: pre + g.Name})
		for j, c := range g.Components {
			sub := "├─ "
			if j == len(g.Components)-1 {
				sub = "└─ "
			}
			rows = append(rows, t.componentRow(cont+sub, c))
		}
	}
	for _, e := range extra {
		pre, _ := branch()
		rows = append(rows, row{kind: rowText, name: pre + e})
	}
	return rows
}

func (t *tableWriter) componentRow(prefix string, c estimate.Component) row {
	r := row{kind: rowComponent, name: prefix + c.Name}
	switch costMissing(c) {
	case "unpriced":
		r.span, r.warn = "unpriced: "+c.Note, true
		return r
	case "unknown":
		r.span, r.warn = "unknown: "+c.Note, true
		return r
	case "usage":
		r.span = usageNote(c)
		return r
	}
	mark := ""
	if c.Approximate {
		mark = "~"
	}
	r.cells = make([]string, len(t.fields))
	for i, f := range t.fields {
		switch f {
		case FieldPrice:
			r.cells[i] = mark + unitPrice(c.Price)
		case FieldHourlyQuantity:
			r.cells[i] = optQuantity(c.HourlyQuantity)
		case FieldMonthlyQuantity:
			r.cells[i] = optQuantity(c.MonthlyQuantity)
		case FieldUnit:
			r.cells[i] = c.Unit
		case FieldCategory:
			r.cells[i] = string(c.Category)
		case FieldHourlyCost:
			r.cells[i] = mark + moneyPlaces(*c.HourlyCost, 4)
		case FieldMonthlyCost:
			r.cells[i] = mark + Money(*c.MonthlyCost)
		case FieldCarbon:
			r.cells[i] = carbonCell(c)
		}
	}
	return r
}

func optQuantity(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return quantity(*d)
}

// leftAligned columns hold text; the others hold numbers.
var leftAligned = map[string]bool{FieldUnit: true, FieldCategory: true}

func (t *tableWriter) render(rows []row) {
	nameW := 0
	colW := make([]int, len(t.fields))
	for _, r := range rows {
		if r.kind == rowText {
			continue // free text may run past the columns
		}
		nameW = max(nameW, width(r.name))
		for i, c := range r.cells {
			colW[i] = max(colW[i], width(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(" ")
		name := pad(r.name, nameW, true)
		switch r.kind {
		case rowResource, rowHeader, rowTotal:
			name = t.style(ansiBold, r.name) + strings.Repeat(" ", nameW-width(r.name))
		case rowText:
			name = t.style(ansiDim, r.name)
		}
		b.WriteString(name)
		if r.span != "" {
			b.WriteString("  ")
			code := ansiDim
			if r.warn {
				code = ansiYellow
			}
			b.WriteString(t.style(code, r.span))
		}
		for i, c := range r.cells {
			b.WriteString("  ")
			cell := pad(c, colW[i], leftAligned[t.fields[i]])
			if r.kind == rowHeader || r.kind == rowTotal {
				cell = t.style(ansiBold, cell)
			}
			b.WriteString(cell)
		}
		t.line(b.String())
	}
}

func width(s string) int { return utf8.RuneCountInString(s) }

func pad(s string, w int, left bool) string {
	gap := w - width(s)
	if gap <= 0 {
		return s
	}
	if left {
		return s + strings.Repeat(" ", gap)
	}
	return strings.Repeat(" ", gap) + s
}

func (t *tableWriter) skipped(est *estimate.Estimate) {
	sections := []struct {
		status estimate.Status
		title  string
	}{
		{estimate.StatusFree, "Free resources (AWS does not charge for them):"},
		{estimate.StatusUnsupported, "Not supported yet (counted, not priced):"},
		{estimate.StatusSkipped, "Skipped:"},
	}
	for _, s := range sections {
		var lines []string
		for _, r := range est.Resources {
			if r.Status != s.status {
				continue
			}
			l := " ∙ " + r.Address
			if r.Note != "" && s.status != estimate.StatusUnsupported {
				l += " (" + r.Note + ")"
			}
			lines = append(lines, l)
		}
		if len(lines) == 0 {
			continue
		}
		t.line("")
		t.line(" " + s.title)
		for _, l := range lines {
			t.line(l)
		}
	}
}

// footer writes the TCO: categories, totals, counts, region and catalog date.
func (t *tableWriter) footer(est *estimate.Estimate) {
	t.line("")
	rows := [][]string{{"TCO by category", "Monthly", "Annual", "Share"}}
	for _, c := range est.Categories {
		rows = append(rows, []string{string(c.Category), Money(c.Monthly), Money(c.Annual), percent(c.Share)})
	}
	share := "0.00%"
	if !est.MonthlyCost.IsZero() {
		share = "100.00%"
	}
	rows = append(rows, []string{"Total", Money(est.MonthlyCost), Money(est.AnnualCost), share})
	w := make([]int, 4)
	for _, r := range rows {
		for i, c := range r {
			w[i] = max(w[i], width(c))
		}
	}
	for n, r := range rows {
		s := " " + pad(r[0], w[0], true)
		for i := 1; i < len(r); i++ {
			s += "  " + pad(r[i], w[i], false)
		}
		if n == 0 || n == len(rows)-1 {
			s = " " + t.style(ansiBold, strings.TrimPrefix(s, " "))
		}
		t.line(s)
	}
	t.types(est)
	t.line("")
	t.line(fmt.Sprintf(" Total cost: %s/hour · %s/month · %s/year", moneyPlaces(est.HourlyCost, 4),
		Money(est.MonthlyCost), Money(est.AnnualCost)))
	s := est.Summary
	detected := s.TotalResources - s.SkippedResources
	res := fmt.Sprintf(" Resources: %d detected · %d priced · %d free · %d not supported yet", detected,
		s.PricedResources, s.FreeResources, s.UnsupportedResources)
	if s.SkippedResources > 0 {
		res += fmt.Sprintf(" · %d skipped (deleted or not in the plan's result)", s.SkippedResources)
	}
	t.line(res)
	if len(s.UnsupportedCounts) > 0 {
		hint := ""
		if !t.opts.ShowSkipped {
			hint = "; --show-skipped lists them"
		}
		t.line(t.style(ansiYellow, " Not supported yet: "+sortedCounts(s.UnsupportedCounts)+hint))
	}
	t.line(fmt.Sprintf(" Usage-based: %d resources, %d components (%d without usage: they add nothing until a usage file gives them)",
		usageBasedResources(est), s.UsageBasedComponents, s.UsageMissing))
	t.line(fmt.Sprintf(" Approximate (~): %d · unknown until apply: %d · unpriced: %d",
		s.ApproximateComponents, s.UnknownComponents, s.UnpricedComponents))
	if s.ApproximateComponents > 0 {
		t.line("   ~ priced with the us-east-1 figure: the catalog has no price for that region (--strict-prices leaves them unpriced)")
	}
	t.line(" Region: " + regionLine(est))
	if est.CatalogDate != "" {
		t.line(" Catalog: prices as of " + est.CatalogDate + " (tfcost catalog info lists the sources)")
	}
}

// moneyPlaces formats a USD amount with the given decimals (hourly figures
// need more than cents to mean anything).
func moneyPlaces(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	out := "$" + thousands(intPart) + "." + frac
	if neg && !d.Round(places).IsZero() {
		out = "-" + out
	}
	return out
}

// maxTypeRows caps the "by resource type" table of the footer.
const maxTypeRows = 10

// types writes the most expensive resource types with their counts.
func (t *tableWriter) types(est *estimate.Estimate) {
	if len(est.Types) == 0 {
		return
	}
	// A type whose lines are partly unknown or unpriced costs more than shown.
	partial := map[string]string{}
	for _, r := range est.Resources {
		for _, c := range r.Components {
			if m := costMissing(c); m == "unknown" || m == "unpriced" {
				partial[r.Type] = " + " + m
			}
		}
	}
	rows := [][]string{{"By resource type", "Count", "Monthly"}}
	for i, ty := range est.Types {
		if i == maxTypeRows {
			rows = append(rows, []string{fmt.Sprintf("… %d more types", len(est.Types)-maxTypeRows), "", ""})
			break
		}
		rows = append(rows, []string{ty.Type, fmt.Sprint(ty.Count), Money(ty.Monthly) + partial[ty.Type]})
	}
	w := make([]int, 3)
	for _, r := range rows {
		for i, c := range r {
			w[i] = max(w[i], width(c))
		}
	}
	t.line("")
	for n, r := range rows {
		s := pad(r[0], w[0], true) + "  " + pad(r[1], w[1], false) + "  " + pad(r[2], w[2], false)
		if n == 0 {
			s = t.style(ansiBold, s)
		}
		t.line(" " + s)
	}
}
