package aws

import (
	"strings"
	"testing"
)

// aws_unit_prices.csv, us-east-1, service s3: Standard storage 0.023 (first
// 50 TB, S4), 0.022 (next 450 TB, S7), 0.021 (over 500 TB, S7); PUT-class
// 0.005 and GET-class 0.0004 per 1k; Standard-IA storage 0.0125, retrievals
// 0.01 per GB; Intelligent tiering monitoring 0.0025 per 1k objects;
// Glacier deep archive storage 0.00099.
func TestS3Bucket(t *testing.T) {
	tests := []struct {
		name, usage string
		want        map[string]string
		total       string
	}{
		{name: "no usage shows Standard unit prices",
			want: map[string]string{"Storage": "", s3Put: "", s3Get: ""}, total: "0"},
		// 1000 GB × 0.023 = 23; 100,000 PUT = 100 × 0.005 = 0.5; 500,000 GET = 500 × 0.0004 = 0.2
		{name: "standard", usage: "standard:\n  storage_gb: 1000\n  monthly_tier_1_requests: 100000\n  monthly_tier_2_requests: 500000",
			want: map[string]string{"Storage": "23", s3Put: "0.5", s3Get: "0.2"}, total: "23.7"},
		// tiers: 51,200 × 0.023 = 1177.6; 460,800 × 0.022 = 10137.6; 88,000 × 0.021 = 1848
		{name: "standard volume tiers", usage: "standard:\n  storage_gb: 600000",
			want:  map[string]string{"Storage (first 50 TB)": "1177.6", "Storage (next 450 TB)": "10137.6", "Storage (over 500 TB)": "1848"},
			total: "13163.2"},
		// 100 × 0.0125 = 1.25; 10 × 0.01 = 0.1
		{name: "standard-IA", usage: "standard_infrequent_access:\n  storage_gb: 100\n  monthly_data_retrieval_gb: 10",
			want: map[string]string{"Storage": "1.25", "Retrievals": "0.1"}, total: "1.35"},
		// 1,000,000 objects = 1000 × 0.0025 = 2.5
		{name: "intelligent tiering monitoring", usage: "intelligent_tiering:\n  monitored_objects: 1000000",
			want: map[string]string{"Monitoring and automation": "2.5"}, total: "2.5"},
		// 1000 × 0.00099 = 0.99
		{name: "deep archive", usage: "glacier_deep_archive:\n  storage_gb: 1000", total: "0.99"},
		// Infracost's example usage: every key 0 → $0 with quantities, select keys 0 add nothing
		{name: "zero usage", usage: "standard:\n  storage_gb: 0\n  monthly_tier_1_requests: 0\n  monthly_tier_2_requests: 0\n  monthly_select_data_scanned_gb: 0",
			want: map[string]string{"Storage": "0", s3Put: "0", s3Get: "0"}, total: "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := priceOne(t, "aws_s3_bucket", `{"bucket":"b"}`, tt.usage, "us-east-1")
			for name, want := range tt.want {
				assertMonthly(t, r, name, want)
			}
			assertTotal(t, r, tt.total)
			for _, c := range r.Components {
				if !c.UsageBased && !c.Unpriced {
					t.Errorf("%s should be usage-based", c.Name)
				}
			}
		})
	}
}

func TestS3BucketUnpricedKeys(t *testing.T) {
	r := priceOne(t, "aws_s3_bucket", `{}`, "object_tags: 5\nstandard:\n  monthly_select_data_scanned_gb: 10", "us-east-1")
	for _, name := range []string{"Object tagging", "monthly_select_data_scanned_gb"} {
		if c := comp(t, r, name); !c.Unpriced || !strings.Contains(c.Note, "no catalog price") {
			t.Errorf("%s: %+v", name, c)
		}
	}
	if c := comp(t, r, "Storage"); c.MonthlyCost != nil || !strings.Contains(c.Note, "depends on usage") {
		t.Errorf("storage without a key shows its price: %+v", c)
	}
}
