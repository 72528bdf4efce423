package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// dynamodbTableValues are the aws_dynamodb_table attributes that drive cost.
type dynamodbTableValues struct {
	BillingMode         *string  `json:"billing_mode"`
	ReadCapacity        *float64 `json:"read_capacity"`
	WriteCapacity       *float64 `json:"write_capacity"`
	PointInTimeRecovery []struct {
		Enabled *bool `json:"enabled"`
	} `json:"point_in_time_recovery"`
	Replica []struct {
		RegionName *string `json:"region_name"`
	} `json:"replica"`
}

// Infracost's usage keys for aws_dynamodb_table.
const (
	keyDDBWRU       = "monthly_write_request_units"
	keyDDBRRU       = "monthly_read_request_units"
	keyDDBStorage   = "storage_gb"
	keyDDBPITR      = "pitr_backup_storage_gb"
	keyDDBBackup    = "on_demand_backup_storage_gb"
	keyDDBRestore   = "monthly_data_restored_gb"
	keyDDBStreamRRU = "monthly_streams_read_request_units"
)

// dynamodbTable: provisioned tables pay for WCU/RCU every month; on-demand
// tables per million request units; both for storage and backups.
func dynamodbTable() estimate.Rule {
	return estimate.Rule{
		Type: "aws_dynamodb_table",
		Components: []string{"Write capacity unit (WCU)", "Read capacity unit (RCU)", "Write request unit (WRU)",
			"Read request unit (RRU)", "Data storage", "Point-in-time recovery (PITR) backup storage", "On-demand backup storage",
			"Table data restored", "Streams read request unit (sRRU)", "Replicated write capacity (global table)"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyDDBWRU, Description: "write request units per month (on-demand tables)"},
			{Key: keyDDBRRU, Description: "read request units per month (on-demand tables)"},
			{Key: keyDDBStorage, Description: "table storage in GB"},
			{Key: keyDDBPITR, Description: "continuous backup (PITR) storage in GB"},
			{Key: keyDDBBackup, Description: "on-demand backup storage in GB"},
			{Key: keyDDBRestore, Description: "GB restored per month (no catalog price: reported unpriced)"},
			{Key: keyDDBStreamRRU, Description: "streams read request units per month (no catalog price: reported unpriced)"},
		},
		Notes: "The catalog's DynamoDB figures are for us-east-2 only; other regions use them marked approximate (or are unpriced with --strict-prices).",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v dynamodbTableValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			var out []estimate.Component
			if v.BillingMode != nil && strings.EqualFold(*v.BillingMode, "PAY_PER_REQUEST") {
				out = append(out, ddbRequests(c, "Write request unit (WRU)", "1M WRU", "on-demand write request units", keyDDBWRU),
					ddbRequests(c, "Read request unit (RRU)", "1M RRU", "on-demand read request units", keyDDBRRU))
			} else {
				out = append(out, ddbCapacity(c, "Write capacity unit (WCU)", "WCU", "provisioned WCU", v.WriteCapacity, "write_capacity"),
					ddbCapacity(c, "Read capacity unit (RCU)", "RCU", "provisioned RCU", v.ReadCapacity, "read_capacity"))
			}
			out = append(out, ddbStorage(c, "Data storage", "data storage", keyDDBStorage))
			if len(v.PointInTimeRecovery) > 0 && v.PointInTimeRecovery[0].Enabled != nil && *v.PointInTimeRecovery[0].Enabled {
				out = append(out, ddbStorage(c, "Point-in-time recovery (PITR) backup storage", "PITR backup storage", keyDDBPITR))
			}
			out = append(out, ddbStorage(c, "On-demand backup storage", "on-demand backup storage", keyDDBBackup))
			out = append(out, ddbUsageGaps(c)...)
			for _, r := range v.Replica {
				name := "Replicated write capacity (global table)"
				if r.RegionName != nil {
					name += " " + *r.RegionName
				}
				out = append(out, c.Unpriced(estimate.Line{Name: name, Unit: "rWCU", Category: estimate.Database},
					"no catalog price for DynamoDB replicated writes"))
			}
			return out, nil
		},
	}
}

// ddbCapacity: provisioned capacity is a monthly figure per unit in the catalog
// (hourly rate × 730), billed whether or not the table is used.
func ddbCapacity(c *estimate.Context, name, unit, item string, units *float64, attr string) estimate.Component {
	l := estimate.Line{Name: name, Unit: unit, Category: estimate.Database, Service: "dynamodb", Item: item}
	if c.Unknown(attr) {
		return c.UnknownValue(l, attr)
	}
	if g, ok := covGap(c, l, "DynamoDB "+item); ok {
		return g
	}
	return c.Monthly(l, covF(units))
}

func ddbRequests(c *estimate.Context, name, unit, item, key string) estimate.Component {
	l := estimate.Line{Name: name, Unit: unit, Category: estimate.Database, Service: "dynamodb", Item: item}
	if g, ok := covGap(c, l, "DynamoDB "+item); ok {
		return g
	}
	return c.UsageQuantity(l, covPer(covNum(c, key), 1_000_000))
}

func ddbStorage(c *estimate.Context, name, item, key string) estimate.Component {
	l := estimate.Line{Name: name, Unit: "GB", Category: estimate.Database, Service: "dynamodb", Item: item}
	if g, ok := covGap(c, l, "DynamoDB "+item); ok {
		return g
	}
	return c.UsageKey(l, key)
}

// ddbUsageGaps reports usage the catalog cannot price, only when given.
func ddbUsageGaps(c *estimate.Context) []estimate.Component {
	var out []estimate.Component
	if covNum(c, keyDDBRestore) != nil {
		out = append(out, c.Unpriced(estimate.Line{Name: "Table data restored", Unit: "GB", Category: estimate.Database},
			"no catalog price for DynamoDB restores"))
	}
	if covNum(c, keyDDBStreamRRU) != nil {
		out = append(out, c.Unpriced(estimate.Line{Name: "Streams read request unit (sRRU)", Unit: "sRRU", Category: estimate.Database},
			"no catalog price for DynamoDB Streams reads"))
	}
	return out
}
