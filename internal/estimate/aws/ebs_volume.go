package aws

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// ebsVolumeValues are the aws_ebs_volume attributes that drive cost.
type ebsVolumeValues struct {
	Type       *string  `json:"type"`
	Size       *float64 `json:"size"`
	Iops       *float64 `json:"iops"`
	Throughput *float64 `json:"throughput"`
	SnapshotID *string  `json:"snapshot_id"`
}

// keyStandardIORequests is Infracost's key for magnetic-storage I/O
// requests, read by aws_ebs_volume and aws_db_instance alike.
const keyStandardIORequests = "monthly_standard_io_requests"

// defaultVolumeType is what EC2 creates when no type is given: the
// CreateVolume API and the AWS provider's aws_ebs_volume both default to
// gp2 (the provider leaves `type` computed and EC2 fills in gp2).
const defaultVolumeType = "gp2"

// gp3 includes 3,000 IOPS and 125 MiB/s; only provisioning above is billed.
var (
	gp3BaseIOPS       = estimate.Int(3000)
	gp3BaseThroughput = estimate.Int(125)
	io2Tier1Max       = estimate.Int(32000)
	io2Tier2Max       = estimate.Int(64000)
)

func ebsVolume() estimate.Rule {
	return estimate.Rule{
		Type: "aws_ebs_volume",
		Components: []string{"Storage", "Provisioned IOPS", "IOPS above 3000 (gp3)", "Throughput above 125 MiB/s (gp3)",
			"I/O requests (standard)"},
		UsageKeys: []estimate.UsageKey{{Key: keyStandardIORequests, Description: "Monthly I/O requests for a standard (magnetic) volume."}},
		Notes:     "Type defaults to gp2 (EC2's default); gp3 bills IOPS above 3,000 and throughput above 125 MiB/s; io2 IOPS in AWS's tiers.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v ebsVolumeValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			vol := volume{Type: str(v.Type), Size: decOf(v.Size), Iops: decOf(v.Iops), Throughput: decOf(v.Throughput)}
			vol.TypeUnknown = c.Unknown("type")
			vol.SizeUnknown = c.Unknown("size")
			vol.IopsUnknown = c.Unknown("iops")
			vol.ThroughputUnknown = c.Unknown("throughput")
			if vol.Size == nil && !vol.SizeUnknown && str(v.SnapshotID) != "" {
				vol.SizeUnknown = true // the snapshot decides
			}
			return volumeComponents(c, "", vol), nil
		},
	}
}

// volume is an EBS volume: standalone, an instance's block device, or the
// same device on every member of a group (Count).
type volume struct {
	Type                                                     string
	Size, Iops, Throughput                                   *decimal.Decimal
	TypeUnknown, SizeUnknown, IopsUnknown, ThroughputUnknown bool
	// Count is how many identical volumes (a group's members); nil is one.
	// IOPS tiers apply per volume, so quantities are worked out for one
	// volume and then multiplied.
	Count *decimal.Decimal
	// DefaultSize is used when Size is absent (root devices: the AMI's size,
	// assumed 8 GB); nil means absent size is unknown.
	DefaultSize *decimal.Decimal
	// SizeAttr and TypeAttr name the attributes in messages.
	SizeAttr, TypeAttr string
}

// decOf converts an optional plan number.
func decOf(f *float64) *decimal.Decimal {
	if f == nil {
		return nil
	}
	d := estimate.Float(*f)
	return &d
}

// times scales one volume's monthly quantity to all Count volumes.
func (v volume) times(q decimal.Decimal) decimal.Decimal {
	if v.Count == nil {
		return q
	}
	return q.Mul(*v.Count)
}

// volumeComponents prices one EBS volume (or Count identical ones): storage
// plus the type's extras.
func volumeComponents(c *estimate.Context, group string, v volume) []estimate.Component {
	sizeAttr, typeAttr := v.SizeAttr, v.TypeAttr
	if sizeAttr == "" {
		sizeAttr = "size"
	}
	if typeAttr == "" {
		typeAttr = "type"
	}
	typ := strings.ToLower(v.Type)
	var notes []string
	if typ == "" {
		typ = defaultVolumeType
		if v.TypeUnknown {
			notes = append(notes, typeAttr+" is not known until apply; priced as gp2, EC2's default")
		} else {
			notes = append(notes, typeAttr+" not set; priced as gp2, EC2's default")
		}
	}
	storage := estimate.Line{Name: fmt.Sprintf("Storage (%s)", typ), Group: group, Unit: "GB", Category: estimate.Storage,
		Service: "ebs", Note: strings.Join(notes, "; ")}
	switch typ {
	case "gp2", "gp3", "io1", "io2", "st1", "sc1":
		storage.Item = typ + " storage"
	case "standard":
		storage.Item = "standard (magnetic) storage"
	default:
		return []estimate.Component{c.Unpriced(storage, fmt.Sprintf("unknown EBS volume type %q", v.Type))}
	}
	var out []estimate.Component
	switch {
	case v.Size != nil:
		out = append(out, c.Monthly(storage, v.times(*v.Size)))
	case v.DefaultSize != nil:
		if storage.Note != "" {
			storage.Note += "; "
		}
		if v.SizeUnknown {
			storage.Note += sizeAttr + " is not known until apply (the AMI's size); priced as " + v.DefaultSize.String() + " GB"
		} else {
			storage.Note += sizeAttr + " not set (the AMI's size); priced as " + v.DefaultSize.String() + " GB as Infracost does"
		}
		out = append(out, c.Monthly(storage, v.times(*v.DefaultSize)))
	default:
		out = append(out, c.UnknownValue(storage, sizeAttr))
	}
	switch typ {
	case "gp3":
		out = append(out, gp3Extras(c, group, v)...)
	case "io1":
		out = append(out, provisionedIOPS(c, group, v, "io1", "io1 provisioned IOPS")...)
	case "io2":
		out = append(out, io2IOPS(c, group, v)...)
	case "standard":
		out = append(out, standardIO(c, group))
	}
	return out
}

