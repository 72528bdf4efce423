package aws

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// apigatewayv2APIValues are the aws_apigatewayv2_api attributes that drive cost.
type apigatewayv2APIValues struct {
	ProtocolType *string `json:"protocol_type"`
}

// Infracost's usage keys for aws_apigatewayv2_api.
const (
	keyV2MessageSizeKB = "message_size_kb"
	keyV2Messages      = "monthly_messages"
	keyV2ConnMins      = "monthly_connection_mins"
)

// apigatewayv2API: HTTP APIs bill requests per million in 512 KB chunks;
// WebSocket APIs bill messages and connection minutes, which the catalog
// does not price.
func apigatewayv2API() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_apigatewayv2_api",
		Components: []string{"Requests (HTTP, first 300M)", "Requests (HTTP, over 300M)", "Messages (WebSocket)", "Connection minutes (WebSocket)"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyMonthlyRequests, Description: "requests per month (HTTP APIs)"},
			{Key: keyRequestSizeKB, Description: "average request size in KB (HTTP APIs bill 512 KB chunks)"},
			{Key: keyV2Messages, Description: "messages per month (WebSocket APIs; unpriced)"},
			{Key: keyV2MessageSizeKB, Description: "average message size in KB (WebSocket APIs)"},
			{Key: keyV2ConnMins, Description: "connection minutes per month (WebSocket APIs; unpriced)"},
		},
		Notes: "WebSocket messages and connection minutes have no catalog price and are unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v apigatewayv2APIValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			if v.ProtocolType != nil && strings.EqualFold(*v.ProtocolType, "WEBSOCKET") {
				why := "no catalog price for API Gateway WebSocket APIs"
				return []estimate.Component{
					c.Unpriced(estimate.Line{Name: "Messages (WebSocket)", Unit: "1M messages", Category: estimate.ManagedServices}, why),
					c.Unpriced(estimate.Line{Name: "Connection minutes (WebSocket)", Unit: "1M minutes", Category: estimate.ManagedServices}, why),
				}, nil
			}
			req := covNum(c, keyMonthlyRequests)
			if req != nil {
				if size, ok := c.Usage.Number(keyRequestSizeKB); ok && size.IsPositive() {
					q := req.Mul(size.Div(decimal.NewFromInt(512)).Ceil())
					req = &q
				}
			}
			return apigwTiered(c, "Requests (HTTP, first 300M)", "Requests (HTTP, over 300M)", "HTTP API requests (first 300M)",
				req, decimal.NewFromInt(300_000_000)), nil
		},
	}
}
