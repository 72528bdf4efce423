package aws

import (
	"strings"
	"testing"
)

// aws_unit_prices.csv: us-east-1 (S4) ALB hour 0.0225, LCU-hour 0.008; NLB
// hour 0.0225, NLCU-hour 0.006. eu-west-1 (S5) GWLB hour 0.014, GLCU-hour 0.004.
func TestLB(t *testing.T) {
	tests := []struct {
		name, typ, values, usage, region string
		want                             map[string]string
		total                            string
	}{
		// 0.0225 × 730 = 16.425; LCUs depend on usage
		{name: "alb default type", typ: "aws_lb", values: `{}`,
			want: map[string]string{"Application load balancer": "16.425", "Load balancer capacity units": ""}, total: "16.425"},
		// LCU/h = max(50/25=2, 3000/3000=1, 0.5/1, 1500/1000=1.5) = 2 → 2 × 730 × 0.008 = 11.68
		{name: "alb with usage", typ: "aws_alb", values: `{"load_balancer_type":"application"}`,
			usage: "new_connections: 50\nactive_connections: 3000\nprocessed_bytes_gb: 0.5\nrule_evaluations: 1500",
			want:  map[string]string{"Load balancer capacity units": "11.68"}, total: "28.105"},
		// rule evaluations dominate: 4000/1000 = 4 → 4 × 730 × 0.008 = 23.36
		{name: "alb rule evaluations", typ: "aws_lb", values: `{"load_balancer_type":"application"}`,
			usage: "new_connections: 25\nrule_evaluations: 4000",
			want:  map[string]string{"Load balancer capacity units": "23.36"}},
		// NLCU/h = max(1600/800=2, 50000/100000=0.5, 3/1=3) = 3 → 3 × 730 × 0.006 = 13.14; hour 16.425
		{name: "nlb", typ: "aws_lb", values: `{"load_balancer_type":"network"}`,
			usage: "new_connections: 1600\nactive_connections: 50000\nprocessed_bytes_gb: 3",
			want:  map[string]string{"Network load balancer": "16.425", "Load balancer capacity units": "13.14"}, total: "29.565"},
		// rule_evaluations do not apply to an NLB: NLCU = 1600/800 = 2 → 2 × 730 × 0.006 = 8.76
		{name: "nlb ignores rules", typ: "aws_lb", values: `{"load_balancer_type":"network"}`,
			usage: "new_connections: 1600\nrule_evaluations: 100000",
			want:  map[string]string{"Load balancer capacity units": "8.76"}},
		// 0.014 × 730 = 10.22; GLCU = 2 GB/h → 2 × 730 × 0.004 = 5.84
		{name: "gwlb eu-west-1", typ: "aws_lb", values: `{"load_balancer_type":"gateway"}`, region: "eu-west-1",
			usage: "processed_bytes_gb: 2",
			want:  map[string]string{"Gateway load balancer": "10.22", "Load balancer capacity units": "5.84"}, total: "16.06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			region := tt.region
			if region == "" {
				region = "us-east-1"
			}
			r := priceOne(t, tt.typ, tt.values, tt.usage, region)
			for name, want := range tt.want {
				assertMonthly(t, r, name, want)
			}
			if tt.total != "" {
				assertTotal(t, r, tt.total)
			}
		})
	}
}

func TestLBEdgeCases(t *testing.T) {
	r := priceOne(t, "aws_lb", `{}`, "", "us-east-1")
	if c := comp(t, r, "Load balancer capacity units"); !c.UsageBased || !strings.Contains(c.Note, "depends on usage") {
		t.Errorf("LCUs without usage: %+v", c)
	}
	r = priceOneUnknown(t, "aws_lb", `{}`, `{"load_balancer_type":true}`, "", "us-east-1")
	if c := comp(t, r, "Load balancer"); !c.Unknown {
		t.Errorf("unknown type: %+v", c)
	}
	// No GWLB price in us-east-1: unpriced, never $0.
	r = priceOne(t, "aws_lb", `{"load_balancer_type":"gateway"}`, "", "us-east-1")
	if c := comp(t, r, "Gateway load balancer"); !c.Unpriced {
		t.Errorf("gwlb us-east-1 should be unpriced: %+v", c)
	}
}
