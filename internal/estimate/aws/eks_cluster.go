package aws

import (
	"strconv"
	"strings"
	"time"

	"github.com/tfcost/tfcost/internal/estimate"
)

// eksClusterValues are the aws_eks_cluster attributes that drive cost.
type eksClusterValues struct {
	Version       *string `json:"version"`
	UpgradePolicy []struct {
		SupportType *string `json:"support_type"`
	} `json:"upgrade_policy"`
}

// eksStandardSupportEnds is the end of standard support per Kubernetes minor
// version, from AWS's "Understand the Kubernetes version lifecycle on EKS"
// calendar. After it a cluster whose support_type is EXTENDED (the default)
// is billed the extended-support rate; with STANDARD, EKS upgrades it instead.
var eksStandardSupportEnds = map[string]string{
	"1.23": "2023-10-11", "1.24": "2024-01-31", "1.25": "2024-05-01", "1.26": "2024-06-11",
	"1.27": "2024-07-24", "1.28": "2024-11-26", "1.29": "2025-03-23", "1.30": "2025-07-23",
	"1.31": "2025-11-26", "1.32": "2026-03-23", "1.33": "2026-07-29", "1.34": "2026-12-02",
	"1.35": "2027-03-27",
}

// eksCluster: a control plane is billed per cluster-hour, at the higher
// extended-support rate once its version is past standard support.
func eksCluster() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_eks_cluster",
		Components: []string{"EKS cluster (standard support)", "EKS cluster (extended support)"},
		UsageKeys:  withScheduling(),
		Notes: "Extended support is charged when the version is past the end of standard support in AWS's EKS calendar " +
			"and upgrade_policy.support_type is not STANDARD.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v eksClusterValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return []estimate.Component{eksControlPlane(c, v)}, nil
		},
	}
}

func eksControlPlane(c *estimate.Context, v eksClusterValues) estimate.Component {
	standard := estimate.Line{Name: "EKS cluster (standard support)", Unit: "hours", Category: estimate.ManagedServices,
		Service: "eks", Item: "cluster hour (standard support)"}
	supportType := "EXTENDED"
	if len(v.UpgradePolicy) > 0 && v.UpgradePolicy[0].SupportType != nil {
		supportType = strings.ToUpper(*v.UpgradePolicy[0].SupportType)
	}
	if v.Version == nil || *v.Version == "" || c.Unknown("version") {
		standard.Note = "version not set: EKS creates the latest version, which is in standard support"
		return c.Hourly(standard, estimate.Int(1))
	}
	extended, why := eksExtended(*v.Version, c.Now())
	if !extended {
		return c.Hourly(standard, estimate.Int(1))
	}
	if supportType == "STANDARD" {
		standard.Note = "version " + *v.Version + " is past standard support; support_type STANDARD makes EKS upgrade it instead of charging extended support"
		return c.Hourly(standard, estimate.Int(1))
	}
	l := estimate.Line{Name: "EKS cluster (extended support)", Unit: "hours", Category: estimate.ManagedServices,
		Service: "eks", Item: "cluster hour (extended support)", Note: why}
	if g, ok := covGap(c, l, "EKS extended support"); ok {
		return g
	}
	return c.Hourly(l, estimate.Int(1))
}

// eksExtended reports whether a version is past its end of standard support
// on the date now.
func eksExtended(version string, now time.Time) (bool, string) {
	minor := version
	if parts := strings.SplitN(version, ".", 3); len(parts) >= 2 {
		minor = parts[0] + "." + parts[1]
	}
	end, ok := eksStandardSupportEnds[minor]
	if !ok {
		// Versions before 1.23 predate extended support; anything newer than the
		// calendar is in standard support.
		if m, err := strconv.Atoi(strings.TrimPrefix(minor, "1.")); err == nil && strings.HasPrefix(minor, "1.") && m < 23 {
			return true, "version " + version + " is past the end of standard support"
		}
		return false, ""
	}
	d, _ := time.Parse("2006-01-02", end)
	if now.UTC().Before(d) {
		return false, ""
	}
	return true, "version " + minor + " left standard support on " + end
}
