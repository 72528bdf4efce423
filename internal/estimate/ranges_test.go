package estimate

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/usage"
)

// rangeTestEstimator prices with minimal stand-in rules so the range pass is
// tested on its own; the real AWS rules live in package aws. Prices are the
// catalog figures (shared/pricing, us-east-1): ec2_ondemand_linux.csv m5.large
// 0.096/h, t3.medium 0.0416/h; aws_unit_prices.csv Fargate Linux/x86 0.04048
// per vCPU-hour and 0.004445 per GB-hour.
func rangeTestEstimator() *Estimator {
	cat := catalog.New()
	for item, usd := range map[string]string{"m5.large/linux/on_demand": "0.096", "t3.medium/linux/on_demand": "0.0416"} {
		cat.Add("ec2", "us-east-1", item, catalog.Price{USD: Dec(usd)})
	}
	cat.Add("fargate", "us-east-1", "Linux/x86 vCPU hour", catalog.Price{USD: Dec("0.04048")})
	cat.Add("fargate", "us-east-1", "Linux/x86 memory GB hour", catalog.Price{USD: Dec("0.004445")})
	reg := NewRegistry()
	instance := func(typ string) Line {
		return Line{Name: "Instance usage", Category: Compute, Service: "ec2", Item: typ + "/linux/on_demand"}
	}
	reg.Add(Rule{Type: "aws_autoscaling_group", Price: func(c *Context) ([]Component, error) {
		var v struct {
			Min     float64  `json:"min_size"`
			Desired *float64 `json:"desired_capacity"`
		}
		if err := c.Decode(&v); err != nil {
			return nil, err
		}
		n := v.Min
		if v.Desired != nil {
			n = *v.Desired
		}
		return []Component{c.Hourly(instance("m5.large"), Float(n))}, nil
	}})
	reg.Add(Rule{Type: "aws_eks_node_group", Price: func(c *Context) ([]Component, error) {
		var v struct {
			S []struct {
				Desired float64 `json:"desired_size"`
			} `json:"scaling_config"`
		}
		if err := c.Decode(&v); err != nil {
			return nil, err
		}
		return []Component{c.Hourly(instance("t3.medium"), Float(v.S[0].Desired))}, nil
	}})
	reg.Add(Rule{Type: "aws_ecs_service", Price: func(c *Context) ([]Component, error) {
		var v struct {
			Desired float64 `json:"desired_count"`
		}
		if err := c.Decode(&v); err != nil {
			return nil, err
		}
		n := Float(v.Desired)
		return []Component{
			c.Hourly(Line{Name: "vCPU", Category: Compute, Service: "fargate", Item: "Linux/x86 vCPU hour"}, n.Mul(Dec("0.5"))),
			c.Hourly(Line{Name: "Memory", Category: Compute, Service: "fargate", Item: "Linux/x86 memory GB hour"}, n),
		}, nil
	}})
	reg.AddFree("aws_appautoscaling_target")
	return New(Options{Catalog: cat, Registry: reg})
}

