package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// kmsKeyValues are the aws_kms_key attributes that drive cost.
type kmsKeyValues struct {
	CustomerMasterKeySpec *string `json:"customer_master_key_spec"`
	KeySpec               *string `json:"key_spec"`
}

const keyMonthlyRequests = "monthly_requests"

// kmsKey: a customer managed key costs a key-month; requests are billed per
// 10,000 (symmetric keys are in the catalog; asymmetric request prices are not).
func kmsKey() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_kms_key",
		Components: []string{"Customer managed key", "Requests", "Requests (asymmetric)"},
		UsageKeys:  []estimate.UsageKey{{Key: keyMonthlyRequests, Description: "API requests per month (tfcost key; Infracost has none)"}},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v kmsKeyValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			spec := "SYMMETRIC_DEFAULT"
			for _, s := range []*string{v.KeySpec, v.CustomerMasterKeySpec} {
				if s != nil && *s != "" {
					spec = *s
					break
				}
			}
			return []estimate.Component{kmsKeyMonth(c), kmsRequests(c, spec)}, nil
		},
	}
}

func kmsKeyMonth(c *estimate.Context) estimate.Component {
	l := estimate.Line{Name: "Customer managed key", Unit: "months", Category: estimate.ManagedServices,
		Service: "kms", Item: "customer managed key"}
	if g, ok := covGap(c, l, "KMS keys"); ok {
		return g
	}
	return c.Monthly(l, estimate.Int(1))
}

func kmsRequests(c *estimate.Context, spec string) estimate.Component {
	if spec != "SYMMETRIC_DEFAULT" && !strings.HasPrefix(spec, "HMAC") {
		return c.Unpriced(estimate.Line{Name: "Requests (asymmetric)", Unit: "10k requests", Category: estimate.ManagedServices},
			"no catalog price for asymmetric KMS requests ("+spec+")")
	}
	l := estimate.Line{Name: "Requests", Unit: "10k requests", Category: estimate.ManagedServices,
		Service: "kms", Item: "symmetric requests"}
	if g, ok := covGap(c, l, "KMS requests"); ok {
		return g
	}
	return c.UsageQuantity(l, covPer(covNum(c, keyMonthlyRequests), 10_000))
}
