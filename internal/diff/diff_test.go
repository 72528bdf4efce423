package diff

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

func d(s string) *decimal.Decimal {
	v := decimal.RequireFromString(s)
	return &v
}

func res(addr, action string, status estimate.Status, comps ...estimate.Component) *estimate.Resource {
	r := &estimate.Resource{Address: addr, Type: "aws_instance", Action: action, Status: status, Components: comps}
	for _, c := range comps {
		if c.MonthlyCost != nil {
			r.MonthlyCost = r.MonthlyCost.Add(*c.MonthlyCost)
		}
	}
	return r
}

func c(name, monthly string, cat estimate.Category) estimate.Component {
	comp := estimate.Component{Name: name, Category: cat}
	if monthly != "" {
		comp.MonthlyCost = d(monthly)
	}
	return comp
}

// fixture mirrors what the estimator returns for one plan: both estimates
// list every resource; a side where the resource does not exist is skipped.
func fixture() (prior, planned *estimate.Estimate) {
	skip := estimate.StatusSkipped
	ok := estimate.StatusPriced
	prior = &estimate.Estimate{Resources: []*estimate.Resource{
		res("aws_instance.new", "create", skip),
		res("aws_instance.grow", "update", ok, c("Instance", "10", estimate.Compute), c("Storage", "2", estimate.Storage)),
		res("aws_instance.swap", "replace", ok, c("Instance", "30", estimate.Compute)),
		res("aws_instance.gone", "delete", ok, c("Instance", "7.5", estimate.Compute)),
		res("aws_instance.same", "no-op", ok, c("Instance", "5", estimate.Compute)),
	}}
	planned = &estimate.Estimate{Resources: []*estimate.Resource{
		res("aws_instance.new", "create", ok, c("Instance", "20", estimate.Compute), c("Requests", "", estimate.Compute)),
		res("aws_instance.grow", "update", ok, c("Instance", "40", estimate.Compute), c("Storage", "2", estimate.Storage)),
		res("aws_instance.swap", "replace", ok, c("Instance", "30", estimate.Compute)),
		res("aws_instance.gone", "delete", skip),
		res("aws_instance.same", "no-op", ok, c("Instance", "5", estimate.Compute)),
	}}
	estimate.Total(prior)
	estimate.Total(planned)
	return prior, planned
}

func TestComparePerAction(t *testing.T) {
	prior, planned := fixture()
	p := Compare("app", prior, planned, Options{})
	want := []struct {
		addr, action, prior, planned, delta string
		changed                             bool
	}{
		{"aws_instance.new", "create", "0", "20", "20", true},
		{"aws_instance.grow", "update", "12", "42", "30", true},
		{"aws_instance.swap", "replace", "30", "30", "0", true},
		{"aws_instance.gone", "delete", "7.5", "0", "-7.5", true},
		{"aws_instance.same", "no-op", "5", "5", "0", false},
	}
	if len(p.Resources) != len(want) {
		t.Fatalf("got %d resources", len(p.Resources))
	}
	for i, w := range want {
		r := p.Resources[i]
		if r.Address != w.addr || r.Action != w.action || r.Monthly.Prior.String() != w.prior ||
			r.Monthly.Planned.String() != w.planned || r.Monthly.Delta.String() != w.delta || r.Changed() != w.changed {
			t.Errorf("%d: got %s %s %s→%s Δ%s changed=%v, want %+v", i, r.Address, r.Action, r.Monthly.Prior,
				r.Monthly.Planned, r.Monthly.Delta, r.Changed(), w)
		}
	}
	// Totals: prior 12 + 30 + 7.5 + 5 = 54.5; planned 20 + 42 + 30 + 5 = 97;
	// Δ 42.5; Δ% = 42.5 / 54.5 × 100 = 77.981… → 77.98.
	if p.Monthly.Prior.String() != "54.5" || p.Monthly.Planned.String() != "97" || p.Monthly.Delta.String() != "42.5" ||
		p.Monthly.Percent.String() != "77.98" {
		t.Errorf("totals %+v (percent %s)", p.Monthly, p.Monthly.Percent)
	}
	// Component deltas of the update: Instance +30, Storage 0.
	g := p.Resources[1].Components
	if len(g) != 2 || g[0].Delta.String() != "30" || !g[1].Delta.IsZero() {
		t.Errorf("update components %+v", g)
	}
	// The created resource's usage line has no figure on either side.
	n := p.Resources[0].Components
	if len(n) != 2 || n[1].PlannedCost != nil || n[1].PriorCost != nil || !n[1].Delta.IsZero() {
		t.Errorf("create components %+v", n)
	}
	if p.Actions["create"] != 1 || p.Actions["delete"] != 1 || p.Actions["no-op"] != 1 {
		t.Errorf("actions %v", p.Actions)
	}
	// Categories: compute 52.5 → 95, storage 2 → 2.
	if cat := p.Categories[0]; cat.Category != estimate.Compute || cat.Prior.String() != "52.5" || cat.Planned.String() != "95" {
		t.Errorf("compute %+v", cat)
	}
}

