package aws

import "github.com/tfcost/tfcost/internal/estimate"

// secretsmanagerSecretValues: every secret costs the same.
type secretsmanagerSecretValues struct {
	Name *string `json:"name"`
}

// secretsmanagerSecret: a secret-month plus API calls per 10,000.
func secretsmanagerSecret() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_secretsmanager_secret",
		Components: []string{"Secret", "API requests"},
		UsageKeys:  []estimate.UsageKey{{Key: keyMonthlyRequests, Description: "API requests per month"}},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v secretsmanagerSecretValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			secret := estimate.Line{Name: "Secret", Unit: "months", Category: estimate.ManagedServices,
				Service: "secretsmanager", Item: "secret"}
			reqs := estimate.Line{Name: "API requests", Unit: "10k requests", Category: estimate.ManagedServices,
				Service: "secretsmanager", Item: "API requests"}
			out := []estimate.Component{}
			if g, ok := covGap(c, secret, "Secrets Manager secrets"); ok {
				out = append(out, g)
			} else {
				out = append(out, c.Monthly(secret, estimate.Int(1)))
			}
			if g, ok := covGap(c, reqs, "Secrets Manager API requests"); ok {
				out = append(out, g)
			} else {
				out = append(out, c.UsageQuantity(reqs, covPer(covNum(c, keyMonthlyRequests), 10_000)))
			}
			return out, nil
		},
	}
}
