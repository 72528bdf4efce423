package aws

import "testing"

func TestDynamoDBTable(t *testing.T) {
	// DynamoDB figures exist for us-east-2 only (S4).
	runCovCases(t, "aws_dynamodb_table", []covCase{
		// 20 WCU × 0.4745 = 9.49; 30 RCU × 0.0949 = 2.847; 10 GB × 0.25 = 2.5;
		// PITR 100 GB × 0.20 = 20; on-demand backups 50 GB × 0.10 = 5; total 39.837.
		{name: "provisioned with PITR", region: "us-east-2",
			values: `{"billing_mode":"PROVISIONED","write_capacity":20,"read_capacity":30,"point_in_time_recovery":[{"enabled":true}]}`,
			usage:  "storage_gb: 10\npitr_backup_storage_gb: 100\non_demand_backup_storage_gb: 50",
			want: map[string]string{"Write capacity unit (WCU)": "9.49", "Read capacity unit (RCU)": "2.847", "Data storage": "2.5",
				"Point-in-time recovery (PITR) backup storage": "20", "On-demand backup storage": "5"}, total: "39.837"},
		// On-demand: 3M WRU = 3 × 0.625 = 1.875; 8M RRU = 8 × 0.125 = 1; storage not given.
		{name: "on-demand", region: "us-east-2", values: `{"billing_mode":"PAY_PER_REQUEST"}`,
			usage: "monthly_write_request_units: 3000000\nmonthly_read_request_units: 8000000",
			want:  map[string]string{"Write request unit (WRU)": "1.875", "Read request unit (RRU)": "1", "Data storage": ""}, total: "2.875"},
		// Restores and streams have no catalog price: reported unpriced when used.
		{name: "usage gaps", region: "us-east-2", values: `{"billing_mode":"PAY_PER_REQUEST"}`,
			usage:    "monthly_data_restored_gb: 10\nmonthly_streams_read_request_units: 100",
			unpriced: []string{"Table data restored", "Streams read request unit (sRRU)"}, total: "0"},
		// us-east-1 has no DynamoDB row: the us-east-2 figures stand in (approximate):
		// 20 × 0.4745 + 30 × 0.0949 = 12.337.
		{name: "us-east-1 fallback", values: `{"write_capacity":20,"read_capacity":30}`, total: "12.337"},
		// Global table replica: replicated writes are unpriced; 5 WCU × 0.4745 = 2.3725, 5 RCU × 0.0949 = 0.4745.
		{name: "replica", region: "us-east-2", values: `{"write_capacity":5,"read_capacity":5,"replica":[{"region_name":"eu-west-1"}]}`,
			unpriced: []string{"Replicated write capacity (global table) eu-west-1"}, total: "2.847"},
	})
}
