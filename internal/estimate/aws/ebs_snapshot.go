package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// ebsSnapshotValues are the aws_ebs_snapshot attributes that drive cost.
type ebsSnapshotValues struct {
	VolumeSize  *float64 `json:"volume_size"`
	StorageTier *string  `json:"storage_tier"`
}

type ebsSnapshotVolume struct {
	Size *float64 `json:"size"`
}

// Infracost's usage keys for aws_ebs_snapshot.
const (
	keySnapFSR = "fast_snapshot_restore_hours"
)

var ebsSnapshotDirectKeys = []string{"monthly_list_block_requests", "monthly_get_block_requests", "monthly_put_block_requests"}

// ebsSnapshot: snapshot storage per GB-month (priced at the source volume's
// full size, the first snapshot's worst case), fast snapshot restore per
// DSU-hour from usage.
func ebsSnapshot() estimate.Rule {
	keys := []estimate.UsageKey{{Key: keySnapFSR, Description: "fast snapshot restore DSU-hours per month"}}
	for _, k := range ebsSnapshotDirectKeys {
		keys = append(keys, estimate.UsageKey{Key: k, Description: "EBS direct API requests per month (no catalog price: unpriced)"})
	}
	return estimate.Rule{
		Type:       "aws_ebs_snapshot",
		Components: []string{"EBS snapshot storage", "EBS snapshot storage (archive)", "Fast snapshot restore", "EBS direct API requests"},
		UsageKeys:  keys,
		Notes:      "Storage is priced at the volume's size (a first, full snapshot); later snapshots are incremental.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v ebsSnapshotValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			out := []estimate.Component{snapshotStorage(c, v)}
			fsr := estimate.Line{Name: "Fast snapshot restore", Unit: "DSU-hours", Category: estimate.Storage,
				Service: "ebs", Item: "fast snapshot restore"}
			if g, ok := covGap(c, fsr, "fast snapshot restore"); ok {
				out = append(out, g)
			} else {
				out = append(out, c.UsageKey(fsr, keySnapFSR))
			}
			for _, k := range ebsSnapshotDirectKeys {
				if covNum(c, k) != nil {
					out = append(out, c.Unpriced(estimate.Line{Name: "EBS direct API requests", Unit: "1k requests", Category: estimate.Storage},
						"no catalog price for EBS direct APIs in "+c.Region))
					break
				}
			}
			return out, nil
		},
	}
}

func snapshotStorage(c *estimate.Context, v ebsSnapshotValues) estimate.Component {
	l := estimate.Line{Name: "EBS snapshot storage", Unit: "GB", Category: estimate.Storage, Service: "ebs", Item: "snapshot storage (standard tier)"}
	if v.StorageTier != nil && strings.EqualFold(*v.StorageTier, "archive") {
		l.Name, l.Item = "EBS snapshot storage (archive)", "snapshot storage (archive tier)"
	}
	if g, ok := covGap(c, l, "EBS "+l.Item); ok {
		return g
	}
	if v.VolumeSize != nil && !c.Unknown("volume_size") {
		return c.Monthly(l, estimate.Float(*v.VolumeSize))
	}
	for _, r := range c.Related("volume_id", "aws_ebs_volume") {
		var vol ebsSnapshotVolume
		if err := c.DecodeResource(r, &vol); err == nil && vol.Size != nil {
			l.Note = "size of the source volume " + r.Address
			return c.Monthly(l, estimate.Float(*vol.Size))
		}
	}
	return c.UnknownValue(l, "volume_size")
}
