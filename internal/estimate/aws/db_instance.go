package aws

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// dbInstanceValues are the aws_db_instance attributes that drive cost.
type dbInstanceValues struct {
	Engine            *string  `json:"engine"`
	InstanceClass     *string  `json:"instance_class"`
	MultiAZ           *bool    `json:"multi_az"`
	StorageType       *string  `json:"storage_type"`
	AllocatedStorage  *float64 `json:"allocated_storage"`
	Iops              *float64 `json:"iops"`
	StorageThroughput *float64 `json:"storage_throughput"`
}

const (
	keyDBBackupGB = "additional_backup_storage_gb"
)

// dbEngines maps the provider's engine names to the catalog's.
var dbEngines = map[string]string{
	"mysql": "mysql", "postgres": "postgres", "mariadb": "mariadb",
	"sqlserver-ex": "sqlserver-ex", "sqlserver-web": "sqlserver-web", "sqlserver-se": "sqlserver-se", "sqlserver-ee": "sqlserver-ee",
	"aurora": "aurora-mysql", "aurora-mysql": "aurora-mysql", "aurora-postgresql": "aurora-postgresql",
}

// dbEngineLabels are the names the catalog's exact Multi-AZ rows use
// ("db.t3.large MySQL Multi-AZ instance").
var dbEngineLabels = map[string]string{"mysql": "MySQL", "postgres": "PostgreSQL", "mariadb": "MariaDB"}

// multiAZFactor: the catalog has per-class Single-AZ prices only. A
// Multi-AZ deployment runs a standby of the same class, which AWS prices at
// about twice Single-AZ (SOURCES.md: S4 shows 2.00× for db.t3.large and
// 2.03× for db.t4g.small). Where the catalog has no exact Multi-AZ figure
// tfcost doubles the Single-AZ price and marks the line approximate, so the
// summary counts it; --strict-prices leaves it unpriced instead.
var multiAZFactor = estimate.Int(2)

// gp3 includes a baseline of IOPS that depends on the engine and size:
// 3,000 IOPS below 400 GB (SQL Server: always), 12,000 from 400 GB.
var (
	rdsGP3LowIOPS   = estimate.Int(3000)
	rdsGP3HighIOPS  = estimate.Int(12000)
	rdsGP3HighFloor = estimate.Int(400)
)

func dbInstance() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_db_instance",
		Components: []string{"Database instance", "Storage", "Provisioned IOPS", "Backup storage", "I/O requests (magnetic)"},
		UsageKeys: withScheduling(append([]estimate.UsageKey{
			{Key: keyDBBackupGB, Description: "Backup storage beyond the free allocation (GB-month)."},
			{Key: keyStandardIORequests, Description: "Monthly I/O requests on magnetic storage (no catalog price: unpriced when given)."},
		}, reservationTermKeys...)...),
		Notes: "Single-AZ from the catalog; Multi-AZ is an exact catalog figure where one exists, else 2× Single-AZ marked approximate.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v dbInstanceValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			multi := v.MultiAZ != nil && *v.MultiAZ
			out := []estimate.Component{dbInstanceHours(c, v, multi)}
			out = append(out, dbStorage(c, v, multi)...)
			out = append(out, dbBackup(c, v))
			return out, nil
		},
	}
}

func deployment(multi bool) string {
	if multi {
		return "Multi-AZ"
	}
	return "Single-AZ"
}

// dbInstanceHours is the instance charge (on-demand or reserved).
func dbInstanceHours(c *estimate.Context, v dbInstanceValues, multi bool) estimate.Component {
	l := estimate.Line{Name: "Database instance", Unit: "hours", Category: estimate.Database, Service: "rds"}
	switch {
	case v.InstanceClass == nil || *v.InstanceClass == "":
		return c.UnknownValue(l, "instance_class")
	case v.Engine == nil || *v.Engine == "":
		return c.UnknownValue(l, "engine")
	}
	class, engine := *v.InstanceClass, dbEngines[strings.ToLower(*v.Engine)]
	purchase := "on-demand"
	suffix := "on_demand"
	term, hasTerm := c.Usage.String(keyRITerm)
	pay, hasPay := c.Usage.String(keyRIPayment)
	if hasTerm || hasPay {
		terms := map[string]string{"1_year": "1yr", "3_year": "3yr"}
		pays := map[string]bool{"no_upfront": true, "partial_upfront": true, "all_upfront": true}
		if terms[term] == "" || !pays[pay] {
			l.Name = fmt.Sprintf("Database instance (reserved, %s, %s)", deployment(multi), class)
			return c.Unpriced(l, fmt.Sprintf("reserved usage needs %s (1_year|3_year) and %s (no_upfront|partial_upfront|all_upfront); got %q, %q",
				keyRITerm, keyRIPayment, term, pay))
		}
		purchase, suffix = "reserved", "reserved/"+terms[term]+"/"+pay
	}
	l.Name = fmt.Sprintf("Database instance (%s, %s, %s)", purchase, deployment(multi), class)
	if engine == "" {
		return c.Unpriced(l, fmt.Sprintf("engine %q is not in the catalog (MySQL, PostgreSQL, MariaDB, SQL Server, Aurora)", *v.Engine))
	}
	l.Item = class + "/" + engine + "/single-az/" + suffix
	hourly := c.Hourly
	if purchase == "reserved" {
		// A reservation is paid for every hour of the term, running or not.
		l.Note = "effective hourly rate with any upfront fee amortised over the term; billed every hour of the term"
		hourly = c.AlwaysOn
	}
	if !multi {
		return hourly(l, estimate.Int(1))
	}
	if label := dbEngineLabels[engine]; label != "" && purchase == "on-demand" {
		exact := l
		exact.Item = fmt.Sprintf("%s %s Multi-AZ instance", class, label)
		if _, ok := c.Price(exact.Service, exact.Item); ok {
			return c.Hourly(exact, estimate.Int(1))
		}
	}
	return multiAZApprox(c, l, hourly, estimate.Int(1))
}

