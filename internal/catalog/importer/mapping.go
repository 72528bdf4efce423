package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
)

// attrs are a product's attributes with normalised names: lower case, letters
// and digits only, so the JSON "preInstalledSw" and the CSV "Pre Installed
// S/W" are both "preinstalledsw".
type attrs map[string]string

func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// productAttrs are the attribute names mapProduct reads. Readers keep only
// these (the CSV reader by column; the JSON reader through attributesJSON,
// whose fields a test keeps in step): a product has a few dozen others, and
// the EC2 offer file has millions of rows.
var productAttrs = map[string]bool{
	"productfamily": true, "servicecode": true, "regioncode": true, "instancetype": true,
	"operatingsystem": true, "tenancy": true, "preinstalledsw": true, "capacitystatus": true,
	"licensemodel": true, "volumeapiname": true, "usagetype": true, "databaseengine": true,
	"databaseedition": true, "deploymentoption": true, "storage": true, "cacheengine": true,
}

// match is where a product's prices go in the catalog.
type match struct {
	service, region string
	kind            matchKind
	// prefix is the item before the purchase option: "m5.large/linux",
	// "db.t3.micro/mysql/single-az", "cache.t3.micro/redis". For unit items
	// it is the whole item.
	prefix string
	unit   unitRule
}

type matchKind int

const (
	instanceEC2     matchKind = iota + 1 // reserved key has an offering class
	instanceManaged                      // rds, elasticache: no offering class
	unitItem                             // on-demand only
)

// unitRule says which price-list units a unit item accepts and how to
// convert to the catalog unit.
type unitRule struct {
	catalogUnit string
	plUnits     []string // accepted price-list units (case-insensitive)
	divisor     int64    // price-list unit per catalog unit; 0 means 1
}

var hourly = unitRule{catalogUnit: "USD per hour", plUnits: []string{"Hrs", "Hours"}}

var ec2OS = map[string]string{"Linux": "linux", "Windows": "windows", "RHEL": "rhel", "Red Hat Enterprise Linux": "rhel", "SUSE": "sles"}

var ebsStorage = map[string]string{
	"gp2": "gp2 storage", "gp3": "gp3 storage", "io1": "io1 storage", "io2": "io2 storage",
	"st1": "st1 storage", "sc1": "sc1 storage", "standard": "standard (magnetic) storage",
}

var gbMonth = unitRule{catalogUnit: "USD per GB-month", plUnits: []string{"GB-Mo", "GB-month"}}

// fargateItems maps Fargate usage types (after the region prefix) onto the
// item names of aws_unit_prices.csv.
var fargateItems = map[string]struct {
	item string
	unit unitRule
}{
	"Fargate-vCPU-Hours:perCPU":         {"Linux/x86 vCPU hour", unitRule{catalogUnit: "USD per vCPU-hour", plUnits: []string{"hours", "vCPU-Hours"}}},
	"Fargate-GB-Hours":                  {"Linux/x86 memory GB hour", unitRule{catalogUnit: "USD per GB-hour", plUnits: []string{"hours", "GB-Hours"}}},
	"Fargate-ARM-vCPU-Hours:perCPU":     {"Linux/ARM vCPU hour", unitRule{catalogUnit: "USD per vCPU-hour", plUnits: []string{"hours", "vCPU-Hours"}}},
	"Fargate-ARM-GB-Hours":              {"Linux/ARM memory GB hour", unitRule{catalogUnit: "USD per GB-hour", plUnits: []string{"hours", "GB-Hours"}}},
	"Fargate-Windows-vCPU-Hours:perCPU": {"Windows/x86 vCPU hour", unitRule{catalogUnit: "USD per vCPU-hour", plUnits: []string{"hours", "vCPU-Hours"}}},
	"Fargate-Windows-OS-Hours:perCPU":   {"Windows OS license per vCPU hour", unitRule{catalogUnit: "USD per vCPU-hour", plUnits: []string{"hours", "vCPU-Hours"}}},
	"Fargate-Windows-GB-Hours":          {"Windows memory GB hour", unitRule{catalogUnit: "USD per GB-hour", plUnits: []string{"hours", "GB-Hours"}}},
	"Fargate-EphemeralStorage-GB-Hours": {"ephemeral storage above 20 GB", unitRule{catalogUnit: "USD per GB-hour", plUnits: []string{"GB-Hours", "hours"}}},
}

var rdsEngines = map[string]string{
	"MySQL": "mysql", "PostgreSQL": "postgres", "MariaDB": "mariadb",
	"Aurora MySQL": "aurora-mysql", "Aurora PostgreSQL": "aurora-postgresql",
}

var sqlServerEditions = map[string]string{"Express": "sqlserver-ex", "Web": "sqlserver-web", "Standard": "sqlserver-se", "Enterprise": "sqlserver-ee"}

