package estimate_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/plan"
)

func res(addr, typ, provider, region, after string) *plan.Resource {
	r := &plan.Resource{Address: addr, Type: typ, ProviderName: provider, Region: region, Action: plan.ActionCreate}
	if after != "" {
		r.After = json.RawMessage(after)
	}
	return r
}

const awsProvider = "registry.terraform.io/hashicorp/aws"

// engineTestPlan mixes every resource status the engine distinguishes.
func engineTestPlan() *plan.Plan {
	return &plan.Plan{File: "engine", Resources: []*plan.Resource{
		res("aws_eip.a", "aws_eip", awsProvider, "us-east-1", `{"domain":"vpc"}`),
		res("aws_nat_gateway.n", "aws_nat_gateway", awsProvider, "us-east-1", `{"connectivity_type":"public"}`),
		res("aws_iam_role.r", "aws_iam_role", awsProvider, "us-east-1", `{}`),
		res("random_id.x", "random_id", "registry.terraform.io/hashicorp/random", "us-east-1", `{}`),
		res("kubernetes_namespace.k", "kubernetes_namespace", "registry.terraform.io/hashicorp/kubernetes", "us-east-1", `{}`),
		res("aws_made_up_service.m", "aws_made_up_service", awsProvider, "us-east-1", `{}`),
		res("aws_eip.gone", "aws_eip", awsProvider, "us-east-1", ""), // deleted: no after
	}}
}

func byAddr(est *estimate.Estimate) map[string]*estimate.Resource {
	out := map[string]*estimate.Resource{}
	for _, r := range est.Resources {
		out[r.Address] = r
	}
	return out
}

func TestEngineStatusesAndTotals(t *testing.T) {
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(engineTestPlan())
	got := byAddr(est)
	want := map[string]estimate.Status{
		"aws_eip.a": estimate.StatusPriced, "aws_nat_gateway.n": estimate.StatusPriced,
		"aws_iam_role.r": estimate.StatusFree, "random_id.x": estimate.StatusFree,
		"kubernetes_namespace.k": estimate.StatusSkipped, "aws_made_up_service.m": estimate.StatusUnsupported,
		"aws_eip.gone": estimate.StatusSkipped,
	}
	for addr, st := range want {
		if got[addr].Status != st {
			t.Errorf("%s: status %s, want %s", addr, got[addr].Status, st)
		}
	}
	// aws_unit_prices.csv us-east-1: public_ipv4 address hour 0.005, NAT gateway hour 0.045.
	// EIP: 0.005 × 730 = 3.65; NAT: 0.045 × 730 = 32.85 (data processed has no usage: adds nothing).
	// Total 36.50; annual 438.00; network share 100 %.
	if !est.MonthlyCost.Equal(decimal.RequireFromString("36.5")) {
		t.Errorf("monthly %s, want 36.5", est.MonthlyCost)
	}
	if !est.AnnualCost.Equal(decimal.RequireFromString("438")) {
		t.Errorf("annual %s, want 438", est.AnnualCost)
	}
	for _, c := range est.Categories {
		if c.Category == estimate.Network && !c.Share.Equal(decimal.NewFromInt(100)) {
			t.Errorf("network share %s, want 100", c.Share)
		}
	}
	s := est.Summary
	if s.TotalResources != 7 || s.PricedResources != 2 || s.FreeResources != 2 || s.UnsupportedResources != 1 || s.SkippedResources != 2 {
		t.Errorf("summary %+v", s)
	}
	if s.UnsupportedCounts["aws_made_up_service"] != 1 {
		t.Errorf("unsupported counts %v", s.UnsupportedCounts)
	}
}

func TestEngineDiscountOverrideAndStrict(t *testing.T) {
	p := &plan.Plan{Resources: []*plan.Resource{
		res("aws_eip.a", "aws_eip", awsProvider, "us-east-1", `{}`),
		res("aws_nat_gateway.n", "aws_nat_gateway", awsProvider, "us-east-1", `{}`),
	}}
	// 10 % off catalog prices, and a negotiated NAT hour of 0.04 (not discounted):
	// EIP 0.005 × 0.9 × 730 = 3.285; NAT 0.04 × 730 = 29.2; total 32.485.
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(),
		DiscountPercent: decimal.NewFromInt(10),
		Overrides:       []estimate.PriceOverride{{Service: "nat_gateway", Item: "gateway hour", USD: decimal.RequireFromString("0.04")}},
	}).Estimate(p)
	if !est.MonthlyCost.Equal(decimal.RequireFromString("32.485")) {
		t.Errorf("monthly %s, want 32.485", est.MonthlyCost)
	}

	// eu-north-1 has no NAT data-processed figure and no public IPv4 figure in
	// the catalog: by default the us-east-1 figure stands in, marked approximate;
	// with StrictPrices the line is unpriced instead (never $0).
	north := &plan.Plan{Resources: []*plan.Resource{res("aws_eip.a", "aws_eip", awsProvider, "eu-north-1", `{}`)}}
	loose := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(north)
	c := loose.Resources[0].Components[0]
	if !c.Approximate || c.PriceRegion != "us-east-1" || c.MonthlyCost == nil || !c.MonthlyCost.Equal(decimal.RequireFromString("3.65")) {
		t.Errorf("fallback component %+v", c)
	}
	strict := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(), StrictPrices: true}).Estimate(north)
	c = strict.Resources[0].Components[0]
	if !c.Unpriced || c.MonthlyCost != nil {
		t.Errorf("strict component %+v", c)
	}
	if strict.Summary.UnpricedComponents != 1 || loose.Summary.ApproximateComponents != 1 {
		t.Errorf("summaries: strict %+v loose %+v", strict.Summary, loose.Summary)
	}
}

// TestEngineRuleErrorIsUnpriced: values a rule cannot read (instance_type
// a number where the provider gives a string) must not leave the resource
// priced at $0 with only a warning: it carries an unpriced line the summary
// counts.
func TestEngineRuleErrorIsUnpriced(t *testing.T) {
	p := &plan.Plan{File: "bad", Resources: []*plan.Resource{
		res("aws_instance.bad", "aws_instance", awsProvider, "us-east-1", `{"instance_type": 5}`),
	}}
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry()}).Estimate(p)
	r := est.Resources[0]
	if len(r.Warnings) == 0 {
		t.Fatalf("no warning for values of the wrong shape: %+v", r)
	}
	if len(r.Components) == 0 || !r.Components[len(r.Components)-1].Unpriced {
		t.Fatalf("components %+v: want an unpriced line", r.Components)
	}
	if est.Summary.UnpricedComponents == 0 {
		t.Errorf("summary %+v counts no unpriced component", est.Summary)
	}
	if !est.MonthlyCost.IsZero() {
		t.Errorf("monthly %s, want 0 (nothing priced)", est.MonthlyCost)
	}
}