// multiAZApprox prices a Multi-AZ line as twice its Single-AZ item, marked
// approximate (unpriced with --strict-prices).
func multiAZApprox(c *estimate.Context, l estimate.Line, build func(estimate.Line, decimal.Decimal) estimate.Component, q decimal.Decimal) estimate.Component {
	if c.StrictPrices() {
		return c.Unpriced(l, "the catalog has no Multi-AZ figure (--strict-prices)")
	}
	comp := build(l, q)
	if comp.Unpriced {
		return comp
	}
	comp.Price = comp.Price.Mul(multiAZFactor)
	for _, cost := range []**decimal.Decimal{&comp.HourlyCost, &comp.MonthlyCost} {
		if *cost != nil {
			d := (*cost).Mul(multiAZFactor)
			*cost = &d
		}
	}
	comp.Approximate = true
	note := "Multi-AZ ≈ 2× the Single-AZ price (the catalog has Single-AZ figures only; AWS's examples are 2.00–2.03×)"
	if comp.Note != "" {
		note = comp.Note + "; " + note
	}
	comp.Note = note
	return comp
}

// dbStorageType is the provider's default: io1 when iops is set, else gp2.
func dbStorageType(v dbInstanceValues) string {
	if t := strings.ToLower(str(v.StorageType)); t != "" {
		return t
	}
	if v.Iops != nil && *v.Iops > 0 {
		return "io1"
	}
	return "gp2"
}

// dbStorage prices allocated storage and provisioned IOPS. Aurora keeps its
// storage on the cluster, so an Aurora instance has none here.
func dbStorage(c *estimate.Context, v dbInstanceValues, multi bool) []estimate.Component {
	if strings.HasPrefix(strings.ToLower(str(v.Engine)), "aurora") {
		return nil
	}
	typ := dbStorageType(v)
	l := estimate.Line{Name: fmt.Sprintf("Storage (%s, %s)", typ, deployment(multi)), Unit: "GB", Category: estimate.Database, Service: "rds"}
	var gb decimal.Decimal
	switch {
	case v.AllocatedStorage != nil:
		gb = estimate.Float(*v.AllocatedStorage)
	case c.Unknown("allocated_storage"):
		return []estimate.Component{c.UnknownValue(l, "allocated_storage")}
	default:
		return []estimate.Component{c.Unpriced(l, "allocated_storage not set")}
	}
	var out []estimate.Component
	if typ == "standard" {
		l.Name, l.Item = "Storage (magnetic)", "magnetic storage"
		out = append(out, c.Monthly(l, gb))
		if q, ok := c.Usage.Number(keyStandardIORequests); ok && q.IsPositive() {
			out = append(out, c.Unpriced(estimate.Line{Name: "I/O requests (magnetic)", Unit: "1M requests", Category: estimate.Database},
				"no catalog price for RDS magnetic I/O requests"))
		}
		return out
	}
	out = append(out, dbMonthly(c, l, typ+" storage", multi, gb))
	iops := decimal.Zero
	if v.Iops != nil {
		iops = estimate.Float(*v.Iops)
	}
	il := estimate.Line{Name: fmt.Sprintf("Provisioned IOPS (%s, %s)", typ, deployment(multi)), Unit: "IOPS", Category: estimate.Database, Service: "rds"}
	switch typ {
	case "io1", "io2":
		if v.Iops == nil && c.Unknown("iops") {
			out = append(out, c.UnknownValue(il, "iops"))
		} else {
			out = append(out, dbMonthly(c, il, typ+" provisioned IOPS", multi, iops))
		}
	case "gp3":
		base := rdsGP3LowIOPS
		if !strings.HasPrefix(strings.ToLower(str(v.Engine)), "sqlserver") && !gb.LessThan(rdsGP3HighFloor) {
			base = rdsGP3HighIOPS
		}
		if iops.GreaterThan(base) {
			il.Name = fmt.Sprintf("Provisioned IOPS above %s (gp3, %s)", base.String(), deployment(multi))
			out = append(out, dbMonthly(c, il, "gp3 provisioned IOPS above baseline", multi, iops.Sub(base)))
		}
	}
	return out
}

// dbMonthly prices a storage-like line whose catalog item is named
// "<base> Single-AZ" / "<base> Multi-AZ"; a missing Multi-AZ item is 2×
// Single-AZ, approximate.
func dbMonthly(c *estimate.Context, l estimate.Line, base string, multi bool, q decimal.Decimal) estimate.Component {
	l.Item = base + " " + deployment(multi)
	if !multi {
		return c.Monthly(l, q)
	}
	if _, ok := c.Price(l.Service, l.Item); ok {
		return c.Monthly(l, q)
	}
	l.Item = base + " Single-AZ"
	return multiAZApprox(c, l, func(l estimate.Line, q decimal.Decimal) estimate.Component { return c.Monthly(l, q) }, q)
}

// dbBackup is backup storage beyond the free allocation (equal to the
// provisioned storage), from usage.
func dbBackup(c *estimate.Context, v dbInstanceValues) estimate.Component {
	item := "backup storage beyond free allocation"
	if strings.HasPrefix(strings.ToLower(str(v.Engine)), "aurora") {
		item = "Aurora backup storage"
	}
	return c.UsageKey(estimate.Line{Name: "Backup storage", Unit: "GB", Category: estimate.Database, Service: "rds", Item: item}, keyDBBackupGB)
}
