// Package catalog holds the AWS prices tfcost uses: an embedded catalog built
// by `go generate` from the sourced figures in shared/pricing, or a catalog file
// written by `tfcost catalog import`. Every price keeps its source and date.
//
// Keys are (service, region, item). Item naming:
//
//   - service "ec2": "<type>/<os>/on_demand" with os linux|windows|rhel|sles;
//     "<type>/linux/reserved/<1yr|3yr>/<standard|convertible>/<no_upfront|partial_upfront|all_upfront>"
//     (effective hourly rate, upfront amortised); "<type>/linux/spot" (average spot);
//     "<type>/ebs_optimized" (hourly surcharge where AWS charges one).
//   - service "rds": "<class>/<engine>/single-az/on_demand" and
//     "<class>/<engine>/single-az/reserved/<1yr|3yr>/<no_upfront|partial_upfront|all_upfront>".
//   - service "elasticache": "<node>/<engine>/on_demand", ".../reserved/<term>/<payment>".
//   - service "opensearch": "<type>/on_demand", ".../reserved/<term>/<payment>".
//   - unit prices: the normalised service of aws_unit_prices.csv (parenthetical
//     dropped: "public_ipv4", "fargate") and its `component` text verbatim,
//     e.g. ("ebs", "gp3 storage"), ("nat_gateway", "gateway hour").
//   - service "data_transfer": the component text of data_transfer_out_by_region.csv,
//     e.g. "Outbound data transfer to Internet (first 10TB)" (28 locations).
//
// Refinements (the key shapes above are unchanged):
//
//   - rds items exist for engines mysql, postgres, mariadb, aurora-mysql,
//     aurora-postgresql, aurora-io-optimized and sqlserver-ex|web|se|ee; only
//     single-az is tabulated (Multi-AZ is about 2×, SOURCES.md), and RDS
//     reserved terms have no offering class.
//   - elasticache engines are redis, memcached and valkey.
//   - ec2 regions include Local/Wavelength Zone codes such as "us-east-1-bos-1".
//     us-east-1 and GovCloud Linux on-demand come from Karpenter (S1, 2026);
//     every other ec2 figure from ec2instances.info (S2, 2025-04-24).
//   - aws_unit_prices_regional.csv items use the same names; where its sources
//     disagree the catalog keeps SOURCES.md's preferred figure (list price
//     over a derived quotient; price-list rows and bills over hand-maintained
//     tables; S11/S12 over the stale S10 sc1) and names the other sources and
//     values in Price.Source. Its Lambda "single rate in 2016 offer" row is
//     filed under "duration x86 (first 6B GB-s/month)".
//   - eu-west-1 also gets the terracost dump's (S5) figures for items the
//     curated rows name but lack there: RDS/Aurora storage, IOPS, backup,
//     Serverless v2, and EBS fast snapshot restore.
//   - One (service, item) has one unit in every region. Two exact conversions
//     make it so: gp3 throughput per GiBps-month ÷ 1024 → "USD per MB/s-month",
//     and magnetic I/O per I/O × 10^6 → "USD per 1M requests"; Source says so.
//   - The catalog is USD only: cn-north-1 rows (CNY) are left out, as are CNY
//     prices in imported price-list files.
//   - Price.Source is "<source ID> <detail>", Price.AsOf the date the source
//     states (YYYY-MM-DD, YYYY-MM or YYYY, or "undated").
//
// Fallback: Lookup with allowFallback borrows the FallbackRegion figure, marked
// Approximate, except for the per-class instance prices of the RegionalOnly
// services (ec2, rds, elasticache, opensearch; see NoFallback), which never
// fall back. Info and Items describe the coverage.
package catalog

import (
	"sort"
	"sync"

	"github.com/shopspring/decimal"
)

// FallbackRegion is the region whose unit prices stand in when a region has none.
const FallbackRegion = "us-east-1"

// SecondaryFallbackRegion stands in when FallbackRegion has no figure either
// (the sources priced DynamoDB only in us-east-2). The price stays marked
// approximate and names the region it came from.
const SecondaryFallbackRegion = "us-east-2"

// Price is one unit price with its provenance.
type Price struct {
	USD    decimal.Decimal
	Unit   string
	Source string // source ID and detail, e.g. "S4 infracost:lb_test"
	AsOf   string
	Region string // region the figure belongs to
	// Approximate is set when Region is not the region asked for (fallback).
	Approximate bool
}

// Spec is an EC2 instance type's shape.
type Spec struct {
	VCPU      decimal.Decimal
	MemoryGiB decimal.Decimal
	Arch      string // x86_64, arm64, x86_64_mac, arm64_mac
	GPUCount  int
	GPUModel  string
}

