package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// sfnStateMachineValues are the aws_sfn_state_machine attributes that drive cost.
type sfnStateMachineValues struct {
	Type *string `json:"type"`
}

// sfnStateMachine: standard workflows pay per state transition, express
// workflows per request and GB-second. shared/pricing has no Step Functions
// figure, so the lines are unpriced.
func sfnStateMachine() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_sfn_state_machine",
		Components: []string{"Transitions (standard)", "Requests (express)", "Duration (express)"},
		UsageKeys: []estimate.UsageKey{
			{Key: "monthly_transitions", Description: "state transitions per month (standard workflows)"},
			{Key: keyMonthlyRequests, Description: "requests per month (express workflows)"},
			{Key: "workflow_duration_ms", Description: "average duration in ms (express workflows)"},
			{Key: "memory_mb", Description: "memory in MB (express workflows)"},
		},
		Notes: "No Step Functions figure in the catalog: every line is unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v sfnStateMachineValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			gap := func(name, unit string) estimate.Component {
				return c.Unpriced(estimate.Line{Name: name, Unit: unit, Category: estimate.ManagedServices},
					"no catalog price for Step Functions in "+c.Region)
			}
			if v.Type != nil && strings.EqualFold(*v.Type, "EXPRESS") {
				return []estimate.Component{gap("Requests (express)", "1M requests"), gap("Duration (express)", "GB-seconds")}, nil
			}
			return []estimate.Component{gap("Transitions (standard)", "1k transitions")}, nil
		},
	}
}
