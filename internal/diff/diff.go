// Package diff compares two estimates of the same project — the cost before
// a change (prior state, or a baseline from the main branch) and the planned
// cost — resource by resource and component by component. Renderers in
// internal/report turn a Report into tables, JSON and PR comments.
package diff

import (
	"sort"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/policy"
	"github.com/tfcost/tfcost/internal/recommend"
)

var hundred = decimal.NewFromInt(100)

// Actions a resource diff can carry (the plan's, or derived for a baseline).
const (
	Create  = "create"
	Update  = "update"
	Replace = "replace"
	Delete  = "delete"
	NoOp    = "no-op"
)

// Change is a prior → planned pair of monthly figures.
type Change struct {
	Prior   decimal.Decimal `json:"prior"`
	Planned decimal.Decimal `json:"planned"`
	Delta   decimal.Decimal `json:"delta"`
	// Percent is Delta relative to Prior, rounded to 2 decimals; nil when
	// Prior is 0 (new spend has no percentage: reports say "new").
	Percent *decimal.Decimal `json:"percent"`
}

// NewChange computes the delta and percent of a prior → planned pair.
func NewChange(prior, planned decimal.Decimal) Change {
	c := Change{Prior: prior, Planned: planned, Delta: planned.Sub(prior)}
	if !prior.IsZero() {
		p := c.Delta.Div(prior.Abs()).Mul(hundred).Round(2)
		c.Percent = &p
	}
	return c
}

func (c Change) add(o Change) Change {
	return NewChange(c.Prior.Add(o.Prior), c.Planned.Add(o.Planned))
}

// Component is one cost line's change. Prior or Planned cost is nil when
// that side has no figure (line absent, or depends on usage / unpriced).
type Component struct {
	Name        string            `json:"name"`
	Group       string            `json:"group,omitempty"`
	Unit        string            `json:"unit,omitempty"`
	Category    estimate.Category `json:"category"`
	PriorCost   *decimal.Decimal  `json:"priorMonthlyCost"`
	PlannedCost *decimal.Decimal  `json:"plannedMonthlyCost"`
	Delta       decimal.Decimal   `json:"monthlyDelta"`
	UsageBased  bool              `json:"usageBased,omitempty"`
	Unpriced    bool              `json:"unpriced,omitempty"`
	Approximate bool              `json:"approximate,omitempty"`
	Unknown     bool              `json:"unknown,omitempty"`
	// PriorUnpriced, PriorApproximate and PriorUnknown are the same flags for
	// the prior side (Unpriced, Approximate and Unknown are the planned side's).
	PriorUnpriced    bool `json:"priorUnpriced,omitempty"`
	PriorApproximate bool `json:"priorApproximate,omitempty"`
	PriorUnknown     bool `json:"priorUnknown,omitempty"`
}

// Incomplete reports whether either side of the line has no figure because
// it is unknown until apply or has no catalog price: such a line is worth
// showing even when its delta is 0.
func (c Component) Incomplete() bool {
	return c.Unpriced || c.Unknown || c.PriorUnpriced || c.PriorUnknown
}

// Resource is one resource's change.
type Resource struct {
	Address string            `json:"address"`
	Type    string            `json:"type"`
	Module  string            `json:"module,omitempty"`
	Action  string            `json:"action"`
	Tags    map[string]string `json:"tags,omitempty"`
	// Status is the planned status (the prior one for a delete).
	Status     estimate.Status `json:"status"`
	Monthly    Change          `json:"monthly"`
	Components []Component     `json:"components,omitempty"`
}

// Changed reports whether the resource is worth listing: its action
// changes something or its cost moves.
func (r Resource) Changed() bool {
	return r.Action != NoOp && r.Action != "read" || !r.Monthly.Delta.IsZero()
}

// Category is one category's change.
type Category struct {
	Category estimate.Category `json:"category"`
	Change
}

// Notes counts what makes the planned figure incomplete or approximate.
type Notes struct {
	Unpriced     int      `json:"unpricedComponents"`
	Unsupported  int      `json:"unsupportedResources"`
	UsageBased   int      `json:"usageBasedComponents"`
	UsageMissing int      `json:"usageMissingComponents"`
	Approximate  int      `json:"approximateComponents"`
	Unknown      int      `json:"unknownComponents"`
	Types        []string `json:"unsupportedTypes,omitempty"`
}

