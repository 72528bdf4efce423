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

// eipAddress prefers the region's own figure: some regions' sources only
// list the idle-address rate, which since February 2024 is the rate of
// every public IPv4 address.
func eipAddress(c *estimate.Context) estimate.Component {
	l := estimate.Line{Name: "Public IPv4 address", Unit: "hours", Category: estimate.Network,
		Service: "public_ipv4", Item: regionalItem(c, "public_ipv4", "address hour", "additional/idle address hour")}
	if l.Item != "address hour" {
		l.Note = "the region's idle-address rate, which AWS charges every public IPv4 address since February 2024"
	}
	return c.AlwaysOn(l, estimate.Int(1))
}