// SpotAdvice is AWS Spot Instance Advisor data for a type in a region.
type SpotAdvice struct {
	SavingsPercent int
	Band           string // e.g. "<5%", "5-10%", ">20%"
}

// Source describes one source of figures for `tfcost catalog info`.
type Source struct {
	ID    string
	What  string
	Where string
	AsOf  string
}

// Catalog is a read-only price catalog. The zero value is empty.
type Catalog struct {
	mu      sync.RWMutex
	prices  map[key]Price
	specs   map[string]Spec
	spot    map[[2]string]SpotAdvice
	sources []Source
	date    string // newest as-of date of the figures, for reports
	// table holds the figures read from a catalog file (embedded or --catalog).
	// It is immutable and decoded section by section on first use, which keeps
	// Embedded() cheap; prices added with Add take precedence over it.
	table *table
}

type key struct{ service, region, item string }

// New returns an empty catalog to fill with Add (used by loaders and tests).
func New() *Catalog {
	return &Catalog{prices: map[key]Price{}, specs: map[string]Spec{}, spot: map[[2]string]SpotAdvice{}}
}

// Add stores a price.
func (c *Catalog) Add(service, region, item string, p Price) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p.Region == "" {
		p.Region = region
	}
	if c.prices == nil {
		c.prices = map[key]Price{}
	}
	c.prices[key{service, region, item}] = p
}

// Exact returns the price for exactly this region.
func (c *Catalog) Exact(service, region, item string) (Price, bool) {
	c.mu.RLock()
	p, ok := c.prices[key{service, region, item}]
	t := c.table
	c.mu.RUnlock()
	if ok || t == nil {
		return p, ok
	}
	return t.lookup(service, region, item)
}

// Lookup returns the price for the region, or the FallbackRegion's (else
// SecondaryFallbackRegion's) figure marked Approximate when the region has
// none and fallback is allowed. Items for which NoFallback holds never fall
// back, whatever allowFallback says: an instance type's price in another
// region is no estimate of its price here (it may not even exist here).
func (c *Catalog) Lookup(service, region, item string, allowFallback bool) (Price, bool) {
	if p, ok := c.Exact(service, region, item); ok {
		return p, true
	}
	if !allowFallback || NoFallback(service, item) {
		return Price{}, false
	}
	for _, fb := range [...]string{FallbackRegion, SecondaryFallbackRegion} {
		if fb == region {
			continue
		}
		if p, ok := c.Exact(service, fb, item); ok {
			p.Approximate = true
			return p, true
		}
	}
	return Price{}, false
}

// Spec returns an instance type's specification.
func (c *Catalog) Spec(instanceType string) (Spec, bool) {
	c.mu.RLock()
	s, ok := c.specs[instanceType]
	t := c.table
	c.mu.RUnlock()
	if ok || t == nil {
		return s, ok
	}
	return t.spec(instanceType)
}

// SetSpec stores an instance type's specification.
func (c *Catalog) SetSpec(instanceType string, s Spec) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.specs == nil {
		c.specs = map[string]Spec{}
	}
	c.specs[instanceType] = s
}

// Spot returns spot advisor data for a Linux instance type in a region.
func (c *Catalog) Spot(region, instanceType string) (SpotAdvice, bool) {
	c.mu.RLock()
	s, ok := c.spot[[2]string{region, instanceType}]
	t := c.table
	c.mu.RUnlock()
	if ok || t == nil {
		return s, ok
	}
	return t.spotAdvice(region, instanceType)
}

// SetSpot stores spot advisor data.
func (c *Catalog) SetSpot(region, instanceType string, s SpotAdvice) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.spot == nil {
		c.spot = map[[2]string]SpotAdvice{}
	}
	c.spot[[2]string{region, instanceType}] = s
}

// Date is the newest as-of date of the catalog's figures.
func (c *Catalog) Date() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.date
}

// SetDate sets the catalog date. Like Add it takes the lock, so that a
// catalog may be filled while estimates read it.
func (c *Catalog) SetDate(d string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.date = d
}

// Sources lists where the figures come from. The caller must not modify
// the list.
func (c *Catalog) Sources() []Source {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.sources[:len(c.sources):len(c.sources)]
}

// AddSource records a source.
func (c *Catalog) AddSource(s Source) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sources = append(c.sources, s)
}

// Regions lists the regions that have at least one price for the service.
func (c *Catalog) Regions(service string) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	seen := map[string]bool{}
	for k := range c.prices {
		if k.service == service {
			seen[k.region] = true
		}
	}
	if c.table != nil {
		for _, s := range c.table.sections {
			if s.kind == kindPrice && s.service == service {
				seen[s.region] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}
