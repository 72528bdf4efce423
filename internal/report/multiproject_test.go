package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/golden"
	"github.com/tfcost/tfcost/internal/recommend"
)

// twoProjects is a multi-project breakdown built by hand: "app" is the
// golden estimate ($591.5375/month; prior $140.80) and "old" the golden past
// ($140.80/month; no prior). Together: $732.3375 planned, $140.80 prior.
func twoProjects() []Project {
	return []Project{
		{Name: "app", Path: "plans/app.json", Estimate: goldenEstimate(), Past: goldenPast(), Recommendations: goldenRecs()},
		{Name: "old", Path: "plans/old.json", Estimate: goldenPast(), Past: &estimate.Estimate{},
			Recommendations: []recommend.Recommendation{rec("aws_instance.web", "instance_type = \"m6g.large\"", "13.14", recommend.Medium)}},
	}
}

// rec is a recommendation with only the fields the reports show.
func rec(addr, change, saving string, risk recommend.Risk) recommend.Recommendation {
	return recommend.Recommendation{Address: addr, Type: "aws_instance", Kind: recommend.Graviton, Title: change,
		Change: change, MonthlySaving: d(saving), Risk: risk, Why: "cheaper | faster"}
}

// goldenRecs are six recommendations: reports show the five largest.
func goldenRecs() []recommend.Recommendation {
	return []recommend.Recommendation{
		rec("aws_instance.web", "buy 1 1-year Standard RI", "25.55", recommend.Low),
		rec("aws_nat_gateway.main", "share one NAT gateway", "32.85", recommend.High),
		rec("module.app.aws_lambda_function.api", "architectures = [\"arm64\"]", "83.33", recommend.Low),
		rec("aws_db_instance.db", "instance_class = \"db.m7g.large\"", "1.00", recommend.Medium),
		rec("aws_ebs_volume.data", "type = \"gp3\"", "0.50", recommend.Low),
		rec("aws_instance.old", "remove", "0.10", recommend.High),
	}
}

func TestMultiProjectMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, twoProjects(), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// 591.5375 + 140.80 = 732.3375 → $732.34; annual 732.3375 × 12 = 8,788.05.
	for _, want := range []string{"**$732.34/month** · $8,788.05/year", "| app | $591.54 | $7,098.45 |",
		"| old | $140.80 | $1,689.60 |", "### Resources: app", "### Resources: old",
		// Labelled by project: both projects have an aws_instance.web.
		"| old: `aws_instance.web` |", "…and 2 more"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	golden.Assert(t, buf.Bytes())
}

func TestMultiProjectCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, twoProjects(), Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Each project's monthly costs add up to its total, read from the project column.
	sum := map[string]string{}
	for _, r := range rows[1:] {
		if r[15] == "" {
			continue
		}
		s := d("0")
		if sum[r[0]] != "" {
			s = d(sum[r[0]])
		}
		sum[r[0]] = s.Add(d(r[15])).String()
	}
	if sum["app"] != "591.5375" || sum["old"] != "140.8" {
		t.Errorf("per-project sums = %v, want app 591.5375, old 140.8", sum)
	}
	golden.Assert(t, buf.Bytes())
}

func TestMultiProjectJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, twoProjects(), Options{Time: goldenTime, Version: "v0.0.0-test", Command: "breakdown",
		ConfigFile: "tfcost.yml"}); err != nil {
		t.Fatal(err)
	}
	validate(t, compileSchema(t), buf.Bytes())
	var root JSONRoot
	if err := json.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatal(err)
	}
	// Top-level totals sum the projects: 591.5375 + 140.80 planned; 140.80 + 0 prior.
	if len(root.Projects) != 2 || root.TotalMonthlyCost.String() != "732.3375" ||
		root.PastTotalMonthlyCost.String() != "140.8" || root.DiffTotalMonthlyCost.String() != "591.5375" {
		t.Errorf("projects %d, total %s, past %s, diff %s", len(root.Projects), root.TotalMonthlyCost,
			root.PastTotalMonthlyCost, root.DiffTotalMonthlyCost)
	}
	golden.Assert(t, buf.Bytes())
}

// TestBreakdownCommentFormats: breakdown renders every PR comment flavour,
// prior → planned from the same projects.
func TestBreakdownCommentFormats(t *testing.T) {
	for _, f := range []string{"github-comment", "gitlab-comment", "azure-repos-comment", "bitbucket-comment"} {
		render, ok := Lookup(f)
		if !ok {
			t.Fatalf("breakdown format %s not registered", f)
		}
		var buf bytes.Buffer
		if err := render(&buf, twoProjects(), Options{}); err != nil {
			t.Fatal(err)
		}
		// Prior 140.80 → planned 732.3375: +591.5375 (+420.13%: 591.5375 / 140.80 = 4.2013…).
		// Savings: 25.55 + 32.85 + 83.33 + 1.00 + 0.50 + 0.10 + 13.14 = 156.47 from 7.
		for _, want := range []string{"$140.80 → $732.34", "+420.13%", "up to $156.47 per month from 7 recommendation(s)"} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%s: missing %q in\n%s", f, want, buf.String())
			}
		}
		if f == "github-comment" {
			golden.Assert(t, buf.Bytes())
		}
	}
}

// markedDiff is the golden past → golden estimate: the planned side has
// approximate (NAT, eu-west-3 with the us-east-1 figure), unknown (EBS size)
// and unpriced (RDS class) lines, and six recommendations.
func markedDiff() *diff.Report {
	past := goldenPast()
	// Both sides carry the plan's action, as the engine sets them.
	past.Resources[0].Action, past.Resources[1].Action = "update", "delete"
	p := diff.Compare("app", past, goldenEstimate(), diff.Options{})
	p.Recommendations = goldenRecs()
	return diff.NewReport("prior state", p)
}

func TestDiffTableMarkers(t *testing.T) {
	var buf bytes.Buffer
	if err := DiffTable(&buf, markedDiff(), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"~$32.85",  // NAT hours 730 × $0.045, approximate
		"unknown",  // EBS size unknown until apply
		"unpriced", // db.x9.huge has no price
		"Recommendations", "aws_instance.web: buy 1 1-year Standard RI (saves $25.55/month, low risk)",
		"… and 1 more: run tfcost recommend",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	golden.Assert(t, buf.Bytes())
}

func TestDiffMarkdownMarkers(t *testing.T) {
	var buf bytes.Buffer
	if err := DiffMarkdown(&buf, markedDiff(), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"~$32.85", "| unknown |", "| unpriced |", "### Recommendations",
		"| aws\\_instance.web | buy 1 1\\-year Standard RI | $25.55 | low |", "…and 1 more"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	golden.Assert(t, buf.Bytes())

	// PR comments keep the one-line savings note, without the table.
	var gh bytes.Buffer
	if err := GitHubComment(&gh, markedDiff()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(gh.String(), "### Recommendations") || !strings.Contains(gh.String(), "Savings available") {
		t.Errorf("comment recommendations:\n%s", gh.String())
	}
}
