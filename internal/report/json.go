package report

import (
	"encoding/json"
	"io"
	"maps"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/recommend"
)

// JSONVersion is the version of Infracost's JSON output schema that tfcost's
// JSON follows. Every Infracost field keeps its name and meaning, so tools that
// read Infracost JSON read tfcost JSON unchanged; tfcost's own fields are added
// beside them. The full shape is published as a JSON Schema in
// docs/schema/tfcost-breakdown.schema.json.
const JSONVersion = "0.2"

// JSONRoot is the top level of the JSON output.
type JSONRoot struct {
	Version              string           `json:"version"`
	Metadata             JSONMetadata     `json:"metadata"`
	Currency             string           `json:"currency"`
	Projects             []JSONProject    `json:"projects"`
	TotalHourlyCost      *decimal.Decimal `json:"totalHourlyCost"`
	TotalMonthlyCost     *decimal.Decimal `json:"totalMonthlyCost"`
	PastTotalHourlyCost  *decimal.Decimal `json:"pastTotalHourlyCost"`
	PastTotalMonthlyCost *decimal.Decimal `json:"pastTotalMonthlyCost"`
	DiffTotalHourlyCost  *decimal.Decimal `json:"diffTotalHourlyCost"`
	DiffTotalMonthlyCost *decimal.Decimal `json:"diffTotalMonthlyCost"`
	TimeGenerated        time.Time        `json:"timeGenerated"`
	Summary              JSONSummary      `json:"summary"`

	// tfcost additions.
	TotalAnnualCost     *decimal.Decimal         `json:"totalAnnualCost"`
	PastTotalAnnualCost *decimal.Decimal         `json:"pastTotalAnnualCost"`
	DiffTotalAnnualCost *decimal.Decimal         `json:"diffTotalAnnualCost"`
	Categories          []estimate.CategoryTotal `json:"categories"`
	CatalogDate         string                   `json:"catalogDate,omitempty"`
}

// JSONMetadata describes the run (Infracost puts infracostCommand and VCS
// details here; tfcost records its own command and inputs).
type JSONMetadata struct {
	TfcostCommand  string `json:"tfcostCommand,omitempty"`
	TfcostVersion  string `json:"tfcostVersion,omitempty"`
	UsageFilePath  string `json:"usageFilePath,omitempty"`
	ConfigFilePath string `json:"configFilePath,omitempty"`
}

// JSONProject is one plan's estimate.
type JSONProject struct {
	Name          string              `json:"name"`
	Metadata      JSONProjectMetadata `json:"metadata"`
	PastBreakdown *JSONBreakdown      `json:"pastBreakdown"`
	Breakdown     *JSONBreakdown      `json:"breakdown"`
	Diff          *JSONBreakdown      `json:"diff"`
	Summary       JSONSummary         `json:"summary"`

	// tfcost additions.
	Categories    []estimate.CategoryTotal `json:"categories"`
	ResourceTypes []estimate.TypeTotal     `json:"resourceTypes"`
	Range         *estimate.Range          `json:"range,omitempty"`
	Carbon        *estimate.CarbonSummary  `json:"carbon,omitempty"`
	UnitEconomics *estimate.UnitEconomics  `json:"unitEconomics,omitempty"`
	// Recommendations are the best saving per resource (tfcost recommend).
	Recommendations []recommend.Recommendation `json:"recommendations,omitempty"`
	CatalogDate     string                     `json:"catalogDate,omitempty"`
	Warnings        []string                   `json:"warnings,omitempty"`
}

// JSONProjectMetadata locates the project's input.
type JSONProjectMetadata struct {
	Path string `json:"path"`
	// Type is "terraform_plan_json", as Infracost names a plan JSON project.
	Type string `json:"type"`
	// DefaultRegion is the region used for resources whose provider sets none.
	DefaultRegion string `json:"defaultRegion"`
}

