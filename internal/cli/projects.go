package cli

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/spf13/pflag"

	"github.com/tfcost/tfcost/internal/carbon"
	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/config"
	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/policy"
	"github.com/tfcost/tfcost/internal/recommend"
	"github.com/tfcost/tfcost/internal/report"
	"github.com/tfcost/tfcost/internal/usage"
)

// defaultConfigFile is picked up by multi-project commands when no plan is
// given and --config is not set.
const defaultConfigFile = "tfcost.yml"

// projectArgs selects what diff, check and comment price: plan files given
// as arguments, or the projects of tfcost.yml (--config, or ./tfcost.yml
// when no plan is given).
type projectArgs struct {
	Plans        []string
	UsageFile    string
	StrictPrices bool
	Baseline     string
	PolicyFile   string
	AllowSoft    bool
	OutFile      string
}

func (a *projectArgs) register(fs *pflag.FlagSet, withPolicy bool) {
	fs.StringVar(&a.UsageFile, "usage-file", "", "usage `FILE` for usage-based costs (overrides the projects' usage files)")
	fs.BoolVar(&a.StrictPrices, "strict-prices", false, "leave a component unpriced instead of using the us-east-1 figure when its region has no price")
	fs.StringVar(&a.Baseline, "baseline", "", "compare with this plan or tfcost JSON `FILE` (e.g. saved on the main branch) instead of the prior state")
	fs.StringVar(&a.OutFile, "out-file", "", "write the output to `FILE` instead of stdout")
	if withPolicy {
		fs.StringVar(&a.PolicyFile, "policy", "", "HCL budget policy `FILE` (budget, guardrail and rule blocks)")
		fs.BoolVar(&a.AllowSoft, "allow-soft", false, "soft policy violations do not fail the command (exit 0 instead of 3)")
	}
}

// pricedProject is one project priced before and after the change.
type pricedProject struct {
	Name    string
	Path    string
	Plan    *plan.Plan
	Prior   *estimate.Estimate // nil unless the prior side was asked for
	Planned *estimate.Estimate
	// Usage is the usage file the estimate used (recommendations read it); nil without one.
	Usage *usage.File
	// Estimator priced the project; recommendations price alternatives with
	// it so discounts and custom prices apply to savings too.
	Estimator *estimate.Estimator
	// AllRecs are every recommendation for the planned side (tfcost
	// recommend lists them); Recs the best per resource (breakdown shows them).
	AllRecs, Recs []recommend.Recommendation
	// Warnings are the usage file's findings (unknown keys), printed with
	// the estimate's own warnings once every project is priced.
	Warnings []string
}

// reportProject is the project as breakdown renderers see it.
func (p pricedProject) reportProject() report.Project {
	return report.Project{Name: p.Name, Path: p.Path, Estimate: p.Planned, Past: p.Prior, Recommendations: p.Recs}
}

// specs resolves the projects to price: the plans given as arguments, else
// the projects of tfcost.yml. withPast also prices each prior state.
func (a *projectArgs) specs(g *globalOptions, withPast bool) ([]planInput, *config.Config, error) {
	if g.configFile == "" && len(a.Plans) == 0 {
		if _, err := os.Stat(defaultConfigFile); err == nil {
			g.configFile = defaultConfigFile
		}
	}
	cfg, err := g.config()
	if err != nil {
		return nil, nil, err
	}
	var out []planInput
	for _, p := range a.Plans {
		name := p
		if p == "-" {
			name = plan.StdinName
		}
		out = append(out, planInput{Name: name, PlanFile: p, UsageFile: a.UsageFile, StrictPrices: a.StrictPrices, WithPast: withPast})
	}
	if len(out) == 0 && cfg != nil {
		for _, p := range cfg.Projects {
			in := planInput{Name: p.Name, PlanFile: cfg.Resolve(p.Path), UsageFile: cfg.Resolve(p.UsageFile),
				Region: p.Region, StrictPrices: a.StrictPrices, WithPast: withPast, Configured: true}
			if in.Name == "" {
				in.Name = p.Path
			}
			if a.UsageFile != "" {
				in.UsageFile = a.UsageFile
			}
			out = append(out, in)
		}
		if len(out) == 0 {
			return nil, nil, &failure.Error{Kind: failure.Input, File: cfg.File, Msg: "no projects to price",
				Expected: "a projects: list with a path per project"}
		}
	}
	if len(out) == 0 {
		return nil, nil, failure.Usagef("no plan given: pass a plan JSON file (terraform show -json tfplan > plan.json) or --config tfcost.yml with projects")
	}
	return out, cfg, nil
}

