package estimate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// Context is what a rule sees while pricing one resource instance: its
// values (planned, or prior for the before-side of a diff), its usage, its
// region, and price lookups that record source, fallback and discounts.
type Context struct {
	Resource *plan.Resource
	Plan     *plan.Plan
	Region   string
	Usage    usage.Values
	// Prior is true when pricing the values before the change.
	Prior bool

	est      *Estimator
	unknown  map[string]any
	decoded  bool
	warnings []string
	note     string
}

// Values is the raw attribute object being priced (after, or before when Prior).
func (c *Context) Values() json.RawMessage { return c.valuesOf(c.Resource) }

func (c *Context) valuesOf(r *plan.Resource) json.RawMessage {
	if c.Prior {
		return r.Before
	}
	return r.After
}

// Decode decodes the resource's values into a typed struct (json tags named
// after the Terraform attributes).
func (c *Context) Decode(v any) error { return c.DecodeResource(c.Resource, v) }

// DecodeResource decodes a related resource's values on the same side
// (planned or prior) as the resource being priced.
//
// It uses goccy/go-json, a drop-in for encoding/json's Unmarshal (same
// tags, case-insensitive names, float64 numbers): decoding every resource's
// values was most of the pricing time on large plans, and encoding/json
// spends half of it re-validating JSON the plan reader has already checked.
func (c *Context) DecodeResource(r *plan.Resource, v any) error {
	raw := c.valuesOf(r)
	if len(raw) == 0 {
		return nil
	}
	if err := gojson.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: attribute values have an unexpected shape: %v", r.Address, err)
	}
	return nil
}

// Related returns the resources of type typ that attribute attr refers to in
// the configuration (e.g. an ECS service's task_definition).
func (c *Context) Related(attr, typ string) []*plan.Resource {
	if c.Plan == nil {
		return nil
	}
	return c.Plan.Referenced(c.Resource, attr, typ)
}

// Unknown reports whether the value at path (attribute names and list
// indexes, e.g. "root_block_device", 0, "volume_size") is only known after
// apply. A whole unknown parent makes its children unknown. Always false for
// prior values.
func (c *Context) Unknown(path ...any) bool {
	if c.Prior || len(c.Resource.AfterUnknown) == 0 {
		return false
	}
	if !c.decoded {
		c.decoded = true
		_ = gojson.Unmarshal(c.Resource.AfterUnknown, &c.unknown)
	}
	var cur any = c.unknown
	for _, p := range path {
		switch v := cur.(type) {
		case bool:
			return v
		case map[string]any:
			name, _ := p.(string)
			cur = v[name]
		case []any:
			i, ok := p.(int)
			if !ok || i < 0 || i >= len(v) {
				return false
			}
			cur = v[i]
		default:
			return false
		}
	}
	b, _ := cur.(bool)
	return b
}

// SetNote sets the resource's note, for a resource a rule prices with no
// components on purpose (e.g. an ECS service on the EC2 launch type, whose
// instances carry the cost).
func (c *Context) SetNote(s string) { c.note = s }

// Spec returns an EC2 instance type's shape from the catalog (vCPUs for CPU
// credits, architecture).
func (c *Context) Spec(instanceType string) (catalog.Spec, bool) {
	if c.est == nil {
		return catalog.Spec{}, false
	}
	return c.est.opts.Catalog.Spec(instanceType)
}

// Now is the date calendar-dependent prices are judged on (Options.Now,
// else the clock).
func (c *Context) Now() time.Time {
	if c.est != nil && c.est.opts.Now != nil {
		return c.est.opts.Now()
	}
	return time.Now()
}

// StrictPrices reports whether --strict-prices is on: a rule that would
// derive an approximate figure (e.g. RDS Multi-AZ from Single-AZ) must then
// leave the line unpriced.
func (c *Context) StrictPrices() bool { return c.est != nil && c.est.opts.StrictPrices }