// JSONBreakdown is a list of resources with totals (Infracost's pastBreakdown,
// breakdown and diff share this shape).
type JSONBreakdown struct {
	Resources []JSONResource `json:"resources"`
	// FreeResources are resources AWS does not charge for (Infracost's name).
	FreeResources []JSONResource `json:"freeResources,omitempty"`
	// UnsupportedResources are resources tfcost has no rule for yet: listed,
	// never dropped (tfcost addition).
	UnsupportedResources []JSONResource   `json:"unsupportedResources,omitempty"`
	TotalHourlyCost      *decimal.Decimal `json:"totalHourlyCost"`
	TotalMonthlyCost     *decimal.Decimal `json:"totalMonthlyCost"`
	TotalAnnualCost      *decimal.Decimal `json:"totalAnnualCost"`
}

// JSONResource is a resource or a sub-resource (block device, …).
type JSONResource struct {
	Name           string              `json:"name"`
	ResourceType   string              `json:"resourceType,omitempty"`
	Tags           map[string]string   `json:"tags,omitempty"`
	Metadata       map[string]any      `json:"metadata"`
	HourlyCost     *decimal.Decimal    `json:"hourlyCost"`
	MonthlyCost    *decimal.Decimal    `json:"monthlyCost"`
	CostComponents []JSONCostComponent `json:"costComponents,omitempty"`
	Subresources   []JSONResource      `json:"subresources,omitempty"`

	// tfcost additions (empty on sub-resources).
	Module       string           `json:"module,omitempty"`
	Region       string           `json:"region,omitempty"`
	RegionSource string           `json:"regionSource,omitempty"`
	Action       string           `json:"action,omitempty"`
	Status       string           `json:"status,omitempty"`
	Range        *estimate.Range  `json:"range,omitempty"`
	CarbonKg     *decimal.Decimal `json:"carbonKgCO2e,omitempty"`
	Warnings     []string         `json:"warnings,omitempty"`
	Note         string           `json:"note,omitempty"`
}

// JSONCostComponent is one billable line. Quantities and costs are null
// when unknown (usage not given, value unknown until apply, unpriced); price
// is null only when unpriced.
type JSONCostComponent struct {
	Name            string           `json:"name"`
	Unit            string           `json:"unit"`
	HourlyQuantity  *decimal.Decimal `json:"hourlyQuantity"`
	MonthlyQuantity *decimal.Decimal `json:"monthlyQuantity"`
	Price           *decimal.Decimal `json:"price"`
	HourlyCost      *decimal.Decimal `json:"hourlyCost"`
	MonthlyCost     *decimal.Decimal `json:"monthlyCost"`
	UsageBased      bool             `json:"usageBased"`

	// tfcost additions.
	Category    estimate.Category `json:"category"`
	Approximate bool              `json:"approximate"`
	Unknown     bool              `json:"unknown"`
	Unpriced    bool              `json:"unpriced"`
	PriceSource string            `json:"priceSource,omitempty"`
	PriceAsOf   string            `json:"priceAsOf,omitempty"`
	PriceRegion string            `json:"priceRegion,omitempty"`
	Note        string            `json:"note,omitempty"`
}

// JSONSummary holds Infracost's summary keys plus tfcost's counts.
type JSONSummary struct {
	TotalDetectedResources    int            `json:"totalDetectedResources"`
	TotalSupportedResources   int            `json:"totalSupportedResources"`
	TotalUnsupportedResources int            `json:"totalUnsupportedResources"`
	TotalUsageBasedResources  int            `json:"totalUsageBasedResources"`
	TotalNoPriceResources     int            `json:"totalNoPriceResources"`
	UnsupportedResourceCounts map[string]int `json:"unsupportedResourceCounts"`
	NoPriceResourceCounts     map[string]int `json:"noPriceResourceCounts"`

	// tfcost additions.
	TotalPricedResources   int `json:"totalPricedResources"`
	TotalFreeResources     int `json:"totalFreeResources"`
	TotalSkippedResources  int `json:"totalSkippedResources"`
	UsageBasedComponents   int `json:"usageBasedComponents"`
	UsageMissingComponents int `json:"usageMissingComponents"`
	ApproximateComponents  int `json:"approximateComponents"`
	UnknownComponents      int `json:"unknownComponents"`
	UnpricedComponents     int `json:"unpricedComponents"`
}

