package aws

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// autoscalingGroupValues are the aws_autoscaling_group attributes that drive cost.
type autoscalingGroupValues struct {
	DesiredCapacity     *float64 `json:"desired_capacity"`
	MinSize             *float64 `json:"min_size"`
	MaxSize             *float64 `json:"max_size"`
	LaunchConfiguration *string  `json:"launch_configuration"`
	LaunchTemplate      []struct {
		ID   *string `json:"id"`
		Name *string `json:"name"`
	} `json:"launch_template"`
	MixedInstancesPolicy []struct {
		InstancesDistribution []struct {
			OnDemandBaseCapacity                *float64 `json:"on_demand_base_capacity"`
			OnDemandPercentageAboveBaseCapacity *float64 `json:"on_demand_percentage_above_base_capacity"`
		} `json:"instances_distribution"`
		LaunchTemplate []struct {
			LaunchTemplateSpecification []struct {
				LaunchTemplateID   *string `json:"launch_template_id"`
				LaunchTemplateName *string `json:"launch_template_name"`
			} `json:"launch_template_specification"`
			Override []struct {
				InstanceType *string `json:"instance_type"`
			} `json:"override"`
		} `json:"launch_template"`
	} `json:"mixed_instances_policy"`
}

// launchTemplateValues are the aws_launch_template attributes a group's
// instances inherit.
type launchTemplateValues struct {
	InstanceType        *string `json:"instance_type"`
	BlockDeviceMappings []struct {
		DeviceName *string         `json:"device_name"`
		EBS        []ltEBSSettings `json:"ebs"`
	} `json:"block_device_mappings"`
	InstanceMarketOptions []struct {
		MarketType *string `json:"market_type"`
	} `json:"instance_market_options"`
}

type ltEBSSettings struct {
	VolumeSize *float64 `json:"volume_size"`
	VolumeType *string  `json:"volume_type"`
	IOPS       *float64 `json:"iops"`
	Throughput *float64 `json:"throughput"`
}

// launchConfigurationValues are the aws_launch_configuration attributes a
// group's instances inherit.
type launchConfigurationValues struct {
	InstanceType    *string         `json:"instance_type"`
	SpotPrice       *string         `json:"spot_price"`
	RootBlockDevice []ltEBSSettings `json:"root_block_device"`
	EBSBlockDevice  []ltEBSSettings `json:"ebs_block_device"`
}

// groupShape is what a group's members look like once the launch template or
// configuration is resolved.
type groupShape struct {
	InstanceType string
	Spot         bool // the template/configuration itself asks for spot
	Volumes      []volume
	VolumeGroups []string
	Source       string // address of the template/configuration
	// RootSized is true when the template/configuration gives the root
	// volume's size; RootType is a root mapping's type when it gives only that.
	RootSized bool
	RootType  string
	// TypeUnknown names the attribute when the instance type is known only
	// after apply: the instance line is then reported unknown.
	TypeUnknown string
	// DefaultRoot asks groupComponents to price the root volume at the AMI
	// default (8 GB gp2) when RootSized is false.
	DefaultRoot bool
}

// isRootDevice reports whether a block device mapping names the AMI's root
// device: /dev/xvda (Amazon Linux and most HVM AMIs) or /dev/sda1 (Ubuntu,
// Windows, older AMIs).
func isRootDevice(name string) bool { return name == "/dev/xvda" || name == "/dev/sda1" }

func (v ltEBSSettings) volume() volume {
	return volume{Type: str(v.VolumeType), Size: decOf(v.VolumeSize), Iops: decOf(v.IOPS), Throughput: decOf(v.Throughput),
		SizeAttr: "volume_size", TypeAttr: "volume_type"}
}

// memberVolumes prices a volume every one of count members has, through
// the same volumeComponents as aws_ebs_volume (regional item names and
// units, io2 tiers per volume).
func memberVolumes(c *estimate.Context, v volume, count decimal.Decimal, group string) []estimate.Component {
	v.Count = &count
	return volumeComponents(c, group, v)
}

