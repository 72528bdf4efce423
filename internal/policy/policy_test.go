package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/plan"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// est builds an estimate from resources; Total fills the totals.
func est(rs ...*estimate.Resource) *estimate.Estimate {
	e := &estimate.Estimate{Name: "test", Resources: rs}
	estimate.Total(e)
	return e
}

func res(addr, typ, monthly string, tags map[string]string) *estimate.Resource {
	m := d(monthly)
	return &estimate.Resource{Address: addr, Type: typ, Status: estimate.StatusPriced, Tags: tags, MonthlyCost: m,
		Action:     "create",
		Components: []estimate.Component{{Name: "x", MonthlyCost: &m, Category: estimate.Compute}}}
}

// planned: data team instance $3000 + data team RDS $2500 + web instance $800 = $6300.
// prior:   data team instance $3000 + web instance $800 = $3800.
func fixture() Input {
	data := map[string]string{"team": "data"}
	web := map[string]string{"team": "web"}
	return Input{
		Planned: est(res("aws_instance.etl", "aws_instance", "3000", data),
			res("aws_db_instance.wh", "aws_db_instance", "2500", data),
			res("aws_instance.web", "aws_instance", "800", web)),
		Prior: est(res("aws_instance.etl", "aws_instance", "3000", data),
			res("aws_instance.web", "aws_instance", "800", web)),
	}
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		in     func() Input
		want   []string // "enforcement kind policy actual limit over"
		notApp int
	}{
		{name: "budget under limit passes", src: `budget "all" { limit = 6300 }`, want: nil},
		{name: "budget over limit, default hard",
			src: `budget "all" { limit = 5000 }`,
			// 6300 − 5000 = 1300
			want: []string{"hard budget all 6300 5000 1300"}},
		{name: "scope by tag",
			src: `budget "data" {
  limit = 5000
  scope = { tags = { team = "data" } }
  enforcement = "soft"
}`,
			// data: 3000 + 2500 = 5500; over 500
			want: []string{"soft budget data 5500 5000 500"}},
		{name: "scope by tag and type",
			src: `budget "data-ec2" {
  limit = 2999.99
  scope = { tags = { team = "data" }, types = ["aws_instance"] }
}`,
			// only aws_instance.etl: 3000 − 2999.99 = 0.01
			want: []string{"hard budget data-ec2 3000 2999.99 0.01"}},
		{name: "scope matching nothing is zero", src: `budget "none" {
  limit = 0
  scope = { tags = { team = "nobody" } }
}`, want: nil},
		{name: "advisory budget",
			src:  "budget \"all\" {\n  limit = 6000\n  enforcement = \"advisory\"\n}",
			want: []string{"advisory budget all 6300 6000 300"}},
		{name: "guardrail absolute",
			src: `guardrail "growth" { max_increase = 2000 }`,
			// 6300 − 3800 = 2500; over 500
			want: []string{"hard guardrail growth 2500 2000 500"}},
		{name: "guardrail percent",
			src: `guardrail "growth" {
  max_increase_percent = 50
  enforcement = "soft"
}`,
			// 2500 / 3800 × 100 = 65.789… → 65.79; over 15.79
			want: []string{"soft guardrail growth 65.79 50 15.79"}},
		{name: "guardrail percent within",
			src:  `guardrail "growth" { max_increase_percent = 66 }`,
			want: nil},
		{name: "prior zero: percent not applicable, absolute still applies",
			src: `guardrail "growth" {
  max_increase = 6000
  max_increase_percent = 1
}`,
			in: func() Input {
				in := fixture()
				in.Prior = est()
				return in
			},
			// Δ = 6300 − 0 = 6300; over 300
			want:   []string{"hard guardrail growth 6300 6000 300"},
			notApp: 1},
		{name: "no prior at all: guardrail not applied",
			src: `guardrail "growth" { max_increase = 1 }`,
			in: func() Input {
				in := fixture()
				in.Prior = nil
				return in
			},
			notApp: 1},
		{name: "guardrail scoped",
			src: `guardrail "web" {
  max_increase = 0
  scope = { tags = { team = "web" } }
}`, want: nil},
		{name: "rule passes when true (Sentinel semantics)",
			src:  "rule \"small\" {\n  condition = alltrue([for r in estimate.resources : r.monthly < 5000])\n  message = \"too big\"\n}",
			want: nil},
		{name: "rule fails when false",
			src: `rule "small" {
  condition = alltrue([for r in estimate.resources : r.monthly < 2600])
  message = "no resource over $2600"
  enforcement = "soft"
}`,
			want: []string{"soft rule small - - - no resource over $2600"}},
		{name: "rule over categories, prior and delta",
			src: `rule "r" {
  condition = estimate.categories["compute"] == 6300 && estimate.prior.monthly == 3800 && estimate.delta.monthly == 2500 && estimate.delta.percent == 65.79
  message = "x"
}`, want: nil},
		{name: "rule over tags with interpolated message",
			src: `rule "tagged" {
  condition = alltrue([for r in estimate.resources : contains(keys(r.tags), "team")]) && length([for r in estimate.resources : r if lookup(r.tags, "team", "") == "data"]) == 3
  message = "data has ${sum([for r in estimate.resources : r.monthly if r.tags["team"] == "data"])}"
}`,
			// data resources: 2, so the condition is false; message sum: 3000 + 2500 = 5500
			want: []string{"hard rule tagged - - - data has 5500"}},
		{name: "delta percent null when prior zero",
			src: `rule "new" {
  condition = estimate.delta.percent == null
  message = "x"
}`,
			in: func() Input {
				in := fixture()
				in.Prior = est()
				return in
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("test.hcl", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			in := fixture()
			if tc.in != nil {
				in = tc.in()
			}
			v := s.Evaluate(in)
			if len(v.Errors) > 0 {
				t.Fatalf("errors: %+v", v.Errors)
			}
			var got []string
			for _, x := range v.Violations {
				if x.Limit == nil {
					got = append(got, strings.Join([]string{string(x.Enforcement), string(x.Kind), x.Policy, "- - -", x.Message}, " "))
					continue
				}
				got = append(got, strings.Join([]string{string(x.Enforcement), string(x.Kind), x.Policy,
					x.Actual.String(), x.Limit.String(), x.Over.String()}, " "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("violations:\n got %q\nwant %q", got, tc.want)
			}
			if len(v.NotApplicable) != tc.notApp {
				t.Errorf("not applicable = %+v, want %d", v.NotApplicable, tc.notApp)
			}
		})
	}
}

func TestScopeByProject(t *testing.T) {
	in := fixture()
	for _, r := range in.Planned.Resources {
		r.Project = "app"
	}
	in.Planned.Resources[2].Project = "web" // aws_instance.web, $800
	s, err := Parse("p.hcl", []byte(`budget "app" {
  limit = 5000
  scope = { projects = ["app"] }
}
budget "web" {
  limit = 800
  scope = { projects = ["web"], types = ["aws_instance"] }
}`))
	if err != nil {
		t.Fatal(err)
	}
	v := s.Evaluate(in)
	// app: 3000 + 2500 = 5500, over 5000 by 500; web: 800, not over.
	if len(v.Violations) != 1 || v.Violations[0].Policy != "app" || v.Violations[0].Over.String() != "500" ||
		!strings.Contains(v.Violations[0].Message, "projects app") {
		t.Fatalf("got %+v", v.Violations)
	}
}

func TestBudgetRangeBound(t *testing.T) {
	r := res("aws_autoscaling_group.a", "aws_autoscaling_group", "200", nil)
	r.Range = &estimate.Range{Min: d("100"), Expected: d("200"), Max: d("600")}
	in := Input{Planned: est(r)}
	for _, tc := range []struct {
		bound string
		fail  bool
	}{{"min", false}, {"expected", false}, {"max", true}} {
		s, err := Parse("b.hcl", []byte(`budget "asg" {
  limit = 500
  bound = "`+tc.bound+`"
}`))
		if err != nil {
			t.Fatal(err)
		}
		v := s.Evaluate(in)
		if got := len(v.Violations) == 1; got != tc.fail {
			t.Errorf("bound %s: violations %+v", tc.bound, v.Violations)
		}
		if tc.fail && v.Violations[0].Over.String() != "100" { // 600 − 500
			t.Errorf("over = %s", v.Violations[0].Over)
		}
	}
}

func TestRuleValues(t *testing.T) {
	in := fixture()
	in.Plan = &plan.Plan{Resources: []*plan.Resource{
		{Address: "aws_instance.etl", After: []byte(`{"instance_type":"m5.24xlarge"}`)},
		{Address: "aws_instance.web", After: []byte(`{"instance_type":"t3.micro"}`)},
	}}
	s, err := Parse("r.hcl", []byte(`rule "no-24xl" {
  condition = !anytrue([for r in estimate.resources : endswith(try(r.values.instance_type, ""), "24xlarge")])
  message = "no 24xlarge instances"
}`))
	if err != nil {
		t.Fatal(err)
	}
	v := s.Evaluate(in)
	if len(v.Violations) != 1 || v.Violations[0].Message != "no 24xlarge instances" {
		t.Fatalf("got %+v errors %+v", v.Violations, v.Errors)
	}
}

func TestRuleEvaluationError(t *testing.T) {
	s, err := Parse("r.hcl", []byte("rule \"bad\" {\n  condition = estimate.nope > 1\n  message = \"x\"\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	v := s.Evaluate(fixture())
	err = Gate(v, false)
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Kind != failure.Input || fe.Line != 2 || failure.ExitCode(err) != 1 {
		t.Fatalf("got %v (%+v)", err, fe)
	}
	s, _ = Parse("r.hcl", []byte("rule \"num\" {\n  condition = estimate.monthly\n  message = \"x\"\n}\n"))
	if v := s.Evaluate(fixture()); len(v.Errors) != 1 || !strings.Contains(v.Errors[0].Message, "true or false") {
		t.Fatalf("got %+v", v.Errors)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"syntax", "budget \"a\" {\n  limit = \n}\n", 2, 11, "Invalid expression"},
		{"missing limit", "budget \"a\" {\n  enforcement = \"hard\"\n}\n", 1, 12, "limit"},
		{"bad enforcement", "budget \"a\" {\n  limit = 1\n  enforcement = \"mandatory\"\n}\n", 3, 17, `Invalid enforcement level: "mandatory" is not an enforcement level; expected "advisory", "soft" or "hard"`},
		{"bad bound", "budget \"a\" {\n  limit = 1\n  bound = \"avg\"\n}\n", 3, 11, `Invalid bound: "avg" is not a bound; expected "min", "expected" or "max"`},
		{"negative limit", "budget \"a\" {\n  limit = -5\n}\n", 2, 11, "≥ 0"},
		{"string limit", "budget \"a\" {\n  limit = \"lots\"\n}\n", 2, 11, "number"},
		{"unknown attribute", "budget \"a\" {\n  limit = 1\n  limt = 2\n}\n", 3, 3, "limt"},
		{"unknown block", "budgets \"a\" {\n}\n", 1, 1, "budgets"},
		{"duplicate", "budget \"a\" { limit = 1 }\nbudget \"a\" { limit = 2 }\n", 2, 8, "Duplicate"},
		{"empty guardrail", "guardrail \"g\" {\n  enforcement = \"soft\"\n}\n", 1, 1, "Empty guardrail"},
		{"bad scope key", "budget \"a\" {\n  limit = 1\n  scope = { team = \"x\" }\n}\n", 3, 11, "scope key"},
		{"bad scope projects", "budget \"a\" {\n  limit = 1\n  scope = { projects = \"app\" }\n}\n", 3, 11, "scope.projects"},
		{"bad scope tags", "budget \"a\" {\n  limit = 1\n  scope = { tags = [\"x\"] }\n}\n", 3, 11, "scope.tags"},
		{"rule unknown variable", "rule \"r\" {\n  condition = plan.x > 1\n  message = \"m\"\n}\n", 2, 15, "plan"},
		{"rule without message", "rule \"r\" {\n  condition = true\n}\n", 1, 10, "message"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("p.hcl", []byte(tc.src))
			var fe *failure.Error
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want *failure.Error", err)
			}
			if fe.Kind != failure.Input || fe.File != "p.hcl" || fe.Line != tc.line || fe.Column != tc.col {
				t.Errorf("got %s (kind %d), want p.hcl:%d:%d", fe, fe.Kind, tc.line, tc.col)
			}
			if !strings.Contains(fe.Error(), tc.msg) {
				t.Errorf("message %q does not mention %q", fe.Error(), tc.msg)
			}
		})
	}
}

func TestGateExitCodes(t *testing.T) {
	mk := func(es ...Enforcement) Verdict {
		var v Verdict
		for _, e := range es {
			v.Violations = append(v.Violations, Violation{Enforcement: e, Message: string(e)})
		}
		return v
	}
	tests := []struct {
		v         Verdict
		allowSoft bool
		want      int
	}{
		{mk(), false, 0},
		{mk(Advisory), false, 0},
		{mk(Soft), false, 3},
		{mk(Soft), true, 0},
		{mk(Soft, Hard), true, 2},
		{mk(Hard, Advisory), false, 2},
	}
	for i, tc := range tests {
		if got := failure.ExitCode(Gate(tc.v, tc.allowSoft)); got != tc.want {
			t.Errorf("%d: exit %d, want %d", i, got, tc.want)
		}
	}
}

func TestBudgetProgrammatic(t *testing.T) {
	limit, inc := d("5000"), d("10")
	s := Budget("provider", &limit, nil, &inc, "")
	v := s.Evaluate(fixture())
	// 6300 > 5000 (over 1300); 65.79% > 10% (over 55.79)
	if len(v.Violations) != 2 || !v.Hard() || v.Violations[0].Over.String() != "1300" || v.Violations[1].Over.String() != "55.79" {
		t.Fatalf("got %+v", v.Violations)
	}
}

func TestCarbonLimitHook(t *testing.T) {
	s, err := Parse("c.hcl", []byte(`budget "green" {
  limit = 100000
  carbon_limit = 50
}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Policies[0].Extra["carbon_limit"]; got.String() != "50" {
		t.Fatalf("carbon_limit = %s", got)
	}
	if v := s.Evaluate(fixture()); len(v.NotApplicable) != 1 {
		t.Fatalf("got %+v", v)
	}
}

func TestRuleSeesCarbon(t *testing.T) {
	s, err := Parse("r.hcl", []byte(`rule "green" {
  condition = estimate.carbon == null ? true : estimate.carbon < 10
  message   = "over 10 kg"
}`))
	if err != nil {
		t.Fatal(err)
	}
	in := fixture()
	if v := s.Evaluate(in); len(v.Violations) != 0 || len(v.Errors) != 0 {
		t.Fatalf("without carbon: %+v", v)
	}
	in.Planned.Carbon = &estimate.CarbonSummary{MonthlyKg: d("12.5")}
	if v := s.Evaluate(in); len(v.Violations) != 1 {
		t.Fatalf("with 12.5 kg: %+v", v)
	}
}

func TestDecimalLimit(t *testing.T) {
	s, err := Parse("x.hcl", []byte(`budget "a" { limit = 0.1 }`))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Policies[0].Limit.String(); got != "0.1" {
		t.Fatalf("limit = %s", got)
	}
}

// A file that is not HCL gets one error per line; the message names the
// first with its position, counts the rest and lists only a few.
func TestParseErrorListsFewMore(t *testing.T) {
	_, err := Parse("usage.yml", []byte("version: 0.1\nresource_usage:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n"))
	if err == nil {
		t.Fatal("want an error")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "usage.yml:1:1: ") || !strings.Contains(msg, "(and 6 more: 2:1: ") || strings.Contains(msg, "7:3") || !strings.HasSuffix(msg, "; …)") {
		t.Errorf("message: %s", msg)
	}
}
