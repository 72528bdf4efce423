package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

var deletesPlan = filepath.Join(planDir, "abcost-0.12.24-instance-deletes.json")

// TestDiffInstanceDeletes hand-checks the per-action deltas of a plan that
// deletes three of five t2.nano instances in eu-west-1 (2 kept as no-op).
// Per instance: t2.nano eu-west-1 $0.0063/h × 730 h = $4.599 (ec2_ondemand_linux.csv)
// plus an 8 GB gp2 root volume × $0.11/GB-month = $0.88 (eu-west-1 gp2) = $5.479.
// Prior 5 × 5.479 = $27.395; planned 2 × 5.479 = $10.958; Δ −$16.437 (−60.00%).
func TestDiffInstanceDeletes(t *testing.T) {
	code, out, stderr := run(t, "diff", deletesPlan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`- aws_instance.this_2[1]                              $5.48   $0.00  -$5.48`,
		`- aws_instance.this_3["id2"]`,
		`└ Instance usage (Linux/UNIX, on-demand, t2.nano) $4.60       –  -$4.60`,
		`└ root_block_device › Storage (gp2)               $0.88       –  -$0.88`,
		`Monthly: $27.40 → $10.96 (-$16.44, -60.00%)`,
		`Actions: 3 to delete`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// this_1 is unchanged: not in the changes (it may appear in the recommendations below them).
	changes, _, _ := strings.Cut(out, "Recommendations")
	if strings.Contains(changes, "this_1") {
		t.Errorf("no-op resource listed:\n%s", out)
	}

	code, out, _ = run(t, "diff", deletesPlan, "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	var doc struct {
		Changes struct {
			Monthly  struct{ Prior, Planned, Delta, Percent string }
			Projects []struct {
				Resources []struct {
					Address, Action string
					Monthly         struct{ Delta string }
				}
			}
		}
		PastTotalMonthlyCost string
		TotalMonthlyCost     string
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Changes.Monthly
	if m.Prior != "27.395" || m.Planned != "10.958" || m.Delta != "-16.437" || m.Percent != "-60" ||
		doc.PastTotalMonthlyCost != "27.395" || doc.TotalMonthlyCost != "10.958" {
		t.Errorf("JSON totals %+v past %s total %s", m, doc.PastTotalMonthlyCost, doc.TotalMonthlyCost)
	}
	deleted := 0
	for _, r := range doc.Changes.Projects[0].Resources {
		if r.Action == "delete" {
			deleted++
			if r.Monthly.Delta != "-5.479" {
				t.Errorf("%s Δ %s, want -5.479", r.Address, r.Monthly.Delta)
			}
		}
	}
	if deleted != 3 {
		t.Errorf("%d deletes", deleted)
	}
}

// TestDiffBaselineJSON: a JSON saved from the same plan as a baseline makes
// the planned side equal to the baseline (no change at all), and the plan's
// prior state as baseline gives the same figures as the plain diff.
func TestDiffBaselineJSON(t *testing.T) {
	base := filepath.Join(t.TempDir(), "main.json")
	if code, _, stderr := run(t, "diff", deletesPlan, "--format", "json", "--out-file", base); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := run(t, "diff", deletesPlan, "--baseline", base)
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(out, "No resource changes.") || !strings.Contains(out, "Monthly: $10.96 → $10.96 ($0.00, 0.00%)") {
		t.Errorf("baseline diff:\n%s", out)
	}
	// A plan as baseline: its planned values are the prior side.
	code, out, stderr = run(t, "diff", deletesPlan, "--baseline", filepath.Join(planDir, "abcost-0.12.25-mixed-compute.json"))
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(out, "Compared with") || !strings.Contains(out, "- aws_alb.alb") {
		t.Errorf("plan baseline diff:\n%s", out)
	}
}

func TestDiffMultiProjectConfig(t *testing.T) {
	cfg := writeFile(t, "tfcost.yml", "version: 0.1\nprojects:\n  - name: deletes\n    path: "+mustAbs(t, deletesPlan)+
		"\n  - name: mixed\n    path: "+mustAbs(t, filepath.Join(planDir, "abcost-0.12.25-mixed-compute.json"))+"\n")
	code, out, stderr := run(t, "diff", "--config", cfg, "--format", "github-comment")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"### Projects", "| deletes | $27.40 | $10.96 | -$16.44 | -60.00% |", "| mixed | $0.00 |", "new |"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestDiffBadFormat(t *testing.T) {
	if code, _, stderr := run(t, "diff", deletesPlan, "--format", "html"); code != 1 || !strings.Contains(stderr, "github-comment") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCheckScopedByProject: in a multi-project run a budget can target one
// project of tfcost.yml.
func TestCheckScopedByProject(t *testing.T) {
	cfg := writeFile(t, "tfcost.yml", "version: 0.1\nprojects:\n  - name: deletes\n    path: "+mustAbs(t, deletesPlan)+
		"\n  - name: mixed\n    path: "+mustAbs(t, filepath.Join(planDir, "abcost-0.12.25-mixed-compute.json"))+"\n")
	// deletes plans $10.958/month: a $10 budget on that project alone is over by $0.96.
	p := writeFile(t, "p.hcl", "budget \"deletes\" {\n  limit = 10\n  scope = { projects = [\"deletes\"] }\n}\n")
	code, out, stderr := run(t, "check", "--config", cfg, "--policy", p)
	if code != 2 || !strings.Contains(out, "is $10.96/month, over its limit of $10.00/month by $0.96") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
}