// mapProduct decides whether a product is one the estimator needs and under
// which key. ctxRegion is the region of the offer file (from the region
// index), used when the product has no regionCode attribute.
func mapProduct(a attrs, ctxRegion string) (match, bool) {
	region := a["regioncode"]
	if region == "" {
		region = ctxRegion
	}
	if region == "" {
		return match{}, false
	}
	family := a["productfamily"]
	switch a["servicecode"] {
	case "AmazonEC2":
		switch {
		case strings.HasPrefix(family, "Compute Instance"):
			os, ok := ec2OS[a["operatingsystem"]]
			// Shared tenancy, no pre-installed software, capacity in use, and
			// licence included: the price a plain aws_instance pays.
			if !ok || a["instancetype"] == "" || a["tenancy"] != "Shared" || a["preinstalledsw"] != "NA" ||
				a["capacitystatus"] != "Used" || a["licensemodel"] == "Bring your own license" {
				return match{}, false
			}
			return match{service: "ec2", region: region, kind: instanceEC2, prefix: a["instancetype"] + "/" + os, unit: hourly}, true
		case family == "Storage":
			item, ok := ebsStorage[a["volumeapiname"]]
			if !ok {
				return match{}, false
			}
			return match{service: "ebs", region: region, kind: unitItem, prefix: item, unit: gbMonth}, true
		case family == "System Operation" && strings.Contains(a["usagetype"], "EBS:VolumeP-IOPS."):
			switch a["volumeapiname"] {
			case "gp3":
				return match{service: "ebs", region: region, kind: unitItem, prefix: "gp3 provisioned IOPS above 3000",
					unit: unitRule{catalogUnit: "USD per IOPS-month", plUnits: []string{"IOPS-Mo"}}}, true
			case "io1":
				return match{service: "ebs", region: region, kind: unitItem, prefix: "io1 provisioned IOPS",
					unit: unitRule{catalogUnit: "USD per IOPS-month", plUnits: []string{"IOPS-Mo"}}}, true
			}
		case family == "Provisioned Throughput" && a["volumeapiname"] == "gp3":
			// Billed per GiBps-month in the price list; the catalog unit is per
			// MiB/s-month (aws_unit_prices.csv), 1 GiBps = 1024 MiB/s.
			return match{service: "ebs", region: region, kind: unitItem, prefix: "gp3 provisioned throughput above 125 MB/s",
				unit: unitRule{catalogUnit: "USD per MB/s-month", plUnits: []string{"GiBps-mo"}, divisor: 1024}}, true
		}
	case "AmazonECS":
		ut := a["usagetype"]
		if i := strings.Index(ut, "Fargate-"); i >= 0 {
			if f, ok := fargateItems[ut[i:]]; ok {
				return match{service: "fargate", region: region, kind: unitItem, prefix: f.item, unit: f.unit}, true
			}
		}
	case "AmazonRDS":
		if family != "Database Instance" || a["instancetype"] == "" {
			return match{}, false
		}
		engine, ok := rdsEngines[a["databaseengine"]]
		if a["databaseengine"] == "SQL Server" && a["licensemodel"] == "License included" {
			engine, ok = sqlServerEditions[a["databaseedition"]]
		}
		var dep string
		switch a["deploymentoption"] {
		case "Single-AZ":
			dep = "single-az"
		case "Multi-AZ":
			dep = "multi-az"
		}
		if !ok || dep == "" || strings.Contains(strings.ToLower(a["storage"]), "io optimization") {
			return match{}, false
		}
		return match{service: "rds", region: region, kind: instanceManaged, prefix: a["instancetype"] + "/" + engine + "/" + dep, unit: hourly}, true
	case "AmazonElastiCache":
		if family != "Cache Instance" || a["instancetype"] == "" {
			return match{}, false
		}
		engine := strings.ToLower(a["cacheengine"])
		if engine != "redis" && engine != "memcached" && engine != "valkey" {
			return match{}, false
		}
		return match{service: "elasticache", region: region, kind: instanceManaged, prefix: a["instancetype"] + "/" + engine, unit: hourly}, true
	}
	return match{}, false
}

// term is one offer term of a product: its dimensions and attributes.
type term struct {
	section string // "OnDemand" or "Reserved", as listed in the file
	code    string // offerTermCode
	attrs   map[string]string
	dims    []dim
}

type dim struct {
	rate, unit, begin, end string
	currency               string
	price                  decimal.Decimal
}

var payments = map[string]string{"No Upfront": "no_upfront", "Partial Upfront": "partial_upfront", "All Upfront": "all_upfront"}

const hoursPerYear = 8760 // AWS amortises a 1-year reservation over 365 × 24 hours

// priced is one catalog price computed from a term.
type priced struct {
	item   string
	usd    decimal.Decimal
	detail string
}