// JSON writes the projects as tfcost JSON (a superset of Infracost's 0.2).
func JSON(w io.Writer, projects []Project, opts Options) error {
	return writeJSON(w, BuildJSON(projects, opts))
}

// encodeJSON is the reference encoding (encoding/json) that writeJSON must
// reproduce byte for byte.
func encodeJSON(w io.Writer, root *JSONRoot) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(root)
}

// BuildJSON builds the JSON document for projects, for callers that want to
// add to it or merge several runs.
func BuildJSON(projects []Project, opts Options) *JSONRoot {
	now := opts.Time
	if now.IsZero() {
		now = time.Now().UTC()
	}
	root := &JSONRoot{
		Version:  JSONVersion,
		Currency: "USD",
		Metadata: JSONMetadata{TfcostCommand: opts.Command, TfcostVersion: opts.Version,
			UsageFilePath: opts.UsageFile, ConfigFilePath: opts.ConfigFile},
		Projects:      []JSONProject{},
		TimeGenerated: now,
		Summary:       JSONSummary{UnsupportedResourceCounts: map[string]int{}, NoPriceResourceCounts: map[string]int{}},
	}
	cats := map[estimate.Category]decimal.Decimal{}
	for _, p := range projects {
		jp := buildProject(p)
		root.Projects = append(root.Projects, jp)
		addSummary(&root.Summary, jp.Summary)
		for _, c := range jp.Categories {
			cats[c.Category] = cats[c.Category].Add(c.Monthly)
		}
		if p.Estimate != nil && p.Estimate.CatalogDate > root.CatalogDate {
			root.CatalogDate = p.Estimate.CatalogDate
		}
	}
	cur, past := sumProjects(projects, false), sumProjects(projects, true)
	root.TotalHourlyCost, root.TotalMonthlyCost, root.TotalAnnualCost = ptr(cur.Hourly), ptr(cur.Monthly), ptr(cur.Annual)
	root.PastTotalHourlyCost, root.PastTotalMonthlyCost, root.PastTotalAnnualCost = ptr(past.Hourly), ptr(past.Monthly), ptr(past.Annual)
	root.DiffTotalHourlyCost = ptr(cur.Hourly.Sub(past.Hourly))
	root.DiffTotalMonthlyCost = ptr(cur.Monthly.Sub(past.Monthly))
	root.DiffTotalAnnualCost = ptr(cur.Annual.Sub(past.Annual))
	root.Categories = categoryTotals(cats, cur.Monthly)
	return root
}

func categoryTotals(cats map[estimate.Category]decimal.Decimal, total decimal.Decimal) []estimate.CategoryTotal {
	out := make([]estimate.CategoryTotal, 0, len(estimate.Categories))
	for _, c := range estimate.Categories {
		m := cats[c]
		ct := estimate.CategoryTotal{Category: c, Monthly: m, Annual: m.Mul(twelve)}
		if !total.IsZero() {
			ct.Share = m.Div(total).Mul(hundred).Round(2)
		}
		out = append(out, ct)
	}
	return out
}