// gp3Extras bills IOPS above 3,000 and throughput above 125 MiB/s. Unknown
// values are AWS's computed defaults (the baseline), so they add nothing.
func gp3Extras(c *estimate.Context, group string, v volume) []estimate.Component {
	var out []estimate.Component
	if v.Iops != nil && v.Iops.GreaterThan(gp3BaseIOPS) {
		out = append(out, c.Monthly(estimate.Line{Name: "IOPS above 3000 (gp3)", Group: group, Unit: "IOPS", Category: estimate.Storage,
			Service: "ebs", Item: "gp3 provisioned IOPS above 3000"}, v.times(v.Iops.Sub(gp3BaseIOPS))))
	}
	if v.Throughput != nil && v.Throughput.GreaterThan(gp3BaseThroughput) {
		l := estimate.Line{Name: "Throughput above 125 MiB/s (gp3)", Group: group, Unit: "MiB/s", Category: estimate.Storage,
			Service: "ebs", Item: "gp3 provisioned throughput above 125 MB/s"}
		q := v.Throughput.Sub(gp3BaseThroughput)
		// Some regions' price-list rows are per GiBps-month, not MiB/s-month.
		if p, ok := c.Price(l.Service, l.Item); ok && strings.Contains(p.Unit, "GiBps") {
			q, l.Unit = q.Div(estimate.Int(1024)), "GiBps"
		}
		out = append(out, c.Monthly(l, v.times(q)))
	}
	return out
}

func provisionedIOPS(c *estimate.Context, group string, v volume, typ, item string) []estimate.Component {
	l := estimate.Line{Name: fmt.Sprintf("Provisioned IOPS (%s)", typ), Group: group, Unit: "IOPS", Category: estimate.Storage,
		Service: "ebs", Item: item}
	if v.Iops == nil {
		if v.IopsUnknown {
			return []estimate.Component{c.UnknownValue(l, "iops")}
		}
		return []estimate.Component{c.Unpriced(l, "iops not set for a "+typ+" volume")}
	}
	return []estimate.Component{c.Monthly(l, v.times(*v.Iops))}
}

// io2 IOPS are billed in tiers: up to 32,000, 32,001–64,000, above 64,000.
// The tier-1 item is named differently in the sources, so both are tried.
func io2IOPS(c *estimate.Context, group string, v volume) []estimate.Component {
	if v.Iops == nil {
		return provisionedIOPS(c, group, v, "io2", "io2 provisioned IOPS (first 32000)")
	}
	iops := *v.Iops
	tier1 := regionalItem(c, "ebs", "io2 provisioned IOPS (first 32000)", "io2 provisioned IOPS (tier 1, up to 32000)")
	out := []estimate.Component{c.Monthly(estimate.Line{Name: "Provisioned IOPS (io2, up to 32000)", Group: group, Unit: "IOPS",
		Category: estimate.Storage, Service: "ebs", Item: tier1}, v.times(decimal.Min(iops, io2Tier1Max)))}
	if iops.GreaterThan(io2Tier1Max) {
		out = append(out, c.Monthly(estimate.Line{Name: "Provisioned IOPS (io2, 32001-64000)", Group: group, Unit: "IOPS",
			Category: estimate.Storage, Service: "ebs", Item: "io2 provisioned IOPS (tier 2, 32001-64000)"},
			v.times(decimal.Min(iops, io2Tier2Max).Sub(io2Tier1Max))))
	}
	if iops.GreaterThan(io2Tier2Max) {
		out = append(out, c.Monthly(estimate.Line{Name: "Provisioned IOPS (io2, over 64000)", Group: group, Unit: "IOPS",
			Category: estimate.Storage, Service: "ebs", Item: "io2 provisioned IOPS (tier 3, over 64000)"}, v.times(iops.Sub(io2Tier2Max))))
	}
	return out
}

// standardIO is the usage-based I/O request charge of magnetic volumes. The
// price is per 1M requests in some sources and per request in others.
func standardIO(c *estimate.Context, group string) estimate.Component {
	l := estimate.Line{Name: "I/O requests (standard)", Group: group, Unit: "1M requests", Category: estimate.Storage,
		Service: "ebs", Item: "standard (magnetic) I/O requests"}
	perRequest := false
	if p, ok := c.Price(l.Service, l.Item); ok && !strings.Contains(p.Unit, "1M") {
		perRequest, l.Unit = true, "requests"
	}
	q, ok := c.Usage.Number(keyStandardIORequests)
	if !ok {
		return c.UsageQuantity(l, nil)
	}
	if !perRequest {
		q = q.Div(estimate.Int(1_000_000))
	}
	return c.UsageQuantity(l, &q)
}

// regionalItem returns the first of several names for the same figure that
// the region itself prices, else the first one priced at all (fallback),
// else the first name (which then reports unpriced).
func regionalItem(c *estimate.Context, service string, names ...string) string {
	first := ""
	for _, n := range names {
		p, ok := c.Price(service, n)
		if ok && !p.Approximate {
			return n
		}
		if ok && first == "" {
			first = n
		}
	}
	if first == "" {
		return names[0]
	}
	return first
}
