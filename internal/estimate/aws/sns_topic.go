package aws

import (
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// snsTopicValues are the aws_sns_topic attributes that drive cost.
type snsTopicValues struct {
	FifoTopic *bool `json:"fifo_topic"`
}

// Infracost's subscription-delivery keys; the catalog has no delivery prices.
var snsDeliveryKeys = []string{"http_subscriptions", "email_subscriptions", "kinesis_subscriptions",
	"mobile_push_subscriptions", "macos_subscriptions", "sms_subscriptions"}

// snsTopic: publishes are billed per million 64 KB chunks after the first
// million a month (the catalog's price is for requests over 1M).
func snsTopic() estimate.Rule {
	keys := []estimate.UsageKey{
		{Key: keyMonthlyRequests, Description: "publish requests per month"},
		{Key: keyRequestSizeKB, Description: "request size in KB (billed in 64 KB chunks; default 64)"},
	}
	for _, k := range snsDeliveryKeys {
		keys = append(keys, estimate.UsageKey{Key: k, Description: "deliveries per month (no catalog price: reported unpriced)"})
	}
	return estimate.Rule{
		Type:       "aws_sns_topic",
		Components: []string{"API requests (over 1M)", "Notification deliveries"},
		UsageKeys:  keys,
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v snsTopicValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			l := estimate.Line{Name: "API requests (over 1M)", Unit: "1M requests", Category: estimate.ManagedServices,
				Service: "sns", Item: "API requests (over 1M)", Note: "the first 1M requests a month are free"}
			out := []estimate.Component{}
			if g, ok := covGap(c, l, "SNS requests"); ok {
				out = append(out, g)
			} else {
				var q *decimal.Decimal
				if chunks := covChunkedRequests(c); chunks != nil {
					billable := decimal.Max(decimal.Zero, chunks.Sub(decimal.NewFromInt(1_000_000)))
					q = covPer(&billable, 1_000_000)
				}
				out = append(out, c.UsageQuantity(l, q))
			}
			for _, k := range snsDeliveryKeys {
				if covNum(c, k) != nil {
					out = append(out, c.Unpriced(estimate.Line{Name: "Notification deliveries (" + k + ")", Unit: "1M notifications",
						Category: estimate.ManagedServices}, "no catalog price for SNS notification deliveries"))
				}
			}
			return out, nil
		},
	}
}
