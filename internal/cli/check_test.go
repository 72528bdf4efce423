package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/failure"
)

// The deletes plan costs $10.958/month planned and $27.395 prior (see
// TestDiffInstanceDeletes).
func TestCheckExitCodes(t *testing.T) {
	cases := []struct {
		name   string
		policy string
		extra  []string
		want   int
		say    string
	}{
		{"pass with advisory", `budget "total" {
  limit = 11
}
rule "no-nano" {
  condition   = !anytrue([for r in estimate.resources : try(r.values.instance_type, "") == "t2.nano"])
  message     = "t2.nano is discouraged"
  enforcement = "advisory"
}`, nil, failure.ExitOK, "[advisory] rule no-nano: t2.nano is discouraged"},
		{"hard", `budget "total" {
  limit       = 10
  enforcement = "hard"
}`, nil, failure.ExitHardViolation, "over its limit of $10.00/month by $0.96"}, // 10.958 − 10
		{"soft", `budget "total" {
  limit       = 10.5
  enforcement = "soft"
}`, nil, failure.ExitSoftViolation, "by $0.46"}, // 10.958 − 10.5 = 0.458
		{"soft allowed", `budget "total" {
  limit       = 10.5
  enforcement = "soft"
}`, []string{"--allow-soft"}, failure.ExitOK, "[soft]"},
		{"hard beats soft and --allow-soft", `budget "a" {
  limit       = 1
  enforcement = "soft"
}
budget "b" {
  limit = 2
}`, []string{"--allow-soft"}, failure.ExitHardViolation, "[hard] budget b"},
		{"guardrail on a decrease passes", `guardrail "g" {
  max_increase         = 0
  max_increase_percent = 0
}`, nil, failure.ExitOK, "passed"},
		{"broken policy is an input error", "budget \"x\" {\n  limit = \"lots\"\n}\n", nil, failure.ExitError, ":2:11: Invalid number"},
		{"rule evaluation error", "rule \"r\" {\n  condition = estimate.nope\n  message = \"m\"\n}\n", nil, failure.ExitError, "Unsupported attribute"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, "tfcost.policy.hcl", c.policy)
			var out, errOut strings.Builder
			args := append([]string{"check", deletesPlan, "--policy", p}, c.extra...)
			got := Run("test", args, IO{In: strings.NewReader(""), Out: &out, Err: &errOut})
			if got != c.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", got, c.want, out.String(), errOut.String())
			}
			if !strings.Contains(out.String()+errOut.String(), c.say) {
				t.Errorf("output does not say %q:\n%s%s", c.say, out.String(), errOut.String())
			}
		})
	}
	// The same through Execute with a captured exit function.
	p := writeFile(t, "p.hcl", "budget \"t\" {\n  limit = 1\n}\n")
	code := -1
	Execute("test", func(c int) { code = c }, []string{"check", deletesPlan, "--policy", p})
	if code != failure.ExitHardViolation {
		t.Errorf("Execute exit %d", code)
	}
}

func TestCheckJSONAndUsage(t *testing.T) {
	p := writeFile(t, "p.hcl", "budget \"t\" {\n  limit = 10\n  enforcement = \"soft\"\n}\n")
	code, out, _ := run(t, "check", deletesPlan, "--policy", p, "--format", "json")
	if code != failure.ExitSoftViolation {
		t.Fatalf("exit %d", code)
	}
	var v struct {
		Status     string
		Violations []struct{ Policy, Limit, Actual, Over, Enforcement string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Status != "warn" || len(v.Violations) != 1 || v.Violations[0].Actual != "10.958" || v.Violations[0].Over != "0.958" {
		t.Fatalf("got %+v", v)
	}
	if code, _, stderr := run(t, "check", deletesPlan); code != failure.ExitError || !strings.Contains(stderr, "--policy") {
		t.Fatalf("without --policy: exit %d %s", code, stderr)
	}
}

func TestPolicyOnDiff(t *testing.T) {
	p := writeFile(t, "p.hcl", "budget \"t\" {\n  limit = 10\n}\n")
	code, out, _ := run(t, "diff", deletesPlan, "--policy", p, "--format", "markdown")
	if code != failure.ExitHardViolation || !strings.Contains(out, "❌ **Budget policies failed**") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestPolicyOnBreakdown(t *testing.T) {
	p := writeFile(t, "p.hcl", "guardrail \"g\" {\n  max_increase = 0\n}\nbudget \"t\" {\n  limit = 10.5\n  enforcement = \"soft\"\n}\n")
	// Guardrail: Δ = 10.958 − 27.395 < 0 passes; budget: 10.958 > 10.5 by 0.458 (soft).
	code, out, stderr := run(t, "breakdown", deletesPlan, "--policy", p, "--format", "json")
	if code != failure.ExitSoftViolation || !strings.Contains(stderr, "[soft] budget t") || !json.Valid([]byte(out)) {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if code, _, _ := run(t, "breakdown", deletesPlan, "--policy", p, "--allow-soft"); code != 0 {
		t.Fatalf("--allow-soft: exit %d", code)
	}
}

// A policy with a syntax error fails every --policy command before pricing:
// exit 1, the HCL position once on stderr, and nothing on stdout (breakdown
// used to write the whole report first).
func TestBrokenPolicyFailsBeforePricing(t *testing.T) {
	p := writeFile(t, "bad.hcl", "budget \"x\" {\n  limit = \n}\n")
	for _, args := range [][]string{
		{"breakdown", deletesPlan, "--policy", p},
		{"diff", deletesPlan, "--policy", p},
		{"check", deletesPlan, "--policy", p},
		{"comment", "github", deletesPlan, "--policy", p, "--dry-run"},
	} {
		code, out, stderr := run(t, args...)
		if code != failure.ExitError || out != "" || strings.Count(stderr, "Error: ") != 1 || !strings.Contains(stderr, "bad.hcl:2:11") {
			t.Errorf("tfcost %s: exit %d\nstdout: %q\nstderr: %q", strings.Join(args, " "), code, out, stderr)
		}
	}
}

// A violation is shown once: in the verdict, not again in the closing
// summary line (which only counts, for the exit status).
func TestViolationPrintedOnce(t *testing.T) {
	p := writeFile(t, "p.hcl", "budget \"total\" {\n  limit = 10\n}\n")
	for _, args := range [][]string{
		{"check", deletesPlan, "--policy", p},
		{"breakdown", deletesPlan, "--policy", p},
	} {
		code, out, stderr := run(t, args...)
		if n := strings.Count(out+stderr, `budget "total" (all resources`); code != failure.ExitHardViolation || n != 1 {
			t.Errorf("tfcost %s: exit %d, message shown %d times\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, n, out, stderr)
		}
		if !strings.Contains(stderr, "1 hard policy violation(s)") {
			t.Errorf("tfcost %s: no summary on stderr: %s", strings.Join(args, " "), stderr)
		}
	}
}
