package aws

import "github.com/tfcost/tfcost/internal/estimate"

// route53RecordValues are the aws_route53_record attributes that drive cost.
type route53RecordValues struct {
	Alias                   []struct{} `json:"alias"`
	LatencyRoutingPolicy    []struct{} `json:"latency_routing_policy"`
	GeolocationRoutingPolic []struct{} `json:"geolocation_routing_policy"`
}

// Infracost's usage keys for aws_route53_record.
const (
	keyR53Standard = "monthly_standard_queries"
	keyR53Latency  = "monthly_latency_based_queries"
	keyR53Geo      = "monthly_geo_queries"
)

// route53Record: DNS queries are billed per million by routing type; alias
// queries to AWS resources are free. The catalog has no query prices, so the
// queries are reported unpriced.
func route53Record() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_route53_record",
		Components: []string{"Standard queries", "Latency based routing queries", "Geo DNS queries", "Alias queries"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyR53Standard, Description: "standard queries per month"},
			{Key: keyR53Latency, Description: "latency-based routing queries per month"},
			{Key: keyR53Geo, Description: "geolocation queries per month"},
		},
		Notes: "No query prices in the catalog: query lines are unpriced. Alias records to AWS resources are free.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v route53RecordValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			if len(v.Alias) > 0 {
				return []estimate.Component{covFree("Alias queries", "1M queries", estimate.Network,
					"Route 53 does not charge for alias queries to AWS resources")}, nil
			}
			name, key := "Standard queries", keyR53Standard
			switch {
			case len(v.LatencyRoutingPolicy) > 0:
				name, key = "Latency based routing queries", keyR53Latency
			case len(v.GeolocationRoutingPolic) > 0:
				name, key = "Geo DNS queries", keyR53Geo
			}
			l := estimate.Line{Name: name, Unit: "1M queries", Category: estimate.Network, Service: "route53", Item: name}
			if g, ok := covGap(c, l, "Route 53 queries"); ok {
				if q := covNum(c, key); q != nil {
					g.Note += " (" + q.String() + " queries given in usage)"
				}
				return []estimate.Component{g}, nil
			}
			return []estimate.Component{c.UsageQuantity(l, covPer(covNum(c, key), 1_000_000))}, nil
		},
	}
}
