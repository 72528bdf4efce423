package aws

import "github.com/tfcost/tfcost/internal/estimate"

// natGatewayValues are the aws_nat_gateway attributes; public and private
// NAT gateways bill the same hourly and per-GB rates, so none drive cost.
type natGatewayValues struct {
	ConnectivityType *string `json:"connectivity_type"`
}

const keyNATDataProcessed = "monthly_data_processed_gb"

func natGateway() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_nat_gateway",
		Components: []string{"NAT gateway", "Data processed"},
		UsageKeys:  []estimate.UsageKey{{Key: keyNATDataProcessed, Description: "Monthly GB processed by the NAT gateway."}},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v natGatewayValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return []estimate.Component{natHours(c), natData(c)}, nil
		},
	}
}

// natHours: a NAT gateway bills every hour it exists, whatever the traffic.
func natHours(c *estimate.Context) estimate.Component {
	return c.AlwaysOn(estimate.Line{Name: "NAT gateway", Unit: "hours", Category: estimate.Network,
		Service: "nat_gateway", Item: "gateway hour"}, estimate.Int(1))
}

func natData(c *estimate.Context) estimate.Component {
	return c.UsageKey(estimate.Line{Name: "Data processed", Unit: "GB", Category: estimate.Network,
		Service: "nat_gateway", Item: "data processed"}, keyNATDataProcessed)
}
