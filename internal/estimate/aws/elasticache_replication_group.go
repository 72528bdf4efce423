package aws

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// elasticacheReplicationGroupValues are the aws_elasticache_replication_group
// attributes that drive cost (provider v4 and v5 names).
type elasticacheReplicationGroupValues struct {
	NodeType               *string  `json:"node_type"`
	Engine                 *string  `json:"engine"`
	NumCacheClusters       *float64 `json:"num_cache_clusters"`
	NumberCacheClusters    *float64 `json:"number_cache_clusters"`
	NumNodeGroups          *float64 `json:"num_node_groups"`
	ReplicasPerNodeGroup   *float64 `json:"replicas_per_node_group"`
	SnapshotRetentionLimit *float64 `json:"snapshot_retention_limit"`
	ClusterMode            []struct {
		NumNodeGroups        *float64 `json:"num_node_groups"`
		ReplicasPerNodeGroup *float64 `json:"replicas_per_node_group"`
	} `json:"cluster_mode"`
}

// elasticacheReplicationGroup: every node of the group (shards × (1 +
// replicas) in cluster mode, else num_cache_clusters) is billed per hour.
func elasticacheReplicationGroup() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_elasticache_replication_group",
		Components: []string{"ElastiCache (on-demand, <node type>)", "ElastiCache (reserved …, <node type>)", "Backup storage"},
		UsageKeys:  withScheduling(elasticacheUsageKeys...),
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v elasticacheReplicationGroupValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			engine := "redis"
			if v.Engine != nil && *v.Engine != "" {
				engine = strings.ToLower(*v.Engine)
			}
			out := []estimate.Component{elasticacheNodes(c, str(v.NodeType), engine, replicationGroupNodes(v), c.Unknown("node_type"))}
			if covF(v.SnapshotRetentionLimit).GreaterThan(decimal.NewFromInt(1)) {
				out = append(out, elasticacheBackup(c, covF(v.SnapshotRetentionLimit)))
			}
			return out, nil
		},
	}
}

func replicationGroupNodes(v elasticacheReplicationGroupValues) decimal.Decimal {
	groups, replicas := v.NumNodeGroups, v.ReplicasPerNodeGroup
	if len(v.ClusterMode) > 0 {
		if v.ClusterMode[0].NumNodeGroups != nil {
			groups = v.ClusterMode[0].NumNodeGroups
		}
		if v.ClusterMode[0].ReplicasPerNodeGroup != nil {
			replicas = v.ClusterMode[0].ReplicasPerNodeGroup
		}
	}
	if groups != nil && *groups > 1 || (groups != nil && replicas != nil && v.NumCacheClusters == nil && v.NumberCacheClusters == nil) {
		return covF(groups).Mul(covF(replicas).Add(decimal.NewFromInt(1)))
	}
	for _, n := range []*float64{v.NumCacheClusters, v.NumberCacheClusters} {
		if n != nil && *n > 0 {
			return estimate.Float(*n)
		}
	}
	return decimal.NewFromInt(1)
}
