package cli

import (
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/carbon"
	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/recommend"
	"github.com/tfcost/tfcost/internal/usage"
)

// recommendArgs are the parsed arguments of `tfcost recommend`.
type recommendArgs struct {
	Plan         string
	Format       string
	OutFile      string
	UsageFile    string
	StrictPrices bool
	// TargetReduction is the cut of the monthly TCO to plan for, in percent
	// (nil: list recommendations only).
	TargetReduction *decimal.Decimal
	// Best keeps one recommendation per resource (lowest risk, then largest saving).
	Best bool
}

func newRecommendCommand(g *globalOptions) *cobra.Command {
	var a recommendArgs
	var target string
	c := &cobra.Command{
		Use:   "recommend [PLAN]",
		Short: "Suggest changes that cut the plan's monthly cost, with savings and risk",
		Long: "List priced ways to cut a plan's monthly cost: reserved instances for always-on EC2, RDS and\n" +
			"ElastiCache, spot for fault-tolerant compute (tag fault_tolerant=true or usage fault_tolerant: true),\n" +
			"schedules for non-production compute (tag env/environment = dev, test, staging or qa),\n" +
			"Graviton or current-generation types, gp2 → gp3, S3 lifecycle rules and newer RDS classes.\n\n" +
			"With --target-reduction N, pick the lowest-risk set (one change per resource) that cuts the\n" +
			"monthly cost by N %, or say how close the recommendations get.\n\n" +
			"Without PLAN, the projects of tfcost.yml (--config, or ./tfcost.yml) are priced together: every\n" +
			"recommendation names its project and --target-reduction applies to their combined cost.",
		Example: "  tfcost recommend plan.json\n" +
			"  tfcost recommend plan.json --target-reduction 30 --format markdown\n" +
			"  tfcost recommend plan.json --usage-file usage.yml --format json\n" +
			"  tfcost recommend --config tfcost.yml --target-reduction 20",
		Args: maxArgs(1, "one plan file, or none with --config tfcost.yml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				a.Plan = args[0]
			}
			if !validRecommendFormat(a.Format) {
				return failure.Usagef("unknown --format %q; expected one of %s", a.Format, strings.Join(recommend.Formats, ", "))
			}
			if cmd.Flags().Changed("target-reduction") {
				t, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimSpace(target), "%"))
				if err != nil || !t.IsPositive() || t.GreaterThan(decimal.NewFromInt(100)) {
					return failure.Usagef("--target-reduction %q is not a percentage; expected a number above 0 and at most 100, e.g. 30", target)
				}
				a.TargetReduction = &t
			}
			return runRecommend(g, a)
		},
	}
	f := c.Flags()
	f.StringVar(&a.Format, "format", "table", "output `FORMAT`: "+strings.Join(recommend.Formats, ", "))
	f.StringVar(&a.OutFile, "out-file", "", "write the output to `FILE` instead of stdout")
	f.StringVar(&a.UsageFile, "usage-file", "", "usage `FILE` (YAML, Infracost format 0.1): hours, S3 storage, fault_tolerant")
	f.BoolVar(&a.StrictPrices, "strict-prices", false, "leave a component unpriced instead of using the us-east-1 figure when its region has no price")
	f.StringVar(&target, "target-reduction", "", "plan the lowest-risk set of changes that cuts the monthly cost by `PERCENT`")
	f.BoolVar(&a.Best, "best", false, "list only the best recommendation per resource (lowest risk, then largest saving)")
	return c
}

func validRecommendFormat(f string) bool {
	for _, ok := range recommend.Formats {
		if f == ok {
			return true
		}
	}
	return false
}

func runRecommend(g *globalOptions, a recommendArgs) error {
	pa := projectArgs{UsageFile: a.UsageFile, StrictPrices: a.StrictPrices}
	if a.Plan != "" {
		pa.Plans = []string{a.Plan}
	}
	priced, err := pa.priceProjects(g, false)
	if err != nil {
		return err
	}
	rep := recommend.Report{Currency: priced[0].Planned.Currency}
	var names []string
	var all []recommend.Recommendation
	for _, p := range priced {
		recs := p.AllRecs // generated once, while pricing
		if len(priced) > 1 {
			for i := range recs {
				recs[i].Project = p.Name // the same address may exist in two projects
			}
		}
		all = append(all, recs...)
		names = append(names, p.Name)
		rep.Baseline = rep.Baseline.Add(p.Planned.MonthlyCost)
	}
	rep.Project = strings.Join(names, ", ")
	rep.Recommendations = all
	if a.Best {
		rep.Recommendations = recommend.Best(all)
	}
	if a.TargetReduction != nil {
		s := recommend.Select(all, rep.Baseline, *a.TargetReduction)
		rep.Plan = &s
	}
	return writeOutput(g.io.Out, a.OutFile, func(w io.Writer) error { return recommend.Write(w, a.Format, rep) })
}

// annotateFinOps adds the carbon footprint (CCF method; the catalog's specs
// cover instance types CCF's tables lack) and, when the usage file's project
// section gives monthly_requests, cost and kgCO2e per 1,000 requests.
func annotateFinOps(cat *catalog.Catalog, est *estimate.Estimate, uf *usage.File) {
	m := carbon.New()
	m.Specs = cat
	m.Annotate(est)
	carbon.UnitFromUsage(est, uf)
}