func buildProject(p Project) JSONProject {
	est := p.Estimate
	if est == nil {
		est = &estimate.Estimate{}
	}
	path := p.Path
	if path == "" {
		path = est.PlanFile
	}
	name := p.Name
	if name == "" {
		name = est.Name
	}
	if name == "" {
		name = path
	}
	jp := JSONProject{
		Name:            name,
		Metadata:        JSONProjectMetadata{Path: path, Type: "terraform_plan_json", DefaultRegion: est.DefaultRegion},
		Breakdown:       breakdown(est),
		Categories:      est.Categories,
		ResourceTypes:   est.Types,
		Range:           est.Range,
		Carbon:          est.Carbon,
		UnitEconomics:   est.Unit,
		Recommendations: p.Recommendations,
		CatalogDate:     est.CatalogDate,
		Warnings:        est.Warnings,
		Summary:         summary(est),
	}
	if jp.Categories == nil {
		jp.Categories = []estimate.CategoryTotal{}
	}
	if jp.ResourceTypes == nil {
		jp.ResourceTypes = []estimate.TypeTotal{}
	}
	if p.Past != nil {
		jp.PastBreakdown = breakdown(p.Past)
	} else {
		jp.PastBreakdown = &JSONBreakdown{Resources: []JSONResource{}, TotalHourlyCost: ptr(decimal.Zero),
			TotalMonthlyCost: ptr(decimal.Zero), TotalAnnualCost: ptr(decimal.Zero)}
	}
	jp.Diff = diffBreakdown(p.Past, est, jp.Breakdown.Resources)
	return jp
}

func summary(est *estimate.Estimate) JSONSummary {
	s := est.Summary
	out := JSONSummary{
		TotalDetectedResources:    s.TotalResources - s.SkippedResources,
		TotalSupportedResources:   s.PricedResources,
		TotalUnsupportedResources: s.UnsupportedResources,
		TotalUsageBasedResources:  usageBasedResources(est),
		TotalNoPriceResources:     s.FreeResources,
		UnsupportedResourceCounts: maps.Clone(s.UnsupportedCounts),
		NoPriceResourceCounts:     maps.Clone(s.FreeCounts),
		TotalPricedResources:      s.PricedResources,
		TotalFreeResources:        s.FreeResources,
		TotalSkippedResources:     s.SkippedResources,
		UsageBasedComponents:      s.UsageBasedComponents,
		UsageMissingComponents:    s.UsageMissing,
		ApproximateComponents:     s.ApproximateComponents,
		UnknownComponents:         s.UnknownComponents,
		UnpricedComponents:        s.UnpricedComponents,
	}
	if out.UnsupportedResourceCounts == nil {
		out.UnsupportedResourceCounts = map[string]int{}
	}
	if out.NoPriceResourceCounts == nil {
		out.NoPriceResourceCounts = map[string]int{}
	}
	return out
}

func addSummary(dst *JSONSummary, s JSONSummary) {
	dst.TotalDetectedResources += s.TotalDetectedResources
	dst.TotalSupportedResources += s.TotalSupportedResources
	dst.TotalUnsupportedResources += s.TotalUnsupportedResources
	dst.TotalUsageBasedResources += s.TotalUsageBasedResources
	dst.TotalNoPriceResources += s.TotalNoPriceResources
	for k, v := range s.UnsupportedResourceCounts {
		dst.UnsupportedResourceCounts[k] += v
	}
	for k, v := range s.NoPriceResourceCounts {
		dst.NoPriceResourceCounts[k] += v
	}
	dst.TotalPricedResources += s.TotalPricedResources
	dst.TotalFreeResources += s.TotalFreeResources
	dst.TotalSkippedResources += s.TotalSkippedResources
	dst.UsageBasedComponents += s.UsageBasedComponents
	dst.UsageMissingComponents += s.UsageMissingComponents
	dst.ApproximateComponents += s.ApproximateComponents
	dst.UnknownComponents += s.UnknownComponents
	dst.UnpricedComponents += s.UnpricedComponents
}

func breakdown(est *estimate.Estimate) *JSONBreakdown {
	b := &JSONBreakdown{TotalHourlyCost: ptr(est.HourlyCost),
		TotalMonthlyCost: ptr(est.MonthlyCost), TotalAnnualCost: ptr(est.MonthlyCost.Mul(twelve))}
	var priced []*estimate.Resource
	for _, r := range est.Resources {
		switch r.Status {
		case estimate.StatusPriced:
			priced = append(priced, r)
		case estimate.StatusFree:
			b.FreeResources = append(b.FreeResources, bare(r))
		case estimate.StatusUnsupported:
			b.UnsupportedResources = append(b.UnsupportedResources, bare(r))
		}
	}
	b.Resources = make([]JSONResource, len(priced))
	parallelFor(len(priced), func(i int) { b.Resources[i] = resource(priced[i]) })
	return b
}

