package aws

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// ecsServiceValues are the aws_ecs_service attributes that drive cost.
type ecsServiceValues struct {
	LaunchType               *string                    `json:"launch_type"`
	DesiredCount             *float64                   `json:"desired_count"`
	TaskDefinition           *string                    `json:"task_definition"`
	CapacityProviderStrategy []capacityProviderStrategy `json:"capacity_provider_strategy"`
}

type capacityProviderStrategy struct {
	CapacityProvider *string  `json:"capacity_provider"`
	Weight           *float64 `json:"weight"`
	Base             *float64 `json:"base"`
}

// taskDefinitionValues are the aws_ecs_task_definition attributes that size a task.
type taskDefinitionValues struct {
	Family                  *string  `json:"family"`
	CPU                     *string  `json:"cpu"`
	Memory                  *string  `json:"memory"`
	RequiresCompatibilities []string `json:"requires_compatibilities"`
	RuntimePlatform         []struct {
		CPUArchitecture       *string `json:"cpu_architecture"`
		OperatingSystemFamily *string `json:"operating_system_family"`
	} `json:"runtime_platform"`
	EphemeralStorage []struct {
		SizeInGiB *float64 `json:"size_in_gib"`
	} `json:"ephemeral_storage"`
}

// fargateFreeEphemeralGB is the ephemeral storage every Fargate task gets
// at no charge; only the amount above is billed.
var fargateFreeEphemeralGB = estimate.Int(20)

func ecsService() estimate.Rule {
	return estimate.Rule{
		Type: "aws_ecs_service",
		Components: []string{"Fargate vCPU", "Fargate memory", "Fargate Windows OS license", "Fargate ephemeral storage above 20 GB",
			"Fargate Spot (unpriced)"},
		UsageKeys: withScheduling(),
		Notes: "Fargate (x86, ARM, Windows) sized from the task definition × desired_count; FARGATE_SPOT share is unpriced " +
			"(no authoritative price); EC2 launch type costs nothing here (the instances carry it).",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v ecsServiceValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return ecsServiceComponents(c, v)
		},
	}
}

func ecsServiceComponents(c *estimate.Context, v ecsServiceValues) ([]estimate.Component, error) {
	td, tdRes := taskDefinition(c, v)
	var tdv taskDefinitionValues
	if td != nil {
		if err := c.DecodeResource(td, &tdv); err != nil {
			return nil, err
		}
	}
	fargate, spot, ec2 := splitCapacity(v, tdv)
	if ec2 {
		c.SetNote("EC2 launch type: the container instances carry the cost")
		return nil, nil
	}
	os, arch := "linux", "x86"
	if len(tdv.RuntimePlatform) > 0 {
		if strings.HasPrefix(strings.ToUpper(str(tdv.RuntimePlatform[0].OperatingSystemFamily)), "WINDOWS") {
			os = "windows"
		}
		if strings.EqualFold(str(tdv.RuntimePlatform[0].CPUArchitecture), "ARM64") {
			arch = "arm"
		}
	}
	label := map[string]string{"linux/x86": "Linux/x86", "linux/arm": "Linux/ARM", "windows/x86": "Windows/x86", "windows/arm": "Windows/ARM"}[os+"/"+arch]
	lines := fargateLines(label, os, arch)
	if td == nil {
		var out []estimate.Component
		for _, l := range lines {
			out = append(out, c.Unpriced(l, "task definition "+tdRes+" is not in the plan: the task size is unknown"))
		}
		return out, nil
	}
	if v.DesiredCount == nil {
		if c.Unknown("desired_count") {
			return unknownAll(c, lines, "desired_count"), nil
		}
		zero := 0.0
		v.DesiredCount = &zero // the provider's default
	}
	if fargate == nil {
		fargate = ptr(estimate.Float(*v.DesiredCount))
	}
	vcpu, okCPU := parseVCPU(str(tdv.CPU))
	mem, okMem := parseMemoryGB(str(tdv.Memory))
	if !okCPU || !okMem {
		attr := "task definition cpu"
		if okCPU {
			attr = "task definition memory"
		}
		if (!okCPU && tdv.CPU != nil) || (!okMem && tdv.Memory != nil) {
			var out []estimate.Component
			for _, l := range lines {
				out = append(out, c.Unpriced(l, fmt.Sprintf("cannot read task cpu %q / memory %q", str(tdv.CPU), str(tdv.Memory))))
			}
			return out, nil
		}
		return unknownAll(c, lines, attr), nil
	}
	tasks := *fargate
	out := []estimate.Component{
		c.Hourly(lines[0], tasks.Mul(vcpu)),
		c.Hourly(lines[1], tasks.Mul(mem)),
	}
	if os == "windows" {
		out = append(out, c.Hourly(lines[2], tasks.Mul(vcpu)))
	}
	if len(tdv.EphemeralStorage) > 0 && tdv.EphemeralStorage[0].SizeInGiB != nil {
		if gb := estimate.Float(*tdv.EphemeralStorage[0].SizeInGiB); gb.GreaterThan(fargateFreeEphemeralGB) {
			out = append(out, c.Hourly(estimate.Line{Name: "Fargate ephemeral storage above 20 GB", Unit: "GB-hours",
				Category: estimate.Storage, Service: "fargate", Item: "ephemeral storage above 20 GB"},
				tasks.Mul(gb.Sub(fargateFreeEphemeralGB))))
		}
	}
	if spot != nil && spot.IsPositive() {
		out = append(out, c.Unpriced(estimate.Line{Name: "Fargate Spot tasks", Unit: "tasks", Category: estimate.Compute},
			fmt.Sprintf("%s of %s tasks run on FARGATE_SPOT, whose price floats (AWS quotes up to 70%% off) and has no "+
				"authoritative catalog figure: not priced", spot.String(), estimate.Float(*v.DesiredCount).String())))
	}
	return out, nil
}

