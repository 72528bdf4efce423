package aws

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// efsFileSystemValues are the aws_efs_file_system attributes that drive cost.
type efsFileSystemValues struct {
	AvailabilityZoneName         *string  `json:"availability_zone_name"`
	ThroughputMode               *string  `json:"throughput_mode"`
	ProvisionedThroughputInMibps *float64 `json:"provisioned_throughput_in_mibps"`
	LifecyclePolicy              []struct {
		TransitionToIA *string `json:"transition_to_ia"`
	} `json:"lifecycle_policy"`
}

// Infracost's usage keys for aws_efs_file_system.
const (
	keyEFSStorage  = "storage_gb"
	keyEFSIA       = "infrequent_access_storage_gb"
	keyEFSIARead   = "monthly_infrequent_access_read_gb"
	keyEFSIAWrite  = "monthly_infrequent_access_write_gb"
	efsFreeMBpsPer = 20 // bursting baseline: 1 MB/s per 20 GB stored is included
)

// efsFileSystem: storage per GB-month (standard or one zone), infrequent
// access storage with a lifecycle policy, and provisioned throughput above
// what the stored data includes.
func efsFileSystem() estimate.Rule {
	return estimate.Rule{
		Type: "aws_efs_file_system",
		Components: []string{"Storage (standard)", "Storage (one zone)", "Storage (standard, infrequent access)",
			"Storage (one zone, infrequent access)", "Provisioned throughput", "Infrequent access requests"},
		UsageKeys: []estimate.UsageKey{
			{Key: keyEFSStorage, Description: "GB stored in the standard (or one zone) class"},
			{Key: keyEFSIA, Description: "GB stored in infrequent access (with a lifecycle policy)"},
			{Key: keyEFSIARead, Description: "GB read from infrequent access per month (no catalog price: unpriced)"},
			{Key: keyEFSIAWrite, Description: "GB written to infrequent access per month (no catalog price: unpriced)"},
		},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v efsFileSystemValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			oneZone := v.AvailabilityZoneName != nil && *v.AvailabilityZoneName != ""
			out := []estimate.Component{efsStorage(c, oneZone)}
			if v.ThroughputMode != nil && strings.EqualFold(*v.ThroughputMode, "provisioned") {
				out = append(out, efsThroughput(c, covF(v.ProvisionedThroughputInMibps)))
			}
			if len(v.LifecyclePolicy) > 0 {
				out = append(out, efsIA(c, oneZone))
				if covNum(c, keyEFSIARead) != nil || covNum(c, keyEFSIAWrite) != nil {
					out = append(out, c.Unpriced(estimate.Line{Name: "Infrequent access requests", Unit: "GB", Category: estimate.Storage},
						"no catalog price for EFS infrequent-access reads and writes"))
				}
			}
			return out, nil
		},
	}
}

func efsStorage(c *estimate.Context, oneZone bool) estimate.Component {
	l := estimate.Line{Name: "Storage (standard)", Unit: "GB", Category: estimate.Storage, Service: "efs", Item: "standard storage"}
	if oneZone {
		l.Name, l.Item = "Storage (one zone)", "one zone storage"
	}
	if g, ok := covGap(c, l, "EFS "+l.Item); ok {
		return g
	}
	return c.UsageKey(l, keyEFSStorage)
}

func efsIA(c *estimate.Context, oneZone bool) estimate.Component {
	l := estimate.Line{Name: "Storage (standard, infrequent access)", Unit: "GB", Category: estimate.Storage, Service: "efs", Item: "standard-IA storage"}
	if oneZone {
		return c.Unpriced(estimate.Line{Name: "Storage (one zone, infrequent access)", Unit: "GB", Category: estimate.Storage},
			"no catalog price for EFS One Zone-IA storage")
	}
	if g, ok := covGap(c, l, "EFS "+l.Item); ok {
		return g
	}
	return c.UsageKey(l, keyEFSIA)
}

// efsThroughput bills provisioned MB/s above the baseline that the stored
// data earns (1 MB/s per 20 GB); without storage usage the whole provision
// is billed.
func efsThroughput(c *estimate.Context, mibps decimal.Decimal) estimate.Component {
	l := estimate.Line{Name: "Provisioned throughput", Unit: "MB/s", Category: estimate.Storage, Service: "efs", Item: "provisioned throughput"}
	if g, ok := covGap(c, l, "EFS provisioned throughput"); ok {
		return g
	}
	billable := mibps
	if gb, ok := c.Usage.Number(keyEFSStorage); ok {
		billable = decimal.Max(decimal.Zero, mibps.Sub(gb.Div(decimal.NewFromInt(efsFreeMBpsPer))))
	}
	return c.Monthly(l, billable)
}
