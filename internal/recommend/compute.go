package recommend

import (
	"fmt"
	"strings"

	gojson "github.com/goccy/go-json"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// currentGen lists x86 successors of previous-generation families (same
// architecture, so low risk); graviton lists Arm (AWS Graviton) families
// with the same vCPU/memory shapes per size (architecture change: medium).
var (
	currentGen = map[string][]string{
		"m3": {"m5"}, "m4": {"m5", "m6i"}, "c3": {"c5"}, "c4": {"c5", "c6i"}, "r3": {"r5"}, "r4": {"r5", "r6i"},
		"t2": {"t3"}, "i2": {"i3"}, "m1": {"m5"}, "c1": {"c5"}, "m2": {"r5"},
	}
	graviton = map[string][]string{
		"m4": {"m6g", "m7g"}, "m5": {"m6g", "m7g"}, "m5a": {"m6g", "m7g"}, "m6i": {"m6g", "m7g"}, "m6a": {"m6g", "m7g"}, "m7i": {"m7g"},
		"c4": {"c6g", "c7g"}, "c5": {"c6g", "c7g"}, "c5a": {"c6g", "c7g"}, "c6i": {"c6g", "c7g"}, "c6a": {"c6g", "c7g"}, "c7i": {"c7g"},
		"r4": {"r6g", "r7g"}, "r5": {"r6g", "r7g"}, "r5a": {"r6g", "r7g"}, "r6i": {"r6g", "r7g"}, "r6a": {"r6g", "r7g"}, "r7i": {"r7g"},
		"t2": {"t4g"}, "t3": {"t4g"}, "t3a": {"t4g"},
		"m5d": {"m6gd"}, "c5d": {"c6gd"}, "r5d": {"r6gd"},
	}
)

// fleet is a group of identical EC2 instances: what compute recommendations price.
type fleet struct {
	region, typ string
	count       decimal.Decimal // instances running
	hours       decimal.Decimal // hours a month each runs
	od          decimal.Decimal // on-demand $/h
	// target is where the type is set in Terraform, and attr the attribute.
	target, attr string
}

func (g *gen) fleet(region, typ string, count, hours decimal.Decimal, target, attr string) (fleet, bool) {
	p, ok := g.price("ec2", region, typ+"/linux/on_demand")
	if !ok || typ == "" || !count.IsPositive() {
		return fleet{}, false
	}
	return fleet{region: region, typ: typ, count: count, hours: hours, od: p.USD, target: target, attr: attr}, true
}

// instanceHours is count × hours.
func (f fleet) instanceHours() decimal.Decimal { return f.count.Mul(f.hours) }

// reservedEC2 prices 1-year (low risk) and 3-year (medium) Standard RIs with
// no upfront payment for count always-on instances.
func (g *gen) reservedEC2(f fleet, why string) []Recommendation {
	var out []Recommendation
	for _, term := range []struct {
		t    string
		risk Risk
		text string
	}{{"1yr", Low, "1-year"}, {"3yr", Medium, "3-year"}} {
		p, ok := g.price("ec2", f.region, f.typ+"/linux/reserved/"+term.t+"/standard/no_upfront")
		if !ok || !p.USD.LessThan(f.od) {
			continue
		}
		saving := f.od.Sub(p.USD).Mul(f.count).Mul(hoursPerMonth)
		out = append(out, Recommendation{Kind: Reserved,
			Title:  fmt.Sprintf("%s Standard Reserved Instance, no upfront (%s × %s)", term.text, f.count, f.typ),
			Change: fmt.Sprintf("no Terraform change: buy %s %s Standard RI(s) for %s in %s, no upfront", f.count, term.text, f.typ, f.region),
			Risk:   term.risk,
			Why: why + map[Risk]string{Low: "; no upfront payment, but a 1-year commitment to this type and region",
				Medium: "; no upfront payment, but a 3-year commitment to this type and region"}[term.risk],
			MonthlySaving: saving,
			Basis:         fmt.Sprintf("(%s on-demand − %s RI) $/h × %s × 730 h", f.od, p.USD, f.count),
		})
	}
	return out
}

// spotRisk maps the Spot Instance Advisor interruption band to a risk:
// under 5 % low, 5–15 % medium, over 15 % high.
func spotRisk(band string) Risk {
	switch band {
	case "<5%":
		return Low
	case "5-10%", "10-15%":
		return Medium
	}
	return High
}

func (g *gen) spotEC2(f fleet, attr, value, change string) (Recommendation, bool) {
	sp, ok := g.price("ec2", f.region, f.typ+"/linux/spot")
	if !ok || !sp.USD.LessThan(f.od) {
		return Recommendation{}, false
	}
	band := "unknown"
	if adv, ok := g.in.Catalog.Spot(f.region, f.typ); ok && adv.Band != "" {
		band = adv.Band
	}
	return Recommendation{Kind: Spot, Title: "Run on Spot capacity", Target: f.target, Attribute: attr, Value: value, Change: change,
		Risk:          spotRisk(band),
		Why:           fmt.Sprintf("marked fault tolerant; Spot Advisor interruption frequency for %s in %s: %s", f.typ, f.region, band),
		MonthlySaving: f.od.Sub(sp.USD).Mul(f.instanceHours()),
		Basis:         fmt.Sprintf("(%s on-demand − %s average spot) $/h × %s × %s h", f.od, sp.USD, f.count, f.hours.Round(2)),
	}, true
}

// schedule stops non-production compute outside 12 h × 5 working days.
func schedule(f fleet, env, attr, value, change string) (Recommendation, bool) {
	if f.hours.LessThanOrEqual(ScheduledHours) {
		return Recommendation{}, false
	}
	return Recommendation{Kind: Schedule, Title: "Run only 12 h on working days", Attribute: attr, Value: value, Change: change,
		Target: f.target, Risk: Low,
		Why:           fmt.Sprintf("non-production (%s): nobody needs it nights and weekends", env),
		MonthlySaving: f.od.Mul(f.count).Mul(f.hours.Sub(ScheduledHours)),
		Basis:         fmt.Sprintf("$%s/h × %s × (%s − 260.71 h); 260.71 = 12 h × 5/7 × 365/12 days", f.od, f.count, f.hours.Round(2)),
	}, true
}

// alternatives returns the cheapest same-shape Graviton type and the
// cheapest same-shape current-generation x86 type, if cheaper.
func (g *gen) alternatives(f fleet, change func(newType string) (attr, value, text string)) []Recommendation {
	fam, size, ok := strings.Cut(f.typ, ".")
	if !ok {
		return nil
	}
	spec, ok := g.in.Catalog.Spec(f.typ)
	if !ok {
		return nil
	}
	var out []Recommendation
	for _, k := range []struct {
		kind  Kind
		fams  []string
		risk  Risk
		title string
		why   string
	}{
		{CurrentGeneration, currentGen[fam], Low, "Move to the current generation", "same vCPU and memory, same architecture, lower price"},
		{Graviton, graviton[fam], Medium, "Move to AWS Graviton (arm64)", "same vCPU and memory at a lower price; architecture change: needs arm64 AMIs, images and binaries"},
	} {
		best, bestPrice := "", decimal.Zero
		for _, nf := range k.fams {
			nt := nf + "." + size
			ns, ok := g.in.Catalog.Spec(nt)
			if !ok || !ns.VCPU.Equal(spec.VCPU) || !ns.MemoryGiB.Equal(spec.MemoryGiB) {
				continue
			}
			p, ok := g.price("ec2", f.region, nt+"/linux/on_demand")
			if !ok || !p.USD.LessThan(f.od) {
				continue
			}
			if best == "" || p.USD.LessThan(bestPrice) {
				best, bestPrice = nt, p.USD
			}
		}
		if best == "" {
			continue
		}
		attr, value, text := change(best)
		out = append(out, Recommendation{Kind: k.kind, Title: k.title + ": " + best, Target: f.target, Attribute: attr, Value: value,
			Change: text, Risk: k.risk, Why: fmt.Sprintf("%s (%s vCPU, %s GiB)", k.why, spec.VCPU, spec.MemoryGiB),
			MonthlySaving: f.od.Sub(bestPrice).Mul(f.instanceHours()),
			Basis:         fmt.Sprintf("(%s %s − %s %s) $/h × %s × %s h", f.od, f.typ, bestPrice, best, f.count, f.hours.Round(2)),
		})
	}
	return out
}

func typeChange(attr string) func(string) (string, string, string) {
	return func(t string) (string, string, string) { return attr, t, fmt.Sprintf("%s = %q", attr, t) }
}

type blockDevice struct {
	VolumeType string   `json:"volume_type"`
	VolumeSize *float64 `json:"volume_size"`
}

func (g *gen) ec2Instance(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		InstanceType string        `json:"instance_type"`
		Tenancy      string        `json:"tenancy"`
		Root         []blockDevice `json:"root_block_device"`
		Market       []struct {
			Type string `json:"market_type"`
		} `json:"instance_market_options"`
		Spot *string `json:"spot_price"`
	}
	if !decode(pr, &v) || (v.Tenancy != "" && v.Tenancy != "default") {
		return nil
	}
	f, ok := g.fleet(r.Region, v.InstanceType, decimal.NewFromInt(1), g.hours(r), r.Address, "instance_type")
	if !ok {
		return nil
	}
	onSpot := len(v.Market) > 0 && v.Market[0].Type == "spot"
	var out []Recommendation
	if !onSpot {
		if g.alwaysOn(r) {
			out = append(out, g.reservedEC2(f, "runs all month (730 h) on demand")...)
		}
		if g.faultTolerant(r, r.Tags) {
			if rec, ok := g.spotEC2(f, "instance_market_options.market_type", "spot",
				`instance_market_options { market_type = "spot" }`); ok {
				out = append(out, rec)
			}
		}
	}
	if env, ok := nonProduction(r.Tags); ok {
		if rec, ok := schedule(f, env, "", "", "stop it outside 12 h on working days (e.g. AWS Instance Scheduler tag "+
			"Schedule=office-hours); usage: hours_per_day = 12, days_per_month = 21.73"); ok {
			out = append(out, rec)
		}
	}
	out = append(out, g.alternatives(f, typeChange("instance_type"))...)
	if len(v.Root) > 0 && v.Root[0].VolumeType == "gp2" && v.Root[0].VolumeSize != nil {
		if rec, ok := g.gp3(r.Region, estimate.Float(*v.Root[0].VolumeSize), "root_block_device.volume_type"); ok {
			out = append(out, rec)
		}
	}
	return out
}

