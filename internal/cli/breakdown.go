package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/report"
)

// breakdownArgs are the parsed arguments of `tfcost breakdown`.
type breakdownArgs struct {
	Plan         string
	Format       string
	OutFile      string
	UsageFile    string
	StrictPrices bool
	Fields       []string
	ShowSkipped  bool
	Policy       policyFlags
}

func newBreakdownCommand(g *globalOptions) *cobra.Command {
	var a breakdownArgs
	var fields []string
	c := &cobra.Command{
		Use:   "breakdown [PLAN]",
		Short: "Show the monthly and annual cost of a plan's AWS resources",
		Long: "Price the resources of a Terraform plan (JSON from `terraform show -json`, a binary plan\n" +
			"file when terraform is on PATH, or - for stdin) from the embedded catalog.\n\n" +
			"Without PLAN, every project of tfcost.yml (--config, or ./tfcost.yml) is priced with its own\n" +
			"plan, usage file and region, and shown in one report with the overall total.\n\n" +
			"Components that depend on usage show their unit price and add nothing until a usage file\n" +
			"(Infracost format 0.1) gives them quantities. The *-comment formats render the pull-request\n" +
			"comment (prior state → planned) that tfcost comment posts.",
		Example: "  tfcost breakdown plan.json\n" +
			"  tfcost breakdown plan.json --usage-file usage.yml --format json --out-file cost.json\n" +
			"  tfcost breakdown plan.json --fields price,monthlyQuantity,unit,monthlyCost\n" +
			"  tfcost breakdown --config tfcost.yml --format markdown",
		Args: maxArgs(1, "one plan file, or none with --config tfcost.yml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				a.Plan = args[0]
			}
			var err error
			if a.Fields, err = report.ParseFields(splitFields(fields)); err != nil {
				return err
			}
			if _, ok := report.Lookup(a.Format); !ok {
				return failure.Usagef("unknown --format %q; expected one of %s", a.Format, strings.Join(report.Formats(), ", "))
			}
			// Only the table has selectable columns; ignoring --fields
			// elsewhere would leave the user wondering why nothing changed.
			if len(fields) > 0 && a.Format != "table" {
				return failure.Usagef("--fields selects the table's columns; --format %s has fixed columns", a.Format)
			}
			return runBreakdown(g, a)
		},
	}
	f := c.Flags()
	f.StringVar(&a.Format, "format", "table", "output `FORMAT`: "+strings.Join(report.Formats(), ", "))
	f.StringVar(&a.OutFile, "out-file", "", "write the output to `FILE` instead of stdout")
	f.StringVar(&a.UsageFile, "usage-file", "", "usage `FILE` (YAML, Infracost format 0.1) with quantities the plan cannot know")
	f.BoolVar(&a.StrictPrices, "strict-prices", false, "leave a component unpriced instead of using the us-east-1 figure when its region has no price")
	f.StringSliceVar(&fields, "fields", nil, "table columns: "+strings.Join(report.TableFields, ",")+", or all")
	a.Policy.register(f)
	f.BoolVar(&a.ShowSkipped, "show-skipped", false, "list free, unsupported and skipped resources one by one")
	return c
}

func splitFields(in []string) []string {
	var out []string
	for _, f := range in {
		for _, p := range strings.Split(f, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func runBreakdown(g *globalOptions, a breakdownArgs) error {
	render, _ := report.Lookup(a.Format)
	set, err := loadPolicy(a.Policy.File)
	if err != nil {
		return err
	}
	pa := projectArgs{UsageFile: a.UsageFile, StrictPrices: a.StrictPrices}
	if a.Plan != "" {
		pa.Plans = []string{a.Plan}
	}
	// The prior state is priced only where it is shown (JSON's past
	// breakdown, the comment's prior → planned) or gated on (guardrails).
	withPast := a.Format == "json" || strings.HasSuffix(a.Format, "-comment") || a.Policy.File != ""
	priced, err := pa.priceProjects(g, withPast)
	if err != nil {
		return err
	}
	projects := make([]report.Project, len(priced))
	for i, p := range priced {
		projects[i] = p.reportProject()
		if a.Policy.File == "" {
			// Only the policy gate reads the plan after pricing: let the GC
			// reclaim it (most of a large plan's live heap) while rendering.
			priced[i].Plan, priced[i].Estimator = nil, nil
		}
	}
	opts := report.Options{Fields: a.Fields, ShowSkipped: a.ShowSkipped, Version: version(g.version),
		Command: "breakdown", UsageFile: a.UsageFile, ConfigFile: g.configFile,
		Color: a.Format == "table" && a.OutFile == "" && g.color()}
	if err := writeOutput(g.io.Out, a.OutFile, func(w io.Writer) error {
		return render(w, projects, opts)
	}); err != nil {
		return err
	}
	return a.Policy.gate(g, set, priced)
}

// writeOutput renders to stdout, or to a file when out is set (written only
// once rendering succeeded, so a failure never leaves half a report).
func writeOutput(stdout io.Writer, out string, render func(io.Writer) error) error {
	if out == "" {
		return render(stdout)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return &failure.Error{Kind: failure.Internal, File: out, Msg: fmt.Sprintf("cannot write output file: %v", err), Err: err}
	}
	return nil
}
