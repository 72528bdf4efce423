package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// rdsClusterInstanceValues are the aws_rds_cluster_instance attributes that drive cost.
type rdsClusterInstanceValues struct {
	InstanceClass *string `json:"instance_class"`
	Engine        *string `json:"engine"`
}

// rdsClusterInstance: an Aurora instance-hour for its class and engine (the
// I/O-Optimized rate when its cluster uses aurora-iopt1 storage), reserved
// with Infracost's keys; db.serverless instances bill Serverless v2 ACU-hours.
func rdsClusterInstance() estimate.Rule {
	return estimate.Rule{
		Type: "aws_rds_cluster_instance",
		Components: []string{"Database instance (on-demand, <class>)", "Database instance (reserved …, <class>)",
			"Aurora Serverless v2 capacity"},
		UsageKeys: withScheduling(slices.Concat([]estimate.UsageKey{
			{Key: keyCapacityUnitsHrs, Description: "average ACUs of a db.serverless (Serverless v2) instance"},
		}, reservationTermKeys)...),
		Notes: "The engine, I/O-Optimized storage and Serverless v2 min_capacity (the floor priced without usage) come from the cluster the instance belongs to (cluster_identifier).",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v rdsClusterInstanceValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			engine := "aurora-mysql"
			if v.Engine != nil && strings.Contains(*v.Engine, "postgres") {
				engine = "aurora-postgresql"
			}
			ioOpt := false
			var minACU *float64
			for _, r := range c.Related("cluster_identifier", "aws_rds_cluster") {
				var cl rdsClusterValues
				if err := c.DecodeResource(r, &cl); err == nil {
					ioOpt = auroraIOOptimized(cl.StorageType)
					if len(cl.ServerlessV2Scaling) > 0 {
						minACU = cl.ServerlessV2Scaling[0].MinCapacity
					}
				}
			}
			class := str(v.InstanceClass)
			if class == "db.serverless" {
				return []estimate.Component{auroraServerlessV2(c, ioOpt, minACU)}, nil
			}
			return []estimate.Component{auroraInstance(c, class, engine, ioOpt)}, nil
		},
	}
}

func auroraInstance(c *estimate.Context, class, engine string, ioOpt bool) estimate.Component {
	key := engine
	label := "on-demand"
	if ioOpt {
		key, label = "aurora-io-optimized", "on-demand, I/O-Optimized"
	}
	l := estimate.Line{Name: fmt.Sprintf("Database instance (%s, %s)", label, class), Unit: "hours", Category: estimate.Database,
		Service: "rds", Item: class + "/" + key + "/single-az/on_demand"}
	r, ok, err := covReadReservation(c)
	if err != nil {
		return covBadUsage(c, l, err)
	}
	if ok {
		l.Name = fmt.Sprintf("Database instance (%s, %s)", r.label(), class)
		l.Item = fmt.Sprintf("%s/%s/single-az/reserved/%s/%s", class, key, r.Term, r.Payment)
		return covReservedLine(c, l, decimal.NewFromInt(1), r)
	}
	if g, ok := covGap(c, l, "Aurora "+class+" ("+key+")"); ok {
		return g
	}
	return c.Hourly(l, decimal.NewFromInt(1))
}

// auroraServerlessV2 bills the average ACUs for every running hour. Without
// usage the cluster's min_capacity is the floor the instance always pays.
func auroraServerlessV2(c *estimate.Context, ioOpt bool, minACU *float64) estimate.Component {
	l := estimate.Line{Name: "Aurora Serverless v2 capacity", Unit: "ACU-hours", Category: estimate.Database,
		Service: "rds", Item: "Aurora Serverless v2 ACU hour"}
	if ioOpt {
		return c.Unpriced(l, "no catalog price for Serverless v2 ACUs on I/O-Optimized storage")
	}
	if g, ok := covGap(c, l, "Aurora Serverless v2 ACUs"); ok {
		return g
	}
	acu, ok := c.Usage.Number(keyCapacityUnitsHrs)
	if !ok {
		if minACU == nil {
			return c.UsageQuantity(l, nil)
		}
		acu = estimate.Float(*minACU)
		l.Note = "priced at the cluster's min_capacity of " + acu.String() + " ACUs; set capacity_units_per_hr for the expected average"
	}
	q := acu.Mul(c.Hours())
	comp := c.UsageQuantity(l, &q)
	comp.HourlyQuantity = &acu
	return comp
}
