package cli

import (
	"os"
	"sync"

	"github.com/spf13/pflag"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/config"
	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/policy"
	"github.com/tfcost/tfcost/internal/report"
	"github.com/tfcost/tfcost/internal/usage"
)

// defaultConfigFile is picked up by multi-project commands when no plan is
// given and --config is not set.
const defaultConfigFile = "tfcost.yml"

// projectArgs selects what diff, check and comment price: plan files given
// as arguments, or the projects of a tfcost.yml.
type projectArgs struct {
	Plans        []string
	Config       string
	UsageFile    string
	Region       string
	StrictPrices bool
	Baseline     string
	PolicyFile   string
	AllowSoft    bool
}

func (a *projectArgs) register(fs *pflag.FlagSet, withPolicy bool) {
	fs.StringVar(&a.Config, "config", "", "tfcost.yml listing projects (default: ./tfcost.yml when no plan is given)")
	fs.StringVar(&a.UsageFile, "usage-file", "", "usage file for usage-based costs (single plan)")
	fs.StringVar(&a.Region, "region", "", "price every resource in this region")
	fs.BoolVar(&a.StrictPrices, "strict-prices", false, "leave components unpriced instead of using the us-east-1 figure")
	fs.StringVar(&a.Baseline, "baseline", "", "compare with this plan or tfcost JSON (e.g. from the main branch) instead of the prior state")
	if withPolicy {
		fs.StringVar(&a.PolicyFile, "policy", "", "HCL budget policy file (tfcost.policy.hcl)")
		fs.BoolVar(&a.AllowSoft, "allow-soft", false, "soft policy violations do not fail the command (exit 0 instead of 3)")
	}
}

// pricedProject is one project priced before and after the change.
type pricedProject struct {
	Name    string
	Path    string
	Plan    *plan.Plan
	Prior   *estimate.Estimate
	Planned *estimate.Estimate
}

type projectSpec struct {
	name, path, usageFile, region string
}

// specs resolves the projects to price and the config in use (nil when none).
func (a *projectArgs) specs() ([]projectSpec, *config.Config, error) {
	cfgPath := a.Config
	if cfgPath == "" && len(a.Plans) == 0 {
		if _, err := os.Stat(defaultConfigFile); err == nil {
			cfgPath = defaultConfigFile
		}
	}
	var cfg *config.Config
	if cfgPath != "" {
		c, err := config.Load(cfgPath)
		if err != nil {
			return nil, nil, err
		}
		cfg = c
	}
	var out []projectSpec
	for _, p := range a.Plans {
		out = append(out, projectSpec{name: p, path: p, usageFile: a.UsageFile, region: a.Region})
	}
	if len(out) == 0 && cfg != nil {
		for _, p := range cfg.Projects {
			s := projectSpec{name: p.Name, path: cfg.Resolve(p.Path), usageFile: cfg.Resolve(p.UsageFile), region: p.Region}
			if s.name == "" {
				s.name = p.Path
			}
			if a.UsageFile != "" {
				s.usageFile = a.UsageFile
			}
			if a.Region != "" {
				s.region = a.Region
			}
			out = append(out, s)
		}
		if len(out) == 0 {
			return nil, nil, &failure.Error{Kind: failure.Input, File: cfg.File, Msg: "no projects to price",
				Expected: "a projects: list with a path per project"}
		}
	}
	if len(out) == 0 {
		return nil, nil, failure.Usagef("no plan given: pass a plan JSON file (terraform show -json plan.out > plan.json) or --config tfcost.yml with projects")
	}
	return out, cfg, nil
}

// price reads and prices every project, in parallel (the estimator is safe
// for concurrent use). The first error in project order wins.
func (a *projectArgs) price() ([]pricedProject, error) {
	specs, cfg, err := a.specs()
	if err != nil {
		return nil, err
	}
	cat := catalog.Embedded()
	reg := aws.NewRegistry()
	out := make([]pricedProject, len(specs))
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, s := range specs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i], errs[i] = priceOne(s, cfg, cat, reg, a.StrictPrices)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func priceOne(s projectSpec, cfg *config.Config, cat *catalog.Catalog, reg *estimate.Registry, strict bool) (pricedProject, error) {
	p, err := plan.ReadFile(s.path, plan.Options{Region: s.region})
	if err != nil {
		return pricedProject{}, err
	}
	opts := estimate.Options{Catalog: cat, Registry: reg, Name: s.name, StrictPrices: strict}
	if s.usageFile != "" {
		u, err := usage.Load(s.usageFile)
		if err != nil {
			return pricedProject{}, err
		}
		opts.Usage = u
	}
	cfg.Apply(&opts)
	e := estimate.New(opts)
	return pricedProject{Name: s.name, Path: s.path, Plan: p, Prior: e.EstimatePrior(p), Planned: e.Estimate(p)}, nil
}

// buildDiff prices the projects and compares each with its prior state or
// with the baseline.
func (a *projectArgs) buildDiff() (*diff.Report, []pricedProject, error) {
	projects, err := a.price()
	if err != nil {
		return nil, nil, err
	}
	baselineName := "prior state"
	derive := false
	if a.Baseline != "" {
		baselineName = a.Baseline
		derive = true
		if err := a.applyBaseline(projects); err != nil {
			return nil, nil, err
		}
	}
	var ps []*diff.Project
	for _, p := range projects {
		dp := diff.Compare(p.Name, p.Prior, p.Planned, diff.Options{DeriveActions: derive})
		dp.Path = p.Path
		ps = append(ps, dp)
	}
	return diff.NewReport(baselineName, ps...), projects, nil
}

// applyBaseline replaces each project's prior estimate with the baseline's:
// a tfcost JSON file is matched by project name (or taken whole when both
// sides have one project); a plan is priced (planned values) as the prior of
// the single project.
func (a *projectArgs) applyBaseline(projects []pricedProject) error {
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
	b, err := priceOne(projectSpec{name: projects[0].Name, path: a.Baseline, usageFile: a.UsageFile, region: a.Region},
		nil, catalog.Embedded(), aws.NewRegistry(), a.StrictPrices)
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
	in := policy.Input{Planned: planned, Prior: prior}
	if len(projects) == 1 {
		in.Plan = projects[0].Plan
	}
	return in
}
