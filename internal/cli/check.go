package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/policy"
)

type checkArgs struct {
	projectArgs
	Format string
}

// newCheckCommand is `tfcost check`, the pre-apply gate. Its exit status is the
// contract CI relies on: 0 pass (advisory findings printed), 1 tool or input
// error, 2 at least one hard violation, 3 only soft violations (0 with
// --allow-soft). The mapping lives in failure.ExitCode.
func newCheckCommand(g *globalOptions) *cobra.Command {
	a := &checkArgs{}
	cmd := &cobra.Command{
		Use:   "check [PLAN_JSON...] --policy FILE",
		Short: "Gate a plan on HCL budget policies (exit 0 pass, 1 error, 2 hard, 3 soft violation)",
		Long: `check prices the plan and evaluates the budgets, guardrails and rules of a policy file.

Exit status: 0 pass (advisory findings are printed), 1 tool or input error,
2 at least one hard violation, 3 only soft violations (--allow-soft: 0).
Each violation names the policy, its limit, the actual figure and by how much it is over.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			a.Plans = args
			if a.PolicyFile == "" {
				return failure.Usagef("check needs --policy FILE (an HCL file with budget, guardrail or rule blocks)")
			}
			if a.Format != "text" && a.Format != "json" {
				return failure.Usagef("unknown --format %q; expected text or json", a.Format)
			}
			set, err := policy.ParseFile(a.PolicyFile) // fail fast on a broken policy, before pricing
			if err != nil {
				return err
			}
			r, projects, err := a.buildDiff(g)
			if err != nil {
				return err
			}
			v := set.Evaluate(policyInput(r, projects))
			write := policy.WriteText
			if a.Format == "json" {
				write = policy.WriteJSON
			}
			if err := writeOutput(g.io.Out, a.OutFile, func(w io.Writer) error { return write(w, v) }); err != nil {
				return err
			}
			return policy.Gate(v, a.AllowSoft)
		},
	}
	a.register(cmd.Flags(), true)
	cmd.Flags().StringVar(&a.Format, "format", "text", "verdict format: text or json")
	return cmd
}
