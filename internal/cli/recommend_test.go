package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/failure"
)

var (
	finopsPlan  = filepath.Join("..", "..", "examples", "finops", "plan.json")
	finopsUsage = filepath.Join("..", "..", "examples", "finops", "usage.yml")
)

// TestRecommendTarget30 runs `tfcost recommend --target-reduction 30` on the
// FinOps example. The plan costs $1,536.18 a month (web 72.08, dev 140.96,
// workers 506.00, db 139.25, cache 227.76, data 50.00, logs 115.00, apps
// 216.24, api 36.0401, nat 32.85); 30 % is $460.85. Low-risk changes by
// saving, one per resource:
//
//	workers spot   (0.17 − 0.0731 c5.xlarge spot avg) × 4 × 730        = 282.95
//	dev schedule   0.192 × (730 − 1825/7)                               =  90.10
//	cache 1-yr RI  (0.156 − 0.106) × 2 × 730                            =  73.00
//	web 1-yr RI    (0.096 − 0.06) × 730                                 =  26.28
//
// 446.05 after three is short of 460.85; the fourth reaches 472.33 (30.75 %).
func TestRecommendTarget30(t *testing.T) {
	code, out, errOut := run(t, "recommend", finopsPlan, "--usage-file", finopsUsage, "--target-reduction", "30", "--format", "json")
	if code != failure.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Baseline string `json:"baselineMonthlyCost"`
		Plan     struct {
			Reached bool   `json:"reached"`
			Saving  string `json:"monthlySaving"`
			Percent string `json:"percent"`
			MaxRisk string `json:"maxRisk"`
			Recs    []struct {
				Resource string `json:"resource"`
				Kind     string `json:"kind"`
				Saving   string `json:"monthlySaving"`
			} `json:"recommendations"`
		} `json:"plan"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Baseline != "1536.1801" || !rep.Plan.Reached || rep.Plan.Saving != "472.33" || rep.Plan.Percent != "30.75" || rep.Plan.MaxRisk != "low" {
		t.Errorf("plan = %+v (baseline %s)", rep.Plan, rep.Baseline)
	}
	var got []string
	for _, r := range rep.Plan.Recs {
		got = append(got, r.Resource+":"+r.Kind+":"+r.Saving)
	}
	want := "aws_autoscaling_group.workers:spot:282.95 aws_instance.dev:schedule:90.1 aws_elasticache_cluster.cache:reserved:73 aws_instance.web:reserved:26.28"
	if strings.Join(got, " ") != want {
		t.Errorf("chosen %v\nwant   %s", got, want)
	}
}

func TestRecommendTableAndErrors(t *testing.T) {
	code, out, _ := run(t, "recommend", finopsPlan, "--usage-file", finopsUsage, "--target-reduction", "60", "--best")
	if code != failure.ExitOK || !strings.Contains(out, "Cannot reach a 60% cut") || !strings.Contains(out, "$1,536.18") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	for _, args := range [][]string{
		{"recommend", finopsPlan, "--target-reduction", "abc"},
		{"recommend", finopsPlan, "--target-reduction", "150"},
		{"recommend", finopsPlan, "--format", "yaml"},
		{"recommend"},
	} {
		if code, _, errOut := run(t, args...); code != failure.ExitError || !strings.HasPrefix(errOut, "Error: ") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestBreakdownFinOpsJSON checks the FinOps fields of breakdown's JSON on the
// example: ranges, carbon and unit economics, valid against the schema.
//
//	range max: workers 8 × 126.50 = 1012.00 (c5.xlarge 124.10 + 30 GB gp3 2.40 per instance);
//	  apps 6 × 72.08 = 432.48 (m5.large 70.08 + 20 GB gp2 2.00); api 10 × 18.02005 = 180.2005;
//	  the rest at their monthly cost 72.08 + 140.96 + 139.25 + 227.76 + 50 + 115 + 32.85 = 777.90
//	  → 2402.5805
//	cost per 1,000 requests: 1536.1801 / (25,000,000 / 1,000) = 0.061447
func TestBreakdownFinOpsJSON(t *testing.T) {
	code, out, errOut := run(t, "breakdown", finopsPlan, "--usage-file", finopsUsage, "--format", "json")
	if code != failure.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var inst any
	if err := json.Unmarshal([]byte(out), &inst); err != nil {
		t.Fatal(err)
	}
	if err := compileSchema(t).Validate(inst); err != nil {
		t.Fatalf("schema: %v", err)
	}
	var rep struct {
		Projects []struct {
			Range struct {
				Max string `json:"max"`
			} `json:"range"`
			Carbon struct {
				Monthly   string   `json:"monthlyKgCO2e"`
				Resources int      `json:"resources"`
				Missing   []string `json:"missing"`
			} `json:"carbon"`
			Unit struct {
				Cost string `json:"costPer1kRequests"`
				Kg   string `json:"kgCO2ePer1kRequests"`
			} `json:"unitEconomics"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	p := rep.Projects[0]
	if p.Range.Max != "2402.5805" || p.Unit.Cost != "0.061447" || p.Unit.Kg == "" {
		t.Errorf("range max %s, unit %+v", p.Range.Max, p.Unit)
	}
	// Nine priced resources carry carbon; the NAT gateway has no figure.
	if p.Carbon.Monthly == "" || p.Carbon.Resources != 9 || len(p.Carbon.Missing) != 1 || p.Carbon.Missing[0] != "aws_nat_gateway" {
		t.Errorf("carbon = %+v", p.Carbon)
	}
}