// priceTerm turns a matched product's term into catalog prices. It returns
// a note (not an error) when the term cannot be used.
func priceTerm(m match, t term) ([]priced, string) {
	reserved := t.attrs["LeaseContractLength"] != ""
	if !reserved {
		if t.section == "Reserved" {
			return nil, "reserved term without LeaseContractLength"
		}
		var out []priced
		dims := append([]dim(nil), t.dims...)
		sort.SliceStable(dims, func(i, j int) bool { return rangeStart(dims[i].begin).LessThan(rangeStart(dims[j].begin)) })
		for i, d := range dims {
			if !unitOK(m.unit, d.unit) {
				return nil, fmt.Sprintf("unit %q, expected %s", d.unit, strings.Join(m.unit.plUnits, " or "))
			}
			usd := d.price
			if m.unit.divisor > 1 {
				usd = usd.DivRound(decimal.NewFromInt(m.unit.divisor), 16)
			}
			item := onDemandItem(m)
			detail := "rate " + d.rate
			// Tiered prices: the first tier is the item itself, later tiers are
			// "<item> [from <beginRange>]" so that none is lost or confused.
			if len(dims) > 1 {
				detail += fmt.Sprintf(" tier %s-%s %s", d.begin, d.end, d.unit)
				if i > 0 {
					item += " [from " + d.begin + "]"
				}
			}
			out = append(out, priced{item, usd, detail})
		}
		return out, ""
	}
	if m.kind == unitItem {
		return nil, "reserved term for a unit-priced item"
	}
	lease := strings.ReplaceAll(t.attrs["LeaseContractLength"], " ", "")
	years := map[string]int64{"1yr": 1, "3yr": 3}[lease]
	pay, ok := payments[t.attrs["PurchaseOption"]]
	if years == 0 || !ok {
		return nil, fmt.Sprintf("reservation %q %q is not one the catalog keys", t.attrs["LeaseContractLength"], t.attrs["PurchaseOption"])
	}
	hours := decimal.NewFromInt(years * hoursPerYear)
	hourlyRate, upfront := decimal.Zero, decimal.Zero
	for _, d := range t.dims {
		switch {
		case strings.EqualFold(d.unit, "Quantity"):
			upfront = upfront.Add(d.price)
		case unitOK(hourly, d.unit):
			hourlyRate = hourlyRate.Add(d.price)
		default:
			return nil, fmt.Sprintf("reserved dimension with unit %q", d.unit)
		}
	}
	// Effective hourly rate: the upfront fee spread over every hour of the
	// term, plus the recurring hourly fee (as ec2instances.info computes it).
	usd := hourlyRate.Add(upfront.DivRound(hours, 10))
	var item string
	switch m.kind {
	case instanceEC2:
		class := strings.ToLower(t.attrs["OfferingClass"])
		if class != "standard" && class != "convertible" {
			return nil, fmt.Sprintf("offering class %q", t.attrs["OfferingClass"])
		}
		item = fmt.Sprintf("%s/reserved/%s/%s/%s", m.prefix, lease, class, pay)
	default:
		item = fmt.Sprintf("%s/reserved/%s/%s", m.prefix, lease, pay)
	}
	detail := fmt.Sprintf("term %s (upfront %s USD / %s h + %s USD/h)", t.code, upfront, hours, hourlyRate)
	return []priced{{item, usd, detail}}, ""
}

func onDemandItem(m match) string {
	if m.kind == unitItem {
		return m.prefix
	}
	return m.prefix + "/on_demand"
}

func unitOK(r unitRule, u string) bool {
	for _, p := range r.plUnits {
		if strings.EqualFold(p, u) {
			return true
		}
	}
	return false
}

func rangeStart(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero
	}
	return d
}

// collector gathers prices and detects ambiguous matches: two SKUs that map
// to one key with different prices are never resolved by order.
type collector struct {
	prices    map[[3]string]*candidate
	ambiguous map[[3]string][]string
}

type candidate struct {
	p    catalog.Price
	skus []string
}

func newCollector() *collector {
	return &collector{prices: map[[3]string]*candidate{}, ambiguous: map[[3]string][]string{}}
}

func (c *collector) add(service, region, item, sku string, p catalog.Price) {
	k := [3]string{service, region, item}
	if amb, ok := c.ambiguous[k]; ok {
		c.ambiguous[k] = append(amb, fmt.Sprintf("%s %s", sku, p.USD))
		return
	}
	prev, ok := c.prices[k]
	if !ok {
		c.prices[k] = &candidate{p: p, skus: []string{sku}}
		return
	}
	if prev.p.USD.Equal(p.USD) {
		prev.skus = append(prev.skus, sku)
		return
	}
	c.ambiguous[k] = []string{fmt.Sprintf("%s %s", strings.Join(prev.skus, "+"), prev.p.USD), fmt.Sprintf("%s %s", sku, p.USD)}
	delete(c.prices, k)
}
