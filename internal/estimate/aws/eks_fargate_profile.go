package aws

import (
	"github.com/tfcost/tfcost/internal/estimate"
)

// eksFargateProfileValues: the profile itself has no cost-driving attribute;
// the pods it schedules do, and they come from usage.
type eksFargateProfileValues struct {
	FargateProfileName *string `json:"fargate_profile_name"`
}

const (
	keyFargatePods     = "average_pods"
	keyFargatePodVCPU  = "pod_vcpu"
	keyFargatePodMemGB = "pod_memory_gb"
)

// eksFargateProfile: EKS on Fargate bills each pod's vCPU and memory per
// hour; how many pods of what size run is usage.
func eksFargateProfile() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_eks_fargate_profile",
		Components: []string{"Fargate vCPU (Linux/x86)", "Fargate memory (Linux/x86)"},
		UsageKeys: withScheduling([]estimate.UsageKey{
			{Key: keyFargatePods, Description: "average number of pods running on the profile"},
			{Key: keyFargatePodVCPU, Description: "vCPU per pod (after Fargate rounds the pod up to a supported size)"},
			{Key: keyFargatePodMemGB, Description: "memory per pod in GB (including Fargate's 0.25 GB overhead)"},
			{Key: keySavingsPlanPct, Description: "compute savings-plan discount off on-demand, in percent; the catalog has no savings-plan rates"},
		}...),
		Notes: "Infracost has no usage keys for this type (it prices 1 vCPU and 1 GB); tfcost prices pods × size from usage.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v eksFargateProfileValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return []estimate.Component{
				eksFargateLine(c, "Fargate vCPU (Linux/x86)", "vCPU-hours", "Linux/x86 vCPU hour", keyFargatePodVCPU),
				eksFargateLine(c, "Fargate memory (Linux/x86)", "GB-hours", "Linux/x86 memory GB hour", keyFargatePodMemGB),
			}, nil
		},
	}
}

// eksFargateLine is pods × size per hour for every hour of the month
// (monthly_hrs / hours_per_day apply); without usage it shows the unit price.
func eksFargateLine(c *estimate.Context, name, unit, item, sizeKey string) estimate.Component {
	l := estimate.Line{Name: name, Unit: unit, Category: estimate.Compute, Service: "fargate", Item: item}
	pods, okP := c.Usage.Number(keyFargatePods)
	size, okS := c.Usage.Number(sizeKey)
	if !okP || !okS {
		return c.UsageQuantity(l, nil)
	}
	q := pods.Mul(size).Mul(c.Hours())
	comp := covSavingsPct(c, c.UsageQuantity(l, &q))
	perHour := pods.Mul(size)
	comp.HourlyQuantity = &perHour
	return comp
}
