package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// eksNodeGroupValues are the aws_eks_node_group attributes that drive cost.
type eksNodeGroupValues struct {
	InstanceTypes []string `json:"instance_types"`
	CapacityType  *string  `json:"capacity_type"`
	DiskSize      *float64 `json:"disk_size"`
	ScalingConfig []struct {
		DesiredSize *float64 `json:"desired_size"`
		MinSize     *float64 `json:"min_size"`
		MaxSize     *float64 `json:"max_size"`
	} `json:"scaling_config"`
	LaunchTemplate []struct {
		ID   *string `json:"id"`
		Name *string `json:"name"`
	} `json:"launch_template"`
}

// eksDefaults are what EKS uses when the node group and its launch template
// leave them out.
const (
	eksDefaultInstanceType = "t3.medium"
	eksDefaultDiskGB       = 20
)

// eksNodeGroup: the managed nodes (desired size × instance type, spot with
// capacity_type SPOT) and each node's disk (disk_size, or the launch
// template's block device mappings).
func eksNodeGroup() estimate.Rule {
	keys := append([]estimate.UsageKey{
		{Key: keyInstances, Description: "node count to price instead of scaling_config.desired_size"},
		{Key: keyOperatingSystem, Description: "linux (default), windows, rhel or suse"},
	}, covPurchaseKeys...)
	return estimate.Rule{
		Type: "aws_eks_node_group",
		Components: []string{"Instance usage (<os>, on-demand, <type>)", "Instance usage (Linux, spot, <type>)",
			"Instance usage (Linux, reserved …, <type>)", "Instance usage (<os>, savings plan, <type>)", "Storage (<volume type>)"},
		UsageKeys: withScheduling(keys...),
		Notes: "With several instance_types the first is priced; without instance_types (or a launch template type) EKS's default t3.medium. " +
			"instance_types from an expression known only after apply is reported unknown. The node disk defaults to 20 GB gp2.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v eksNodeGroupValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			shape := groupShape{}
			if rs := c.Related("launch_template", "aws_launch_template"); len(rs) > 0 {
				s, err := shapeFromTemplate(c, rs[0])
				if err != nil {
					return nil, err
				}
				shape = s
			}
			typeNote := ""
			switch {
			case len(v.InstanceTypes) > 0 && v.InstanceTypes[0] != "":
				shape.InstanceType = v.InstanceTypes[0]
			case shape.InstanceType != "":
				// From the launch template.
			case eksTypesUnknown(c):
				shape.TypeUnknown = "instance_types"
			case len(v.LaunchTemplate) == 0:
				shape.InstanceType = eksDefaultInstanceType
				typeNote = "instance_types not set: EKS's default " + eksDefaultInstanceType
			}
			if v.CapacityType != nil && strings.EqualFold(*v.CapacityType, "SPOT") {
				shape.Spot = true
			}
			if len(shape.Volumes) == 0 && len(v.LaunchTemplate) == 0 {
				size := estimate.Int(eksDefaultDiskGB)
				if v.DiskSize != nil {
					size = estimate.Float(*v.DiskSize)
				}
				shape.Volumes = []volume{{Type: "gp2", Size: &size, SizeAttr: "disk_size"}}
				shape.VolumeGroups = []string{"disk_size"}
			}
			var desired, minSize *float64
			if len(v.ScalingConfig) > 0 {
				desired, minSize = v.ScalingConfig[0].DesiredSize, v.ScalingConfig[0].MinSize
			}
			count, note, known := eksNodeCount(c, desired, minSize)
			return groupComponents(c, shape, count, joinNotes(note, typeNote), known, nil, "scaling_config.desired_size")
		},
	}
}

// eksTypesUnknown reports whether instance_types comes from an expression
// known only after apply. instance_types is optional and computed: left out
// of the configuration it is unknown at create too, and EKS then uses
// t3.medium; only an unknown value the configuration sets (it refers to
// something) is really unknown.
func eksTypesUnknown(c *estimate.Context) bool {
	if c.Unknown("instance_types") {
		return len(c.Resource.References["instance_types"]) > 0
	}
	// A list the configuration gives with an unknown element.
	return c.Unknown("instance_types", 0)
}

// eksNodeCount: usage `instances`, else scaling_config.desired_size (unknown
// when it comes from an expression known only after apply).
func eksNodeCount(c *estimate.Context, desired, minSize *float64) (count decimalT, note string, known bool) {
	if n, ok := c.Usage.Number(keyInstances); ok {
		return n, "node count from usage", true
	}
	if desired != nil && !c.Unknown("scaling_config", 0, "desired_size") {
		return estimate.Float(*desired), "", true
	}
	if minSize != nil && !c.Unknown("scaling_config", 0, "min_size") && !c.Unknown("scaling_config", 0, "desired_size") {
		return estimate.Float(*minSize), "desired_size not set: priced at min_size", true
	}
	return decimalT{}, "", false
}
