package aws

import "testing"

// aws_unit_prices.csv, us-east-1 (S4): nat_gateway gateway hour 0.045, data
// processed 0.045 per GB; eu-west-1 (S5): 0.048 and 0.048.
func TestNATGateway(t *testing.T) {
	tests := []struct {
		name, usage, region, hours, data, total string
	}{
		// 0.045 × 730 = 32.85; data depends on usage
		{"no usage", "", "us-east-1", "32.85", "", "32.85"},
		// 100 GB × 0.045 = 4.5
		{"with usage", "monthly_data_processed_gb: 100", "us-east-1", "32.85", "4.5", "37.35"},
		// 0.048 × 730 = 35.04; 10 × 0.048 = 0.48
		{"eu-west-1", "monthly_data_processed_gb: 10", "eu-west-1", "35.04", "0.48", "35.52"},
		// scheduling keys do not stop a NAT gateway's hourly charge
		{"always on", "monthly_hrs: 100", "us-east-1", "32.85", "", "32.85"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := priceOne(t, "aws_nat_gateway", `{"connectivity_type":"public"}`, tt.usage, tt.region)
			assertMonthly(t, r, "NAT gateway", tt.hours)
			assertMonthly(t, r, "Data processed", tt.data)
			assertTotal(t, r, tt.total)
		})
	}
}
