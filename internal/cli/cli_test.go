package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/golden"
	"github.com/tfcost/tfcost/internal/report"
)

// Plans are shared with the plan reader's tests (copied there from the
// project fixtures with their provenance; see testdata/PROVENANCE.md).
const planDir = "../plan/testdata"

var (
	examplePlan  = filepath.Join("..", "..", "examples", "plans", "example_plan.json")
	exampleUsage = filepath.Join("..", "..", "examples", "plans", "example_usage.yml")
)

// run runs tfcost with args and returns the exit status, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run("v0.0.0-test", args, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

func TestExecuteExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"version"}, failure.ExitOK},
		{[]string{"breakdown", filepath.Join(t.TempDir(), "missing.json")}, failure.ExitError},
		{[]string{"breakdown"}, failure.ExitError},
		{[]string{"no-such-command"}, failure.ExitError},
		{[]string{"breakdown", "--no-such-flag", "x"}, failure.ExitError},
		{[]string{"comment", "jira", "plan.json"}, failure.ExitError}, // was help and exit 0
		{[]string{"catalog", "bogus"}, failure.ExitError},
	}
	for _, c := range cases {
		got := -1
		Execute("test", func(code int) { got = code }, c.args)
		if got != c.want {
			t.Errorf("tfcost %s: exit %d, want %d", strings.Join(c.args, " "), got, c.want)
		}
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBadInput: every kind of bad input exits 1 with one message that names
// the file, and prints nothing on stdout.
func TestBadInput(t *testing.T) {
	full, err := os.ReadFile(examplePlan)
	if err != nil {
		t.Fatal(err)
	}
	notJSON := writeFile(t, "notjson.json", "this is not JSON\n")
	state := writeFile(t, "state.json", `{"version": 4, "terraform_version": "1.5.7", "serial": 3, "lineage": "0b6c", "outputs": {}, "resources": []}`)
	truncated := writeFile(t, "truncated.json", string(full[:len(full)/2]))
	badUsage := writeFile(t, "usage.yml", "version: 0.1\nresource_usage:\n  aws_lambda_function.x: [1, 2\n")
	wrongUsageVersion := writeFile(t, "usage2.yml", "version: 9\n")
	badConfig := writeFile(t, "tfcost.yml", "version: 0.1\npricing:\n  discount_percent: lots\n")
	missing := filepath.Join(t.TempDir(), "missing.json")
	cases := []struct {
		name string
		args []string
		file string // must appear in the message
	}{
		{"missing file", []string{"breakdown", missing}, missing},
		{"not JSON", []string{"breakdown", notJSON}, notJSON},
		{"state file", []string{"breakdown", state}, state},
		{"truncated", []string{"breakdown", truncated}, truncated},
		{"bad usage file", []string{"breakdown", examplePlan, "--usage-file", badUsage}, badUsage + ":2"},
		{"usage version", []string{"breakdown", examplePlan, "--usage-file", wrongUsageVersion}, wrongUsageVersion + ":1"},
		{"missing usage file", []string{"breakdown", examplePlan, "--usage-file", missing}, missing},
		{"bad config", []string{"breakdown", examplePlan, "--config", badConfig}, badConfig + ":3:21"},
		{"directory", []string{"breakdown", t.TempDir()}, ""},
		{"unknown format", []string{"breakdown", examplePlan, "--format", "yaml"}, "--format"},
		{"unknown field", []string{"breakdown", examplePlan, "--fields", "bogus"}, "--fields"},
		{"missing catalog", []string{"breakdown", examplePlan, "--catalog", missing}, missing},
		{"fields without table", []string{"breakdown", examplePlan, "--fields", "price", "--format", "json"}, "--fields"},
		{"out-file in missing dir", []string{"breakdown", examplePlan, "--out-file", filepath.Join(missing, "cost.txt")}, filepath.Join(missing, "cost.txt")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, c.args...)
			if code != failure.ExitError {
				t.Errorf("exit %d, want 1", code)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			lines := strings.Split(strings.TrimRight(errs, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "Error: ") {
				t.Errorf("want one Error line, got:\n%s", errs)
			}
			if !strings.Contains(errs, c.file) {
				t.Errorf("message does not name %q:\n%s", c.file, errs)
			}
			for _, raw := range []string{"panic", "goroutine", "invalid character", "unexpected EOF"} {
				if strings.Contains(errs, raw) && !strings.Contains(errs, c.file+":") {
					t.Errorf("raw Go error in message: %s", errs)
				}
			}
		})
	}
}

// fixturePlans lists the plan fixtures of a directory; none when absent.
func fixturePlans(t *testing.T, dir string) []string {
	t.Helper()
	plans, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return plans
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("..", "..", "docs", "schema", "tfcost-breakdown.schema.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() //nolint:errcheck // opened read-only: Close cannot lose data
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBreakdownFixtures runs every copied fixture plan (all of
// plans/infracost and plans/public) through breakdown in every format, and
// checks the JSON against the published schema.
func TestBreakdownFixtures(t *testing.T) {
	plans := fixturePlans(t, planDir)
	if len(plans) < 20 {
		t.Fatalf("found %d fixture plans in %s, want the 20 copied there", len(plans), planDir)
	}
	schema := compileSchema(t)
	for _, p := range plans {
		t.Run(filepath.Base(p), func(t *testing.T) {
			for _, format := range []string{"table", "json", "markdown", "csv"} {
				code, out, errs := run(t, "breakdown", p, "--format", format)
				if code != 0 {
					t.Fatalf("--format %s: exit %d: %s", format, code, errs)
				}
				if strings.Contains(errs, "Error:") {
					t.Errorf("--format %s: error on stderr: %s", format, errs)
				}
				if format != "json" {
					continue
				}
				inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
				if err != nil {
					t.Fatal(err)
				}
				if err := schema.Validate(inst); err != nil {
					t.Errorf("JSON does not match the schema: %v", err)
				}
				// The streaming JSON writer must write what encoding/json
				// writes for the same document (no field forgotten).
				var root report.JSONRoot
				if err := json.Unmarshal([]byte(out), &root); err != nil {
					t.Fatal(err)
				}
				var re bytes.Buffer
				enc := json.NewEncoder(&re)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(&root); err != nil {
					t.Fatal(err)
				}
				if re.String() != out {
					t.Errorf("JSON writer and encoding/json differ:\n%s", golden.Diff(re.String(), out))
				}
			}
		})
	}
}

// TestBreakdownUnlicensedFixtures reads (never copies) the fixtures whose
// licence does not allow redistribution, when the shared folder is present.
func TestBreakdownUnlicensedFixtures(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "plans", "unlicensed")
	plans := fixturePlans(t, dir)
	if len(plans) == 0 {
		t.Skipf("no fixtures in %s", dir)
	}
	for _, p := range plans {
		t.Run(filepath.Base(p), func(t *testing.T) {
			code, out, errs := run(t, "breakdown", p, "--format", "json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
		})
	}
}

func TestBreakdownOutFileAndUsage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cost.json")
	code, stdout, errs := run(t, "breakdown", examplePlan, "--usage-file", exampleUsage, "--format", "json", "--out-file", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with --out-file: %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var root struct {
		Version  string `json:"version"`
		Metadata struct {
			UsageFilePath string `json:"usageFilePath"`
		} `json:"metadata"`
		Projects []struct {
			Breakdown struct {
				Resources []struct {
					Name           string `json:"name"`
					CostComponents []struct {
						Name        string  `json:"name"`
						MonthlyCost *string `json:"monthlyCost"`
					} `json:"costComponents"`
				} `json:"resources"`
			} `json:"breakdown"`
		} `json:"projects"`
	}
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if root.Version != "0.2" || root.Metadata.UsageFilePath != exampleUsage {
		t.Errorf("version %q, usage file %q", root.Version, root.Metadata.UsageFilePath)
	}
	// The usage file gives hello_world 100M requests: 100 × $0.20 per 1M = $20.
	found := false
	for _, r := range root.Projects[0].Breakdown.Resources {
		for _, c := range r.CostComponents {
			if r.Name == "aws_lambda_function.hello_world" && c.Name == "Requests" {
				found = true
				if c.MonthlyCost == nil || *c.MonthlyCost != "20" {
					t.Errorf("hello_world requests = %v, want 20", c.MonthlyCost)
				}
			}
		}
	}
	if !found {
		t.Error("aws_lambda_function.hello_world Requests not in the JSON")
	}
}

func TestBreakdownConfigDiscount(t *testing.T) {
	cfg := writeFile(t, "tfcost.yml", "version: 0.1\npricing:\n  discount_percent: 50\n")
	_, plain, _ := run(t, "breakdown", examplePlan, "--format", "csv")
	code, disc, errs := run(t, "breakdown", examplePlan, "--format", "csv", "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// m5.4xlarge on-demand in us-east-1 is $0.768/h (S1); 50% off is $0.384.
	if !strings.Contains(plain, ",0.768,") || !strings.Contains(disc, ",0.384,") {
		t.Errorf("discount not applied:\nplain: %s\ndiscounted: %s", plain, disc)
	}
}

func TestBreakdownRegionOverride(t *testing.T) {
	code, out, errs := run(t, "breakdown", examplePlan, "--region", "eu-west-1", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, ",us-east-1,create,") || !strings.Contains(out, ",eu-west-1,") {
		t.Errorf("--region not applied:\n%s", out)
	}
	if strings.Contains(errs, "--region") {
		t.Errorf("a priced region warns: %s", errs)
	}
	// A region the catalog does not price (a typo) is said once, up front.
	code, _, errs = run(t, "breakdown", examplePlan, "--region", "eu-wst-1")
	if code != 0 || strings.Count(errs, `Warning: --region "eu-wst-1" has no price in the catalog`) != 1 {
		t.Errorf("exit %d, stderr: %s", code, errs)
	}
}

func TestTableColourOnlyOnTerminal(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Run("t", []string{"breakdown", examplePlan}, IO{Out: &out, Err: &errb, Terminal: true}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "\x1b[") {
		t.Error("no colour on a terminal")
	}
	out.Reset()
	Run("t", []string{"breakdown", examplePlan, "--no-color"}, IO{Out: &out, Err: &errb, Terminal: true})
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("colour with --no-color")
	}
	_, plain, _ := run(t, "breakdown", examplePlan)
	if strings.Contains(plain, "\x1b[") {
		t.Error("colour when stdout is not a terminal")
	}
}

func TestCatalogInfo(t *testing.T) {
	code, out, errs := run(t, "catalog", "info", "--region", "eu-west-3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Catalog date:", "Coverage", "Sources", "ec2", "eu-west-3"} {
		if !strings.Contains(out, want) {
			t.Errorf("catalog info lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "catalog", "info", "--format", "json")
	var v struct {
		Services []struct{ Service string } `json:"services"`
		Sources  []struct{ ID string }      `json:"sources"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || len(v.Services) == 0 || len(v.Sources) == 0 {
		t.Errorf("catalog info --format json: exit %d, %d services, %d sources", code, len(v.Services), len(v.Sources))
	}
	if code, _, errs := run(t, "catalog", "info", "--items", "no_such_service"); code != 1 || !strings.Contains(errs, "no_such_service") {
		t.Errorf("unknown service: exit %d, %s", code, errs)
	}
	if code, out, _ := run(t, "catalog", "info", "--items", "nat_gateway"); code != 0 || !strings.Contains(out, "Item") {
		t.Errorf("--items nat_gateway: exit %d\n%s", code, out)
	}
}

func TestConfigValidate(t *testing.T) {
	code, out, errs := run(t, "config", "validate", filepath.Join("..", "..", "examples", "plans", "tfcost.yml"))
	if code != 0 || !strings.Contains(out, "valid") {
		t.Errorf("exit %d: %s%s", code, out, errs)
	}
	bad := writeFile(t, "tfcost.yml", "version: 0.1\nprojects:\n  - name: a\n")
	code, _, errs = run(t, "config", "validate", bad)
	if code != 1 || !strings.Contains(errs, bad+":3:5") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "tfcost v0.0.0-test (catalog ") {
		t.Errorf("exit %d: %q", code, out)
	}
}

func TestBreakdownStdin(t *testing.T) {
	data, err := os.ReadFile(examplePlan)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := Run("t", []string{"breakdown", "-", "--format", "csv"}, IO{In: bytes.NewReader(data), Out: &out, Err: &errb})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "<stdin>,aws_instance.web_app,") {
		t.Errorf("stdin plan not priced:\n%s", out.String())
	}
	errb.Reset()
	code = Run("t", []string{"breakdown", "-"}, IO{In: strings.NewReader("{"), Out: &out, Err: &errb})
	if code != 1 || !strings.HasPrefix(errb.String(), "Error: <stdin>:") {
		t.Errorf("truncated stdin: exit %d: %s", code, errb.String())
	}
}

// TestBreakdownCustomCatalog prices with a one-price catalog file: the
// instance hours are priced from it, every other line is unpriced (never $0).
func TestBreakdownCustomCatalog(t *testing.T) {
	cat := catalog.New()
	// S1: m5.4xlarge Linux on-demand in us-east-1, $0.768 an hour.
	cat.Add("ec2", "us-east-1", "m5.4xlarge/linux/on_demand", catalog.Price{USD: decimal.RequireFromString("0.768"),
		Unit: "USD per hour", Source: "S1 test copy", AsOf: "2026-07-20"})
	cat.SetDate("2026-07-20")
	cat.AddSource(catalog.Source{ID: "S1", What: "test copy", Where: "cli_test.go", AsOf: "2026-07-20"})
	path := filepath.Join(t.TempDir(), "tiny.catalog")
	var buf bytes.Buffer
	if err := cat.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "breakdown", examplePlan, "--catalog", path, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	priced, unpriced := 0, 0
	for _, r := range recs[1:] {
		if r[col["resource"]] != "aws_instance.web_app" || r[col["component"]] == "" {
			continue
		}
		if r[col["unpriced"]] == "true" {
			unpriced++
			if r[col["monthly_cost"]] != "" {
				t.Errorf("unpriced line with a cost: %v", r)
			}
			continue
		}
		priced++
		// 730 h × $0.768 = $560.64
		if r[col["monthly_cost"]] != "560.64" {
			t.Errorf("instance line = %s, want 560.64", r[col["monthly_cost"]])
		}
	}
	if priced != 1 || unpriced == 0 {
		t.Errorf("priced %d, unpriced %d lines of aws_instance.web_app; want 1 and some", priced, unpriced)
	}
	if code, out, _ := run(t, "version", "--catalog", path); code != 0 || !strings.Contains(out, "catalog 2026-07-20") {
		t.Errorf("version with --catalog: %d %q", code, out)
	}
}
