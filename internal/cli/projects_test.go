package cli

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// exampleConfig has two projects: "app" (example_plan.json with
// example_usage.yml, us-east-1) and "network" (tc-0.12.8-vpc-nat3.json in
// eu-west-1), with a 10% discount off every catalog price.
var exampleConfig = filepath.Join("..", "..", "examples", "plans", "tfcost.yml")

// Hand-computed monthly totals of exampleConfig (730 h a month, × 0.9 for the discount):
//
//	app: aws_instance.web_app: m5.4xlarge on demand $0.768/h × 730 = 560.64 × 0.9 = 504.576;
//	     root gp2 50 GB × $0.10 = 5 × 0.9 = 4.5; io1 1,000 GB × $0.125 = 125 × 0.9 = 112.5;
//	     800 IOPS × $0.065 = 52 × 0.9 = 46.8 → 668.376.
//	     aws_instance.zero_cost_instance: the usage file's 1-year standard all-upfront RI
//	     $0.451598/h × 730 = 329.66654 × 0.9 = 296.699886, same disks 163.8 → 460.499886.
//	     aws_lambda_function.hello_world: 100M requests × $0.20 = 20 × 0.9 = 18;
//	     25,000,000 GB-s × $0.0000166667 = 416.6675 × 0.9 = 375.00075 → 393.00075.
//	     Total 668.376 + 460.499886 + 393.00075 = 1,521.876636.
//	network: 3 NAT gateways × $0.048/h (eu-west-1) × 730 = 35.04 × 0.9 = 31.536 → 94.608;
//	     3 public IPv4 addresses × $0.005/h × 730 = 3.65 × 0.9 = 3.285 → 9.855. Total 104.463.
//	overall: 1,521.876636 + 104.463 = 1,626.339636.
const (
	appMonthly     = "1521.876636"
	networkMonthly = "104.463"
	overallMonthly = "1626.339636"
)

func TestBreakdownConfigProjects(t *testing.T) {
	code, out, stderr := run(t, "breakdown", "--config", exampleConfig, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := compileSchema(t).Validate(inst); err != nil {
		t.Errorf("multi-project JSON does not match the schema: %v", err)
	}
	var doc struct {
		TotalMonthlyCost, PastTotalMonthlyCost string
		Projects                               []struct {
			Name      string
			Breakdown struct{ TotalMonthlyCost string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Projects) != 2 || doc.Projects[0].Name != "app" || doc.Projects[1].Name != "network" {
		t.Fatalf("projects = %+v", doc.Projects)
	}
	for _, c := range []struct{ name, got, want string }{
		{"app", doc.Projects[0].Breakdown.TotalMonthlyCost, appMonthly},
		{"network", doc.Projects[1].Breakdown.TotalMonthlyCost, networkMonthly},
		{"overall", doc.TotalMonthlyCost, overallMonthly},
		{"prior (all new)", doc.PastTotalMonthlyCost, "0"},
	} {
		if c.got != c.want {
			t.Errorf("%s monthly = %s, want %s", c.name, c.got, c.want)
		}
	}

	// The table: one section per project, their totals, and the overall TCO.
	code, out, stderr = run(t, "breakdown", "--config", exampleConfig, "--no-color")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Project: app", "Project: network", "All projects (2)",
		"OVERALL TOTAL", "$1,626.34", "TCO by category", "Total cost: $2.2279/hour · $1,626.34/month · $19,516.08/year"} {
		// 1,626.339636 / 730 = 2.22786… h; × 12 = 19,516.075632 a year.
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if strings.Count(out, "Project total") != 2 {
		t.Errorf("want two project totals:\n%s", out)
	}

	// CSV names the project on every row.
	code, out, _ = run(t, "breakdown", "--config", exampleConfig, "--format", "csv")
	if code != 0 {
		t.Fatal(code)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[0]] = true
	}
	if len(seen) != 2 || !seen["app"] || !seen["network"] {
		t.Errorf("csv projects = %v", seen)
	}

	// Markdown and the comment formats run on the same projects.
	for _, f := range []string{"markdown", "github-comment", "gitlab-comment", "azure-repos-comment", "bitbucket-comment"} {
		code, out, stderr = run(t, "breakdown", "--config", exampleConfig, "--format", f)
		if code != 0 || !strings.Contains(out, "$1,626.34") {
			t.Errorf("%s: exit %d %s\n%s", f, code, stderr, out)
		}
	}
}

// TestBreakdownCommentFromPlan: a breakdown comment shows prior → planned of
// the same plan (3 instances deleted: $27.395 → $10.958, see TestDiffInstanceDeletes).
func TestBreakdownCommentFromPlan(t *testing.T) {
	code, out, stderr := run(t, "breakdown", deletesPlan, "--format", "github-comment")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"<!-- tfcost-comment -->", "decrease by $16.44 (-60.00%)", "**$27.40 → $10.96**"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

// TestProjectErrorNamesProject: one broken project fails the whole run with
// exit 1, names the project and the file, and prints no report.
func TestProjectErrorNamesProject(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.json")
	notJSON := writeFile(t, "bad.json", "{\"format_version\": ")
	for name, path := range map[string]string{"missing": missing, "truncated": notJSON} {
		cfg := writeFile(t, "tfcost.yml", "version: 0.1\nprojects:\n  - name: app\n    path: "+mustAbs(t, examplePlan)+
			"\n  - name: broken\n    path: "+path+"\n")
		for _, cmd := range [][]string{{"breakdown"}, {"diff"}, {"check", "--policy", writeFile(t, "p.hcl", "budget \"b\" {\n  limit = 1\n}\n")}, {"recommend"}} {
			code, out, stderr := run(t, append(cmd, "--config", cfg)...)
			if code != 1 || out != "" || !strings.Contains(stderr, `project "broken"`) || !strings.Contains(stderr, path) {
				t.Errorf("%s %s: exit %d\nstdout: %s\nstderr: %s", name, cmd[0], code, out, stderr)
			}
		}
	}
}

// TestBreakdownConfigPolicy: a budget scoped to one project of tfcost.yml
// gates breakdown too: network is $104.463 a month, over $100 by $4.46.
func TestBreakdownConfigPolicy(t *testing.T) {
	p := writeFile(t, "p.hcl", "budget \"net\" {\n  limit = 100\n  scope = { projects = [\"network\"] }\n}\n")
	code, _, stderr := run(t, "breakdown", "--config", exampleConfig, "--policy", p)
	if code != 2 || !strings.Contains(stderr, "$104.46/month, over its limit of $100.00/month by $4.46") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "check", "--config", exampleConfig, "--policy", p)
	if code != 2 || !strings.Contains(out, "by $4.46") {
		t.Fatalf("check exit %d: %s%s", code, out, stderr)
	}
}

// TestRecommendConfig: recommendations of every project, each naming its
// project; the baseline is the overall monthly cost.
func TestRecommendConfig(t *testing.T) {
	code, out, stderr := run(t, "recommend", "--config", exampleConfig, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Project             string
		BaselineMonthlyCost string
		Recommendations     []struct{ Project, Resource string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Project != "app, network" || rep.BaselineMonthlyCost != overallMonthly || len(rep.Recommendations) == 0 {
		t.Fatalf("report = %+v", rep)
	}
	for _, r := range rep.Recommendations {
		if r.Project == "" {
			t.Errorf("%s: no project", r.Resource)
		}
	}
	code, out, _ = run(t, "recommend", "--config", exampleConfig)
	if code != 0 || !strings.Contains(out, "app: aws_instance.web_app") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
}
