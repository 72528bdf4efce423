package acceptance

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/cli"
	"github.com/tfcost/tfcost/internal/estimate"
)

// breakdownJSON is the part of `tfcost breakdown --format json` (Infracost's
// schema 0.2 names) these tests read.
type breakdownJSON struct {
	TotalMonthlyCost     string `json:"totalMonthlyCost"`
	PastTotalMonthlyCost string `json:"pastTotalMonthlyCost"`
	DiffTotalMonthlyCost string `json:"diffTotalMonthlyCost"`
	Projects             []struct {
		Breakdown struct {
			Resources []struct {
				Name        string `json:"name"`
				MonthlyCost string `json:"monthlyCost"`
			} `json:"resources"`
		} `json:"breakdown"`
	} `json:"projects"`
}

// TestBreakdownCommandTotals runs the command a user runs, `tfcost breakdown
// PLAN --format json`, on the hand-checked plans: the JSON must carry the
// same figures as the tests above (planned, prior and difference), and every
// resource with a cost must have the hand-checked monthly cost.
func TestBreakdownCommandTotals(t *testing.T) {
	cases := []struct {
		name, plan, usage string
		total, past, diff string
		costs             []want
	}{
		{
			// 81.122 planned, 40.561 before (see terraform_v014_test.go).
			name: "terraform_v0.14", plan: "terraform_v0.14_plan.json",
			total: v014Total, past: v014PriorTotal, diff: "40.561", costs: v014Wants(false),
		},
		{
			name: "terraform_v0.12", plan: "terraform_v0.12_plan.json",
			total: v014Total, past: v014PriorTotal, diff: "40.561", costs: v014Wants(false),
		},
		{
			// 1690.97404 (see example_plan_test.go); everything is new.
			name: "example_plan with usage", plan: "example_plan.json", usage: "example_usage.yml",
			total: "1690.97404", past: "0", diff: "1690.97404",
			costs: []want{
				priced("aws_instance.web_app", "us-east-1", "742.64"),
				priced("aws_instance.zero_cost_instance", "us-east-1", "511.66654"),
				priced("aws_lambda_function.hello_world", "us-east-1", "436.6675"),
			},
		},
		{
			// t3.micro → t3.small: 8.592 → 16.184 (see prior_test.go).
			name: "plan_with_target", plan: "plan_with_target.json",
			total: "16.184", past: "8.592", diff: "7.592",
			costs: []want{priced("aws_instance.web_app_1", "us-east-1", "16.184")},
		},
		{
			// Three of five t2.nano deleted: 27.395 → 10.958.
			name: "instance deletes", plan: "abcost-0.12.24-instance-deletes.json",
			total: "10.958", past: "27.395", diff: "-16.437",
			costs: []want{
				priced("aws_instance.this_1", "eu-west-1", "5.479"),
				priced("aws_instance.this_2[0]", "eu-west-1", "5.479"),
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"breakdown", filepath.Join(planDir, c.plan), "--format", "json", "--no-color"}
			if c.usage != "" {
				args = append(args, "--usage-file", filepath.Join(usageDir, c.usage))
			}
			var out, errOut bytes.Buffer
			code := cli.Run("test", args, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errOut})
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			var got breakdownJSON
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out.String())
			}
			for _, f := range []struct{ what, got, want string }{
				{"totalMonthlyCost", got.TotalMonthlyCost, c.total},
				{"pastTotalMonthlyCost", got.PastTotalMonthlyCost, c.past},
				{"diffTotalMonthlyCost", got.DiffTotalMonthlyCost, c.diff},
			} {
				if !sameMoney(t, f.got, f.want) {
					t.Errorf("%s %q, want %s", f.what, f.got, f.want)
				}
			}
			if len(got.Projects) != 1 {
				t.Fatalf("%d projects, want 1", len(got.Projects))
			}
			monthly := map[string]string{}
			for _, r := range got.Projects[0].Breakdown.Resources {
				monthly[r.Name] = r.MonthlyCost
			}
			for _, w := range c.costs {
				if w.Status != estimate.StatusPriced {
					continue
				}
				if m, ok := monthly[w.Addr]; !ok || !sameMoney(t, m, w.Monthly) {
					t.Errorf("%s: monthlyCost %q, want %s", w.Addr, m, w.Monthly)
				}
			}
		})
	}
}

// sameMoney compares a JSON money string with a hand-checked figure exactly.
func sameMoney(t *testing.T, got, want string) bool {
	t.Helper()
	if got == "" {
		return false
	}
	return dec(t, got).Equal(dec(t, want))
}