// price reads and prices every project (prior and planned, as diffs need).
func (a *projectArgs) price(g *globalOptions) ([]pricedProject, error) {
	return a.priceProjects(g, true)
}

// priceProjects reads and prices every project, in parallel (the estimator
// is safe for concurrent use); warnings are printed afterwards in project
// order and the first error in project order wins, so a broken project
// fails the whole run rather than leaving it out of the totals.
func (a *projectArgs) priceProjects(g *globalOptions, withPast bool) ([]pricedProject, error) {
	specs, cfg, err := a.specs(g, withPast)
	if err != nil {
		return nil, err
	}
	cat, err := g.catalog()
	if err != nil {
		return nil, err
	}
	g.registry() // built once here, read concurrently below
	if g.region != "" && !catalogHasRegion(cat, g.region) {
		// A typo in --region would otherwise only show as every
		// component "unpriced … in eu-wst-1", far down the report.
		g.warn([]string{fmt.Sprintf("--region %q has no price in the catalog: every regional component will be unpriced or approximate (tfcost catalog info lists the regions)", g.region)})
	}
	out := make([]pricedProject, len(specs))
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, s := range specs {
		if s.Region == "" {
			specs[i].Region = g.region
		} else if g.region != "" {
			specs[i].Region = g.region // --region overrides every project
		}
		wg.Add(1)
		go func(s planInput) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i], errs[i] = g.priceOne(s, cfg, cat)
			if errs[i] != nil && s.Configured {
				errs[i] = projectError(s, errs[i])
			}
		}(specs[i])
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{} // one usage file shared by every project warns once
	for _, p := range out {
		for _, w := range p.Warnings {
			if !seen[w] {
				seen[w] = true
				g.warn([]string{w})
			}
		}
		g.warnEstimate(p.Planned)
	}
	return out, nil
}

// catalogHasRegion reports whether any service of the catalog prices region.
func catalogHasRegion(cat *catalog.Catalog, region string) bool {
	for _, s := range cat.Info().Services {
		if slices.Contains(s.Regions, region) {
			return true
		}
	}
	return false
}

// projectError names the tfcost.yml project whose plan or usage file could
// not be read, keeping the error's kind (and so its exit status).
func projectError(s planInput, err error) error {
	var fe *failure.Error
	if !errors.As(err, &fe) {
		return err
	}
	msg := fmt.Sprintf("project %q: %s", s.Name, fe.Error())
	if fe.File == "" {
		msg = fmt.Sprintf("project %q (plan %s): %s", s.Name, s.PlanFile, fe.Error())
	}
	return &failure.Error{Kind: fe.Kind, Msg: msg, Err: err}
}

// priceOne is the pipeline for one plan: read the usage file and the plan,
// price with the catalog, config prices and discount, add the FinOps
// figures and recommendations. It prints nothing (it runs concurrently).
func (g *globalOptions) priceOne(s planInput, cfg *config.Config, cat *catalog.Catalog) (pricedProject, error) {
	reg := g.registry()
	pp := pricedProject{Name: s.Name, Path: s.PlanFile}
	if s.UsageFile != "" {
		u, err := usage.Load(s.UsageFile)
		if err != nil {
			return pricedProject{}, err
		}
		u.CheckKeys(reg.KnownUsageKeys())
		pp.Usage, pp.Warnings = u, u.Warnings
	}
	p, err := g.readPlan(s.PlanFile, plan.Options{Region: s.Region})
	if err != nil {
		return pricedProject{}, err
	}
	opts := estimate.Options{Catalog: cat, Registry: reg, Name: s.Name, StrictPrices: s.StrictPrices, Usage: pp.Usage}
	cfg.Apply(&opts)
	e := estimate.New(opts)
	pp.Estimator = e
	pp.Plan, pp.Planned = p, e.Estimate(p)
	pp.Planned.Name = s.Name
	// The prior side (pricing and carbon) runs beside the planned side's
	// carbon and recommendations: they read the plan and share the
	// estimator (safe for concurrent use) but write disjoint estimates, and
	// the carbon annotation and recommendations are sequential, so on large
	// plans the two sides keep two CPUs busy instead of one.
	var wg sync.WaitGroup
	if s.WithPast {
		wg.Go(func() {
			prior := e.EstimatePrior(p)
			prior.Name = s.Name
			annotateFinOps(cat, prior, pp.Usage)
			pp.Prior = prior
		})
	}
	annotateFinOps(cat, pp.Planned, pp.Usage)
	all := recommend.Generate(recommend.Input{Plan: p, Estimate: pp.Planned, Catalog: cat, Prices: e, Usage: pp.Usage})
	wg.Wait()
	pp.AllRecs, pp.Recs = all, recommend.Best(all)
	return pp, nil
}

