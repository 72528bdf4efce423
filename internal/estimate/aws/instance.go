package aws

import (
	"fmt"
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// instanceValues are the aws_instance attributes that drive cost.
type instanceValues struct {
	InstanceType          *string                 `json:"instance_type"`
	Tenancy               *string                 `json:"tenancy"`
	HostID                *string                 `json:"host_id"`
	EbsOptimized          *bool                   `json:"ebs_optimized"`
	Monitoring            *bool                   `json:"monitoring"`
	SpotPrice             *string                 `json:"spot_price"`
	InstanceMarketOptions []marketOptions         `json:"instance_market_options"`
	CreditSpecification   []creditSpecification   `json:"credit_specification"`
	RootBlockDevice       []blockDevice           `json:"root_block_device"`
	EbsBlockDevice        []blockDevice           `json:"ebs_block_device"`
	LaunchTemplate        []instLaunchTemplateRef `json:"launch_template"`
}

type instLaunchTemplateRef struct {
	ID   *string `json:"id"`
	Name *string `json:"name"`
}

// instLaunchTemplate are the aws_launch_template attributes an instance
// inherits when it does not set them itself.
type instLaunchTemplate struct {
	InstanceType *string `json:"instance_type"`
}

type marketOptions struct {
	MarketType *string `json:"market_type"`
}

type creditSpecification struct {
	CPUCredits *string `json:"cpu_credits"`
}

type blockDevice struct {
	DeviceName *string  `json:"device_name"`
	VolumeType *string  `json:"volume_type"`
	VolumeSize *float64 `json:"volume_size"`
	Iops       *float64 `json:"iops"`
	Throughput *float64 `json:"throughput"`
	SnapshotID *string  `json:"snapshot_id"`
	VolumeID   *string  `json:"volume_id"`
}

// Usage keys of aws_instance (Infracost's names).
const (
	instCPUCreditHours = "monthly_cpu_credit_hrs"
	instVCPUCount      = "vcpu_count"
)

// detailedMonitoringMetrics is how many metrics EC2 detailed monitoring
// publishes per instance at 1-minute resolution (AWS bills 7 metrics).
var detailedMonitoringMetrics = estimate.Int(7)

// rootDefaultSize is used when root_block_device gives no size: the real
// size is the AMI's, which the plan cannot know; 8 GB is the common Amazon
// Linux size and what Infracost assumes.
var rootDefaultSize = estimate.Int(8)

var osNames = map[string]string{"linux": "Linux/UNIX", "windows": "Windows", "rhel": "RHEL", "sles": "SUSE"}

func instance() estimate.Rule {
	return estimate.Rule{
		Type: "aws_instance",
		Components: []string{"Instance usage", "EBS-optimized usage", "EC2 detailed monitoring", "CPU credits",
			"Storage (root_block_device)", "Storage (ebs_block_device)"},
		UsageKeys: withScheduling(append([]estimate.UsageKey{
			{Key: keyOperatingSystem, Description: "linux (default), windows, rhel or suse: the AMI's OS is not in the plan."},
			{Key: instCPUCreditHours, Description: "Monthly hours of surplus CPU credit use (T-family unlimited)."},
			{Key: instVCPUCount, Description: "vCPUs that use surplus credits (default: the type's vCPUs)."},
			{Key: keySavingsPlanRate, Description: "your savings-plan hourly rate for this instance (EC2 Instance Savings Plans are " +
				"per instance family: the rate of its family); the catalog has no savings-plan rates"},
			{Key: keySavingsPlanPct, Description: "your savings-plan discount off on-demand, in percent (per instance family); " +
				"the catalog has no savings-plan rates"},
		}, ec2ReservationKeys...)...),
		Notes: "Linux unless usage says otherwise; shared tenancy only; root volume defaults to 8 GB gp2 when the plan does not say; " +
			"spot from instance_market_options; reserved from usage (effective hourly rate, upfront amortised); " +
			"savings plans from usage (savings_plan_rate or savings_plan_discount_percent: the catalog has no savings-plan rates). " +
			"ebs_block_device entries that are an aws_ebs_volume of the plan (attached with aws_volume_attachment) are priced on the volume.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v instanceValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			fromTemplate(c, &v)
			out := []estimate.Component{instanceUsage(c, v)}
			if comp, ok := ebsOptimized(c, v); ok {
				out = append(out, comp)
			}
			if v.Monitoring != nil && *v.Monitoring {
				out = append(out, detailedMonitoring(c))
			}
			if comp, ok := cpuCredits(c, v); ok {
				out = append(out, comp)
			}
			out = append(out, rootVolume(c, v)...)
			var attached []string
			for i, d := range v.EbsBlockDevice {
				if vol := attachedVolume(c, d); vol != nil {
					attached = append(attached, fmt.Sprintf("ebs_block_device[%d] (%s) is %s", i, str(d.VolumeID), vol.Address))
					continue
				}
				out = append(out, blockVolume(c, i, d)...)
			}
			if len(attached) > 0 {
				c.SetNote(strings.Join(attached, "; ") + ", attached by aws_volume_attachment and priced there")
			}
			return out, nil
		},
	}
}

