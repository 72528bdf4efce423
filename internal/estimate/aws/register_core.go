package aws

import (
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/usage"
)

// registerCore adds the foundation types (compute, storage, load balancing,
// NAT, public IPv4, RDS).
func registerCore(r *estimate.Registry) {
	r.Add(eip())
	r.Add(instance())
	r.Add(ebsVolume())
	r.Add(ecsService())
	r.Add(s3Bucket())
	r.Add(lb("aws_lb"))
	r.Add(lb("aws_alb"))
	r.Add(natGateway())
	r.Add(dbInstance())
}

// schedulingKeys are the usage keys every compute rule honours through
// Context.Hours (Hourly lines): always-on, daytime-only or scheduled jobs.
var schedulingKeys = []estimate.UsageKey{
	{Key: usage.KeyMonthlyHours, Description: "Hours a month the resource runs (default 730)."},
	{Key: usage.KeyHoursPerDay, Description: "Hours a day the resource runs; with days_per_month (default 30.42)."},
	{Key: usage.KeyDaysPerMonth, Description: "Days a month the resource runs, with hours_per_day."},
}

func withScheduling(keys ...estimate.UsageKey) []estimate.UsageKey {
	return append(append([]estimate.UsageKey(nil), keys...), schedulingKeys...)
}

// str returns *s or "" for nil.
func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
