package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// ssmParameterValues are the aws_ssm_parameter attributes that decide its tier.
type ssmParameterValues struct {
	Tier     *string `json:"tier"`
	Value    *string `json:"value"`
	Policies *string `json:"policies"`
}

// ssmStandardMaxBytes is the largest value a standard parameter holds;
// Intelligent-Tiering promotes a larger one to the advanced tier.
const ssmStandardMaxBytes = 4096

// ssmParameter: standard parameters are free; advanced ones are billed per
// parameter-month, a price the catalog does not have, so the line is
// unpriced rather than $0.
func ssmParameter() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_ssm_parameter",
		Components: []string{"Advanced parameter"},
		Notes: "Standard tier is free. Advanced tier (tier = \"Advanced\", or Intelligent-Tiering with a value over 4 KB " +
			"or policies) is billed per parameter-month: no catalog price, reported unpriced. API throughput charges are not modelled.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v ssmParameterValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			l := estimate.Line{Name: "Advanced parameter", Unit: "parameters", Category: estimate.ManagedServices}
			tier := strings.ToLower(str(v.Tier))
			switch {
			case c.Unknown("tier") && len(c.Resource.References["tier"]) > 0:
				return []estimate.Component{covUnknown(c, l, "tier")}, nil
			case tier == "advanced":
				return []estimate.Component{c.Unpriced(l, "no catalog price for advanced-tier parameters")}, nil
			case tier == "intelligent-tiering" && (len(str(v.Value)) > ssmStandardMaxBytes || str(v.Policies) != ""):
				l.Note = "Intelligent-Tiering stores a value over 4 KB or with policies in the advanced tier"
				return []estimate.Component{c.Unpriced(l, "no catalog price for advanced-tier parameters; Intelligent-Tiering makes this one advanced")}, nil
			}
			c.SetNote("standard tier: Parameter Store does not charge for it")
			return nil, nil
		},
	}
}
