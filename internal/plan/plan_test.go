package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfcost/tfcost/internal/failure"
)

// unlicensedDir holds fixtures that may be read but never copied here.
const unlicensedDir = "../../../shared/fixtures/plans/unlicensed"

func readTestdata(t *testing.T, name string) *Plan {
	t.Helper()
	p, err := ReadFile(filepath.Join("testdata", name), Options{})
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", name, err)
	}
	return p
}

func readUnlicensed(t *testing.T, name string) *Plan {
	t.Helper()
	path := filepath.Join(unlicensedDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not available: %v", path, err)
	}
	p, err := ReadFile(path, Options{})
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", name, err)
	}
	return p
}

func byAddr(t *testing.T, p *Plan, addr string) *Resource {
	t.Helper()
	for _, r := range p.Resources {
		if r.Address == addr {
			return r
		}
	}
	t.Fatalf("%s: no resource %s", p.File, addr)
	return nil
}

// fixtureFiles lists every plan fixture: the copies in testdata/ and the
// shared folders when they are present.
func fixtureFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"testdata/*.json", unlicensedDir + "/*.json",
		"../../../shared/fixtures/plans/infracost/*.json", "../../../shared/fixtures/plans/public/*.json"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures found")
	}
	return files
}

// TestEveryFixtureParses reads every real plan and cross-checks the managed
// resources and their actions against terraform-json's own decoding.
func TestEveryFixtureParses(t *testing.T) {
	for _, f := range fixtureFiles(t) {
		t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
			p, err := ReadFile(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.FormatVersion == "" || p.TerraformVersion == "" {
				t.Errorf("format %q terraform %q", p.FormatVersion, p.TerraformVersion)
			}
			want := tfjsonManaged(t, f)
			var got []string
			for _, r := range p.Resources {
				got = append(got, r.Address+" "+string(r.Action))
				if r.Region == "" || r.RegionSource == "" {
					t.Errorf("%s: no region", r.Address)
				}
				if (r.Action == ActionCreate || r.Action == ActionUpdate || r.Action == ActionReplace) && len(r.After) == 0 {
					t.Errorf("%s: %s without after values", r.Address, r.Action)
				}
			}
			sort.Strings(got)
			if !slices.Equal(got, want) {
				t.Errorf("resources differ from terraform-json:\n got %v\nwant %v", got, want)
			}
		})
	}
}

// tfjsonManaged decodes a fixture with terraform-json (after the same
// transcoding and unwrapping) and lists "address action" of managed resources.
func tfjsonManaged(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = decodeText(data)
	if at, ok := wrapperStart(data); ok {
		data = data[at:]
	}
	var tp tfjson.Plan
	// A decoder stops after the first value (the wrapper repeats the JSON).
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&tp); err != nil {
		// terraform-json refuses newer format versions; our own result was
		// checked above, so compare only when it can decode.
		t.Logf("terraform-json cannot decode %s: %v", path, err)
		return nil
	}
	var out []string
	for _, rc := range tp.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.DeposedKey != "" {
			continue
		}
		var a Action
		switch {
		case rc.Change.Actions.Replace():
			a = ActionReplace
		case rc.Change.Actions.Create():
			a = ActionCreate
		case rc.Change.Actions.Update():
			a = ActionUpdate
		case rc.Change.Actions.Delete():
			a = ActionDelete
		case rc.Change.Actions.NoOp():
			a = ActionNoOp
		case rc.Change.Actions.Read():
			a = ActionRead
		default:
			a = Action(strings.Join(actionStrings(rc.Change.Actions), "+"))
		}
		out = append(out, rc.Address+" "+string(a))
	}
	sort.Strings(out)
	return out
}

func actionStrings(as tfjson.Actions) []string {
	var out []string
	for _, a := range as {
		out = append(out, string(a))
	}
	return out
}

