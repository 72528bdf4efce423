package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// elasticacheClusterValues are the aws_elasticache_cluster attributes that drive cost.
type elasticacheClusterValues struct {
	NodeType               *string  `json:"node_type"`
	Engine                 *string  `json:"engine"`
	NumCacheNodes          *float64 `json:"num_cache_nodes"`
	SnapshotRetentionLimit *float64 `json:"snapshot_retention_limit"`
	ReplicationGroupID     *string  `json:"replication_group_id"`
}

const keySnapshotStorageGB = "snapshot_storage_size_gb"

// elasticacheUsageKeys are Infracost's keys for ElastiCache plus the
// purchase options.
var elasticacheUsageKeys = slices.Concat([]estimate.UsageKey{
	{Key: keySnapshotStorageGB, Description: "size of one snapshot in GB (backups beyond the free one are billed)"},
}, reservationTermKeys)

// elasticacheCluster: node-hours per node, on-demand or reserved, plus
// backup storage beyond the free snapshot for Redis/Valkey. A member of a
// replication group is priced by the group.
func elasticacheCluster() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_elasticache_cluster",
		Components: []string{"ElastiCache (on-demand, <node type>)", "ElastiCache (reserved …, <node type>)", "Backup storage"},
		UsageKeys:  withScheduling(elasticacheUsageKeys...),
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v elasticacheClusterValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			if v.ReplicationGroupID != nil && *v.ReplicationGroupID != "" {
				// The group's rule prices its nodes; pricing them here would double count.
				return nil, nil
			}
			nodes := decimal.NewFromInt(1)
			if v.NumCacheNodes != nil {
				nodes = estimate.Float(*v.NumCacheNodes)
			}
			engine := "redis"
			if v.Engine != nil && *v.Engine != "" {
				engine = strings.ToLower(*v.Engine)
			}
			out := []estimate.Component{elasticacheNodes(c, str(v.NodeType), engine, nodes, c.Unknown("node_type"))}
			if engine != "memcached" && covF(v.SnapshotRetentionLimit).GreaterThan(decimal.NewFromInt(1)) {
				out = append(out, elasticacheBackup(c, covF(v.SnapshotRetentionLimit)))
			}
			return out, nil
		},
	}
}

// elasticacheNodes prices nodes on-demand or, with reserved_instance_* usage,
// at the reservation's effective hourly rate. A node type known only after
// apply is reported unknown (no guess, and not a catalog gap).
func elasticacheNodes(c *estimate.Context, nodeType, engine string, nodes decimal.Decimal, typeUnknown bool) estimate.Component {
	if nodeType == "" && typeUnknown {
		return covUnknown(c, estimate.Line{Name: "ElastiCache (on-demand, node type unknown)", Unit: "hours", Category: estimate.Database,
			Service: "elasticache"}, "node_type")
	}
	if nodeType == "" {
		return c.Unpriced(estimate.Line{Name: "ElastiCache (on-demand, node type not set)", Unit: "hours", Category: estimate.Database},
			"node_type is not set (a global datastore member takes the primary's type, which the plan does not show)")
	}
	l := estimate.Line{Name: fmt.Sprintf("ElastiCache (on-demand, %s)", nodeType), Unit: "hours", Category: estimate.Database,
		Service: "elasticache", Item: nodeType + "/" + engine + "/on_demand"}
	r, ok, err := covReadReservation(c)
	if err != nil {
		return covBadUsage(c, l, err)
	}
	if ok {
		l.Name = fmt.Sprintf("ElastiCache (%s, %s)", r.label(), nodeType)
		l.Item = fmt.Sprintf("%s/%s/reserved/%s/%s", nodeType, engine, r.Term, r.Payment)
		return covReservedLine(c, l, nodes, r)
	}
	if g, ok := covGap(c, l, "ElastiCache "+nodeType+" ("+engine+")"); ok {
		return g
	}
	return c.Hourly(l, nodes)
}

// elasticacheBackup: one snapshot is free; the other retention-1 are billed.
func elasticacheBackup(c *estimate.Context, retention decimal.Decimal) estimate.Component {
	l := estimate.Line{Name: "Backup storage", Unit: "GB", Category: estimate.Storage, Service: "elasticache", Item: "backup storage"}
	if g, ok := covGap(c, l, "ElastiCache backup storage"); ok {
		return g
	}
	size := covNum(c, keySnapshotStorageGB)
	if size == nil {
		return c.UsageQuantity(l, nil)
	}
	q := size.Mul(retention.Sub(decimal.NewFromInt(1)))
	return c.UsageQuantity(l, &q)
}
