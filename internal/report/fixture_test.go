package report

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// The golden estimates are built by hand with fixed decimals so that the
// goldens test rendering only, never the catalog or the rules.

var goldenTime = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// comp is a priced component: monthly cost = monthly quantity × price,
// hourly cost = monthly cost / 730 (as the engine computes them); hourlyQty
// "" means monthly quantity / 730.
func comp(name, group, unit string, cat estimate.Category, price, monthlyQty, hourlyQty string) estimate.Component {
	p, mq := d(price), d(monthlyQty)
	hq := mq.Div(decimal.NewFromInt(730))
	if hourlyQty != "" {
		hq = d(hourlyQty)
	}
	mc := mq.Mul(p)
	hc := mc.Div(decimal.NewFromInt(730))
	return estimate.Component{Name: name, Group: group, Unit: unit, Category: cat, Price: p,
		MonthlyQuantity: &mq, HourlyQuantity: &hq, MonthlyCost: &mc, HourlyCost: &hc,
		PriceRegion: "us-east-1", Source: "S1 test figures", AsOf: "2026-08-01"}
}

func priced(addr, typ, region, regionSource string, cs ...estimate.Component) *estimate.Resource {
	r := &estimate.Resource{Address: addr, Type: typ, Region: region, RegionSource: regionSource,
		Action: "create", Status: estimate.StatusPriced, Components: cs}
	for _, c := range cs {
		if c.HourlyCost != nil {
			r.HourlyCost = r.HourlyCost.Add(*c.HourlyCost)
		}
		if c.MonthlyCost != nil {
			r.MonthlyCost = r.MonthlyCost.Add(*c.MonthlyCost)
		}
	}
	return r
}

func goldenEstimate() *estimate.Estimate {
	// aws_instance.web: 730 h × $0.096 = $70.08; root gp3 8 GB × $0.08 = $0.64;
	// io1 100 GB × $0.125 = $12.50; 800 IOPS × $0.065 = $52.00. Total $135.22.
	web := priced("aws_instance.web", "aws_instance", "us-east-1", plan.RegionFromProvider,
		comp("Instance usage (Linux/UNIX, on-demand, m5.large)", "", "hours", estimate.Compute, "0.096", "730", "1"),
		comp("Storage (general purpose SSD, gp3)", "root_block_device", "GB", estimate.Storage, "0.08", "8", ""),
		comp("Storage (provisioned IOPS SSD, io1)", "ebs_block_device[0]", "GB", estimate.Storage, "0.125", "100", ""),
		comp("Provisioned IOPS", "ebs_block_device[0]", "IOPS", estimate.Storage, "0.065", "800", ""),
	)
	web.Tags = map[string]string{"team": "web"}
	// aws_lambda_function.api: requests without usage add nothing;
	// 25,000,000 GB-s × $0.0000166667 = $416.6675.
	requests := estimate.Component{Name: "Requests", Unit: "1M requests", Category: estimate.ManagedServices,
		Price: d("0.2"), UsageBased: true, Note: "depends on usage: $0.2 per 1M requests", PriceRegion: "us-east-1",
		Source: "S1 test figures", AsOf: "2026-08-01"}
	duration := comp("Duration", "", "GB-seconds", estimate.ManagedServices, "0.0000166667", "25000000", "")
	duration.UsageBased = true
	lambda := priced("module.app.aws_lambda_function.api", "aws_lambda_function", "us-east-1", plan.RegionFromProvider, requests, duration)
	lambda.Module = "module.app"
	// aws_nat_gateway.main in eu-west-3 with the us-east-1 figure (approximate):
	// 730 h × $0.045 = $32.85; 100 GB × $0.045 = $4.50. Total $37.35.
	natHours := comp("NAT gateway", "", "hours", estimate.Network, "0.045", "730", "1")
	natHours.Approximate = true
	natData := comp("Data processed", "", "GB", estimate.Network, "0.045", "100", "")
	natData.UsageBased, natData.Approximate = true, true
	nat := priced("aws_nat_gateway.main", "aws_nat_gateway", "eu-west-3", plan.RegionFromVariable, natHours, natData)
	// aws_ebs_volume.data: size unknown until apply, not priced as $0.
	ebs := priced("aws_ebs_volume.data", "aws_ebs_volume", "us-east-1", plan.RegionFromDefault,
		estimate.Component{Name: "Storage (general purpose SSD, gp3)", Unit: "GB", Category: estimate.Storage,
			Price: d("0.08"), Unknown: true, Note: "size is unknown until apply"})
	ebs.Warnings = []string{"aws_ebs_volume.data: size is unknown until apply; \"Storage (general purpose SSD, gp3)\" is not priced"}
	// aws_db_instance.db: the class has no price (unpriced); 20 GB × $0.115 = $2.30.
	db := priced("aws_db_instance.db", "aws_db_instance", "us-east-1", plan.RegionFromProvider,
		estimate.Component{Name: "Database instance (on-demand, Single-AZ, db.x9.huge)", Unit: "hours",
			Category: estimate.Database, Unpriced: true, Note: `no price for rds "db.x9.huge/mysql/single-az/on_demand" in us-east-1`},
		comp("Storage (general purpose SSD, gp2)", "", "GB", estimate.Database, "0.115", "20", ""),
	)
	est := &estimate.Estimate{Name: "examples/plan.json", PlanFile: "examples/plan.json", DefaultRegion: "us-east-1",
		Currency: "USD", CatalogDate: "2026-08-01",
		Resources: []*estimate.Resource{web, lambda, nat, ebs, db,
			{Address: "aws_iam_role.app", Type: "aws_iam_role", Region: "us-east-1", RegionSource: plan.RegionFromProvider, Action: "create", Status: estimate.StatusFree},
			{Address: "aws_foo_bar.x", Type: "aws_foo_bar", Region: "us-east-1", RegionSource: plan.RegionFromProvider, Action: "create", Status: estimate.StatusUnsupported, Note: "not supported yet"},
			{Address: "aws_instance.old", Type: "aws_instance", Region: "us-east-1", RegionSource: plan.RegionFromProvider, Action: "delete", Status: estimate.StatusSkipped, Note: "does not exist after the change"},
		},
		Warnings: []string{"aws_ebs_volume.data: size is unknown until apply"},
	}
	estimate.Total(est)
	return est
}

// goldenPast is the prior state: aws_instance.web without its io1 volume
// ($70.08 + $0.64 = $70.72) and aws_instance.old ($70.08), total $140.80.
func goldenPast() *estimate.Estimate {
	web := priced("aws_instance.web", "aws_instance", "us-east-1", plan.RegionFromProvider,
		comp("Instance usage (Linux/UNIX, on-demand, m5.large)", "", "hours", estimate.Compute, "0.096", "730", "1"),
		comp("Storage (general purpose SSD, gp3)", "root_block_device", "GB", estimate.Storage, "0.08", "8", ""),
	)
	old := priced("aws_instance.old", "aws_instance", "us-east-1", plan.RegionFromProvider,
		comp("Instance usage (Linux/UNIX, on-demand, m5.large)", "", "hours", estimate.Compute, "0.096", "730", "1"))
	est := &estimate.Estimate{Name: "examples/plan.json", PlanFile: "examples/plan.json", DefaultRegion: "us-east-1",
		Currency: "USD", CatalogDate: "2026-08-01", Resources: []*estimate.Resource{web, old}}
	estimate.Total(est)
	return est
}

func goldenProjects() []Project {
	return []Project{{Name: "examples/plan.json", Path: "examples/plan.json", Estimate: goldenEstimate()}}
}
