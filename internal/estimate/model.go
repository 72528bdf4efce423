// Package estimate turns plan resources into cost components, prices them from
// the catalog and totals them: the heart of tfcost. Pricing rules for AWS live
// in the aws subpackage, one file per resource type.
package estimate

import (
	"github.com/shopspring/decimal"
)

// HoursPerMonth is the month length AWS and tfcost use: 730 hours.
const HoursPerMonth = 730

// MonthsPerYear turns monthly into annual figures.
const MonthsPerYear = 12

// Category groups components for the TCO breakdown.
type Category string

// Categories, in report order.
const (
	Compute         Category = "compute"
	Storage         Category = "storage"
	Network         Category = "network"
	Database        Category = "database"
	ManagedServices Category = "managed services"
)

// Categories lists every category in report order.
var Categories = []Category{Compute, Storage, Network, Database, ManagedServices}

// Status of a resource in an estimate.
type Status string

// Resource statuses.
const (
	StatusPriced      Status = "priced"      // has at least one cost component
	StatusFree        Status = "free"        // AWS does not charge for this type
	StatusUnsupported Status = "unsupported" // tfcost has no rule for this type yet
	StatusSkipped     Status = "skipped"     // not part of this estimate (e.g. deleted, non-AWS provider)
)

// Component is one billable line of a resource, e.g. "Instance usage (Linux, on-demand, m5.large)".
type Component struct {
	Name string `json:"name"`
	// Group names the sub-resource the line belongs to ("root_block_device",
	// "ebs_block_device[0]"); empty for the resource itself.
	Group string `json:"group,omitempty"`
	Unit  string `json:"unit"`
	// Quantities are nil when not known (usage not given, or a value unknown at plan time).
	HourlyQuantity  *decimal.Decimal `json:"hourlyQuantity"`
	MonthlyQuantity *decimal.Decimal `json:"monthlyQuantity"`
	// Price is the unit price in USD after discounts; zero with Unpriced.
	Price decimal.Decimal `json:"price"`
	// Costs are nil when they cannot be computed (usage not given, unknown, unpriced).
	HourlyCost  *decimal.Decimal `json:"hourlyCost"`
	MonthlyCost *decimal.Decimal `json:"monthlyCost"`
	Category    Category         `json:"category"`
	// UsageBased is true when the quantity comes from usage (file or defaults), not the plan.
	UsageBased bool `json:"usageBased"`
	// Unknown is true when a cost-driving attribute is unknown until apply.
	Unknown bool `json:"unknown,omitempty"`
	// Unpriced is true when the catalog has no price for this line.
	Unpriced bool `json:"unpriced,omitempty"`
	// Approximate is true when the price is another region's figure (fallback).
	Approximate bool `json:"approximate,omitempty"`
	// PriceRegion is the region whose figure was used.
	PriceRegion string `json:"priceRegion,omitempty"`
	// Source is the catalog source of the price ("S4 …") and AsOf its date.
	Source string `json:"priceSource,omitempty"`
	AsOf   string `json:"priceAsOf,omitempty"`
	// Note explains anything a reader needs (e.g. "depends on usage", "EC2 launch type: instances carry the cost").
	Note string `json:"note,omitempty"`
	// Footprint, when a rule fills it, is what the carbon model needs
	// (instance type and hours, stored GB and media). Not rendered.
	Footprint *Footprint `json:"-"`
}

// Range is a cost range from autoscaling bounds.
type Range struct {
	Min      decimal.Decimal `json:"min"`
	Expected decimal.Decimal `json:"expected"`
	Max      decimal.Decimal `json:"max"`
	Basis    string          `json:"basis,omitempty"` // e.g. "aws_autoscaling_group min_size=1 desired=2 max_size=6"
}

// Resource is one priced (or not) resource instance.
type Resource struct {
	Address      string            `json:"name"`
	Type         string            `json:"resourceType"`
	Module       string            `json:"module,omitempty"`
	Region       string            `json:"region"`
	RegionSource string            `json:"regionSource,omitempty"`
	Action       string            `json:"action"`
	Status       Status            `json:"status"`
	Tags         map[string]string `json:"tags,omitempty"`
	Components   []Component       `json:"costComponents"`
	HourlyCost   decimal.Decimal   `json:"hourlyCost"`
	MonthlyCost  decimal.Decimal   `json:"monthlyCost"`
	Range        *Range            `json:"range,omitempty"`
	// CarbonKg is kgCO2e per month (carbon.Annotate); nil when tfcost has
	// no carbon figures for the resource.
	CarbonKg *decimal.Decimal `json:"carbonKgCO2e,omitempty"`
	Warnings []string         `json:"warnings,omitempty"`
	Note     string           `json:"note,omitempty"`

	// Project names the project the resource belongs to in a multi-project
	// run (set when projects are merged, for policy scopes); "" otherwise.
	Project string `json:"project,omitempty"`
}

// CategoryTotal is one row of the TCO by category.
type CategoryTotal struct {
	Category Category        `json:"category"`
	Monthly  decimal.Decimal `json:"monthlyCost"`
	Annual   decimal.Decimal `json:"annualCost"`
	Share    decimal.Decimal `json:"share"` // percent of the monthly total, 2 decimals
}

// TypeTotal is the monthly cost of one resource type.
type TypeTotal struct {
	Type    string          `json:"resourceType"`
	Count   int             `json:"count"`
	Monthly decimal.Decimal `json:"monthlyCost"`
}

// Summary counts resources and components by how they were priced.
type Summary struct {
	TotalResources        int            `json:"totalResources"`
	PricedResources       int            `json:"pricedResources"`
	FreeResources         int            `json:"freeResources"`
	UnsupportedResources  int            `json:"unsupportedResources"`
	SkippedResources      int            `json:"skippedResources"`
	UsageBasedComponents  int            `json:"usageBasedComponents"`
	UsageMissing          int            `json:"usageMissingComponents"` // usage-based with no usage given
	ApproximateComponents int            `json:"approximateComponents"`
	UnknownComponents     int            `json:"unknownComponents"`
	UnpricedComponents    int            `json:"unpricedComponents"`
	UnsupportedCounts     map[string]int `json:"unsupportedResourceCounts,omitempty"`
	FreeCounts            map[string]int `json:"freeResourceCounts,omitempty"`
}

// Estimate is the full result for one plan (one project).
type Estimate struct {
	Name          string          `json:"name"`
	PlanFile      string          `json:"planFile,omitempty"`
	DefaultRegion string          `json:"defaultRegion"`
	Currency      string          `json:"currency"`
	Resources     []*Resource     `json:"resources"`
	HourlyCost    decimal.Decimal `json:"totalHourlyCost"`
	MonthlyCost   decimal.Decimal `json:"totalMonthlyCost"`
	AnnualCost    decimal.Decimal `json:"totalAnnualCost"`
	Range         *Range          `json:"range,omitempty"`
	// Carbon is the footprint (carbon.Annotate); nil when not computed.
	Carbon *CarbonSummary `json:"carbon,omitempty"`
	// Unit is cost per unit of work when usage gives monthly requests.
	Unit        *UnitEconomics  `json:"unitEconomics,omitempty"`
	Categories  []CategoryTotal `json:"categories"`
	Types       []TypeTotal     `json:"resourceTypes"`
	Summary     Summary         `json:"summary"`
	CatalogDate string          `json:"catalogDate,omitempty"`
	Warnings    []string        `json:"warnings,omitempty"`
}
