package aws

import "testing"

// aws_unit_prices.csv: us-east-1 public_ipv4 address hour 0.005 (S4);
// eu-west-1 only has the idle-address row, 0.005 (S5).
func TestEIP(t *testing.T) {
	for _, region := range []string{"us-east-1", "eu-west-1"} {
		t.Run(region, func(t *testing.T) {
			// 0.005 × 730 = 3.65, whatever monthly_hrs says (addresses bill while allocated)
			r := priceOne(t, "aws_eip", `{"domain":"vpc"}`, "monthly_hrs: 10", region)
			assertMonthly(t, r, "Public IPv4 address", "3.65")
			if c := comp(t, r, "Public IPv4 address"); c.Approximate {
				t.Errorf("%s: the region's own figure should be used: %+v", region, c)
			}
		})
	}
}
