package aws

import "github.com/tfcost/tfcost/internal/estimate"

// eipValues are the aws_eip attributes that drive cost.
type eipValues struct {
	Domain string `json:"domain"`
	// Vpc is the pre-v5 provider's flag; irrelevant to price, kept for clarity.
	Vpc *bool `json:"vpc"`
}

// eip: AWS charges every public IPv4 address by the hour since 1 Feb 2024,
// attached or idle, so one address-hour per hour.
func eip() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_eip",
		Components: []string{"Public IPv4 address"},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v eipValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return []estimate.Component{eipAddress(c)}, nil
		},
	}
}

func eipAddress(c *estimate.Context) estimate.Component {
	return c.AlwaysOn(estimate.Line{Name: "Public IPv4 address", Unit: "hours", Category: estimate.Network,
		Service: "public_ipv4", Item: "address hour"}, estimate.Int(1))
}