// groupTags reads an autoscaling group's tag blocks.
func groupTags(pr *plan.Resource, extra map[string]string) map[string]string {
	var v struct {
		Tag []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"tag"`
	}
	out := map[string]string{}
	for k, val := range extra {
		out[k] = val
	}
	if decode(pr, &v) {
		for _, t := range v.Tag {
			out[t.Key] = t.Value
		}
	}
	return out
}

func (g *gen) asg(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		Min     *float64 `json:"min_size"`
		Desired *float64 `json:"desired_capacity"`
		Mixed   []any    `json:"mixed_instances_policy"`
	}
	if !decode(pr, &v) || len(v.Mixed) > 0 {
		return nil // mixed instances: the group already chooses its capacity mix
	}
	count := decimal.Zero
	if v.Min != nil {
		count = estimate.Float(*v.Min)
	}
	if v.Desired != nil {
		count = estimate.Float(*v.Desired)
	}
	typ, target, attr := g.launchType(pr)
	f, ok := g.fleet(r.Region, typ, count, g.hours(r), target, attr)
	if !ok {
		return nil
	}
	tags := groupTags(pr, r.Tags)
	var out []Recommendation
	if g.faultTolerant(r, tags) {
		if rec, ok := g.spotEC2(f, "mixed_instances_policy.instances_distribution.on_demand_percentage_above_base_capacity", "0",
			"mixed_instances_policy { instances_distribution { on_demand_percentage_above_base_capacity = 0, "+
				"spot_allocation_strategy = \"price-capacity-optimized\" } }"); ok {
			rec.Target = r.Address
			out = append(out, rec)
		}
	} else if v.Min != nil && *v.Min > 0 && g.alwaysOn(r) {
		base := f
		base.count = estimate.Float(*v.Min)
		out = append(out, g.reservedEC2(base, fmt.Sprintf("min_size = %s instances run all month on demand", base.count))...)
	}
	if env, ok := nonProduction(tags); ok {
		if rec, ok := schedule(f, env, "", "", "add aws_autoscaling_schedule actions: desired_capacity = 0 at 20:00 and back at 08:00 on weekdays"); ok {
			rec.Target = r.Address
			out = append(out, rec)
		}
	}
	out = append(out, g.alternatives(f, typeChange(attr))...)
	return out
}

// launchType finds an autoscaling group's instance type in its launch
// template or launch configuration.
func (g *gen) launchType(pr *plan.Resource) (typ, target, attr string) {
	if g.in.Plan == nil {
		return "", "", ""
	}
	for _, ref := range []struct{ attr, typ string }{{"launch_template", "aws_launch_template"}, {"launch_configuration", "aws_launch_configuration"}} {
		for _, lt := range g.in.Plan.Referenced(pr, ref.attr, ref.typ) {
			var v struct {
				InstanceType string `json:"instance_type"`
			}
			if decode(lt, &v) && v.InstanceType != "" {
				return v.InstanceType, lt.Address, "instance_type"
			}
		}
	}
	return "", "", ""
}

func (g *gen) nodeGroup(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		Types    []string `json:"instance_types"`
		Capacity string   `json:"capacity_type"`
		Scaling  []struct {
			Desired *float64 `json:"desired_size"`
			Min     *float64 `json:"min_size"`
		} `json:"scaling_config"`
		Labels map[string]string `json:"labels"`
	}
	if !decode(pr, &v) || len(v.Scaling) == 0 {
		return nil
	}
	typ := "t3.medium" // EKS's default when instance_types is unset
	if len(v.Types) > 0 {
		typ = v.Types[0]
	}
	count := decimal.Zero
	if s := v.Scaling[0]; s.Desired != nil {
		count = estimate.Float(*s.Desired)
	} else if s.Min != nil {
		count = estimate.Float(*s.Min)
	}
	f, ok := g.fleet(r.Region, typ, count, g.hours(r), r.Address, "instance_types")
	if !ok {
		return nil
	}
	tags := map[string]string{}
	for k, val := range v.Labels {
		tags[k] = val
	}
	for k, val := range r.Tags {
		tags[k] = val
	}
	var out []Recommendation
	if !strings.EqualFold(v.Capacity, "SPOT") && g.faultTolerant(r, tags) {
		if rec, ok := g.spotEC2(f, "capacity_type", "SPOT", `capacity_type = "SPOT"`); ok {
			out = append(out, rec)
		}
	}
	if env, ok := nonProduction(tags); ok {
		if rec, ok := schedule(f, env, "", "", "scale the node group to 0 outside 12 h on working days (aws_autoscaling_schedule on its group)"); ok {
			out = append(out, rec)
		}
	}
	out = append(out, g.alternatives(f, func(t string) (string, string, string) {
		text := fmt.Sprintf("instance_types = [%q]", t)
		if strings.Contains(t, "g.") || strings.Contains(t, "gd.") {
			text += `, ami_type = "AL2023_ARM_64_STANDARD"`
		}
		return "instance_types", fmt.Sprintf("[%q]", t), text
	})...)
	return out
}

// ecsService: Fargate on Graviton and scheduling are priced. Fargate Spot
// has no authoritative price in the catalog, so spot is not recommended with
// a made-up saving.
func (g *gen) ecsService(r *estimate.Resource) []Recommendation {
	var out []Recommendation
	if rec, ok := g.fargateGraviton(r); ok {
		out = append(out, rec)
	}
	env, ok := nonProduction(r.Tags)
	if !ok || !r.MonthlyCost.IsPositive() {
		return out
	}
	hours := g.hours(r)
	if hours.LessThanOrEqual(ScheduledHours) {
		return out // already scheduled: the ARM64 move still stands
	}
	saving := r.MonthlyCost.Mul(hours.Sub(ScheduledHours)).Div(hours)
	return append(out, Recommendation{Kind: Schedule, Title: "Run tasks only 12 h on working days", Risk: Low, Target: r.Address,
		Change:        "add aws_appautoscaling_scheduled_action: min/max capacity 0 at 20:00 and back at 08:00 on weekdays",
		Why:           fmt.Sprintf("non-production (%s): nobody needs it nights and weekends", env),
		MonthlySaving: saving,
		Basis:         fmt.Sprintf("%s × (%s − 260.71 h) / %s h (every line is per task-hour)", money(r.MonthlyCost), hours.Round(2), hours.Round(2)),
	})
}

// fargateGraviton prices moving Linux/x86 Fargate tasks to ARM64 (Graviton):
// the vCPU-hours and GB-hours the estimate priced, at the ARM rates.
func (g *gen) fargateGraviton(r *estimate.Resource) (Recommendation, bool) {
	var vcpuH, gbH decimal.Decimal
	for _, c := range r.Components {
		if c.Footprint == nil || !strings.Contains(c.Name, "Linux/x86") {
			continue
		}
		vcpuH, gbH = vcpuH.Add(c.Footprint.VCPUHours), gbH.Add(c.Footprint.MemoryGBHours)
	}
	if !vcpuH.IsPositive() {
		return Recommendation{}, false
	}
	var p [4]catalog.Price
	for i, item := range []string{"Linux/x86 vCPU hour", "Linux/ARM vCPU hour", "Linux/x86 memory GB hour", "Linux/ARM memory GB hour"} {
		var ok bool
		if p[i], ok = g.price("fargate", r.Region, item); !ok {
			return Recommendation{}, false
		}
	}
	saving := vcpuH.Mul(p[0].USD.Sub(p[1].USD)).Add(gbH.Mul(p[2].USD.Sub(p[3].USD)))
	if !saving.IsPositive() {
		return Recommendation{}, false
	}
	return Recommendation{Kind: Graviton, Title: "Run Fargate tasks on ARM64 (Graviton)", Target: "the service's aws_ecs_task_definition",
		Attribute: "runtime_platform.cpu_architecture", Value: "ARM64",
		Change: `runtime_platform { cpu_architecture = "ARM64", operating_system_family = "LINUX" } on the task definition`,
		Risk:   Medium, Why: "Fargate ARM64 costs less per vCPU and GB; architecture change: container images must be built for arm64",
		MonthlySaving: saving,
		Basis:         fmt.Sprintf("%s vCPU-h × (%s − %s) + %s GB-h × (%s − %s)", vcpuH, p[0].USD, p[1].USD, gbH, p[2].USD, p[3].USD),
		Approximate:   p[0].Approximate || p[1].Approximate || p[2].Approximate || p[3].Approximate,
	}, true
}

// decode reads the resource's planned values into v. It uses goccy/go-json,
// a drop-in for encoding/json's Unmarshal (as estimate.Context does):
// encoding/json spent half its time re-validating JSON the plan reader had
// already checked, which made decoding most of the recommendations' time on
// large plans.
func decode(r *plan.Resource, v any) bool {
	raw := r.After
	if len(raw) == 0 || string(raw) == "null" {
		return false
	}
	return gojson.Unmarshal(raw, v) == nil
}