// TestFinOpsJSONAsBaseline: breakdown JSON with recommendations, carbon and
// ranges reads back as a diff baseline (same plan: no change).
func TestFinOpsJSONAsBaseline(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base.json")
	if code, _, errOut := run(t, "breakdown", finopsPlan, "--usage-file", finopsUsage, "--format", "json", "--out-file", base); code != failure.ExitOK {
		t.Fatalf("breakdown exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "diff", finopsPlan, "--usage-file", finopsUsage, "--baseline", base)
	if code != failure.ExitOK {
		t.Fatalf("diff exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Compared with") {
		t.Errorf("diff output:\n%s", out)
	}
}

// TestRecommendFixtures runs recommend on every fixture plan in every format:
// no failure, and every saving below the resource's current cost.
func TestRecommendFixtures(t *testing.T) {
	for _, p := range fixturePlans(t, planDir) {
		code, out, errOut := run(t, "recommend", p, "--target-reduction", "30", "--format", "json")
		if code != failure.ExitOK {
			t.Errorf("%s: exit %d: %s", p, code, errOut)
			continue
		}
		var rep struct {
			Recs []struct {
				Resource string `json:"resource"`
				Current  string `json:"currentMonthlyCost"`
				Saving   string `json:"monthlySaving"`
			} `json:"recommendations"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, r := range rep.Recs {
			cur, sav := decimal.RequireFromString(r.Current), decimal.RequireFromString(r.Saving)
			if !sav.IsPositive() || sav.GreaterThan(cur) {
				t.Errorf("%s: %s saves %s of %s", p, r.Resource, sav, cur)
			}
		}
		for _, f := range []string{"table", "markdown"} {
			if code, _, errOut := run(t, "recommend", p, "--format", f); code != failure.ExitOK {
				t.Errorf("%s %s: exit %d: %s", p, f, code, errOut)
			}
		}
	}
}

// TestOutputKeepsFinOps: tfcost output on a breakdown JSON keeps the carbon
// total, per-1k figures and recommendations.
func TestOutputKeepsFinOps(t *testing.T) {
	js := filepath.Join(t.TempDir(), "b.json")
	if code, _, errOut := run(t, "breakdown", finopsPlan, "--usage-file", finopsUsage, "--format", "json", "--out-file", js); code != failure.ExitOK {
		t.Fatalf("breakdown exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "output", "--path", js, "--format", "table")
	if code != failure.ExitOK {
		t.Fatalf("output exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Carbon: 53.55 kgCO2e", "Per 1,000 requests", "Range at autoscaling bounds: $1,193.08 – $2,402.58", "aws_autoscaling_group.workers: mixed_instances_policy"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The diff of the same JSON keeps the saved recommendations too (the
	// table ends with the top ones, as tfcost diff's does).
	code, out, errOut = run(t, "output", "--path", js, "--format", "diff")
	if code != failure.ExitOK || !strings.Contains(out, "aws_autoscaling_group.workers: mixed_instances_policy") {
		t.Errorf("output --format diff: exit %d %s\n%s", code, errOut, out)
	}
	// So does JSON written by tfcost diff, the file a monorepo's CI jobs save.
	dj := filepath.Join(t.TempDir(), "d.json")
	if code, _, errOut := run(t, "diff", finopsPlan, "--usage-file", finopsUsage, "--format", "json", "--out-file", dj); code != failure.ExitOK {
		t.Fatalf("diff exit %d: %s", code, errOut)
	}
	code, out, errOut = run(t, "output", "--path", dj)
	if code != failure.ExitOK || !strings.Contains(out, "aws_autoscaling_group.workers: mixed_instances_policy") {
		t.Errorf("output of diff JSON: exit %d %s\n%s", code, errOut, out)
	}
}