// Project is one project's diff.
type Project struct {
	Name       string         `json:"name"`
	Path       string         `json:"path,omitempty"`
	Monthly    Change         `json:"monthly"`
	Categories []Category     `json:"categories"`
	Resources  []Resource     `json:"resources"`
	Notes      Notes          `json:"notes"`
	Warnings   []string       `json:"warnings,omitempty"`
	Actions    map[string]int `json:"actions"`

	// Prior and Planned are the estimates compared (not serialised: the
	// JSON renderer writes the full breakdowns separately).
	Prior   *estimate.Estimate `json:"-"`
	Planned *estimate.Estimate `json:"-"`
	// Recommendations are the planned side's best saving per resource, for
	// the PR comment's savings note (set by the CLI; nil when not computed).
	Recommendations []recommend.Recommendation `json:"-"`
}

// Report is the diff of one or more projects with their aggregate.
type Report struct {
	Projects    []*Project      `json:"projects"`
	Monthly     Change          `json:"monthly"`
	Categories  []Category      `json:"categories"`
	Notes       Notes           `json:"notes"`
	CatalogDate string          `json:"catalogDate,omitempty"`
	Verdict     *policy.Verdict `json:"verdict,omitempty"`
	// Baseline names what the prior side is: "prior state" or a file.
	Baseline string `json:"baseline"`
}

// Options control Compare.
type Options struct {
	// DeriveActions ignores the planned resources' plan actions and derives
	// them from presence and cost (for baselines, whose plan actions are
	// relative to another state): only planned → create, only prior →
	// delete, both → update when the cost moves, else no-op.
	DeriveActions bool
}

// Compare diffs two estimates of the same project. prior may be nil (all new).
func Compare(name string, prior, planned *estimate.Estimate, opts Options) *Project {
	if prior == nil {
		prior = &estimate.Estimate{}
	}
	if planned == nil {
		planned = &estimate.Estimate{}
	}
	p := &Project{Name: name, Path: planned.PlanFile, Prior: prior, Planned: planned, Actions: map[string]int{},
		Resources: []Resource{}}
	if p.Name == "" {
		p.Name = planned.Name
	}
	p.Monthly = NewChange(prior.MonthlyCost, planned.MonthlyCost)
	p.Categories = categories(prior, planned)
	p.Notes = notes(planned)
	p.Warnings = planned.Warnings

	priorBy := map[string]*estimate.Resource{}
	for _, r := range prior.Resources {
		priorBy[r.Address] = r
	}
	seen := map[string]bool{}
	for _, r := range planned.Resources {
		seen[r.Address] = true
		p.add(resource(priorBy[r.Address], r, opts))
	}
	for _, r := range prior.Resources {
		if !seen[r.Address] {
			p.add(resource(r, nil, opts))
		}
	}
	return p
}

func (p *Project) add(r Resource) {
	p.Actions[r.Action]++
	p.Resources = append(p.Resources, r)
}

func resource(prior, planned *estimate.Resource, opts Options) Resource {
	ref := planned
	if ref == nil || (ref.Status == estimate.StatusSkipped && prior != nil) {
		ref = prior
	}
	out := Resource{Address: ref.Address, Type: ref.Type, Module: ref.Module, Tags: ref.Tags, Status: ref.Status,
		Action: ref.Action}
	var pc, nc decimal.Decimal
	if prior != nil {
		pc = prior.MonthlyCost
	}
	if planned != nil {
		nc = planned.MonthlyCost
	}
	out.Monthly = NewChange(pc, nc)
	out.Components = components(prior, planned)
	if opts.DeriveActions || out.Action == "" {
		switch {
		case !exists(prior) && exists(planned):
			out.Action = Create
		case exists(prior) && !exists(planned):
			out.Action = Delete
		case !out.Monthly.Delta.IsZero():
			out.Action = Update
		default:
			out.Action = NoOp
		}
	}
	return out
}

func exists(r *estimate.Resource) bool { return r != nil && r.Status != estimate.StatusSkipped }

func components(prior, planned *estimate.Resource) []Component {
	type key struct{ group, name string }
	var out []Component
	idx := map[key]int{}
	if prior != nil {
		for _, c := range prior.Components {
			idx[key{c.Group, c.Name}] = len(out)
			out = append(out, Component{Name: c.Name, Group: c.Group, Unit: c.Unit, Category: c.Category,
				PriorCost: c.MonthlyCost, UsageBased: c.UsageBased,
				PriorUnpriced: c.Unpriced, PriorApproximate: c.Approximate, PriorUnknown: c.Unknown})
		}
	}
	if planned != nil {
		for _, c := range planned.Components {
			k := key{c.Group, c.Name}
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, Component{Name: c.Name, Group: c.Group, Unit: c.Unit, Category: c.Category})
			}
			o := &out[i]
			o.PlannedCost = c.MonthlyCost
			o.UsageBased = o.UsageBased || c.UsageBased
			o.Unpriced, o.Approximate, o.Unknown = c.Unpriced, c.Approximate, c.Unknown
		}
	}
	for i := range out {
		out[i].Delta = orZero(out[i].PlannedCost).Sub(orZero(out[i].PriorCost))
	}
	return out
}

