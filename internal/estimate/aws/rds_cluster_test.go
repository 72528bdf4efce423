package aws

import "testing"

func TestRDSCluster(t *testing.T) {
	runCovCases(t, "aws_rds_cluster", []covCase{
		// Storage 100 GB × 0.10 = 10; I/O (10 + 40)/s × 730 × 3600 = 131.4M × 0.20 = 26.28;
		// backups 100 GB × (7 − 1) = 600 GB × 0.021 = 12.6; total 48.88.
		{name: "aurora standard", values: `{"engine":"aurora-postgresql","backup_retention_period":7}`,
			usage: "storage_gb: 100\nwrite_requests_per_sec: 10\nread_requests_per_sec: 40\nbackup_snapshot_size_gb: 100",
			want:  map[string]string{"Storage (Aurora standard)": "10", "I/O requests": "26.28", "Backup storage": "12.6"}, total: "48.88"},
		// I/O-Optimized storage has no exact catalog figure: unpriced; backups 12.6.
		{name: "I/O-Optimized", values: `{"engine":"aurora-mysql","storage_type":"aurora-iopt1","backup_retention_period":7}`,
			usage:    "storage_gb: 100\nbackup_snapshot_size_gb: 100",
			unpriced: []string{"Storage (Aurora I/O-Optimized)"}, total: "12.6"},
		// eu-west-1 (S5, terracost dump): 100 GB × 0.11 = 11; 131.4M I/O × 0.22 per 1M = 28.908;
		// backups 600 GB × 0.021 = 12.6; total 52.508.
		{name: "eu-west-1", region: "eu-west-1", values: `{"engine":"aurora-mysql","backup_retention_period":7}`,
			usage: "storage_gb: 100\nwrite_requests_per_sec: 10\nread_requests_per_sec: 40\nbackup_snapshot_size_gb: 100",
			want:  map[string]string{"Storage (Aurora standard)": "11", "I/O requests": "28.908"}, total: "52.508"},
		// Serverless v1 ACUs are not in the catalog.
		{name: "serverless v1", values: `{"engine":"aurora-mysql","engine_mode":"serverless"}`,
			unpriced: []string{"Aurora Serverless v1 capacity"}},
	})
}

func TestRDSClusterInstance(t *testing.T) {
	cluster := func(storage string) []testResource {
		return []testResource{{Type: "aws_rds_cluster", Name: "db", Values: `{"engine":"aurora-postgresql","storage_type":"` + storage + `"}`}}
	}
	refs := map[string][]string{"cluster_identifier": {"aws_rds_cluster.db"}}
	runCovCases(t, "aws_rds_cluster_instance", []covCase{
		// db.r6g.large aurora-postgresql 0.26 × 730 = 189.8.
		{name: "provisioned", values: `{"instance_class":"db.r6g.large","engine":"aurora-postgresql"}`,
			others: cluster(""), refs: refs, want: map[string]string{"Database instance (on-demand, db.r6g.large)": "189.8"}},
		// Cluster on aurora-iopt1: I/O-Optimized rate 0.338 × 730 = 246.74.
		{name: "I/O-Optimized", values: `{"instance_class":"db.r6g.large","engine":"aurora-postgresql"}`,
			others: cluster("aurora-iopt1"), refs: refs,
			want: map[string]string{"Database instance (on-demand, I/O-Optimized, db.r6g.large)": "246.74"}},
		// Serverless v2: 4 ACUs × 730 h = 2920 ACU-h × 0.12 = 350.4.
		{name: "serverless v2", values: `{"instance_class":"db.serverless","engine":"aurora-postgresql"}`,
			others: cluster(""), refs: refs, usage: "capacity_units_per_hr: 4",
			want: map[string]string{"Aurora Serverless v2 capacity": "350.4"}},
		// eu-west-1 Serverless v2 (S5): 4 ACUs × 730 h × 0.14 = 408.8.
		{name: "serverless v2 eu-west-1", region: "eu-west-1", values: `{"instance_class":"db.serverless","engine":"aurora-mysql"}`,
			usage: "capacity_units_per_hr: 4", want: map[string]string{"Aurora Serverless v2 capacity": "408.8"}},
		// Serverless v2 without usage: the cluster's min_capacity 0.5 ACU × 730 h = 365 ACU-h × 0.12 = 43.8.
		{name: "serverless v2 floor", values: `{"instance_class":"db.serverless","engine":"aurora-postgresql"}`,
			others: []testResource{{Type: "aws_rds_cluster", Name: "db", Values: `{"engine":"aurora-postgresql","serverlessv2_scaling_configuration":[{"min_capacity":0.5,"max_capacity":8}]}`}},
			refs:   refs, want: map[string]string{"Aurora Serverless v2 capacity": "43.8"},
			note: map[string]string{"Aurora Serverless v2 capacity": "min_capacity"}},
		// Reserved 1 yr all upfront: effective 0.1415525114 × 730 = 103.333333322 (not $0).
		{name: "reserved all upfront", values: `{"instance_class":"db.r6g.large","engine":"aurora-postgresql"}`,
			usage: "reserved_instance_term: 1_year\nreserved_instance_payment_option: all_upfront",
			want:  map[string]string{"Database instance (reserved 1yr all upfront, db.r6g.large)": "103.333333322"},
			note:  map[string]string{"Database instance (reserved 1yr all upfront, db.r6g.large)": "amortised"}},
		// hours_per_day 8 × 30 days = 240 h: 0.26 × 240 = 62.4.
		{name: "scheduled", values: `{"instance_class":"db.r6g.large","engine":"aurora-mysql"}`,
			usage: "hours_per_day: 8\ndays_per_month: 30", total: "62.4"},
	})
}
