package aws

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// vpcEndpointValues are the aws_vpc_endpoint attributes that drive cost.
type vpcEndpointValues struct {
	VpcEndpointType *string  `json:"vpc_endpoint_type"`
	SubnetIDs       []string `json:"subnet_ids"`
	SubnetConfig    []struct {
		SubnetID *string `json:"subnet_id"`
	} `json:"subnet_configuration"`
}

// vpcEndpoint: interface endpoints pay per ENI (one per subnet, i.e. per AZ)
// per hour plus tiered data processing; Gateway Load Balancer endpoints per
// hour and GB; gateway endpoints (S3, DynamoDB) are free.
func vpcEndpoint() estimate.Rule {
	return estimate.Rule{
		Type: "aws_vpc_endpoint",
		Components: []string{"Endpoint (Interface)", "Data processed (first 1PB)", "Data processed (next 4PB)",
			"Data processed (over 5PB)", "Endpoint (GatewayLoadBalancer)", "Data processed (GatewayLoadBalancer)", "Endpoint (Gateway)"},
		UsageKeys: []estimate.UsageKey{{Key: keyMonthlyDataProcessedGB, Description: "GB processed per month"}},
		Notes:     "Interface endpoints are billed per subnet (one ENI per AZ). Gateway endpoints are free.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v vpcEndpointValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			typ := "Gateway"
			if v.VpcEndpointType != nil && *v.VpcEndpointType != "" {
				typ = *v.VpcEndpointType
			}
			switch strings.ToLower(typ) {
			case "interface":
				return append([]estimate.Component{vpceInterfaceHours(c, v)}, vpceInterfaceData(c)...), nil
			case "gatewayloadbalancer":
				return vpceGWLB(c), nil
			}
			return []estimate.Component{vpceGatewayFree()}, nil
		},
	}
}

// vpceGatewayFree is an explicit $0 line: AWS does not charge for gateway
// endpoints, which is a fact about the service, not a catalog figure.
func vpceGatewayFree() estimate.Component {
	return covFree("Endpoint (Gateway)", "hours", estimate.Network, "AWS does not charge for gateway endpoints (S3, DynamoDB)")
}

// covFree is an explicit no-charge line for something AWS documents as free,
// so reports show why a priced resource costs nothing.
func covFree(name, unit string, cat estimate.Category, note string) estimate.Component {
	zero := decimal.Zero
	return estimate.Component{Name: name, Unit: unit, Category: cat,
		MonthlyCost: &zero, HourlyCost: &zero, MonthlyQuantity: &zero, HourlyQuantity: &zero, Note: note}
}

// vpceInterfaceHours counts ENIs: one per subnet. Unknown subnet IDs are
// counted from the subnets the configuration refers to.
func vpceInterfaceHours(c *estimate.Context, v vpcEndpointValues) estimate.Component {
	l := estimate.Line{Name: "Endpoint (Interface)", Unit: "hours", Category: estimate.Network,
		Service: "vpc_endpoint", Item: "interface endpoint hour (per AZ)", Note: "one ENI per subnet (AZ)"}
	if g, ok := covGap(c, l, "interface endpoint hours"); ok {
		return g
	}
	n := len(v.SubnetIDs)
	if len(v.SubnetConfig) > n {
		n = len(v.SubnetConfig)
	}
	if c.Unknown("subnet_ids") || n == 0 {
		if rel := c.Related("subnet_ids", "aws_subnet"); len(rel) > 0 {
			n = len(rel)
			l.Note += "; subnet count from the configuration's references"
		} else if c.Unknown("subnet_ids") {
			return c.UnknownValue(l, "subnet_ids")
		}
	}
	if n == 0 {
		n = 1
		l.Note += "; no subnets given: priced as one"
	}
	return c.AlwaysOn(l, estimate.Int(int64(n)))
}

func vpceInterfaceData(c *estimate.Context) []estimate.Component {
	items := []struct{ name, item string }{
		{"Data processed (first 1PB)", "interface data processed (first 1 PB)"},
		{"Data processed (next 4PB)", "interface data processed (next 4 PB)"},
		{"Data processed (over 5PB)", "interface data processed (over 5 PB)"},
	}
	line := func(i int) estimate.Line {
		return estimate.Line{Name: items[i].name, Unit: "GB", Category: estimate.Network, Service: "vpc_endpoint", Item: items[i].item}
	}
	gb := covNum(c, keyMonthlyDataProcessedGB)
	if gb == nil {
		return []estimate.Component{c.UsageQuantity(line(0), nil)}
	}
	var out []estimate.Component
	for i, q := range covTiers(*gb, decimal.NewFromInt(1_000_000), decimal.NewFromInt(4_000_000)) {
		if i > 0 && !q.IsPositive() {
			break
		}
		out = append(out, c.UsageQuantity(line(i), &q))
	}
	return out
}

func vpceGWLB(c *estimate.Context) []estimate.Component {
	h := estimate.Line{Name: "Endpoint (GatewayLoadBalancer)", Unit: "hours", Category: estimate.Network,
		Service: "vpc_endpoint", Item: "gateway load balancer endpoint hour"}
	d := estimate.Line{Name: "Data processed (GatewayLoadBalancer)", Unit: "GB", Category: estimate.Network,
		Service: "vpc_endpoint", Item: "gateway load balancer endpoint data processed"}
	out := []estimate.Component{}
	if g, ok := covGap(c, h, "Gateway Load Balancer endpoint hours"); ok {
		out = append(out, g)
	} else {
		out = append(out, c.AlwaysOn(h, estimate.Int(1)))
	}
	if g, ok := covGap(c, d, "Gateway Load Balancer endpoint data"); ok {
		out = append(out, g)
	} else {
		out = append(out, c.UsageKey(d, keyMonthlyDataProcessedGB))
	}
	return out
}
