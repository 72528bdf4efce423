package aws

import "github.com/tfcost/tfcost/internal/estimate"

// elbValues: a classic load balancer's price does not depend on its listeners.
type elbValues struct {
	Name *string `json:"name"`
}

const keyMonthlyDataProcessedGB = "monthly_data_processed_gb"

// elb: a classic load balancer is billed per hour and per GB processed.
func elb() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_elb",
		Components: []string{"Classic load balancer", "Data processed"},
		UsageKeys:  []estimate.UsageKey{{Key: keyMonthlyDataProcessedGB, Description: "GB processed per month"}},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v elbValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return []estimate.Component{elbHours(c), elbData(c)}, nil
		},
	}
}

func elbHours(c *estimate.Context) estimate.Component {
	l := estimate.Line{Name: "Classic load balancer", Unit: "hours", Category: estimate.Network,
		Service: "elb_classic", Item: "load balancer hour"}
	if g, ok := covGap(c, l, "classic load balancer hours"); ok {
		return g
	}
	return c.AlwaysOn(l, estimate.Int(1))
}

func elbData(c *estimate.Context) estimate.Component {
	l := estimate.Line{Name: "Data processed", Unit: "GB", Category: estimate.Network,
		Service: "elb_classic", Item: "data processed"}
	if g, ok := covGap(c, l, "classic load balancer data processing"); ok {
		return g
	}
	return c.UsageKey(l, keyMonthlyDataProcessedGB)
}
