package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestE2EGateExample runs examples/gate exactly as a user would: a provider
// binary built from this tree, installed through a CLI configuration with
// dev_overrides (so no `terraform init` and no registry), then `terraform
// plan`. The expected outputs are computed by hand from /work/shared/pricing
// (us-east-1):
//
//	web server  m5.large 0.096 × 730 = 70.08 + gp3 root 0.08 × 50 GB = 4.00 → 74.08
//	2 servers   2 × 74.08 = 148.16 (compute 140.16, storage 8.00)
//	NAT gateway 0.045 × 730 = 32.85 + 100 GB processed × 0.045 = 4.50 → 37.35
//	Elastic IP  0.005 × 730 = 3.65
//	total       148.16 + 37.35 + 3.65 = 189.16; annual × 12 = 2269.92; network 41.00
//
// Nothing autoscales, so the range is 189.16 at every bound. Carbon, from
// /work/shared/carbon (see TestAccEstimateDataSource_carbon for the m5.large):
//
//	m5.large 730 h                        3.017434 kg
//	50 GB gp3 root: 0.05 TB × 730 h × 1.2 Wh = 0.0438 kWh × 2 (EBS replication)
//	  × PUE 1.135 × 0.379069 kg/kWh = 0.037689 kg
//	2 servers 2 × (3.017434 + 0.037689) = 6.110246 kg; the NAT gateway and
//	the Elastic IP have no carbon figures
//
// Low-risk savings: a 1-year Standard RI, no upfront, per always-on web
// server, (0.096 − 0.06 ri_1yr_std_no_upfront) × 730 = 26.28 each.
//
// With monthly_budget = 150 the hard budget fails the plan, 39.16 over.
func TestE2EGateExample(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("end-to-end test: set TF_ACC=1 (make testacc)")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH") // set by TestMain from PATH
	if _, err := exec.LookPath(tf); err != nil {
		t.Fatalf("terraform not found (%s): install the Terraform CLI", tf)
	}

	// Build the provider binary the way a developer would.
	binDir := t.TempDir()
	exe := "terraform-provider-tfcost"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	build := exec.Command("go", "build", "-o", filepath.Join(binDir, exe), ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	cliConfig := filepath.Join(t.TempDir(), "dev.tfrc")
	writeFile(t, cliConfig, `provider_installation {
  dev_overrides {
    "registry.terraform.io/tfcost/tfcost" = "`+filepath.ToSlash(binDir)+`"
    "registry.opentofu.org/tfcost/tfcost" = "`+filepath.ToSlash(binDir)+`"
  }
  direct {}
}
`)

	work := t.TempDir()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "gate", "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples/gate/*.tf: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(work, filepath.Base(f)), string(src))
	}

	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"TF_INPUT=0", "TF_LOG=")
	terraform := func(args ...string) (string, error) {
		cmd := exec.Command(tf, args...)
		cmd.Dir, cmd.Env = work, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}

	out, err := terraform("plan", "-no-color", "-out=tfplan")
	if err != nil {
		t.Fatalf("terraform plan failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Provider development overrides are in effect") {
		t.Errorf("plan did not use the dev_overrides provider:\n%s", out)
	}
	show, err := terraform("show", "-json", "tfplan")
	if err != nil {
		t.Fatalf("terraform show: %v\n%s", err, show)
	}
	outputs := plannedOutputs(t, show)
	for name, want := range map[string]string{"monthly_cost": "189.16", "annual_cost": "2269.92", "web_monthly": "74.08"} {
		assertNumber(t, name, outputs[name], want)
	}
	var cats map[string]json.Number
	if err := json.Unmarshal(outputs["categories"], &cats); err != nil {
		t.Fatalf("categories: %v (%s)", err, outputs["categories"])
	}
	for cat, want := range map[string]string{"compute": "140.16", "storage": "8", "network": "41", "database": "0"} {
		assertNumber(t, "categories."+cat, json.RawMessage(cats[cat]), want)
	}
	var rng map[string]json.RawMessage
	if err := json.Unmarshal(outputs["monthly_cost_range"], &rng); err != nil {
		t.Fatalf("monthly_cost_range: %v (%s)", err, outputs["monthly_cost_range"])
	}
	for _, b := range []string{"min", "expected", "max"} {
		assertNumber(t, "monthly_cost_range."+b, rng[b], "189.16")
	}
	if kg, err := decimal.NewFromString(strings.TrimSpace(string(outputs["carbon_kg_monthly"]))); err != nil ||
		kg.Sub(decimal.RequireFromString("6.110246")).Abs().GreaterThan(decimal.RequireFromString("0.061")) {
		t.Errorf("carbon_kg_monthly = %s, want 6.110246 ± 1%%", outputs["carbon_kg_monthly"])
	}
	var savings map[string]json.Number
	if err := json.Unmarshal(outputs["low_risk_savings"], &savings); err != nil {
		t.Fatalf("low_risk_savings: %v (%s)", err, outputs["low_risk_savings"])
	}
	ri := ": 1-year Standard Reserved Instance, no upfront (1 × m5.large)"
	if len(savings) != 2 {
		t.Errorf("low_risk_savings = %v, want the two web servers' 1-year RIs", savings)
	}
	for _, addr := range []string{"aws_instance.web[0]", "aws_instance.web[1]"} {
		assertNumber(t, "low_risk_savings["+addr+ri+"]", json.RawMessage(savings[addr+ri]), "26.28")
	}
	if got := strings.TrimSpace(string(outputs["unpriced"])); got != "[]" {
		t.Errorf("unpriced = %s, want []", got)
	}

	// The same configuration over budget: the plan must fail, and say why.
	out, err = terraform("plan", "-no-color", "-var", "monthly_budget=150")
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
		t.Fatalf("over-budget plan: want exit status 1, got %v\n%s", err, out)
	}
	if re := wrapped(`Error: Budget "web-stack" exceeded (hard)`, `$189.16/month`, `over its limit of $150.00/month by $39.16`); !re.MatchString(out) {
		t.Errorf("over-budget plan output does not match %s:\n%s", re, out)
	}
}

// plannedOutputs reads the planned output values of `terraform show -json`.
func plannedOutputs(t *testing.T, showJSON string) map[string]json.RawMessage {
	t.Helper()
	var p struct {
		PlannedValues struct {
			Outputs map[string]struct {
				Value json.RawMessage `json:"value"`
			} `json:"outputs"`
		} `json:"planned_values"`
	}
	if err := json.Unmarshal([]byte(showJSON), &p); err != nil {
		t.Fatalf("terraform show -json: %v", err)
	}
	out := map[string]json.RawMessage{}
	for k, v := range p.PlannedValues.Outputs {
		out[k] = v.Value
	}
	return out
}

func assertNumber(t *testing.T, name string, raw json.RawMessage, want string) {
	t.Helper()
	got, err := decimal.NewFromString(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Errorf("%s = %s, not a number", name, raw)
		return
	}
	if !got.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s = %s, want %s", name, got, want)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