func shapeFromTemplate(c *estimate.Context, r *plan.Resource) (groupShape, error) {
	var lt launchTemplateValues
	if err := c.DecodeResource(r, &lt); err != nil {
		return groupShape{}, err
	}
	s := groupShape{InstanceType: str(lt.InstanceType), Source: r.Address}
	if len(lt.InstanceMarketOptions) > 0 && strings.EqualFold(str(lt.InstanceMarketOptions[0].MarketType), "spot") {
		s.Spot = true
	}
	for i, m := range lt.BlockDeviceMappings {
		root := isRootDevice(str(m.DeviceName))
		if len(m.EBS) == 0 || m.EBS[0].VolumeSize == nil {
			if root && len(m.EBS) > 0 {
				s.RootType = str(m.EBS[0].VolumeType)
			}
			continue
		}
		s.RootSized = s.RootSized || root
		s.Volumes = append(s.Volumes, m.EBS[0].volume())
		s.VolumeGroups = append(s.VolumeGroups, fmt.Sprintf("block_device_mappings[%d] %s", i, str(m.DeviceName)))
	}
	return s, nil
}

func shapeFromConfiguration(c *estimate.Context, r *plan.Resource) (groupShape, error) {
	var lc launchConfigurationValues
	if err := c.DecodeResource(r, &lc); err != nil {
		return groupShape{}, err
	}
	s := groupShape{InstanceType: str(lc.InstanceType), Source: r.Address, Spot: lc.SpotPrice != nil && *lc.SpotPrice != ""}
	for _, d := range lc.RootBlockDevice {
		s.RootType = str(d.VolumeType)
		if d.VolumeSize != nil {
			s.RootSized = true
			s.Volumes = append(s.Volumes, d.volume())
			s.VolumeGroups = append(s.VolumeGroups, "root_block_device")
		}
	}
	for i, d := range lc.EBSBlockDevice {
		if d.VolumeSize != nil {
			s.Volumes = append(s.Volumes, d.volume())
			s.VolumeGroups = append(s.VolumeGroups, fmt.Sprintf("ebs_block_device[%d]", i))
		}
	}
	return s, nil
}

// groupCount is how many instances a group runs: usage `instances`, else the
// desired size. A desired size the configuration does not set is computed by
// AWS as the minimum size; one set from an unknown expression is unknown.
func groupCount(c *estimate.Context, desired, minSize *float64, desiredAttr string) (count decimal.Decimal, note string, known bool) {
	if n, ok := c.Usage.Number(keyInstances); ok {
		return n, "instance count from usage", true
	}
	unknown := c.Unknown(desiredAttr)
	if desired != nil && !unknown {
		return estimate.Float(*desired), "", true
	}
	if unknown && len(c.Resource.References[desiredAttr]) > 0 {
		return decimal.Zero, "", false
	}
	if minSize != nil {
		return estimate.Float(*minSize), fmt.Sprintf("desired capacity not set: priced at min_size %s", estimate.Float(*minSize)), true
	}
	return decimal.Zero, "", false
}

// autoscalingGroup: the group's instances (on-demand, spot, reserved or under
// a savings plan; a mixed instances policy splits on-demand base and
// percentage from spot) and their EBS volumes from the launch template or
// configuration.
func autoscalingGroup() estimate.Rule {
	keys := append([]estimate.UsageKey{
		{Key: keyInstances, Description: "instance count to price instead of desired_capacity"},
		{Key: keyOperatingSystem, Description: "linux (default), windows, rhel or suse"},
	}, covPurchaseKeys...)
	return estimate.Rule{
		Type: "aws_autoscaling_group",
		Components: []string{"Instance usage (<os>, on-demand, <type>)", "Instance usage (Linux, spot, <type>)",
			"Instance usage (Linux, reserved …, <type>)", "Instance usage (<os>, savings plan, <type>)", "Storage (<volume type>)"},
		UsageKeys: withScheduling(keys...),
		Notes: "Instances come from the launch template (or mixed_instances_policy overrides, first type) or launch configuration, " +
			"found by configuration reference or else by the template id/name or configuration name in the group's values. " +
			"A root volume the template or configuration does not size is priced at 8 GB gp2 per instance (the AMI's size is not in the plan). " +
			"On-demand share = base + ceil((desired − base) × percentage); the rest is spot at the average spot price.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v autoscalingGroupValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			shape, err := asgShape(c, v)
			if err != nil {
				return nil, err
			}
			count, countNote, known := groupCount(c, v.DesiredCapacity, v.MinSize, "desired_capacity")
			return groupComponents(c, shape, count, countNote, known, asgOnDemand(v), "desired_capacity")
		},
	}
}