// parallelBuildMin is the list length from which parallelFor uses every CPU.
const parallelBuildMin = 1024

// parallelFor calls f for every index in [0, n), split over every CPU when
// n is large: building the document of a 100k-resource plan one resource at
// a time left a CPU idle. f must only write its own index.
func parallelFor(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < parallelBuildMin || workers < 2 {
		for i := range n {
			f(i)
		}
		return
	}
	// Small batches taken in turn, so a worker that gets less CPU on a busy
	// machine does not leave the others idle at the end.
	const batch = 256
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(batch)) - batch
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+batch, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}

// bare is a resource listed without costs (free or unsupported).
func bare(r *estimate.Resource) JSONResource {
	return JSONResource{Name: r.Address, ResourceType: r.Type, Tags: r.Tags, Metadata: map[string]any{},
		Module: r.Module, Region: r.Region, RegionSource: r.RegionSource, Action: r.Action, Status: string(r.Status),
		Warnings: r.Warnings, Note: r.Note}
}

func resource(r *estimate.Resource) JSONResource {
	out := bare(r)
	own, subs := r.Components, []group(nil)
	if hasGroups(r.Components) {
		own, subs = groups(r)
	}
	out.CostComponents = components(own)
	out.HourlyCost, out.MonthlyCost = costOf(r.Components)
	out.Range = r.Range
	out.CarbonKg = r.CarbonKg
	for _, g := range subs {
		h, m := costOf(g.Components)
		out.Subresources = append(out.Subresources, JSONResource{Name: g.Name, Metadata: map[string]any{},
			HourlyCost: h, MonthlyCost: m, CostComponents: components(g.Components)})
	}
	return out
}

// hasGroups reports whether some component belongs to a sub-resource; most
// do not, and then the components are used as they are, not copied.
func hasGroups(cs []estimate.Component) bool {
	for i := range cs {
		if cs[i].Group != "" {
			return true
		}
	}
	return false
}

// costOf sums the components' costs; nil when none has a cost (Infracost
// writes null for a resource whose every line depends on usage).
//
// A single cost is shared rather than added to zero: 0 + x has x's value,
// and every renderer writes decimals by value, so the output is the same
// without an allocation and a big.Int addition per component.
func costOf(cs []estimate.Component) (hourly, monthly *decimal.Decimal) {
	for _, c := range cs {
		if c.HourlyCost != nil {
			hourly = addCost(hourly, c.HourlyCost)
		}
		if c.MonthlyCost != nil {
			monthly = addCost(monthly, c.MonthlyCost)
		}
	}
	return hourly, monthly
}

func addCost(sum, c *decimal.Decimal) *decimal.Decimal {
	if sum == nil {
		return c
	}
	return ptr(sum.Add(*c))
}

func components(cs []estimate.Component) []JSONCostComponent {
	if len(cs) == 0 {
		return nil
	}
	out := make([]JSONCostComponent, len(cs))
	for i, c := range cs {
		out[i] = JSONCostComponent{Name: c.Name, Unit: c.Unit, HourlyQuantity: c.HourlyQuantity,
			MonthlyQuantity: c.MonthlyQuantity, HourlyCost: c.HourlyCost, MonthlyCost: c.MonthlyCost,
			UsageBased: c.UsageBased, Category: c.Category, Approximate: c.Approximate, Unknown: c.Unknown,
			Unpriced: c.Unpriced, PriceSource: c.Source, PriceAsOf: c.AsOf, PriceRegion: c.PriceRegion, Note: c.Note}
		if !c.Unpriced {
			out[i].Price = ptr(c.Price)
		}
	}
	return out
}