func TestResourcesAndActions(t *testing.T) {
	tests := []struct {
		file      string
		resources int
		skipped   int
		format    string
		actions   map[Action]int
	}{
		// jq '[.resource_changes[] | select(.mode=="managed") | .change.actions | join("+")] | group_by(.) | map({(.[0]): length}) | add'
		{"example_plan.json", 5, 0, "0.2", map[Action]int{ActionCreate: 5}},
		{"terraform_v0.12_plan.json", 26, 0, "0.1", nil},
		{"abcost-0.12.24-instance-deletes.json", 5, 0, "0.1", map[Action]int{ActionDelete: 3, ActionNoOp: 2}},
		{"tc-1.0.0-lambda-mixed-actions.json", 15, 0, "0.1", nil},
		{"plan_with_target.json", 1, 0, "0.2", map[Action]int{ActionUpdate: 1}},
		{"pratham-1.15.8-ecs-elasticache.json", 52, 0, "1.2", map[Action]int{ActionCreate: 52}},
		{"instance_with_attachment_after_deploy.json", 4, 0, "0.2", map[Action]int{ActionNoOp: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := readTestdata(t, tt.file)
			if len(p.Resources) != tt.resources || len(p.Skipped) != tt.skipped || p.FormatVersion != tt.format {
				t.Errorf("resources %d skipped %d format %s; want %d %d %s",
					len(p.Resources), len(p.Skipped), p.FormatVersion, tt.resources, tt.skipped, tt.format)
			}
			if tt.actions != nil {
				got := map[Action]int{}
				for _, r := range p.Resources {
					got[r.Action]++
				}
				if !mapsEqual(got, tt.actions) {
					t.Errorf("actions %v, want %v", got, tt.actions)
				}
			}
		})
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

func TestReplaceAndDataSources(t *testing.T) {
	// necron: replacements in both orders, data sources, deposed objects.
	p := readUnlicensed(t, "necron-1.13.4-serverless-large.json")
	// jq: 219 changes = 214 managed + 2 data sources + 3 deposed objects.
	if len(p.Resources) != 214 || len(p.Skipped) != 5 {
		t.Errorf("resources %d skipped %d; want 214 and 5", len(p.Resources), len(p.Skipped))
	}
	replaces := 0
	for _, r := range p.Resources {
		if r.Action == ActionReplace {
			replaces++
			if len(r.Before) == 0 || len(r.After) == 0 {
				t.Errorf("%s: replace without before and after", r.Address)
			}
		}
	}
	// jq '[.resource_changes[] | select(.change.actions|length==2)] | length' → 11
	if replaces != 11 {
		t.Errorf("replaces = %d, want 11", replaces)
	}
	for _, s := range p.Skipped {
		if !strings.Contains(s, "data source") && !strings.Contains(s, "deposed") {
			t.Errorf("skipped %q", s)
		}
	}
}

func TestAddressesAndModules(t *testing.T) {
	p := readTestdata(t, "terraform_v0.14_plan.json")
	var indexed, inModules int
	for _, r := range p.Resources {
		if r.Index != "" {
			indexed++
			if !strings.HasSuffix(r.Address, "["+r.Index+"]") {
				t.Errorf("%s: index %s not at the end of the address", r.Address, r.Index)
			}
		}
		if r.ModuleAddress != "" {
			inModules++
			if !strings.HasPrefix(r.Address, r.ModuleAddress+".") {
				t.Errorf("%s: module %s", r.Address, r.ModuleAddress)
			}
		}
		if !strings.Contains(r.Address, r.Type+"."+r.Name) {
			t.Errorf("%s: type %s name %s", r.Address, r.Type, r.Name)
		}
	}
	if indexed == 0 || inModules == 0 {
		t.Errorf("indexed %d in modules %d: the fixture has both count/for_each and modules", indexed, inModules)
	}
	// Lookup by base address returns every instance.
	r := byAddr(t, p, `aws_instance.instance_named["test.1"]`)
	if r.Index != `"test.1"` {
		t.Errorf("index = %s", r.Index)
	}
	if got := p.Lookup("aws_instance.instance_named"); len(got) < 2 {
		t.Errorf("Lookup returned %d instances", len(got))
	}
	if got := p.Lookup(r.Address); len(got) != 1 || got[0] != r {
		t.Errorf("Lookup by full address = %v", got)
	}
}

func TestRegions(t *testing.T) {
	tests := []struct {
		name    string
		file    string // in testdata, or unlicensed/… read from the shared folder
		opts    Options
		address string
		region  string
		source  string
		warning string
	}{
		// provider "aws" { region = "eu-west-1" }
		{"constant", "abcost-0.12.25-mixed-compute.json", Options{}, "aws_nat_gateway.nat", "eu-west-1", RegionFromProvider, ""},
		// provider "aws" { alias = "paris" region = "eu-west-3" }, used by the root instance.
		{"alias", "terracost-0.15.3-example.json", Options{}, "aws_instance.example", "eu-west-3", RegionFromProvider, ""},
		// 0.12 module resource with key "ec2:aws", not in provider_config: inherits the root.
		{"module inherits root", "terracost-0.15.3-example.json", Options{}, "module.ec2.module.ebs.aws_ebs_volume.volume", "eu-west-1", RegionFromProvider, ""},
		// region = var.aws_region, variables.aws_region.value = "us-east-1"; the
		// module resource has key "alb:aws", absent from provider_config.
		{"variable", "tc-0.12.24-alb-asg-lambda-update.json", Options{}, "module.alb.aws_alb.alb", "us-east-1", RegionFromVariable, ""},
		// 0.14 nested modules listed in provider_config without a region.
		{"nested modules 0.14", "terraform_v0.14_plan.json", Options{}, "module.db.module.db_1.module.db_instance.aws_db_instance.this[0]", "us-east-1", RegionFromProvider, ""},
		// Deleted instances: no provider_config at all, region from before.availability_zone "eu-west-1a".
		{"availability zone of a delete", "abcost-0.12.24-instance-deletes.json", Options{}, "aws_instance.this_2[0]", "eu-west-1", RegionFromAttribute, ""},
		// No region anywhere and no zone known at plan time.
		{"default", "tc-0.13.5-instances-ecr.json", Options{}, "aws_ecr_repository.nonmodulerepository", "us-east-1", RegionFromDefault, "could not be determined"},
		{"default option", "tc-0.13.5-instances-ecr.json", Options{DefaultRegion: "eu-north-1"}, "aws_ecr_repository.nonmodulerepository", "eu-north-1", RegionFromDefault, "using eu-north-1"},
		{"override", "abcost-0.12.25-mixed-compute.json", Options{Region: "ap-south-1"}, "aws_nat_gateway.nat", "ap-south-1", RegionFromOverride, ""},
		// AWS provider 6 writes `region` on each resource.
		{"resource attribute", "pratham-1.15.8-ecs-elasticache.json", Options{}, "module.ecs.aws_ecs_service.app", "ap-south-2", RegionFromAttribute, ""},
		// IAM roles have no region attribute: provider region = var.aws_region.
		{"variable 1.2", "pratham-1.15.8-ecs-elasticache.json", Options{}, "module.iam.aws_iam_role.ecs_execution", "ap-south-2", RegionFromVariable, ""},
		{"aws.us_east_1 alias", "unlicensed/necron-1.13.4-serverless-large.json", Options{}, "aws_acm_certificate.wildcard", "us-east-1", RegionFromAttribute, ""},
		{"utf-16 file, variable", "unlicensed/marom-1.14.9-asg-docdb-utf16.json", Options{}, "", "us-east-1", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			if rest, ok := strings.CutPrefix(tt.file, "unlicensed/"); ok {
				path = filepath.Join(unlicensedDir, rest)
				if _, err := os.Stat(path); err != nil {
					t.Skip("unlicensed fixtures not available")
				}
			}
			p, err := ReadFile(path, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if tt.address == "" {
				for _, r := range p.Resources {
					if r.Region != tt.region {
						t.Errorf("%s: region %s", r.Address, r.Region)
					}
				}
				return
			}
			r := byAddr(t, p, tt.address)
			if r.Region != tt.region || r.RegionSource != tt.source {
				t.Errorf("region %s (%s), want %s (%s)", r.Region, r.RegionSource, tt.region, tt.source)
			}
			if tt.warning != "" && !strings.Contains(strings.Join(p.Warnings, "\n"), tt.warning) {
				t.Errorf("warnings %q lack %q", p.Warnings, tt.warning)
			}
			if tt.warning == "" && tt.source != RegionFromDefault {
				for _, w := range p.Warnings {
					if strings.Contains(w, "could not be determined") && r.RegionSource == RegionFromDefault {
						t.Errorf("unexpected warning %q", w)
					}
				}
			}
		})
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		file, address, attr, typ string
		want                     []string
	}{
		{"pratham-1.15.8-ecs-elasticache.json", "module.ecs.aws_ecs_service.app", "task_definition", "aws_ecs_task_definition",
			[]string{"module.ecs.aws_ecs_task_definition.app"}},
		{"tc-0.12.3-asg-elb-instance.json", "aws_autoscaling_group.example", "launch_configuration", "aws_launch_configuration",
			[]string{"aws_launch_configuration.example"}},
		// launch_template { id = aws_launch_template.lt.id }: a nested block.
		{"abcost-0.12.25-mixed-compute.json", "aws_autoscaling_group.lt", "launch_template", "aws_launch_template",
			[]string{"aws_launch_template.lt"}},
		{"instance_with_attachment_before_deploy.json", "aws_volume_attachment.storage_attachment", "volume_id", "aws_ebs_volume",
			[]string{"aws_ebs_volume.storage"}},
		{"policy_data_upload_plan.json", "aws_appautoscaling_target.autoscale_dynamodb_table_write_target", "resource_id", "aws_dynamodb_table",
			[]string{"aws_dynamodb_table.autoscale_dynamodb_table"}},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			p := readTestdata(t, tt.file)
			r := byAddr(t, p, tt.address)
			if !slices.Equal(r.References[tt.attr], tt.want) {
				t.Fatalf("References[%s] = %v, want %v (all: %v)", tt.attr, r.References[tt.attr], tt.want, r.References)
			}
			got := p.Referenced(r, tt.attr, tt.typ)
			if len(got) != 1 || got[0].BaseAddress() != tt.want[0] {
				t.Errorf("Referenced = %v", got)
			}
		})
	}
	// Module instances: a reference stays inside the instance of the module.
	p := readUnlicensed(t, "jimmy-1.13.4-ecs-ec2-asg.json")
	for _, r := range p.Resources {
		if r.Type != "aws_ecs_service" {
			continue
		}
		tds := p.Referenced(r, "task_definition", "aws_ecs_task_definition")
		if len(tds) == 0 {
			t.Errorf("%s: no task definition", r.Address)
		}
		for _, td := range tds {
			if td.ModuleAddress != r.ModuleAddress {
				t.Errorf("%s → %s crosses modules", r.Address, td.Address)
			}
		}
	}
}

