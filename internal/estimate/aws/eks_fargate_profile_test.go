package aws

import "testing"

func TestEKSFargateProfile(t *testing.T) {
	runCovCases(t, "aws_eks_fargate_profile", []covCase{
		// 4 pods × 0.5 vCPU × 730 h = 1460 vCPU-h × 0.04048 = 59.1008;
		// 4 pods × 1 GB × 730 h = 2920 GB-h × 0.004445 = 12.9794; total 72.0802.
		{name: "pods from usage", values: `{"fargate_profile_name":"default"}`,
			usage: "average_pods: 4\npod_vcpu: 0.5\npod_memory_gb: 1",
			want:  map[string]string{"Fargate vCPU (Linux/x86)": "59.1008", "Fargate memory (Linux/x86)": "12.9794"}, total: "72.0802"},
		// hours_per_day 12 × 30.4166… days: 4 × 0.25 vCPU × 365 h = 365 × 0.04048 = 14.7752;
		// 4 × 0.5 GB × 365 = 730 × 0.004445 = 3.24485.
		{name: "scheduled", values: `{}`, usage: "average_pods: 4\npod_vcpu: 0.25\npod_memory_gb: 0.5\nmonthly_hrs: 365",
			want: map[string]string{"Fargate vCPU (Linux/x86)": "14.7752", "Fargate memory (Linux/x86)": "3.24485"}},
		// Savings plan 20 %: 59.1008 × 0.8 = 47.28064; 12.9794 × 0.8 = 10.38352.
		{name: "savings plan", values: `{}`, usage: "average_pods: 4\npod_vcpu: 0.5\npod_memory_gb: 1\nsavings_plan_discount_percent: 20",
			want: map[string]string{"Fargate vCPU (Linux/x86)": "47.28064", "Fargate memory (Linux/x86)": "10.38352"}},
		// No usage: lines show the unit price only.
		{name: "no usage", values: `{}`, want: map[string]string{"Fargate vCPU (Linux/x86)": "", "Fargate memory (Linux/x86)": ""}, total: "0"},
	})
}
