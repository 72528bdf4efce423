package aws

import (
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// apiGatewayRestAPIValues: the REST API's price does not depend on its attributes.
type apiGatewayRestAPIValues struct {
	Name *string `json:"name"`
}

// apiGatewayRestAPI: requests per million with AWS's volume tiers; only the
// first tier (333M a month) is in the catalog, larger volumes are unpriced.
func apiGatewayRestAPI() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_api_gateway_rest_api",
		Components: []string{"Requests (first 333M)", "Requests (over 333M)"},
		UsageKeys:  []estimate.UsageKey{{Key: keyMonthlyRequests, Description: "requests per month"}},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v apiGatewayRestAPIValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return apigwTiered(c, "Requests (first 333M)", "Requests (over 333M)", "REST API requests (first 333M)",
				covNum(c, keyMonthlyRequests), decimal.NewFromInt(333_000_000)), nil
		},
	}
}

// apigwTiered prices requests in the first tier and reports what lies beyond
// as unpriced (the catalog holds only the first-tier figure).
func apigwTiered(c *estimate.Context, first, over, item string, requests *decimal.Decimal, limit decimal.Decimal) []estimate.Component {
	l := estimate.Line{Name: first, Unit: "1M requests", Category: estimate.ManagedServices, Service: "apigateway", Item: item}
	if g, ok := covGap(c, l, "API Gateway "+item); ok {
		return []estimate.Component{g}
	}
	if requests == nil {
		return []estimate.Component{c.UsageQuantity(l, nil)}
	}
	t := covTiers(*requests, limit)
	out := []estimate.Component{c.UsageQuantity(l, covPer(&t[0], 1_000_000))}
	if t[1].IsPositive() {
		g := c.Unpriced(estimate.Line{Name: over, Unit: "1M requests", Category: estimate.ManagedServices},
			"no catalog price for API Gateway requests beyond the first tier")
		g.Note += " (" + t[1].String() + " requests)"
		out = append(out, g)
	}
	return out
}
