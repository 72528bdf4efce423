package aws

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// mskClusterValues are the aws_msk_cluster attributes that drive cost.
type mskClusterValues struct {
	NumberOfBrokerNodes *float64 `json:"number_of_broker_nodes"`
	BrokerNodeGroupInfo []struct {
		InstanceType *string `json:"instance_type"`
		StorageInfo  []struct {
			EBSStorageInfo []struct {
				VolumeSize *float64 `json:"volume_size"`
			} `json:"ebs_storage_info"`
		} `json:"storage_info"`
		EBSVolumeSize *float64 `json:"ebs_volume_size"`
	} `json:"broker_node_group_info"`
}

// mskCluster: broker-hours per broker type and broker storage per GB-month.
// shared/pricing has no MSK figure, so both lines are unpriced.
func mskCluster() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_msk_cluster",
		Components: []string{"Broker instances", "Broker storage"},
		Notes:      "No MSK figure in the catalog: broker hours and storage are unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v mskClusterValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			brokers := covF(v.NumberOfBrokerNodes)
			typ, size := "", decimal.Zero
			if len(v.BrokerNodeGroupInfo) > 0 {
				g := v.BrokerNodeGroupInfo[0]
				if g.InstanceType != nil {
					typ = *g.InstanceType
				}
				size = covF(g.EBSVolumeSize)
				if len(g.StorageInfo) > 0 && len(g.StorageInfo[0].EBSStorageInfo) > 0 {
					size = covF(g.StorageInfo[0].EBSStorageInfo[0].VolumeSize)
				}
			}
			why := "no catalog price for Amazon MSK in " + c.Region
			inst := c.Unpriced(estimate.Line{Name: fmt.Sprintf("Broker instances (%s)", typ), Unit: "hours", Category: estimate.ManagedServices}, why)
			inst.Note += fmt.Sprintf(" (%s brokers)", brokers)
			st := c.Unpriced(estimate.Line{Name: "Broker storage", Unit: "GB", Category: estimate.Storage}, why)
			st.Note += fmt.Sprintf(" (%s GB per broker)", size)
			return []estimate.Component{inst, st}, nil
		},
	}
}