func TestPercentUndefinedWhenPriorZero(t *testing.T) {
	_, planned := fixture()
	p := Compare("new", nil, planned, Options{})
	if p.Monthly.Percent != nil || p.Monthly.Delta.String() != "97" {
		t.Fatalf("got %+v", p.Monthly)
	}
	if z := NewChange(decimal.Zero, decimal.Zero); z.Percent != nil || !z.Delta.IsZero() {
		t.Fatalf("zero change %+v", z)
	}
	// A decrease from a positive prior is a negative percent: 10 → 4 is −60%.
	if ch := NewChange(decimal.NewFromInt(10), decimal.NewFromInt(4)); ch.Percent.String() != "-60" {
		t.Fatalf("decrease %s", ch.Percent)
	}
}

func TestDeriveActionsForBaseline(t *testing.T) {
	base := &estimate.Estimate{Resources: []*estimate.Resource{
		res("aws_instance.a", "create", estimate.StatusPriced, c("Instance", "10", estimate.Compute)),
		res("aws_instance.b", "create", estimate.StatusPriced, c("Instance", "10", estimate.Compute)),
		res("aws_instance.old", "create", estimate.StatusPriced, c("Instance", "3", estimate.Compute)),
	}}
	head := &estimate.Estimate{Resources: []*estimate.Resource{
		res("aws_instance.a", "no-op", estimate.StatusPriced, c("Instance", "10", estimate.Compute)),
		res("aws_instance.b", "no-op", estimate.StatusPriced, c("Instance", "15", estimate.Compute)),
		res("aws_instance.c", "create", estimate.StatusPriced, c("Instance", "1", estimate.Compute)),
	}}
	p := Compare("x", base, head, Options{DeriveActions: true})
	got := map[string]string{}
	for _, r := range p.Resources {
		got[r.Address] = r.Action
	}
	want := map[string]string{"aws_instance.a": "no-op", "aws_instance.b": "update", "aws_instance.c": "create", "aws_instance.old": "delete"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
}

func TestReportAggregates(t *testing.T) {
	prior, planned := fixture()
	a := Compare("a", prior, planned, Options{})
	b := Compare("b", nil, planned, Options{})
	r := NewReport("prior state", a, b)
	// prior 54.5 + 0; planned 97 + 97 = 194; Δ 139.5; Δ% = 139.5 / 54.5 × 100 = 255.963… → 255.96
	if r.Monthly.Prior.String() != "54.5" || r.Monthly.Planned.String() != "194" || r.Monthly.Percent.String() != "255.96" {
		t.Fatalf("got %+v %s", r.Monthly, r.Monthly.Percent)
	}
	mp, mn := r.Merged()
	for _, res := range mn.Resources[:5] {
		if res.Project != "a" && res.Project != "b" {
			t.Fatalf("resource %s has project %q", res.Address, res.Project)
		}
	}
	if !mp.MonthlyCost.Equal(decimal.RequireFromString("54.5")) || !mn.MonthlyCost.Equal(decimal.NewFromInt(194)) {
		t.Fatalf("merged %s %s", mp.MonthlyCost, mn.MonthlyCost)
	}
}
