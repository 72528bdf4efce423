package aws

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// lbValues are the aws_lb / aws_alb attributes that drive cost.
type lbValues struct {
	LoadBalancerType *string `json:"load_balancer_type"`
}

// Usage keys (Infracost's names and meanings): averages over the month.
const (
	keyLBNewConnections    = "new_connections"    // per second
	keyLBActiveConnections = "active_connections" // per minute
	keyLBProcessedGB       = "processed_bytes_gb" // per hour
	keyLBRuleEvaluations   = "rule_evaluations"   // per second (ALB)
)

// capacityUnit is one LCU (ALB), NLCU (NLB) or GLCU (GWLB) per hour, as
// AWS defines them; the largest dimension is billed. Zero means the
// dimension does not apply.
type capacityUnit struct {
	NewPerSecond, ActivePerMinute, GBPerHour, RulesPerSecond decimal.Decimal
}

// lbKinds maps load_balancer_type to its catalog service, unit names and
// AWS's capacity-unit definition (ELB pricing page: ALB 25 new conn/s,
// 3,000 active conn/min, 1 GB/h for EC2 targets, 1,000 rule evaluations/s;
// NLB TCP 800 new conn/s, 100,000 active conn/min, 1 GB/h; GWLB 600 new
// flows/s, 60,000 active flows/min, 1 GB/h).
var lbKinds = map[string]struct {
	label, service, unit, item string
	lcu                        capacityUnit
}{
	"application": {"Application load balancer", "elb_application", "LCU", "LCU hour",
		capacityUnit{estimate.Int(25), estimate.Int(3000), estimate.Int(1), estimate.Int(1000)}},
	"network": {"Network load balancer", "elb_network", "NLCU", "NLCU hour",
		capacityUnit{estimate.Int(800), estimate.Int(100000), estimate.Int(1), decimal.Zero}},
	"gateway": {"Gateway load balancer", "elb_gateway", "GLCU", "GLCU hour",
		capacityUnit{estimate.Int(600), estimate.Int(60000), estimate.Int(1), decimal.Zero}},
}

func lb(typ string) estimate.Rule {
	return estimate.Rule{
		Type:       typ,
		Components: []string{"Application/Network/Gateway load balancer", "Load balancer capacity units"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyLBNewConnections, Description: "New connections (flows) per second, monthly average."},
			{Key: keyLBActiveConnections, Description: "Active connections (flows) per minute, monthly average."},
			{Key: keyLBProcessedGB, Description: "GB processed per hour, monthly average."},
			{Key: keyLBRuleEvaluations, Description: "Billable rule evaluations per second (ALB; AWS's first 10 rules per request are free)."},
		},
		Notes: "Capacity units per hour from usage by AWS's definitions, the largest dimension billed, × 730.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v lbValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			kind := strings.ToLower(str(v.LoadBalancerType))
			if kind == "" {
				if c.Unknown("load_balancer_type") {
					return []estimate.Component{c.UnknownValue(estimate.Line{Name: "Load balancer", Unit: "hours",
						Category: estimate.Network}, "load_balancer_type")}, nil
				}
				kind = "application" // the provider's default
			}
			k, ok := lbKinds[kind]
			if !ok {
				return []estimate.Component{c.Unpriced(estimate.Line{Name: "Load balancer", Unit: "hours", Category: estimate.Network},
					fmt.Sprintf("unknown load_balancer_type %q", kind))}, nil
			}
			hour := c.AlwaysOn(estimate.Line{Name: k.label, Unit: "hours", Category: estimate.Network,
				Service: k.service, Item: "load balancer hour"}, estimate.Int(1))
			return []estimate.Component{hour, lbCapacityUnits(c, k.service, k.unit, k.item, k.lcu)}, nil
		},
	}
}

// lbCapacityUnits converts usage into capacity units per hour (largest
// dimension), then × 730 hours; without usage it shows the unit price.
func lbCapacityUnits(c *estimate.Context, service, unit, item string, def capacityUnit) estimate.Component {
	l := estimate.Line{Name: "Load balancer capacity units", Unit: unit + "-hours", Category: estimate.Network,
		Service: service, Item: item}
	var largest *decimal.Decimal
	dims := []struct {
		key string
		per decimal.Decimal
	}{
		{keyLBNewConnections, def.NewPerSecond},
		{keyLBActiveConnections, def.ActivePerMinute},
		{keyLBProcessedGB, def.GBPerHour},
		{keyLBRuleEvaluations, def.RulesPerSecond},
	}
	for _, d := range dims {
		q, ok := c.Usage.Number(d.key)
		if !ok || d.per.IsZero() {
			continue
		}
		units := q.Div(d.per)
		if largest == nil || units.GreaterThan(*largest) {
			largest = &units
		}
	}
	if largest == nil {
		return c.UsageQuantity(l, nil)
	}
	monthly := largest.Mul(estimate.Int(estimate.HoursPerMonth))
	l.Note = fmt.Sprintf("%s %s per hour (largest dimension) × 730 hours", largest.String(), unit)
	return c.UsageQuantity(l, &monthly)
}