func fargateLines(label, os, arch string) []estimate.Line {
	vcpuItem, memItem := label+" vCPU hour", label+" memory GB hour"
	if os == "windows" {
		// The catalog names the Windows rows without the architecture.
		vcpuItem, memItem = "Windows/x86 vCPU hour", "Windows memory GB hour"
		if arch == "arm" {
			vcpuItem, memItem = "Windows/ARM vCPU hour", "Windows/ARM memory GB hour"
		}
	}
	return []estimate.Line{
		{Name: "Fargate vCPU (" + label + ")", Unit: "vCPU-hours", Category: estimate.Compute, Service: "fargate", Item: vcpuItem},
		{Name: "Fargate memory (" + label + ")", Unit: "GB-hours", Category: estimate.Compute, Service: "fargate", Item: memItem},
		{Name: "Fargate Windows OS license", Unit: "vCPU-hours", Category: estimate.Compute, Service: "fargate", Item: "Windows OS license per vCPU hour"},
	}
}

func unknownAll(c *estimate.Context, lines []estimate.Line, attr string) []estimate.Component {
	return []estimate.Component{c.UnknownValue(lines[0], attr), c.UnknownValue(lines[1], attr)}
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

// taskDefinition finds the service's task definition: through the
// configuration reference, else by family name (the value is an ARN,
// "family:revision" or "family"). ref names it for messages.
func taskDefinition(c *estimate.Context, v ecsServiceValues) (*plan.Resource, string) {
	if rs := c.Related("task_definition", "aws_ecs_task_definition"); len(rs) > 0 {
		return rs[0], rs[0].Address
	}
	ref := str(v.TaskDefinition)
	fam := ref
	if i := strings.LastIndex(fam, "task-definition/"); i >= 0 {
		fam = fam[i+len("task-definition/"):]
	}
	fam, _, _ = strings.Cut(fam, ":")
	if fam == "" || c.Plan == nil {
		if ref == "" {
			ref = "(unknown until apply)"
		}
		return nil, ref
	}
	if r := findByAttr(c, "aws_ecs_task_definition", "family", fam); r != nil {
		return r, r.Address
	}
	return nil, ref
}

// splitCapacity returns how many tasks run on FARGATE and FARGATE_SPOT
// (nil fargate = all desired tasks on Fargate), or ec2 = true when the
// service runs on container instances. With a capacity provider strategy,
// each provider's base is placed first and the rest split by weight.
func splitCapacity(v ecsServiceValues, td taskDefinitionValues) (fargate, spot *decimal.Decimal, ec2 bool) {
	if len(v.CapacityProviderStrategy) == 0 {
		switch strings.ToUpper(str(v.LaunchType)) {
		case "FARGATE":
			return nil, nil, false
		case "EC2", "EXTERNAL":
			return nil, nil, true
		}
		// No launch type: the cluster default applies; a task definition
		// that only runs on Fargate tells which.
		for _, rc := range td.RequiresCompatibilities {
			if strings.EqualFold(rc, "FARGATE") && len(td.RequiresCompatibilities) == 1 {
				return nil, nil, false
			}
		}
		return nil, nil, true
	}
	onFargate := false
	for _, s := range v.CapacityProviderStrategy {
		if strings.HasPrefix(strings.ToUpper(str(s.CapacityProvider)), "FARGATE") {
			onFargate = true
		}
	}
	if !onFargate {
		return nil, nil, true
	}
	desired := decimal.Zero
	if v.DesiredCount != nil {
		desired = estimate.Float(*v.DesiredCount)
	}
	remaining := desired
	share := map[string]decimal.Decimal{}
	totalWeight := decimal.Zero
	for _, s := range v.CapacityProviderStrategy {
		p := strings.ToUpper(str(s.CapacityProvider))
		if s.Base != nil {
			b := decimal.Min(estimate.Float(*s.Base), remaining)
			share[p] = share[p].Add(b)
			remaining = remaining.Sub(b)
		}
		if s.Weight != nil {
			totalWeight = totalWeight.Add(estimate.Float(*s.Weight))
		}
	}
	if remaining.IsPositive() {
		for i, s := range v.CapacityProviderStrategy {
			p := strings.ToUpper(str(s.CapacityProvider))
			switch {
			case totalWeight.IsPositive() && s.Weight != nil:
				share[p] = share[p].Add(remaining.Mul(estimate.Float(*s.Weight)).Div(totalWeight))
			case totalWeight.IsZero() && i == 0:
				share[p] = share[p].Add(remaining)
			}
		}
	}
	f, sp := share["FARGATE"], share["FARGATE_SPOT"]
	return &f, &sp, false
}

// parseVCPU reads a task's cpu: CPU units ("1024" = 1 vCPU) or "1 vCPU".
func parseVCPU(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return decimal.Zero, false
	}
	if n, ok := strings.CutSuffix(s, "vcpu"); ok {
		d, err := decimal.NewFromString(strings.TrimSpace(n))
		return d, err == nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, false
	}
	return d.Div(estimate.Int(1024)), true
}

// parseMemoryGB reads a task's memory: MiB ("2048" = 2 GB) or "2 GB"/"2GB".
func parseMemoryGB(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return decimal.Zero, false
	}
	for _, suf := range []string{"gb", "gib"} {
		if n, ok := strings.CutSuffix(s, suf); ok {
			d, err := decimal.NewFromString(strings.TrimSpace(n))
			return d, err == nil
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, false
	}
	return d.Div(estimate.Int(1024)), true
}
