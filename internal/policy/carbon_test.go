package policy

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

func TestCarbonLimit(t *testing.T) {
	s, err := Parse("c.hcl", []byte(`budget "green" {
  limit        = 100000
  carbon_limit = 5
}`))
	if err != nil {
		t.Fatal(err)
	}
	kg := func(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }
	est := &estimate.Estimate{Carbon: &estimate.CarbonSummary{}, Resources: []*estimate.Resource{
		{Address: "aws_instance.a", Type: "aws_instance", CarbonKg: kg("3.0174")},
		{Address: "aws_s3_bucket.b", Type: "aws_s3_bucket", CarbonKg: kg("2.5")},
		{Address: "aws_nat_gateway.n", Type: "aws_nat_gateway"},
	}}
	v := s.Evaluate(Input{Planned: est})
	// 3.0174 + 2.5 = 5.5174 > 5: over by 0.5174.
	if len(v.Violations) != 1 || v.Violations[0].Over.String() != "0.5174" || v.Violations[0].Unit != "kgCO2e/month" {
		t.Fatalf("got %+v", v)
	}
	est.Resources[1].CarbonKg = kg("1")
	if v := s.Evaluate(Input{Planned: est}); len(v.Violations) != 0 || len(v.NotApplicable) != 0 {
		t.Fatalf("4.0174 kg is under the limit: %+v", v)
	}
}
