package aws

import (
	"fmt"
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// redshiftClusterValues are the aws_redshift_cluster attributes that drive cost.
type redshiftClusterValues struct {
	NodeType      *string  `json:"node_type"`
	NumberOfNodes *float64 `json:"number_of_nodes"`
	ClusterType   *string  `json:"cluster_type"`
}

// redshiftCluster: node-hours, plus managed storage for RA3 nodes and
// usage-driven concurrency scaling, Spectrum and backups. shared/pricing has
// no Redshift figure, so the lines are unpriced.
func redshiftCluster() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_redshift_cluster",
		Components: []string{"Cluster nodes", "Managed storage (RA3)"},
		UsageKeys: []estimate.UsageKey{
			{Key: "managed_storage_gb", Description: "RA3 managed storage in GB"},
			{Key: "excess_concurrency_scaling_secs", Description: "concurrency scaling seconds beyond the free credits"},
			{Key: "spectrum_data_scanned_tb", Description: "TB scanned by Redshift Spectrum per month"},
			{Key: "backup_storage_gb", Description: "backup storage beyond the free allowance in GB"},
		},
		Notes: "No Redshift figure in the catalog: node hours and storage are unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v redshiftClusterValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			nodes := covF(v.NumberOfNodes)
			if nodes.IsZero() || (v.ClusterType != nil && strings.EqualFold(*v.ClusterType, "single-node")) {
				nodes = estimate.Int(1)
			}
			typ := ""
			if v.NodeType != nil {
				typ = *v.NodeType
			}
			why := "no catalog price for Amazon Redshift in " + c.Region
			n := c.Unpriced(estimate.Line{Name: fmt.Sprintf("Cluster nodes (%s)", typ), Unit: "hours", Category: estimate.Database}, why)
			n.Note += fmt.Sprintf(" (%s nodes)", nodes)
			out := []estimate.Component{n}
			if strings.HasPrefix(typ, "ra3.") {
				out = append(out, c.Unpriced(estimate.Line{Name: "Managed storage (RA3)", Unit: "GB", Category: estimate.Storage}, why))
			}
			return out, nil
		},
	}
}