func TestTags(t *testing.T) {
	p := readTestdata(t, "pratham-1.15.8-ecs-elasticache.json")
	r := byAddr(t, p, "module.alb.aws_lb.main")
	want := map[string]string{"Environment": "dev", "ManagedBy": "Terraform", "Project": "DevOps-Practice"}
	for k, v := range want {
		if r.Tags[k] != v {
			t.Errorf("tag %s = %q, want %q (tags %v)", k, r.Tags[k], v, r.Tags)
		}
	}
	// A delete takes the tags it had before.
	p = readTestdata(t, "abcost-0.12.24-instance-deletes.json")
	for _, r := range p.Resources {
		if r.Action == ActionDelete && r.After != nil {
			t.Errorf("%s: delete with after values", r.Address)
		}
	}
}

func TestSetupTerraformWrapper(t *testing.T) {
	p := readTestdata(t, "plan_with_terraform_wrapper.json")
	if len(p.Resources) != 2 || p.FormatVersion != "0.2" {
		t.Errorf("resources %d format %s", len(p.Resources), p.FormatVersion)
	}
}

func TestEncodings(t *testing.T) {
	plain, err := os.ReadFile("testdata/goof-0.14.9-instance-s3.json")
	if err != nil {
		t.Fatal(err)
	}
	utf16 := func(bom []byte, big bool) []byte {
		out := append([]byte{}, bom...)
		for _, r := range string(plain) { // ASCII fixture: one code unit per rune
			if big {
				out = append(out, byte(r>>8), byte(r))
			} else {
				out = append(out, byte(r), byte(r>>8))
			}
		}
		return out
	}
	for name, data := range map[string][]byte{
		"utf-8 bom":        append([]byte{0xEF, 0xBB, 0xBF}, plain...),
		"utf-16le bom":     utf16([]byte{0xFF, 0xFE}, false),
		"utf-16be bom":     utf16([]byte{0xFE, 0xFF}, true),
		"utf-16le no bom":  utf16(nil, false),
		"trailing newline": append(append([]byte{}, plain...), "\n\n"...),
	} {
		t.Run(name, func(t *testing.T) {
			p, err := Parse("x.json", data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Resources) != 2 || p.Resources[0].Region != "us-west-2" {
				t.Errorf("resources %d", len(p.Resources))
			}
		})
	}
	p := readUnlicensed(t, "marom-1.14.9-asg-docdb-utf16.json")
	if len(p.Resources) != 58 {
		t.Errorf("marom: %d resources, want 58", len(p.Resources))
	}
}

