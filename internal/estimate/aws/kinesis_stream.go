package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// kinesisStreamValues are the aws_kinesis_stream attributes that drive cost.
type kinesisStreamValues struct {
	ShardCount        *float64 `json:"shard_count"`
	StreamModeDetails []struct {
		StreamMode *string `json:"stream_mode"`
	} `json:"stream_mode_details"`
}

// Infracost's usage keys for aws_kinesis_stream.
var kinesisUsageKeys = []estimate.UsageKey{
	{Key: "monthly_on_demand_data_in_gb", Description: "GB ingested per month (on-demand streams)"},
	{Key: "monthly_on_demand_data_out_gb", Description: "GB retrieved per month (on-demand streams)"},
	{Key: "monthly_on_demand_efo_data_out_gb", Description: "GB retrieved by enhanced fan-out per month (on-demand streams)"},
	{Key: "monthly_on_demand_extended_retention_gb", Description: "GB kept 24 h–7 days (on-demand streams)"},
	{Key: "monthly_on_demand_long_term_retention_gb", Description: "GB kept over 7 days (on-demand streams)"},
	{Key: "monthly_provisioned_put_units", Description: "PUT payload units per month (provisioned streams)"},
}

// kinesisStream: provisioned streams pay per shard-hour and PUT payload unit;
// on-demand streams per stream-hour and GB. shared/pricing has no Kinesis
// figure, so every line is unpriced.
func kinesisStream() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_kinesis_stream",
		Components: []string{"Shard hours (provisioned)", "PUT payload units (provisioned)", "Stream hours (on-demand)", "Data ingested (on-demand)", "Data retrieved (on-demand)"},
		UsageKeys:  kinesisUsageKeys,
		Notes:      "No Kinesis figure in the catalog: every line is unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v kinesisStreamValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			gap := func(name, unit string) estimate.Component {
				return c.Unpriced(estimate.Line{Name: name, Unit: unit, Category: estimate.ManagedServices},
					"no catalog price for Kinesis Data Streams in "+c.Region)
			}
			if len(v.StreamModeDetails) > 0 && v.StreamModeDetails[0].StreamMode != nil &&
				strings.EqualFold(*v.StreamModeDetails[0].StreamMode, "ON_DEMAND") {
				return []estimate.Component{gap("Stream hours (on-demand)", "hours"), gap("Data ingested (on-demand)", "GB"),
					gap("Data retrieved (on-demand)", "GB")}, nil
			}
			shards := gap("Shard hours (provisioned)", "shard-hours")
			shards.Note += " (" + covF(v.ShardCount).String() + " shards)"
			return []estimate.Component{shards, gap("PUT payload units (provisioned)", "1M units")}, nil
		},
	}
}
