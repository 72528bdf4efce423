package aws

import "github.com/tfcost/tfcost/internal/estimate"

// ecrRepositoryValues: storage is the only charge and it is usage.
type ecrRepositoryValues struct {
	Name *string `json:"name"`
}

const keyECRStorageOld = "storage"

// ecrRepository: image storage per GB-month.
func ecrRepository() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_ecr_repository",
		Components: []string{"Storage"},
		UsageKeys: []estimate.UsageKey{{Key: "storage_gb", Description: "GB of images stored"},
			{Key: keyECRStorageOld, Description: "GB of images stored (the key of older Infracost usage files)"}},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v ecrRepositoryValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			l := estimate.Line{Name: "Storage", Unit: "GB", Category: estimate.Storage, Service: "ecr", Item: "storage"}
			if g, ok := covGap(c, l, "ECR storage"); ok {
				return []estimate.Component{g}, nil
			}
			q := covNum(c, "storage_gb")
			if q == nil {
				q = covNum(c, keyECRStorageOld)
			}
			return []estimate.Component{c.UsageQuantity(l, q)}, nil
		},
	}
}