// TestPlannedValuesOnly reads a plan without resource_changes from its
// planned_values and prior_state.
func TestPlannedValuesOnly(t *testing.T) {
	var doc map[string]json.RawMessage
	data, _ := os.ReadFile("testdata/terraform_v0.12_plan.json")
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc, "resource_changes")
	data, _ = json.Marshal(doc)
	p, err := Parse("pv.json", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	full := readTestdata(t, "terraform_v0.12_plan.json")
	var want []string
	for _, r := range full.Resources {
		if r.Action != ActionDelete {
			want = append(want, r.Address)
		}
	}
	var got []string
	actions := map[Action]int{}
	for _, r := range p.Resources {
		got = append(got, r.Address)
		actions[r.Action]++
		if r.Region != "us-east-1" || r.RegionSource != RegionFromProvider {
			t.Errorf("%s: region %s %s", r.Address, r.Region, r.RegionSource)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if actions[ActionCreate] == 0 || actions[ActionNoOp]+actions[ActionUpdate] == 0 {
		t.Errorf("actions %v: the fixture has creates and existing resources", actions)
	}
}

func TestStdinAndBinaryPlan(t *testing.T) {
	data, err := os.ReadFile("testdata/goof-0.14.9-instance-s3.json")
	if err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		if _, err := w.Write(data); err != nil {
			t.Errorf("writing the plan to the pipe: %v", err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("closing the pipe: %v", err)
		}
	}()
	old := os.Stdin
	os.Stdin = r
	p, err := ReadFile("-", Options{})
	os.Stdin = old
	if err != nil || len(p.Resources) != 2 || p.File != StdinName {
		t.Fatalf("stdin: %v %v", p, err)
	}

	bin := filepath.Join(t.TempDir(), "tfplan")
	if err := os.WriteFile(bin, []byte("PK\x03\x04 not really a plan"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	_, err = ReadFile(bin, Options{})
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Kind != failure.Input || !strings.Contains(fe.Error(), "terraform") || !strings.Contains(fe.Error(), "not on PATH") {
		t.Errorf("binary plan without terraform: %v", err)
	}
}

func TestMappedSmallFile(t *testing.T) {
	p := readTestdata(t, "example_plan.json")
	for _, r := range p.Resources {
		if !json.Valid(r.After) {
			t.Errorf("%s: after not valid JSON", r.Address)
		}
	}
}

// TestBinaryPlanFile converts a real binary plan with the terraform CLI.
// The configuration uses only the built-in terraform_data resource, so
// terraform init needs no network.
func TestBinaryPlanFile(t *testing.T) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform not on PATH")
	}
	dir := t.TempDir()
	cfg := "resource \"terraform_data\" \"x\" {\n  input = \"hello\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"plan", "-input=false", "-no-color", "-out", "tfplan"}} {
		cmd := exec.Command(tf, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("terraform %s failed (offline?): %v\n%s", args[0], err, out)
		}
	}
	p, err := ReadFile(filepath.Join(dir, "tfplan"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Resources) != 1 || p.Resources[0].Address != "terraform_data.x" || p.Resources[0].Action != ActionCreate {
		t.Errorf("resources %+v", p.Resources)
	}
	// From another directory: terraform runs in the plan's directory.
	t.Chdir(t.TempDir())
	rel, _ := filepath.Abs(filepath.Join(dir, "tfplan"))
	if _, err := ReadFile(rel, Options{}); err != nil {
		t.Errorf("from another directory: %v", err)
	}
}

// TestReferencesThroughModules follows a reference through a module output
// and through a module variable, as when the task definition and the
// service are made in different modules.
func TestReferencesThroughModules(t *testing.T) {
	const doc = `{
  "format_version": "1.2",
  "resource_changes": [
    {"address": "module.td.aws_ecs_task_definition.this", "module_address": "module.td", "mode": "managed", "type": "aws_ecs_task_definition", "name": "this", "change": {"actions": ["create"], "before": null, "after": {}}},
    {"address": "module.td2[1].aws_ecs_task_definition.this", "module_address": "module.td2[1]", "mode": "managed", "type": "aws_ecs_task_definition", "name": "this", "index": null, "change": {"actions": ["create"], "before": null, "after": {}}},
    {"address": "module.svc.aws_ecs_service.this", "module_address": "module.svc", "mode": "managed", "type": "aws_ecs_service", "name": "this", "change": {"actions": ["create"], "before": null, "after": {}}},
    {"address": "aws_ecs_service.direct", "mode": "managed", "type": "aws_ecs_service", "name": "direct", "change": {"actions": ["create"], "before": null, "after": {}}},
    {"address": "aws_ecs_service.counted", "mode": "managed", "type": "aws_ecs_service", "name": "counted", "change": {"actions": ["create"], "before": null, "after": {}}}
  ],
  "configuration": {"root_module": {
    "resources": [
      {"address": "aws_ecs_service.direct", "mode": "managed", "type": "aws_ecs_service", "name": "direct",
       "expressions": {"task_definition": {"references": ["module.td.arn", "module.td"]}}},
      {"address": "aws_ecs_service.counted", "mode": "managed", "type": "aws_ecs_service", "name": "counted",
       "expressions": {"task_definition": {"references": ["module.td2[1].arn", "module.td2[1]", "module.td2"]}}}
    ],
    "module_calls": {
      "td": {"module": {
        "outputs": {"arn": {"expression": {"references": ["aws_ecs_task_definition.this.arn", "aws_ecs_task_definition.this"]}}},
        "resources": [{"address": "aws_ecs_task_definition.this", "mode": "managed", "type": "aws_ecs_task_definition", "name": "this", "expressions": {}}]}},
      "td2": {"count_expression": {"constant_value": 2}, "module": {
        "outputs": {"arn": {"expression": {"references": ["aws_ecs_task_definition.this.arn", "aws_ecs_task_definition.this"]}}},
        "resources": [{"address": "aws_ecs_task_definition.this", "mode": "managed", "type": "aws_ecs_task_definition", "name": "this"}]}},
      "svc": {"expressions": {"task_definition_arn": {"references": ["module.td.arn", "module.td"]}}, "module": {
        "resources": [{"address": "aws_ecs_service.this", "mode": "managed", "type": "aws_ecs_service", "name": "this",
          "expressions": {"task_definition": {"references": ["var.task_definition_arn"]}}}]}}
    }}}
}`
	p, err := Parse("modules.json", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for addr, want := range map[string]string{
		"module.svc.aws_ecs_service.this": "module.td.aws_ecs_task_definition.this",
		"aws_ecs_service.direct":          "module.td.aws_ecs_task_definition.this",
		"aws_ecs_service.counted":         "module.td2[1].aws_ecs_task_definition.this",
	} {
		r := byAddr(t, p, addr)
		got := p.Referenced(r, "task_definition", "aws_ecs_task_definition")
		if len(got) != 1 || got[0].Address != want {
			t.Errorf("%s: task definition %v (references %v), want %s", addr, got, r.References, want)
		}
	}
}

// TestPlannedValuesDeletes: without resource_changes, a prior resource that
// is not planned any more is a delete; Terraform 0.12's relative prior_state
// addresses are made absolute.
func TestPlannedValuesDeletes(t *testing.T) {
	const doc = `{"format_version": "0.1",
  "planned_values": {"root_module": {"child_modules": [{"resources": [
    {"address": "module.m.aws_instance.web[0]", "mode": "managed", "type": "aws_instance", "name": "web", "index": 0, "values": {"instance_type": "t3.micro"}}],
    "address": "module.m"}]}},
  "prior_state": {"values": {"root_module": {"child_modules": [{"address": "module.m", "resources": [
    {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web", "index": 0, "values": {"instance_type": "t3.micro"}},
    {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web", "index": 1, "values": {"instance_type": "t3.micro", "availability_zone": "eu-west-1b"}}]}]}}}}`
	p, err := Parse("pv.json", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Resources {
		got = append(got, r.Address+" "+string(r.Action)+" "+r.Region)
	}
	// web[0] has no region of its own: it takes its provider's, revealed by web[1]'s zone.
	want := []string{"module.m.aws_instance.web[0] no-op eu-west-1", "module.m.aws_instance.web[1] delete eu-west-1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLookupFullAddress finds one instance by its full address when module
// and index keys hold '[' and '.', and finds nothing for an address the plan
// does not have.
func TestLookupFullAddress(t *testing.T) {
	data := []byte(`{"format_version":"1.2","resource_changes":[
	 {"address":"module.m[\"a[b\"].aws_eip.x[\"c[d\"]","module_address":"module.m[\"a[b\"]","mode":"managed","type":"aws_eip","name":"x","index":"c[d","change":{"actions":["create"],"after":{}}},
	 {"address":"module.m[\"a[b\"].aws_eip.x[\"e\"]","module_address":"module.m[\"a[b\"]","mode":"managed","type":"aws_eip","name":"x","index":"e","change":{"actions":["create"],"after":{}}}]}`)
	p, err := Parse("lookup.json", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Lookup(`module.m["a[b"].aws_eip.x`); len(got) != 2 {
		t.Errorf("base address: %d instances, want 2", len(got))
	}
	for _, addr := range []string{`module.m["a[b"].aws_eip.x["c[d"]`, `module.m["a[b"].aws_eip.x["e"]`} {
		if got := p.Lookup(addr); len(got) != 1 || got[0].Address != addr {
			t.Errorf("Lookup(%s) = %v", addr, got)
		}
	}
	for _, addr := range []string{`aws_eip.absent`, `module.m["a[b"].aws_eip.x["f"]`, `module.m["a[b"]`} {
		if got := p.Lookup(addr); got != nil {
			t.Errorf("Lookup(%s) = %v, want nil", addr, got)
		}
	}
}

// TestLookupConcurrent looks resources up from several goroutines on a plan
// built by hand (no Parse, so the index is built by the first Lookup), as
// the estimator's workers do with an inline plan, under go test -race.
func TestLookupConcurrent(t *testing.T) {
	td := &Resource{Type: "aws_ecs_task_definition", Name: "td", Address: "aws_ecs_task_definition.td"}
	svc := &Resource{Type: "aws_ecs_service", Name: "s", Address: "aws_ecs_service.s",
		References: map[string][]string{"task_definition": {"aws_ecs_task_definition.td"}}}
	p := &Plan{Resources: []*Resource{td, svc}}
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			if got := p.Referenced(svc, "task_definition", "aws_ecs_task_definition"); len(got) != 1 || got[0] != td {
				errs <- fmt.Errorf("goroutine %d: Referenced = %v", g, got)
				return
			}
			errs <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestConfigPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                                     "",
		"module.app":                           "module.app",
		"module.app[0]":                        "module.app",
		`module.app["a.b"].module.db["x]y"]`:   "module.app.module.db",
		`module.app["q\"[.]"].module.db[2]`:    "module.app.module.db",
		`module.a.module.b[1].module.c["k.k"]`: "module.a.module.b.module.c",
	} {
		if got := configPath(in); got != want {
			t.Errorf("configPath(%s) = %q, want %q", in, got, want)
		}
	}
}