func raw(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func TestRanges(t *testing.T) {
	p := InlinePlan("us-east-1", []InlineResource{
		{Type: "aws_autoscaling_group", Name: "web", Values: raw(map[string]any{"min_size": 1, "desired_capacity": 2, "max_size": 6})},
		{Type: "aws_autoscaling_group", Name: "batch", Values: raw(map[string]any{"min_size": 0, "desired_capacity": 0, "max_size": 4})},
		{Type: "aws_eks_node_group", Name: "ng", Values: raw(map[string]any{"scaling_config": []any{map[string]any{"min_size": 2, "desired_size": 3, "max_size": 5}}})},
		{Type: "aws_ecs_service", Name: "api", Values: raw(map[string]any{"name": "api", "cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/main", "desired_count": 2})},
		{Type: "aws_appautoscaling_target", Name: "api", Values: raw(map[string]any{"service_namespace": "ecs",
			"resource_id": "service/main/api", "scalable_dimension": "ecs:service:DesiredCount", "min_capacity": 1, "max_capacity": 10})},
	})
	est := rangeTestEstimator().Estimate(p)
	want := map[string][3]string{
		// m5.large 0.096 × 730 = 70.08 per instance: 1 / 2 / 6 instances.
		"aws_autoscaling_group.web": {"70.08", "140.16", "420.48"},
		// desired 0 prices $0; the pass reprices one instance (70.08) for max 4 = 280.32.
		"aws_autoscaling_group.batch": {"0", "0", "280.32"},
		// t3.medium 0.0416 × 730 = 30.368 per node: 2 / 3 / 5 nodes.
		"aws_eks_node_group.ng": {"60.736", "91.104", "151.84"},
		// per task 0.5 × 0.04048 × 730 + 1 × 0.004445 × 730 = 14.7752 + 3.24485 = 18.02005;
		// target min 1, desired 2, max 10.
		"aws_ecs_service.api": {"18.02005", "36.0401", "180.2005"},
	}
	for _, r := range est.Resources {
		w, ok := want[r.Address]
		if !ok {
			continue
		}
		if r.Range == nil {
			t.Errorf("%s: no range", r.Address)
			continue
		}
		got := [3]decimal.Decimal{r.Range.Min, r.Range.Expected, r.Range.Max}
		for i := range w {
			if !got[i].Equal(Dec(w[i])) {
				t.Errorf("%s range[%d] = %s, want %s (basis %q)", r.Address, i, got[i], w[i], r.Range.Basis)
			}
		}
		if r.Range.Basis == "" {
			t.Errorf("%s: empty basis", r.Address)
		}
	}
	// Totals: 70.08+0+60.736+18.02005 = 148.83605; 140.16+0+91.104+36.0401 = 267.3041;
	// 420.48+280.32+151.84+180.2005 = 1032.8405.
	if est.Range == nil || !est.Range.Min.Equal(Dec("148.83605")) || !est.Range.Expected.Equal(Dec("267.3041")) || !est.Range.Max.Equal(Dec("1032.8405")) {
		t.Errorf("total range = %+v", est.Range)
	}
	if !est.Range.Expected.Equal(est.MonthlyCost) {
		t.Errorf("expected %s should equal the monthly total %s here", est.Range.Expected, est.MonthlyCost)
	}
}

func TestRangeClampsDesired(t *testing.T) {
	// desired 9 above max 6: expected is clamped to 6 while the rule priced 9.
	p := InlinePlan("us-east-1", []InlineResource{{Type: "aws_autoscaling_group", Name: "web",
		Values: raw(map[string]any{"min_size": 1, "desired_capacity": 9, "max_size": 6})}})
	r := rangeTestEstimator().Estimate(p).Resources[0]
	// 6 × 70.08 = 420.48
	if !r.Range.Expected.Equal(Dec("420.48")) || !r.Range.Max.Equal(Dec("420.48")) {
		t.Errorf("range = %+v", r.Range)
	}
}

// TestRangeExpectedIsTheCostAtPricedCount: with hours_per_day the hours are
// 8 × 730/24 = 8 × 30.4166666666666667 (Div's 16 places) = 243.3333333333333336,
// so 3 × m5.large costs 3 × 0.096 × 243.3333333333333336 = 70.0800000000000000768,
// more places than a quotient keeps. Expected (desired 3 within [1, 6]) must be
// that figure, not 70.0800000000000000768 / 3 cut to 16 places and × 3 (70.08).
func TestRangeExpectedIsTheCostAtPricedCount(t *testing.T) {
	u, err := usage.Parse("u.yml", []byte("version: 0.1\nresource_type_default_usage:\n  aws_autoscaling_group:\n    hours_per_day: 8\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := rangeTestEstimator()
	e.opts.Usage = u
	p := InlinePlan("us-east-1", []InlineResource{{Type: "aws_autoscaling_group", Name: "web",
		Values: raw(map[string]any{"min_size": 1, "desired_capacity": 3, "max_size": 6})}})
	r := e.Estimate(p).Resources[0]
	if !r.MonthlyCost.Equal(Dec("70.0800000000000000768")) {
		t.Fatalf("monthly %s, want 70.0800000000000000768", r.MonthlyCost)
	}
	if !r.Range.Expected.Equal(r.MonthlyCost) {
		t.Errorf("expected %s, want the monthly cost %s", r.Range.Expected, r.MonthlyCost)
	}
}