// buildDiff prices the projects and compares each with its prior state or
// with the baseline.
func (a *projectArgs) buildDiff(g *globalOptions) (*diff.Report, []pricedProject, error) {
	projects, err := a.price(g)
	if err != nil {
		return nil, nil, err
	}
	baselineName := "prior state"
	derive := false
	if a.Baseline != "" {
		baselineName = a.Baseline
		derive = true
		if err := a.applyBaseline(g, projects); err != nil {
			return nil, nil, err
		}
	}
	r := compareProjects(projects, derive)
	r.Baseline = baselineName
	return r, projects, nil
}

// compareProjects diffs every project's prior and planned estimates.
func compareProjects(projects []pricedProject, deriveActions bool) *diff.Report {
	var ps []*diff.Project
	for _, p := range projects {
		dp := diff.Compare(p.Name, p.Prior, p.Planned, diff.Options{DeriveActions: deriveActions})
		dp.Path = p.Path
		dp.Recommendations = p.Recs
		ps = append(ps, dp)
	}
	return diff.NewReport("prior state", ps...)
}

// applyBaseline replaces each project's prior estimate with the baseline's:
// a tfcost JSON file is matched by project name (or taken whole when both
// sides have one project); a plan is priced (planned values) as the prior of
// the single project.
func (a *projectArgs) applyBaseline(g *globalOptions, projects []pricedProject) error {
	data, err := os.ReadFile(a.Baseline)
	if err != nil {
		return failure.Inputf(a.Baseline, "cannot read baseline: %v", err)
	}
	if report.IsJSONReport(data) {
		base, _, err := report.ReadJSON(a.Baseline, data)
		if err != nil {
			return err
		}
		byName := map[string]*estimate.Estimate{}
		for _, b := range base {
			byName[b.Name] = b.Estimate
		}
		for i := range projects {
			prior, ok := byName[projects[i].Name]
			if !ok && len(base) == 1 && len(projects) == 1 {
				prior, ok = base[0].Estimate, true
			}
			if !ok {
				prior = &estimate.Estimate{} // a new project: everything is new
			}
			projects[i].Prior = prior
		}
		return nil
	}
	if len(projects) != 1 {
		return failure.Usagef("--baseline with a plan file compares one project; got %d (use a tfcost JSON baseline for several)", len(projects))
	}
	cfg, _ := g.config() // already loaded without error by specs
	cat, _ := g.catalog()
	b, err := g.priceOne(planInput{Name: projects[0].Name, PlanFile: a.Baseline, UsageFile: a.UsageFile, Region: g.region,
		StrictPrices: a.StrictPrices}, cfg, cat)
	if err != nil {
		return err
	}
	projects[0].Prior = b.Planned
	return nil
}

// policyInput is what a policy sees for a report: one merged estimate of
// all projects, and the plan's values when there is a single project.
func policyInput(r *diff.Report, projects []pricedProject) policy.Input {
	prior, planned := r.Merged()
	for _, e := range []*estimate.Estimate{prior, planned} {
		if e != nil && e.Carbon == nil {
			carbon.Annotate(e) // merged projects: footprints travel with the components
		}
	}
	in := policy.Input{Planned: planned, Prior: prior}
	if len(projects) == 1 {
		in.Plan = projects[0].Plan
	}
	return in
}

// policyFlags is --policy/--allow-soft for commands that gate on a policy
// without rendering the verdict themselves (breakdown): the verdict is
// printed to stderr so stdout stays a clean report.
type policyFlags struct {
	File      string
	AllowSoft bool
}

func (p *policyFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&p.File, "policy", "", "HCL budget policy `FILE`: print the verdict and exit 2 (hard) or 3 (soft) on violations")
	fs.BoolVar(&p.AllowSoft, "allow-soft", false, "soft policy violations do not fail the command (exit 0 instead of 3)")
}

// loadPolicy parses a --policy file before anything is priced, so a typo in
// the policy fails at once rather than after a long estimate (or, for
// breakdown, after the whole report was written). nil without a file.
func loadPolicy(path string) (*policy.Set, error) {
	if path == "" {
		return nil, nil
	}
	return policy.ParseFile(path)
}

// gate evaluates the policy (if any) on the priced projects together, as
// check does. The returned error is nil, an input error (exit 1) or a
// violation (exit 2 or 3).
func (p *policyFlags) gate(g *globalOptions, set *policy.Set, projects []pricedProject) error {
	if set == nil {
		return nil
	}
	_, err := set.Apply(g.io.Err, policyInput(compareProjects(projects, false), projects), p.AllowSoft)
	return err
}
