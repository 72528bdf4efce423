package catalog

import (
	"slices"
	"strings"
)

// regionalOnly are the per-instance services: an instance price depends on
// the region's capacity and launch history, so a missing figure is never
// borrowed from FallbackRegion (the type may not exist there at all).
var regionalOnly = map[string]bool{"ec2": true, "rds": true, "elasticache": true, "opensearch": true}

// RegionalOnly reports whether a service's prices never fall back to
// FallbackRegion: ec2, rds, elasticache and opensearch.
func RegionalOnly(service string) bool { return regionalOnly[service] }

// NoFallback reports whether a missing figure for (service, item) must stay
// missing rather than borrow FallbackRegion's: per-class instance prices of
// the RegionalOnly services (their items contain "/" and no space, e.g.
// "db.t3.micro/mysql/single-az/on_demand"). Their unit prices (RDS storage,
// EC2 detailed monitoring, "Aurora I/O requests (standard)") are prose with
// spaces and fall back like any other unit price.
func NoFallback(service, item string) bool {
	return regionalOnly[service] && strings.Contains(item, "/") && !strings.Contains(item, " ")
}

// Info is what `tfcost catalog info` prints: where the figures come from,
// how new they are, and which regions have exact figures per service.
type Info struct {
	Date           string // newest as-of date of the figures
	FallbackRegion string
	Sources        []Source
	Services       []ServiceInfo // sorted by service
}

// ServiceInfo is one service's regional coverage.
type ServiceInfo struct {
	Service string
	// Regions have at least one exact figure for the service. Coverage can
	// differ per item (see Items); a region not listed has none.
	Regions []string
	// FallsBack is true when a region without a figure borrows another
	// region's, marked approximate. For RegionalOnly services this holds for
	// their unit prices (storage, monitoring) only: per-class instance
	// prices never fall back (see NoFallback).
	FallsBack bool
	// Fallback is the region whose figures stand in: FallbackRegion, or
	// SecondaryFallbackRegion when FallbackRegion has none for the service;
	// empty when neither has a figure (or FallsBack is false).
	Fallback string
	// Rule says the same in words, for reports.
	Rule string
}

// ItemInfo is one item of a service with the regions that price it exactly.
type ItemInfo struct {
	Item    string
	Unit    string
	Regions []string
}

// Services lists the services that have at least one price.
func (c *Catalog) Services() []string {
	seen := map[string]bool{}
	c.mu.RLock()
	for k := range c.prices {
		seen[k.service] = true
	}
	if c.table != nil {
		for _, s := range c.table.sections {
			if s.kind == kindPrice {
				seen[s.service] = true
			}
		}
	}
	c.mu.RUnlock()
	return sortedKeys(seen)
}

// Info summarises sources, date and per-service regional coverage. It reads
// only the catalog header, so it is cheap on the embedded catalog.
func (c *Catalog) Info() Info {
	in := Info{Date: c.Date(), FallbackRegion: FallbackRegion, Sources: c.Sources()}
	for _, svc := range c.Services() {
		si := ServiceInfo{Service: svc, Regions: c.Regions(svc), FallsBack: true}
		for _, fb := range [...]string{FallbackRegion, SecondaryFallbackRegion} {
			if slices.Contains(si.Regions, fb) {
				si.Fallback = fb
				break
			}
		}
		switch {
		case si.Fallback == "":
			si.FallsBack = false
			si.Rule = "no " + FallbackRegion + " or " + SecondaryFallbackRegion + " figure to fall back on: a region without a figure is unpriced"
		case RegionalOnly(svc):
			si.Rule = "instance prices: exact regional figures only (unpriced elsewhere); unit prices fall back to the " +
				si.Fallback + " figure, marked approximate (unpriced with --strict-prices)"
		default:
			si.Rule = "regions without a figure use the " + si.Fallback + " figure, marked approximate (unpriced with --strict-prices)"
		}
		in.Services = append(in.Services, si)
	}
	return in
}

// Items lists every item of a service with its unit and the regions that
// price it exactly, sorted by item. On the embedded catalog this inflates
// the service's sections (tens of milliseconds for ec2): meant for
// `catalog info --items` and generated docs, not for pricing.
func (c *Catalog) Items(service string) []ItemInfo {
	type acc struct {
		unit    string
		regions map[string]bool
	}
	items := map[string]*acc{}
	// The catalog files are checked when loaded (the embedded one by the
	// package tests), so a section that does not decode is not expected;
	// Items then lists what came before it.
	_ = c.each(service, func(e entry) {
		a := items[e.item]
		if a == nil {
			a = &acc{unit: e.p.Unit, regions: map[string]bool{}}
			items[e.item] = a
		}
		a.regions[e.region] = true
	})
	out := make([]ItemInfo, 0, len(items))
	for _, item := range sortedKeys(items) {
		out = append(out, ItemInfo{Item: item, Unit: items[item].unit, Regions: sortedKeys(items[item].regions)})
	}
	return out
}
