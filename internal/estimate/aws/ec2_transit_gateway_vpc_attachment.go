package aws

import "github.com/tfcost/tfcost/internal/estimate"

// ec2TransitGatewayVpcAttachmentValues: every attachment costs the same per hour.
type ec2TransitGatewayVpcAttachmentValues struct {
	TransitGatewayID *string `json:"transit_gateway_id"`
}

// ec2TransitGatewayVpcAttachment: an attachment-hour plus data processed.
// shared/pricing has neither figure, so both lines are unpriced until the
// catalog gains them (e.g. through `tfcost catalog import`).
func ec2TransitGatewayVpcAttachment() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_ec2_transit_gateway_vpc_attachment",
		Components: []string{"Transit gateway attachment", "Data processed"},
		UsageKeys:  []estimate.UsageKey{{Key: keyMonthlyDataProcessedGB, Description: "GB processed per month"}},
		Notes:      "No catalog price for attachment hours or data processing: both lines are unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v ec2TransitGatewayVpcAttachmentValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			hours := estimate.Line{Name: "Transit gateway attachment", Unit: "hours", Category: estimate.Network,
				Service: "transit_gateway", Item: "attachment hour"}
			data := estimate.Line{Name: "Data processed", Unit: "GB", Category: estimate.Network,
				Service: "transit_gateway", Item: "data processed"}
			out := []estimate.Component{}
			if g, ok := covGap(c, hours, "transit gateway attachment hours"); ok {
				out = append(out, g)
			} else {
				out = append(out, c.AlwaysOn(hours, estimate.Int(1)))
			}
			if g, ok := covGap(c, data, "transit gateway data processing"); ok {
				out = append(out, g)
			} else {
				out = append(out, c.UsageKey(data, keyMonthlyDataProcessedGB))
			}
			return out, nil
		},
	}
}
