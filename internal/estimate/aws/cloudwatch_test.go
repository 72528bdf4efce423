package aws

import "testing"

func TestCloudwatchLogGroup(t *testing.T) {
	runCovCases(t, "aws_cloudwatch_log_group", []covCase{
		// 100 GB × 0.50 = 50; 500 GB × 0.03 = 15; 250 GB × 0.005 = 1.25; total 66.25.
		{name: "us-east-1", values: `{"retention_in_days":30}`,
			usage: "monthly_data_ingested_gb: 100\nstorage_gb: 500\nmonthly_data_scanned_gb: 250",
			want:  map[string]string{"Data ingested": "50", "Archival storage": "15", "Insights queries data scanned": "1.25"}, total: "66.25"},
		// eu-west-1 (S5): 100 GB × 0.57 = 57.
		{name: "eu-west-1", region: "eu-west-1", values: `{}`, usage: "monthly_data_ingested_gb: 100",
			want: map[string]string{"Data ingested": "57", "Archival storage": ""}, total: "57"},
		{name: "no usage", values: `{}`, total: "0", count: 3},
	})
}

func TestCloudwatchMetricAlarm(t *testing.T) {
	runCovCases(t, "aws_cloudwatch_metric_alarm", []covCase{
		// 1 metric × 0.10 = 0.10.
		{name: "standard", values: `{"period":300}`, want: map[string]string{"Standard resolution": "0.1"}},
		// period 10 s is high resolution: 1 × 0.30.
		{name: "high resolution", values: `{"period":10}`, want: map[string]string{"High resolution": "0.3"}},
		// metric math over 2 metrics: 2 × 0.10 = 0.20.
		{name: "metric query", values: `{"metric_query":[{"metric":[{"period":60}]},{"metric":[{"period":60}]},{"expression":"m1+m2"}]}`,
			want: map[string]string{"Standard resolution": "0.2"}},
		// anomaly detection: 3 metrics per metric: 3 × 0.10 = 0.30.
		{name: "anomaly detection", values: `{"threshold_metric_id":"ad1","metric_query":[{"metric":[{"period":300}]},{"expression":"ANOMALY_DETECTION_BAND(m1)"}]}`,
			want: map[string]string{"Standard resolution": "0.3"}},
	})
}

func TestCloudwatchDashboard(t *testing.T) {
	runCovCases(t, "aws_cloudwatch_dashboard", []covCase{
		// 1 dashboard-month × 3.00.
		{name: "dashboard", values: `{"dashboard_name":"ops"}`, want: map[string]string{"Dashboard": "3"}, total: "3"},
	})
}