// fromTemplate fills instance_type from the instance's launch template
// (through the configuration reference, else by template name) when the
// instance does not set it.
func fromTemplate(c *estimate.Context, v *instanceValues) {
	if str(v.InstanceType) != "" || len(v.LaunchTemplate) == 0 {
		return
	}
	rs := c.Related("launch_template", "aws_launch_template")
	if len(rs) == 0 {
		if r := findByAttr(c, "aws_launch_template", "name", str(v.LaunchTemplate[0].Name)); r != nil {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return
	}
	var lt instLaunchTemplate
	if c.DecodeResource(rs[0], &lt) == nil && str(lt.InstanceType) != "" {
		v.InstanceType = lt.InstanceType
	}
}

// instanceUsage is the hourly instance charge: on-demand, spot or reserved.
func instanceUsage(c *estimate.Context, v instanceValues) estimate.Component {
	l := estimate.Line{Name: "Instance usage", Unit: "hours", Category: estimate.Compute, Service: "ec2"}
	if v.InstanceType == nil || *v.InstanceType == "" {
		return c.UnknownValue(l, "instance_type")
	}
	typ := *v.InstanceType
	// The AMI's OS is not in the plan: usage says it (covOS, as the group rules).
	os, err := covOS(c)
	if err != nil {
		return covBadUsage(c, l, err)
	}
	if t := strings.ToLower(str(v.Tenancy)); t == "dedicated" || t == "host" || str(v.HostID) != "" {
		l.Name = fmt.Sprintf("Instance usage (%s, %s tenancy, %s)", osNames[os], t, typ)
		return c.Unpriced(l, "dedicated and host tenancy are not in the catalog (shared tenancy prices only)")
	}
	if ri, ok, why := reservedItem(c, typ); ok || why != "" {
		if covNum(c, keySavingsPlanRate) != nil || covNum(c, keySavingsPlanPct) != nil {
			c.Warn("%s: both a reservation and a savings plan are given in usage; the reservation is priced", c.Resource.Address)
		}
		l.Name = fmt.Sprintf("Instance usage (%s, reserved, %s)", osNames[os], typ)
		if why != "" {
			return c.Unpriced(l, why)
		}
		if os != "linux" {
			return c.Unpriced(l, "reserved prices in the catalog are for Linux only")
		}
		l.Item = ri
		// A reservation is paid for every hour of the term, running or not,
		// so scheduling keys do not reduce it.
		l.Note = "effective hourly rate with any upfront fee amortised over the term; billed every hour of the term"
		return c.AlwaysOn(l, estimate.Int(1))
	}
	if isSpot(v) {
		l.Name = fmt.Sprintf("Instance usage (%s, spot, %s)", osNames[os], typ)
		if os != "linux" {
			return c.Unpriced(l, "spot prices in the catalog are for Linux only")
		}
		l.Item = typ + "/linux/spot"
		l.Note = covSpotNote(c, typ) + "; the spot price floats"
		return c.Hourly(l, estimate.Int(1))
	}
	l.Name = fmt.Sprintf("Instance usage (%s, on-demand, %s)", osNames[os], typ)
	l.Item = typ + "/" + os + "/on_demand"
	comp := c.Hourly(l, estimate.Int(1))
	if sp, ok := covSavingsPlan(c, comp); ok {
		// A savings plan reprices on-demand usage only: spot and reserved
		// hours above never reach here.
		sp.Name = fmt.Sprintf("Instance usage (%s, savings plan, %s)", osNames[os], typ)
		return sp
	}
	return comp
}

func isSpot(v instanceValues) bool {
	if str(v.SpotPrice) != "" {
		return true
	}
	for _, m := range v.InstanceMarketOptions {
		if strings.EqualFold(str(m.MarketType), "spot") {
			return true
		}
	}
	return false
}

// reservedItem returns the catalog item for the reserved-instance usage
// keys. ok is false when no reservation is described; why explains a
// reservation that cannot be priced (bad or incomplete keys).
func reservedItem(c *estimate.Context, typ string) (item string, ok bool, why string) {
	kind, hasKind := c.Usage.String(keyRIType)
	term, hasTerm := c.Usage.String(keyRITerm)
	pay, hasPay := c.Usage.String(keyRIPayment)
	if !hasKind && !hasTerm && !hasPay {
		return "", false, ""
	}
	terms := map[string]string{"1_year": "1yr", "3_year": "3yr"}
	kinds := map[string]bool{"standard": true, "convertible": true}
	pays := map[string]bool{"no_upfront": true, "partial_upfront": true, "all_upfront": true}
	if !kinds[kind] || terms[term] == "" || !pays[pay] {
		return "", false, fmt.Sprintf("reserved instance usage needs %s (standard|convertible), %s (1_year|3_year) and %s "+
			"(no_upfront|partial_upfront|all_upfront); got %q, %q, %q", keyRIType, keyRITerm, keyRIPayment, kind, term, pay)
	}
	return fmt.Sprintf("%s/linux/reserved/%s/%s/%s", typ, terms[term], kind, pay), true, ""
}

// ebsOptimized adds the hourly EBS-optimized surcharge for the few (older)
// types where AWS still charges one; current types include it for free.
func ebsOptimized(c *estimate.Context, v instanceValues) (estimate.Component, bool) {
	if v.InstanceType == nil {
		return estimate.Component{}, false
	}
	l := estimate.Line{Name: "EBS-optimized usage", Unit: "hours", Category: estimate.Compute, Service: "ec2",
		Item: *v.InstanceType + "/ebs_optimized"}
	p, ok := c.Price(l.Service, l.Item)
	if !ok || p.USD.IsZero() {
		return estimate.Component{}, false
	}
	switch {
	case v.EbsOptimized != nil && *v.EbsOptimized:
		return c.Hourly(l, estimate.Int(1)), true
	case v.EbsOptimized == nil && c.Unknown("ebs_optimized"):
		return c.UnknownValue(l, "ebs_optimized"), true
	}
	return estimate.Component{}, false
}

// detailedMonitoring: monitoring = true publishes 7 metrics at 1-minute
// resolution, each billed as a CloudWatch metric-month.
func detailedMonitoring(c *estimate.Context) estimate.Component {
	return c.Monthly(estimate.Line{Name: "EC2 detailed monitoring", Unit: "metrics", Category: estimate.ManagedServices,
		Service: "ec2", Item: "detailed monitoring metric"}, detailedMonitoringMetrics)
}

// burstableFamily returns the T family of an instance type (t2, t3, t3a, t4g).
func burstableFamily(typ string) string {
	fam, _, _ := strings.Cut(typ, ".")
	switch fam {
	case "t2", "t3", "t3a", "t4g":
		return fam
	}
	return ""
}

// cpuCredits is the usage-based surplus CPU credit charge of T-family
// instances in unlimited mode: vCPUs × surplus hours. T3, T3a and T4g
// launch as unlimited unless credit_specification says standard; T2 is
// standard unless it says unlimited.
func cpuCredits(c *estimate.Context, v instanceValues) (estimate.Component, bool) {
	typ := str(v.InstanceType)
	fam := burstableFamily(typ)
	if fam == "" {
		return estimate.Component{}, false
	}
	mode := ""
	if len(v.CreditSpecification) > 0 {
		mode = strings.ToLower(str(v.CreditSpecification[0].CPUCredits))
	}
	if mode == "" {
		mode = "unlimited"
		if fam == "t2" {
			mode = "standard"
		}
	}
	if mode != "unlimited" {
		return estimate.Component{}, false
	}
	// AWS bills surplus credits at one rate for Linux, RHEL and SLES and
	// another for Windows.
	osLabel := "Linux"
	if os, _ := covOS(c); os == "windows" {
		osLabel = "Windows"
	}
	l := estimate.Line{Name: "CPU credits", Unit: "vCPU-hours", Category: estimate.Compute, Service: "ec2",
		Item: fmt.Sprintf("%s unlimited CPU credits (%s)", strings.ToUpper(fam[:1])+fam[1:], osLabel)}
	hrs, ok := c.Usage.Number(instCPUCreditHours)
	if !ok {
		// Nothing to add without usage; show the unit price where there is one.
		if _, priced := c.Price(l.Service, l.Item); !priced {
			return estimate.Component{}, false
		}
		return c.UsageQuantity(l, nil), true
	}
	vcpu, ok := c.Usage.Number(instVCPUCount)
	if !ok {
		spec, found := c.Spec(typ)
		if !found {
			return c.Unpriced(l, "vCPU count of "+typ+" unknown; set usage vcpu_count"), true
		}
		vcpu = spec.VCPU
	}
	q := hrs.Mul(vcpu)
	return c.UsageQuantity(l, &q), true
}

// rootVolume prices root_block_device, or the AMI default (8 GB gp2) when
// the plan has none.
func rootVolume(c *estimate.Context, v instanceValues) []estimate.Component {
	var d blockDevice
	if len(v.RootBlockDevice) > 0 {
		d = v.RootBlockDevice[0]
	}
	vol := volume{Type: str(d.VolumeType), Size: decOf(d.VolumeSize), Iops: decOf(d.Iops), Throughput: decOf(d.Throughput),
		TypeUnknown: c.Unknown("root_block_device", 0, "volume_type"), SizeUnknown: c.Unknown("root_block_device", 0, "volume_size"),
		IopsUnknown: c.Unknown("root_block_device", 0, "iops"), DefaultSize: &rootDefaultSize,
		SizeAttr: "root_block_device.volume_size", TypeAttr: "root_block_device.volume_type"}
	return volumeComponents(c, "root_block_device", vol)
}

// attachedVolume returns the aws_ebs_volume of the plan whose id is the
// block device's volume_id: after apply the provider reads volumes attached
// with aws_volume_attachment back into ebs_block_device, and the volume's
// own resource already prices them. Looked up through the per-plan index
// (findByAttr), so an instance costs one map lookup per device.
func attachedVolume(c *estimate.Context, d blockDevice) *plan.Resource {
	return findByAttr(c, "aws_ebs_volume", "id", str(d.VolumeID))
}

// blockVolume prices one ebs_block_device. Its size comes from the plan or
// its snapshot; an unknown size is reported, not guessed.
func blockVolume(c *estimate.Context, i int, d blockDevice) []estimate.Component {
	group := fmt.Sprintf("ebs_block_device[%d]", i)
	if n := str(d.DeviceName); n != "" {
		group = fmt.Sprintf("ebs_block_device[%d] %s", i, n)
	}
	vol := volume{Type: str(d.VolumeType), Size: decOf(d.VolumeSize), Iops: decOf(d.Iops), Throughput: decOf(d.Throughput),
		TypeUnknown: c.Unknown("ebs_block_device", i, "volume_type"), SizeUnknown: c.Unknown("ebs_block_device", i, "volume_size"),
		IopsUnknown: c.Unknown("ebs_block_device", i, "iops"),
		SizeAttr:    fmt.Sprintf("ebs_block_device[%d].volume_size", i), TypeAttr: fmt.Sprintf("ebs_block_device[%d].volume_type", i)}
	return volumeComponents(c, group, vol)
}