func categories(prior, planned *estimate.Estimate) []Category {
	sum := func(e *estimate.Estimate) map[estimate.Category]decimal.Decimal {
		m := map[estimate.Category]decimal.Decimal{}
		for _, r := range e.Resources {
			for _, c := range r.Components {
				if c.MonthlyCost != nil {
					m[c.Category] = m[c.Category].Add(*c.MonthlyCost)
				}
			}
		}
		return m
	}
	pm, nm := sum(prior), sum(planned)
	out := make([]Category, 0, len(estimate.Categories))
	for _, c := range estimate.Categories {
		out = append(out, Category{Category: c, Change: NewChange(pm[c], nm[c])})
	}
	return out
}

func notes(e *estimate.Estimate) Notes {
	s := e.Summary
	n := Notes{Unpriced: s.UnpricedComponents, Unsupported: s.UnsupportedResources, UsageBased: s.UsageBasedComponents,
		UsageMissing: s.UsageMissing, Approximate: s.ApproximateComponents, Unknown: s.UnknownComponents}
	for t := range s.UnsupportedCounts {
		n.Types = append(n.Types, t)
	}
	sort.Strings(n.Types)
	return n
}

func (n *Notes) add(o Notes) {
	n.Unpriced += o.Unpriced
	n.Unsupported += o.Unsupported
	n.UsageBased += o.UsageBased
	n.UsageMissing += o.UsageMissing
	n.Approximate += o.Approximate
	n.Unknown += o.Unknown
	seen := map[string]bool{}
	for _, t := range n.Types {
		seen[t] = true
	}
	for _, t := range o.Types {
		if !seen[t] {
			n.Types = append(n.Types, t)
		}
	}
	sort.Strings(n.Types)
}

// NewReport aggregates project diffs: totals, categories, notes and the
// newest catalog date.
func NewReport(baseline string, projects ...*Project) *Report {
	r := &Report{Projects: projects, Baseline: baseline}
	cats := map[estimate.Category]Change{}
	for _, p := range projects {
		r.Monthly = r.Monthly.add(p.Monthly)
		for _, c := range p.Categories {
			cats[c.Category] = cats[c.Category].add(c.Change)
		}
		r.Notes.add(p.Notes)
		if p.Planned != nil && p.Planned.CatalogDate > r.CatalogDate {
			r.CatalogDate = p.Planned.CatalogDate
		}
	}
	r.Monthly = NewChange(r.Monthly.Prior, r.Monthly.Planned)
	for _, c := range estimate.Categories {
		ch := cats[c]
		r.Categories = append(r.Categories, Category{Category: c, Change: NewChange(ch.Prior, ch.Planned)})
	}
	return r
}

// Merged returns the planned and prior estimates of all projects as one
// estimate each, for evaluating one policy set over the whole report. It
// sets each resource's Project to its project's name.
func (r *Report) Merged() (prior, planned *estimate.Estimate) {
	prior, planned = &estimate.Estimate{Name: "all projects"}, &estimate.Estimate{Name: "all projects"}
	for _, p := range r.Projects {
		// Label every resource with its project so policies can scope by project.
		for _, e := range []*estimate.Estimate{p.Prior, p.Planned} {
			if e == nil {
				continue
			}
			for _, res := range e.Resources {
				res.Project = p.Name
			}
		}
	}
	for _, p := range r.Projects {
		if p.Prior != nil {
			prior.Resources = append(prior.Resources, p.Prior.Resources...)
		}
		if p.Planned != nil {
			planned.Resources = append(planned.Resources, p.Planned.Resources...)
			planned.CatalogDate = max(planned.CatalogDate, p.Planned.CatalogDate)
		}
	}
	if len(r.Projects) == 1 {
		return r.Projects[0].Prior, r.Projects[0].Planned
	}
	estimate.Total(prior)
	estimate.Total(planned)
	return prior, planned
}

func orZero(d *decimal.Decimal) decimal.Decimal {
	if d == nil {
		return decimal.Zero
	}
	return *d
}