// diffBreakdown lists the resources whose cost changes between past and
// current, with per-component deltas (a missing quantity or cost counts as
// zero, as in Infracost's diff). A nil past means everything is new.
func diffBreakdown(past, cur *estimate.Estimate, built []JSONResource) *JSONBreakdown {
	pastBy := map[string]*estimate.Resource{}
	var pastOrder []string
	var pastH, pastM decimal.Decimal
	if past != nil {
		pastH, pastM = past.HourlyCost, past.MonthlyCost
		for _, r := range past.Resources {
			if r.Status == estimate.StatusPriced {
				pastBy[r.Address] = r
				pastOrder = append(pastOrder, r.Address)
			}
		}
	}
	b := &JSONBreakdown{Resources: make([]JSONResource, 0, len(built))}
	if past == nil && builtInOrder(cur, built) {
		// Everything is new: the diff is the breakdown with unknown costs as
		// 0 (what the loop below does for each resource), built in parallel.
		b.Resources = b.Resources[:len(built)]
		parallelFor(len(built), func(i int) { b.Resources[i] = zeroed(built[i]) })
	} else {
		diffResources(b, pastBy, pastOrder, cur, built)
	}
	h, m := cur.HourlyCost.Sub(pastH), cur.MonthlyCost.Sub(pastM)
	b.TotalHourlyCost, b.TotalMonthlyCost, b.TotalAnnualCost = ptr(h), ptr(m), ptr(m.Mul(twelve))
	return b
}

// diffResources appends the diff of every resource of cur and past, in
// cur's order then past's.
func diffResources(b *JSONBreakdown, pastBy map[string]*estimate.Resource, pastOrder []string, cur *estimate.Estimate, built []JSONResource) {
	var priced []*estimate.Resource
	seen := make(map[string]bool, len(built))
	for _, r := range cur.Resources {
		if r.Status == estimate.StatusPriced {
			priced = append(priced, r)
			seen[r.Address] = true
		}
	}
	// Each resource's diff depends on that resource alone: built on every
	// CPU, then kept in order.
	diffs := make([]JSONResource, len(priced))
	keep := make([]bool, len(priced))
	parallelFor(len(priced), func(n int) { // n: index into built too
		r := priced[n]
		pr := pastBy[r.Address]
		if pr == nil && n < len(built) && built[n].Name == r.Address {
			// New resource: its diff is its breakdown with unknown costs as 0.
			diffs[n], keep[n] = zeroed(built[n]), true
		} else {
			diffs[n], keep[n] = diffResource(pr, r)
		}
	})
	for n := range diffs {
		if keep[n] {
			b.Resources = append(b.Resources, diffs[n])
		}
	}
	for _, addr := range pastOrder {
		if !seen[addr] {
			if d, ok := diffResource(pastBy[addr], nil); ok {
				b.Resources = append(b.Resources, d)
			}
		}
	}
}

// builtInOrder reports whether built is exactly cur's priced resources in
// order (as breakdown(cur) builds them).
func builtInOrder(cur *estimate.Estimate, built []JSONResource) bool {
	n := 0
	for _, r := range cur.Resources {
		if r.Status != estimate.StatusPriced {
			continue
		}
		if n >= len(built) || built[n].Name != r.Address {
			return false
		}
		n++
	}
	return n == len(built)
}