// Warn records a warning on the resource.
func (c *Context) Warn(format string, args ...any) {
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// Hours is how many hours a month the resource runs (RunningHours of its usage).
func (c *Context) Hours() decimal.Decimal { return RunningHours(c.Usage) }

// RunningHours is how many hours a month a resource with usage u runs: 730,
// or the usage keys monthly_hrs, or hours_per_day × days_per_month (days
// default to 730/24 = 30.42 when only hours_per_day is given). Exported so
// recommendations judge "always on" with the very figure rules priced.
func RunningHours(u usage.Values) decimal.Decimal {
	if h, ok := u.Number(usage.KeyMonthlyHours); ok {
		return h
	}
	if hpd, ok := u.Number(usage.KeyHoursPerDay); ok {
		days, ok := u.Number(usage.KeyDaysPerMonth)
		if !ok {
			days = hoursPerMonth.Div(decimal.NewFromInt(24))
		}
		return hpd.Mul(days)
	}
	return hoursPerMonth
}

// Price looks up a unit price in the resource's region, applying custom
// prices, the discount, and the fallback rules (--strict-prices).
func (c *Context) Price(service, item string) (catalog.Price, bool) {
	return c.est.price(service, c.Region, item)
}

// SpotAdvice returns the AWS Spot Instance Advisor figures (savings versus
// on-demand, interruption-frequency band) for a Linux instance type in the
// resource's region, so spot lines can show how often they are interrupted.
func (c *Context) SpotAdvice(instanceType string) (catalog.SpotAdvice, bool) {
	return c.est.opts.Catalog.Spot(c.Region, instanceType)
}

// Line describes one cost component before it is quantified.
type Line struct {
	Name     string
	Group    string
	Unit     string
	Category Category
	Service  string // catalog service
	Item     string // catalog item
	// Note is shown with the component. Quantities are always in the
	// catalog price's unit (e.g. "1k requests" when the price is per 1,000).
	Note string
}

// Hourly is a line billed by the hour: perHour units each running hour
// (instances, load balancers, vCPUs). Monthly quantity = perHour × Hours().
func (c *Context) Hourly(l Line, perHour decimal.Decimal) Component {
	hours := c.Hours()
	return c.quantify(l, &perHour, mul(perHour, hours), false)
}

// AlwaysOn is like Hourly but ignores scheduling keys (e.g. storage-like
// hourly charges that run whether or not the workload does).
func (c *Context) AlwaysOn(l Line, perHour decimal.Decimal) Component {
	return c.quantify(l, &perHour, mul(perHour, decimal.NewFromInt(HoursPerMonth)), false)
}

// Monthly is a line billed per month (GB-months, IOPS-months, keys).
func (c *Context) Monthly(l Line, perMonth decimal.Decimal) Component {
	return c.quantify(l, nil, perMonth, false)
}

// UsageKey is a usage-based monthly line whose quantity is the usage key's value.
// Without usage it shows the unit price and adds nothing.
func (c *Context) UsageKey(l Line, key string) Component {
	if q, ok := c.Usage.Number(key); ok {
		return c.quantify(l, nil, q, true)
	}
	return c.UsageQuantity(l, nil)
}

// UsageQuantity is a usage-based monthly line with a quantity the rule
// computed from usage; nil means usage was not given.
func (c *Context) UsageQuantity(l Line, monthly *decimal.Decimal) Component {
	if monthly != nil {
		return c.quantify(l, nil, *monthly, true)
	}
	comp := c.quantify(l, nil, decimal.Zero, true)
	comp.MonthlyQuantity, comp.HourlyQuantity, comp.MonthlyCost, comp.HourlyCost = nil, nil, nil, nil
	if comp.Note == "" && !comp.Unpriced {
		comp.Note = "depends on usage: $" + comp.Price.String() + " per " + priceUnit(l)
	}
	return comp
}

// UnknownValue is a line whose quantity depends on a value only known after
// apply: reported, not priced as $0.
func (c *Context) UnknownValue(l Line, attr string) Component {
	comp := c.quantify(l, nil, decimal.Zero, false)
	comp.MonthlyQuantity, comp.HourlyQuantity, comp.MonthlyCost, comp.HourlyCost = nil, nil, nil, nil
	comp.Unknown = true
	comp.Note = attr + " is unknown until apply"
	c.Warn("%s: %s is unknown until apply; %q is not priced", c.Resource.Address, attr, l.Name)
	return comp
}

// Unpriced is a line with no price in the catalog (e.g. an instance type
// the catalog lacks in that region).
func (c *Context) Unpriced(l Line, why string) Component {
	return Component{Name: l.Name, Group: l.Group, Unit: l.Unit, Category: l.Category, Unpriced: true, Note: why}
}

func priceUnit(l Line) string {
	if l.Unit != "" {
		return l.Unit
	}
	return "unit"
}

func mul(a, b decimal.Decimal) decimal.Decimal { return a.Mul(b) }

var hoursPerMonth = decimal.NewFromInt(HoursPerMonth)

func (c *Context) quantify(l Line, perHour *decimal.Decimal, monthly decimal.Decimal, usageBased bool) Component {
	comp := Component{Name: l.Name, Group: l.Group, Unit: l.Unit, Category: l.Category, UsageBased: usageBased, Note: l.Note}
	p, ok := c.Price(l.Service, l.Item)
	if !ok {
		comp.Unpriced = true
		comp.Note = fmt.Sprintf("no price for %s %q in %s", l.Service, l.Item, c.Region)
		return comp
	}
	comp.Price = p.USD
	comp.PriceRegion, comp.Source, comp.AsOf, comp.Approximate = p.Region, p.Source, p.AsOf, p.Approximate
	mq := monthly
	mc := mq.Mul(comp.Price)
	comp.MonthlyQuantity, comp.MonthlyCost = &mq, &mc
	var hq decimal.Decimal
	if perHour != nil {
		hq = *perHour
	} else {
		hq = c.est.perHour(mq)
	}
	hc := c.est.perHour(mc)
	comp.HourlyQuantity, comp.HourlyCost = &hq, &hc
	comp.Footprint = lineFootprint(l, mq)
	return comp
}

// Dec parses a decimal literal; for rule code with constant figures.
func Dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Int is a decimal from an int.
func Int(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

// Float converts a plan number (decoded as float64) to decimal exactly as
// Terraform printed it.
func Float(f float64) decimal.Decimal {
	d, err := decimal.NewFromString(strconv.FormatFloat(f, 'f', -1, 64))
	if err != nil {
		return decimal.NewFromFloat(f)
	}
	return d
}
