package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/report"
)

type diffArgs struct {
	projectArgs
	Format string
}

// newDiffCommand is `tfcost diff`: the cost change of a plan, resource by
// resource, against the prior state or a baseline.
func newDiffCommand(g *globalOptions) *cobra.Command {
	a := &diffArgs{}
	cmd := &cobra.Command{
		Use:   "diff [PLAN_JSON...]",
		Short: "Show the monthly cost change of a plan (prior → planned), per resource and component",
		Long: `diff prices the prior state (the plan's "before" values) and the planned values and
shows the change per resource with its action (create, update, replace, delete), per
cost component, per category and in total (Δ/month and Δ%; "new" when the prior cost is 0).

--baseline compares with another plan or with tfcost JSON saved on the main branch.
Without a plan argument, the projects of tfcost.yml (--config) are diffed together.
With --policy the verdict is shown and the exit status is the gate's (see check).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			a.Plans = args
			render, ok := report.LookupDiff(a.Format)
			if !ok {
				return failure.Usagef("unknown --format %q; expected one of %s", a.Format, strings.Join(report.DiffFormats(), ", "))
			}
			set, err := loadPolicy(a.PolicyFile)
			if err != nil {
				return err
			}
			r, projects, err := a.buildDiff(g)
			if err != nil {
				return err
			}
			var gate error
			if set != nil {
				r.Verdict, gate = set.Apply(nil, policyInput(r, projects), a.AllowSoft)
			}
			opts := report.Options{Command: "diff", Version: version(g.version), UsageFile: a.UsageFile, ConfigFile: g.configFile}
			if err := writeOutput(g.io.Out, a.OutFile, func(w io.Writer) error { return render(w, r, opts) }); err != nil {
				return err
			}
			return gate
		},
	}
	a.register(cmd.Flags(), true)
	cmd.Flags().StringVar(&a.Format, "format", "table", "output format: "+strings.Join(report.DiffFormats(), ", "))
	return cmd
}
