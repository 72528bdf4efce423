package carbon_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/carbon"
	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestPricedPlanFootprint runs the real pricing rules and embedded catalog:
// the footprints come from the catalog items the rules price (estimate's
// lineFootprint), so the figures must match the hand computations in
// carbon_test.go (m5.large 3.017434 kg; S3 Standard 1,000 GB 1.224903 kg).
func TestPricedPlanFootprint(t *testing.T) {
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	p := estimate.InlinePlan("us-east-1", []estimate.InlineResource{
		{Type: "aws_instance", Name: "web", Values: raw(map[string]any{"instance_type": "m5.large"})},
		{Type: "aws_s3_bucket", Name: "data", Values: raw(map[string]any{"bucket": "data"})},
	})
	uf, err := usage.Parse("usage.yml", []byte("version: 0.1\nresource_usage:\n  aws_s3_bucket.data:\n    standard:\n      storage_gb: 1000\n"))
	if err != nil {
		t.Fatal(err)
	}
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(), Usage: uf}).Estimate(p)
	carbon.Annotate(est)
	want := map[string]string{"aws_instance.web": "3.017434", "aws_s3_bucket.data": "1.224903"}
	for _, r := range est.Resources {
		w := decimal.RequireFromString(want[r.Address])
		if r.CarbonKg == nil {
			t.Errorf("%s: no carbon figure (components %+v)", r.Address, r.Components)
			continue
		}
		if r.CarbonKg.Sub(w).Abs().GreaterThan(w.Mul(decimal.RequireFromString("0.01"))) {
			t.Errorf("%s: %s kgCO2e, want %s ±1%%", r.Address, r.CarbonKg, w)
		}
	}
	if est.Carbon == nil || est.Carbon.Resources != 2 {
		t.Fatalf("summary = %+v", est.Carbon)
	}
}
