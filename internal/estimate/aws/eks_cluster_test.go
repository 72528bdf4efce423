package aws

import (
	"testing"
	"time"
)

func TestEKSCluster(t *testing.T) {
	cases := []covCase{
		// 1.35 is in standard support until 2027-03-27: 0.10 × 730 = 73.00.
		{name: "standard support", values: `{"version":"1.35"}`,
			want: map[string]string{"EKS cluster (standard support)": "73"}, total: "73"},
		// 1.31 left standard support on 2025-11-26, support_type defaults to
		// EXTENDED: us-east-1 extended rate 0.60 × 730 = 438.00.
		{name: "extended support", values: `{"version":"1.31","upgrade_policy":[{"support_type":"EXTENDED"}]}`,
			want: map[string]string{"EKS cluster (extended support)": "438"}, total: "438",
			note: map[string]string{"EKS cluster (extended support)": "2025-11-26"}},
		// support_type STANDARD: EKS upgrades instead of charging extended: 73.00.
		{name: "past standard but STANDARD policy", values: `{"version":"1.31","upgrade_policy":[{"support_type":"STANDARD"}]}`,
			want: map[string]string{"EKS cluster (standard support)": "73"}},
		// 1.22 predates the calendar: extended, 438.00.
		{name: "very old version", values: `{"version":"1.22"}`, want: map[string]string{"EKS cluster (extended support)": "438"}},
		// No version: EKS creates the latest, standard support: 73.00.
		{name: "version unknown", values: `{"version":null}`, unknown: `{"version":true}`,
			want: map[string]string{"EKS cluster (standard support)": "73"}},
		// us-east-2 regional row (S22e): standard 0.10 × 730 = 73, the region's own figure.
		{name: "us-east-2 standard", region: "us-east-2", values: `{"version":"1.34"}`, want: map[string]string{"EKS cluster (standard support)": "73"}},
		// eu-west-1 has no EKS row: the us-east-1 figure stands in, marked approximate (73).
		{name: "fallback region", region: "eu-west-1", values: `{"version":"1.35"}`, want: map[string]string{"EKS cluster (standard support)": "73"}},
	}
	// Support status depends on the date: every case is priced on 2026-11-22.
	for i := range cases {
		cases[i].now = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	}
	runCovCases(t, "aws_eks_cluster", cases)
}
