package aws

import (
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// sqsQueueValues are the aws_sqs_queue attributes that drive cost.
type sqsQueueValues struct {
	FifoQueue *bool `json:"fifo_queue"`
}

const keyRequestSizeKB = "request_size_kb"

// sqsQueue: requests per million, each request billed in 64 KB chunks.
func sqsQueue() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_sqs_queue",
		Components: []string{"Requests (standard queue)", "Requests (FIFO queue)"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyMonthlyRequests, Description: "requests per month"},
			{Key: keyRequestSizeKB, Description: "request size in KB (billed in 64 KB chunks; default 64)"},
		},
		Notes: "The free tier (1M requests per account) is not deducted.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v sqsQueueValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			l := estimate.Line{Name: "Requests (standard queue)", Unit: "1M requests", Category: estimate.ManagedServices,
				Service: "sqs", Item: "standard queue requests"}
			if v.FifoQueue != nil && *v.FifoQueue {
				l.Name, l.Item = "Requests (FIFO queue)", "FIFO queue requests"
			}
			if g, ok := covGap(c, l, "SQS "+l.Item); ok {
				return []estimate.Component{g}, nil
			}
			return []estimate.Component{c.UsageQuantity(l, covPer(covChunkedRequests(c), 1_000_000))}, nil
		},
	}
}

// covChunkedRequests is monthly_requests × ceil(request_size_kb / 64): SQS and
// SNS bill every 64 KB of a payload as one request.
func covChunkedRequests(c *estimate.Context) *decimal.Decimal {
	req := covNum(c, keyMonthlyRequests)
	if req == nil {
		return nil
	}
	chunks := decimal.NewFromInt(1)
	if size, ok := c.Usage.Number(keyRequestSizeKB); ok && size.IsPositive() {
		chunks = size.Div(decimal.NewFromInt(64)).Ceil()
	}
	q := req.Mul(chunks)
	return &q
}
