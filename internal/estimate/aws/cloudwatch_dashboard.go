package aws

import "github.com/tfcost/tfcost/internal/estimate"

// cloudwatchDashboardValues: every dashboard costs the same.
type cloudwatchDashboardValues struct {
	DashboardName *string `json:"dashboard_name"`
}

// cloudwatchDashboard: one dashboard-month per dashboard (the free tier of
// three dashboards per account is not deducted).
func cloudwatchDashboard() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_cloudwatch_dashboard",
		Components: []string{"Dashboard"},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v cloudwatchDashboardValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			l := estimate.Line{Name: "Dashboard", Unit: "months", Category: estimate.ManagedServices,
				Service: "cloudwatch", Item: "dashboard"}
			if g, ok := covGap(c, l, "CloudWatch dashboards"); ok {
				return []estimate.Component{g}, nil
			}
			return []estimate.Component{c.Monthly(l, estimate.Int(1))}, nil
		},
	}
}
