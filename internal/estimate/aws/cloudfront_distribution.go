package aws

import "github.com/tfcost/tfcost/internal/estimate"

// cloudfrontDistributionValues are the aws_cloudfront_distribution attributes
// that drive cost.
type cloudfrontDistributionValues struct {
	PriceClass *string `json:"price_class"`
}

// cloudfrontRegions are Infracost's usage-key prefixes for CloudFront's
// price regions.
var cloudfrontRegions = []string{"united_states", "europe", "south_africa", "south_america", "japan", "australia", "asia_pacific", "india"}

// cloudfrontDistribution: data transfer out and requests per price region,
// all usage. shared/pricing has no CloudFront figure, so the lines are
// unpriced; Infracost's usage keys are accepted so existing files work.
func cloudfrontDistribution() estimate.Rule {
	var keys []estimate.UsageKey
	for _, r := range cloudfrontRegions {
		keys = append(keys,
			estimate.UsageKey{Key: r + "_data_transfer_internet_gb", Description: "GB to the internet from " + r + " edges"},
			estimate.UsageKey{Key: r + "_data_transfer_origin_gb", Description: "GB to the origin from " + r + " edges"},
			estimate.UsageKey{Key: r + "_http_requests", Description: "HTTP requests at " + r + " edges"},
			estimate.UsageKey{Key: r + "_https_requests", Description: "HTTPS requests at " + r + " edges"})
	}
	keys = append(keys, estimate.UsageKey{Key: "invalidation_paths", Description: "invalidation paths per month"},
		estimate.UsageKey{Key: "encryption_requests", Description: "field-level encryption requests"},
		estimate.UsageKey{Key: "log_lines", Description: "real-time log lines"},
		estimate.UsageKey{Key: "custom_ssl_certificates", Description: "dedicated-IP custom SSL certificates"})
	return estimate.Rule{
		Type:       "aws_cloudfront_distribution",
		Components: []string{"Data transfer out to internet", "Data transfer out to origin", "HTTP requests", "HTTPS requests", "Invalidation requests"},
		UsageKeys:  keys,
		Notes:      "No CloudFront figure in the catalog: every line is unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v cloudfrontDistributionValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			why := "no catalog price for CloudFront"
			out := []estimate.Component{
				c.Unpriced(estimate.Line{Name: "Data transfer out to internet", Unit: "GB", Category: estimate.Network}, why),
				c.Unpriced(estimate.Line{Name: "Data transfer out to origin", Unit: "GB", Category: estimate.Network}, why),
				c.Unpriced(estimate.Line{Name: "HTTP requests", Unit: "10k requests", Category: estimate.Network}, why),
				c.Unpriced(estimate.Line{Name: "HTTPS requests", Unit: "10k requests", Category: estimate.Network}, why),
			}
			if covNum(c, "invalidation_paths") != nil {
				out = append(out, c.Unpriced(estimate.Line{Name: "Invalidation requests", Unit: "paths", Category: estimate.Network}, why))
			}
			return out, nil
		},
	}
}
