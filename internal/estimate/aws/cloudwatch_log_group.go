package aws

import "github.com/tfcost/tfcost/internal/estimate"

// cloudwatchLogGroupValues: retention does not change the per-GB prices.
type cloudwatchLogGroupValues struct {
	RetentionInDays *float64 `json:"retention_in_days"`
}

// Infracost's usage keys for aws_cloudwatch_log_group.
const (
	keyLogsIngested = "monthly_data_ingested_gb"
	keyLogsStorage  = "storage_gb"
	keyLogsScanned  = "monthly_data_scanned_gb"
)

// cloudwatchLogGroup: ingestion, archival storage and Logs Insights scans,
// all usage-based.
func cloudwatchLogGroup() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_cloudwatch_log_group",
		Components: []string{"Data ingested", "Archival storage", "Insights queries data scanned"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyLogsIngested, Description: "GB ingested per month"},
			{Key: keyLogsStorage, Description: "GB stored"},
			{Key: keyLogsScanned, Description: "GB scanned by Logs Insights per month"},
		},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v cloudwatchLogGroupValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return []estimate.Component{
				logsLine(c, "Data ingested", "ingestion (standard)", keyLogsIngested),
				logsLine(c, "Archival storage", "storage (archival)", keyLogsStorage),
				logsLine(c, "Insights queries data scanned", "Logs Insights data scanned", keyLogsScanned),
			}, nil
		},
	}
}

func logsLine(c *estimate.Context, name, item, key string) estimate.Component {
	l := estimate.Line{Name: name, Unit: "GB", Category: estimate.ManagedServices, Service: "cloudwatch_logs", Item: item}
	if g, ok := covGap(c, l, "CloudWatch Logs "+item); ok {
		return g
	}
	return c.UsageKey(l, key)
}
