package acceptance

import (
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestAuroraIOFallsBackLikeStorage: an Aurora cluster outside us-east-1 and
// eu-west-1 (here ap-southeast-1, as in the drdaily fixture) has no exact
// storage or I/O figure. Both are unit prices and take the us-east-1 figure,
// marked approximate. The I/O line used to be unpriced because its item,
// "Aurora I/O requests (standard)", contains a "/" and was mistaken for a
// per-class instance key (catalog.NoFallback).
//
// Usage: 100 GB stored; 10 writes + 40 reads per second.
// Storage: 100 × 0.1 (us-east-1, aws_unit_prices.csv) = 10.
// I/O: 50 × 730 × 3600 = 131,400,000 = 131.4 M requests × 0.2 = 26.28.
// Total 36.28.
func TestAuroraIOFallsBackLikeStorage(t *testing.T) {
	u, err := usage.Parse("usage.yml", []byte(`version: 0.1
resource_usage:
  aws_rds_cluster.aurora:
    storage_gb: 100
    write_requests_per_sec: 10
    read_requests_per_sec: 40
`))
	if err != nil {
		t.Fatal(err)
	}
	p := estimate.InlinePlan("ap-southeast-1", []estimate.InlineResource{{Type: "aws_rds_cluster", Name: "aurora",
		Values: []byte(`{"engine":"aurora-postgresql","engine_mode":"provisioned","storage_type":"","backup_retention_period":1}`)}})
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(), Usage: u}).Estimate(p)
	checkEstimate(t, est, "36.28", []want{priced("aws_rds_cluster.aurora", "ap-southeast-1", "36.28")})
	r := est.Resources[0]
	checkLine(t, r, "", "Storage (Aurora standard)", "100", "0.1", "10")
	checkLine(t, r, "", "I/O requests", "131.4", "0.2", "26.28")
	for _, c := range r.Components {
		if !c.Approximate || c.PriceRegion != "us-east-1" {
			t.Errorf("%q: approximate=%v from %q, want the us-east-1 figure marked approximate", c.Name, c.Approximate, c.PriceRegion)
		}
	}
	// Per-class instance keys still never borrow another region's price.
	if !catalog.NoFallback("rds", "db.t3.micro/mysql/single-az/on_demand") || catalog.NoFallback("rds", "Aurora I/O requests (standard)") {
		t.Error("NoFallback must hold for instance keys only")
	}
}