// asgShape resolves the members' shape from the configuration references,
// else (a deleted group has no configuration, a plan may lack it) from the
// template id or name, or configuration name, the group's values give.
func asgShape(c *estimate.Context, v autoscalingGroupValues) (groupShape, error) {
	var shape groupShape
	var err error
	if r := asgTemplate(c, v); r != nil {
		shape, err = shapeFromTemplate(c, r)
	} else if r := asgConfiguration(c, v); r != nil {
		shape, err = shapeFromConfiguration(c, r)
	}
	if err != nil {
		return shape, err
	}
	shape.DefaultRoot = shape.Source != "" && !shape.RootSized
	if len(v.MixedInstancesPolicy) > 0 && len(v.MixedInstancesPolicy[0].LaunchTemplate) > 0 {
		var types []string
		for _, o := range v.MixedInstancesPolicy[0].LaunchTemplate[0].Override {
			if o.InstanceType != nil && *o.InstanceType != "" {
				types = append(types, *o.InstanceType)
			}
		}
		if len(types) > 0 {
			shape.InstanceType = types[0]
		}
	}
	return shape, nil
}

// asgTemplate finds the group's launch template: by configuration reference
// (mixed_instances_policy, then launch_template), else by the id or name the
// group's values on the same side (planned or prior) give, matched through
// the per-plan index against the plan's aws_launch_template resources.
func asgTemplate(c *estimate.Context, v autoscalingGroupValues) *plan.Resource {
	if rs := c.Related("mixed_instances_policy", "aws_launch_template"); len(rs) > 0 {
		return rs[0]
	}
	if rs := c.Related("launch_template", "aws_launch_template"); len(rs) > 0 {
		return rs[0]
	}
	var ids, names []string
	for _, lt := range v.LaunchTemplate {
		ids, names = append(ids, str(lt.ID)), append(names, str(lt.Name))
	}
	for _, m := range v.MixedInstancesPolicy {
		for _, lt := range m.LaunchTemplate {
			for _, spec := range lt.LaunchTemplateSpecification {
				ids, names = append(ids, str(spec.LaunchTemplateID)), append(names, str(spec.LaunchTemplateName))
			}
		}
	}
	for _, id := range ids {
		if r := findByAttr(c, "aws_launch_template", "id", id); r != nil {
			return r
		}
	}
	for _, name := range names {
		if r := findByAttr(c, "aws_launch_template", "name", name); r != nil {
			return r
		}
	}
	return nil
}

// asgConfiguration finds the group's launch configuration by reference, else
// by the name in launch_configuration (the configuration's name and id are
// the same string).
func asgConfiguration(c *estimate.Context, v autoscalingGroupValues) *plan.Resource {
	if rs := c.Related("launch_configuration", "aws_launch_configuration"); len(rs) > 0 {
		return rs[0]
	}
	return findByAttr(c, "aws_launch_configuration", "name", str(v.LaunchConfiguration))
}

// asgOnDemand returns the on-demand share of a mixed instances policy as a
// function of the group size; nil without a policy (all one purchase option).
func asgOnDemand(v autoscalingGroupValues) func(decimal.Decimal) decimal.Decimal {
	if len(v.MixedInstancesPolicy) == 0 {
		return nil
	}
	base, pct := decimal.Zero, decimal.NewFromInt(100)
	if d := v.MixedInstancesPolicy[0].InstancesDistribution; len(d) > 0 {
		if d[0].OnDemandBaseCapacity != nil {
			base = estimate.Float(*d[0].OnDemandBaseCapacity)
		}
		if d[0].OnDemandPercentageAboveBaseCapacity != nil {
			pct = estimate.Float(*d[0].OnDemandPercentageAboveBaseCapacity)
		}
	}
	return func(n decimal.Decimal) decimal.Decimal {
		if n.LessThanOrEqual(base) {
			return n
		}
		return base.Add(n.Sub(base).Mul(pct).Div(decimal.NewFromInt(100)).Ceil())
	}
}

