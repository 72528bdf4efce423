package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// cloudwatchMetricAlarmValues are the aws_cloudwatch_metric_alarm attributes
// that drive cost: the period (high resolution under 60 s) and how many
// metrics the alarm evaluates.
type cloudwatchMetricAlarmValues struct {
	Period            *float64 `json:"period"`
	ThresholdMetricID *string  `json:"threshold_metric_id"`
	MetricQuery       []struct {
		Period     *float64          `json:"period"`
		Expression *string           `json:"expression"`
		Metric     []json1MetricStat `json:"metric"`
	} `json:"metric_query"`
}

type json1MetricStat struct {
	Period *float64 `json:"period"`
}

// cloudwatchMetricAlarm: AWS bills each metric an alarm evaluates per month;
// anomaly-detection alarms count three metrics per evaluated metric.
func cloudwatchMetricAlarm() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_cloudwatch_metric_alarm",
		Components: []string{"Standard resolution", "High resolution"},
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v cloudwatchMetricAlarmValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			metrics, highRes := alarmMetrics(v)
			return []estimate.Component{alarmLine(c, metrics, highRes)}, nil
		},
	}
}

func alarmMetrics(v cloudwatchMetricAlarmValues) (int64, bool) {
	period := covF(v.Period)
	metrics := int64(0)
	anomaly := v.ThresholdMetricID != nil && *v.ThresholdMetricID != ""
	for _, q := range v.MetricQuery {
		for _, m := range q.Metric {
			metrics++
			if m.Period != nil && (period.IsZero() || covF(m.Period).LessThan(period)) {
				period = covF(m.Period)
			}
		}
		if q.Expression != nil && strings.Contains(strings.ToUpper(*q.Expression), "ANOMALY_DETECTION_BAND") {
			anomaly = true
		}
	}
	if metrics == 0 {
		metrics = 1
	}
	if anomaly {
		metrics *= 3
	}
	return metrics, period.IsPositive() && period.LessThan(estimate.Int(60))
}

func alarmLine(c *estimate.Context, metrics int64, highRes bool) estimate.Component {
	l := estimate.Line{Name: "Standard resolution", Unit: "alarm metrics", Category: estimate.ManagedServices,
		Service: "cloudwatch", Item: "standard-resolution alarm metric"}
	if highRes {
		l.Name, l.Item = "High resolution", "high-resolution alarm metric"
	}
	if g, ok := covGap(c, l, "CloudWatch "+l.Item); ok {
		return g
	}
	return c.Monthly(l, estimate.Int(metrics))
}
