package aws

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// rdsClusterValues are the aws_rds_cluster attributes that drive cost.
type rdsClusterValues struct {
	Engine                *string  `json:"engine"`
	EngineMode            *string  `json:"engine_mode"`
	StorageType           *string  `json:"storage_type"`
	BackupRetentionPeriod *float64 `json:"backup_retention_period"`
	// ServerlessV2Scaling bounds a db.serverless instance's ACUs.
	ServerlessV2Scaling []struct {
		MinCapacity *float64 `json:"min_capacity"`
		MaxCapacity *float64 `json:"max_capacity"`
	} `json:"serverlessv2_scaling_configuration"`
}

// Infracost's usage keys for aws_rds_cluster.
const (
	keyAuroraStorage  = "storage_gb"
	keyAuroraWriteRPS = "write_requests_per_sec"
	keyAuroraReadRPS  = "read_requests_per_sec"
	keyAuroraBackup   = "backup_snapshot_size_gb"
)

// auroraIOOptimized reports Aurora I/O-Optimized storage ("aurora-iopt1").
func auroraIOOptimized(storageType *string) bool {
	return storageType != nil && strings.EqualFold(*storageType, "aurora-iopt1")
}

// rdsCluster: an Aurora cluster's shared storage, I/O requests (standard
// storage only) and backups beyond the free retention day; instances are
// priced by aws_rds_cluster_instance.
func rdsCluster() estimate.Rule {
	return estimate.Rule{
		Type: "aws_rds_cluster",
		Components: []string{"Storage (Aurora standard)", "Storage (Aurora I/O-Optimized)", "I/O requests",
			"Backup storage", "Aurora Serverless v1 capacity"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyAuroraStorage, Description: "GB stored"},
			{Key: keyAuroraWriteRPS, Description: "write I/O requests per second (standard storage)"},
			{Key: keyAuroraReadRPS, Description: "read I/O requests per second (standard storage)"},
			{Key: keyAuroraBackup, Description: "size of one backup snapshot in GB"},
			{Key: keyCapacityUnitsHrs, Description: "average ACUs (Serverless v1 engine_mode serverless; unpriced)"},
		},
		Notes: "I/O-Optimized storage has no exact catalog figure (Infracost prints a rounded $0.23) and is unpriced; Serverless v1 ACUs are unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v rdsClusterValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			var out []estimate.Component
			if v.EngineMode != nil && strings.EqualFold(*v.EngineMode, "serverless") {
				out = append(out, c.Unpriced(estimate.Line{Name: "Aurora Serverless v1 capacity", Unit: "ACU-hours", Category: estimate.Database},
					"no catalog price for Aurora Serverless v1 ACUs"))
			}
			if auroraIOOptimized(v.StorageType) {
				out = append(out, c.Unpriced(estimate.Line{Name: "Storage (Aurora I/O-Optimized)", Unit: "GB", Category: estimate.Database},
					"no exact catalog price for Aurora I/O-Optimized storage; I/O requests are included"))
			} else {
				out = append(out, auroraStorage(c), auroraIO(c))
			}
			if covF(v.BackupRetentionPeriod).GreaterThan(decimal.NewFromInt(1)) {
				out = append(out, auroraBackup(c, covF(v.BackupRetentionPeriod)))
			}
			return out, nil
		},
	}
}

func auroraStorage(c *estimate.Context) estimate.Component {
	l := estimate.Line{Name: "Storage (Aurora standard)", Unit: "GB", Category: estimate.Database, Service: "rds", Item: "Aurora storage (standard)"}
	if g, ok := covGap(c, l, "Aurora storage"); ok {
		return g
	}
	return c.UsageKey(l, keyAuroraStorage)
}

// auroraIO: (reads + writes per second) × 730 h × 3600 s, per million.
func auroraIO(c *estimate.Context) estimate.Component {
	l := estimate.Line{Name: "I/O requests", Unit: "1M requests", Category: estimate.Database, Service: "rds", Item: "Aurora I/O requests (standard)"}
	if g, ok := covGap(c, l, "Aurora I/O requests"); ok {
		return g
	}
	w, okW := c.Usage.Number(keyAuroraWriteRPS)
	r, okR := c.Usage.Number(keyAuroraReadRPS)
	if !okW && !okR {
		return c.UsageQuantity(l, nil)
	}
	q := w.Add(r).Mul(decimal.NewFromInt(estimate.HoursPerMonth * 3600)).Div(decimal.NewFromInt(1_000_000))
	return c.UsageQuantity(l, &q)
}

// auroraBackup: backups cover the cluster's size free for one day of
// retention; a snapshot per extra day is billed (Infracost's model).
func auroraBackup(c *estimate.Context, retention decimal.Decimal) estimate.Component {
	l := estimate.Line{Name: "Backup storage", Unit: "GB", Category: estimate.Storage, Service: "rds", Item: "Aurora backup storage"}
	if g, ok := covGap(c, l, "Aurora backup storage"); ok {
		return g
	}
	size := covNum(c, keyAuroraBackup)
	if size == nil {
		return c.UsageQuantity(l, nil)
	}
	q := size.Mul(retention.Sub(decimal.NewFromInt(1)))
	return c.UsageQuantity(l, &q)
}