func diffResource(past, cur *estimate.Resource) (JSONResource, bool) {
	var pastComps, curComps []estimate.Component
	ref := cur
	if cur != nil {
		curComps = cur.Components
	}
	if past != nil {
		pastComps = past.Components
		if ref == nil {
			ref = past
		}
	}
	type ck struct{ group, name string }
	pastBy := map[ck]estimate.Component{}
	for _, c := range pastComps {
		pastBy[ck{c.Group, c.Name}] = c
	}
	var diffs []estimate.Component
	changed := false
	used := map[ck]bool{}
	for _, c := range curComps {
		k := ck{c.Group, c.Name}
		used[k] = true
		p, had := pastBy[k]
		d := diffComponent(p, c)
		if !had || !orZero(d.MonthlyCost).IsZero() || !orZero(d.MonthlyQuantity).IsZero() {
			changed = true
		}
		diffs = append(diffs, d)
	}
	for _, c := range pastComps {
		k := ck{c.Group, c.Name}
		if used[k] {
			continue
		}
		changed = true
		d := diffComponent(c, estimate.Component{Name: c.Name, Group: c.Group, Unit: c.Unit, Price: c.Price,
			Category: c.Category, UsageBased: c.UsageBased})
		diffs = append(diffs, d)
	}
	if !changed {
		return JSONResource{}, false
	}
	dr := &estimate.Resource{Address: ref.Address, Type: ref.Type, Module: ref.Module, Region: ref.Region,
		RegionSource: ref.RegionSource, Action: ref.Action, Status: ref.Status, Tags: ref.Tags, Components: diffs}
	out := resource(dr)
	// Diff costs are always numbers: a line that depends on usage changes by 0.
	zeroNil(&out)
	return out, true
}

var zeroDecimal = decimal.Zero

// zeroed copies a breakdown resource for the diff with nil quantities and
// costs as zero (the copy shares the read-only decimals of the original).
func zeroed(r JSONResource) JSONResource {
	z := &zeroDecimal
	// A diff line carries deltas only, as diffResource builds them.
	r.Range, r.CarbonKg, r.Warnings, r.Note = nil, nil, nil, ""
	if r.HourlyCost == nil {
		r.HourlyCost = z
	}
	if r.MonthlyCost == nil {
		r.MonthlyCost = z
	}
	if r.CostComponents != nil && hasNilCost(r.CostComponents) {
		cs := make([]JSONCostComponent, len(r.CostComponents))
		copy(cs, r.CostComponents)
		for i := range cs {
			c := &cs[i]
			for _, p := range []**decimal.Decimal{&c.HourlyQuantity, &c.MonthlyQuantity, &c.HourlyCost, &c.MonthlyCost} {
				if *p == nil {
					*p = z
				}
			}
		}
		r.CostComponents = cs
	}
	if r.Subresources != nil {
		subs := make([]JSONResource, len(r.Subresources))
		for i, s := range r.Subresources {
			subs[i] = zeroed(s)
		}
		r.Subresources = subs
	}
	return r
}

// hasNilCost reports whether a component lacks a quantity or a cost; when
// none does, zeroed shares the (read-only) components instead of copying.
func hasNilCost(cs []JSONCostComponent) bool {
	for i := range cs {
		c := &cs[i]
		if c.HourlyQuantity == nil || c.MonthlyQuantity == nil || c.HourlyCost == nil || c.MonthlyCost == nil {
			return true
		}
	}
	return false
}

func zeroNil(r *JSONResource) {
	if r.HourlyCost == nil {
		r.HourlyCost = ptr(decimal.Zero)
	}
	if r.MonthlyCost == nil {
		r.MonthlyCost = ptr(decimal.Zero)
	}
	for i := range r.Subresources {
		zeroNil(&r.Subresources[i])
	}
}

func diffComponent(past, cur estimate.Component) estimate.Component {
	d := cur
	d.HourlyQuantity = ptr(orZero(cur.HourlyQuantity).Sub(orZero(past.HourlyQuantity)))
	d.MonthlyQuantity = ptr(orZero(cur.MonthlyQuantity).Sub(orZero(past.MonthlyQuantity)))
	d.HourlyCost = ptr(orZero(cur.HourlyCost).Sub(orZero(past.HourlyCost)))
	d.MonthlyCost = ptr(orZero(cur.MonthlyCost).Sub(orZero(past.MonthlyCost)))
	return d
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

func orZero(d *decimal.Decimal) decimal.Decimal {
	if d == nil {
		return decimal.Zero
	}
	return *d
}