// groupComponents prices a group's members: instance lines split by purchase
// option, then their volumes.
func groupComponents(c *estimate.Context, shape groupShape, count decimal.Decimal, countNote string, known bool,
	onDemand func(decimal.Decimal) decimal.Decimal, countAttr string) ([]estimate.Component, error) {
	p, err := covReadEC2Purchase(c)
	if err != nil {
		return []estimate.Component{covBadUsage(c, estimate.Line{Name: fmt.Sprintf("Instance usage (%s)", shape.InstanceType),
			Unit: "hours", Category: estimate.Compute}, err)}, nil
	}
	if shape.InstanceType == "" && shape.TypeUnknown != "" {
		out := []estimate.Component{covUnknown(c, estimate.Line{Name: "Instance usage (instance type unknown)", Unit: "hours",
			Category: estimate.Compute, Service: "ec2"}, shape.TypeUnknown)}
		if known {
			// The volumes do not depend on the type.
			for i, vol := range shape.Volumes {
				out = append(out, memberVolumes(c, vol, count, shape.VolumeGroups[i])...)
			}
		}
		return out, nil
	}
	if shape.InstanceType == "" {
		why := "instance type unknown: the launch template or configuration is not in the plan"
		if shape.Source != "" {
			why = shape.Source + " sets no instance type (attribute-based instance requirements are not priced)"
		}
		return []estimate.Component{c.Unpriced(estimate.Line{Name: "Instance usage", Unit: "hours", Category: estimate.Compute}, why)}, nil
	}
	if !known {
		l := estimate.Line{Name: fmt.Sprintf("Instance usage (%s)", shape.InstanceType), Unit: "hours", Category: estimate.Compute,
			Service: "ec2", Item: shape.InstanceType + "/linux/on_demand"}
		return []estimate.Component{c.UnknownValue(l, countAttr)}, nil
	}
	var out []estimate.Component
	allSpot := shape.Spot || p.Spot
	switch {
	case onDemand != nil && !allSpot:
		od := onDemand(count)
		spot := count.Sub(od)
		note := joinNotes(countNote, fmt.Sprintf("mixed instances policy: %s on-demand, %s spot of %s", od, spot, count))
		if od.IsPositive() || !spot.IsPositive() {
			out = append(out, covEC2Instances(c, shape.InstanceType, od, false, p, note))
		}
		if spot.IsPositive() {
			out = append(out, covEC2Instances(c, shape.InstanceType, spot, true, p, note))
		}
	default:
		out = append(out, covEC2Instances(c, shape.InstanceType, count, allSpot, p, countNote))
	}
	if shape.DefaultRoot {
		out = append(out, defaultRootVolume(c, shape, count)...)
	} else if len(shape.Volumes) == 0 {
		c.Warn("%s: root volume size comes from the AMI and is not priced", c.Resource.Address)
	}
	for i, vol := range shape.Volumes {
		out = append(out, memberVolumes(c, vol, count, shape.VolumeGroups[i])...)
	}
	return out, nil
}

// defaultRootVolume prices each member's root volume when the template or
// configuration does not give its size: the size is the AMI's, which the
// plan cannot show, so it is priced as aws_instance does, at 8 GB (the
// common Amazon Linux size, Infracost's assumption) of gp2 (EC2's default
// type) unless the template names the type.
func defaultRootVolume(c *estimate.Context, shape groupShape, count decimal.Decimal) []estimate.Component {
	typ, typeNote := shape.RootType, ""
	if typ == "" {
		typ, typeNote = defaultVolumeType, " of gp2 (EC2's default type)"
	}
	note := fmt.Sprintf("%s does not give the root volume's size (the AMI's): priced as %s GB%s per instance, as aws_instance and Infracost do",
		shape.Source, rootDefaultSize, typeNote)
	out := memberVolumes(c, volume{Type: typ, Size: &rootDefaultSize}, count, "root volume (AMI default)")
	for i := range out {
		out[i].Note = joinNotes(out[i].Note, note)
	}
	return out
}
