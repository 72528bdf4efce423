package aws

import "github.com/tfcost/tfcost/internal/estimate"

// route53ZoneValues: public and private zones cost the same per month.
type route53ZoneValues struct {
	Name *string `json:"name"`
}

// route53Zone: one hosted zone-month at the first-25-zones rate (the lower
// rate for zones beyond 25 in an account is not in the catalog).
func route53Zone() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_route53_zone",
		Components: []string{"Hosted zone"},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v route53ZoneValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			l := estimate.Line{Name: "Hosted zone", Unit: "months", Category: estimate.Network,
				Service: "route53", Item: "hosted zone (first 25)"}
			if g, ok := covGap(c, l, "Route 53 hosted zones"); ok {
				return []estimate.Component{g}, nil
			}
			return []estimate.Component{c.Monthly(l, estimate.Int(1))}, nil
		},
	}
}
