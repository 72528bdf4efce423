package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// Helpers shared by the coverage rules (register_coverage.go). They are
// prefixed "cov" so they never collide with the core rules' helpers in the
// same package.

// covGap returns an unpriced component when the catalog has no figure for
// the line in the resource's region (after the usual fallback), so a known
// gap in shared/pricing says what is missing instead of pricing at $0.
func covGap(c *estimate.Context, l estimate.Line, what string) (estimate.Component, bool) {
	if _, ok := c.Price(l.Service, l.Item); ok {
		return estimate.Component{}, false
	}
	return c.Unpriced(l, fmt.Sprintf("no catalog price for %s in %s", what, c.Region)), true
}

// covUnknown reports a line whose catalog item is named by a value known
// only after apply (a node or instance type): it is unknown, not a catalog
// gap, so it is not also counted unpriced.
func covUnknown(c *estimate.Context, l estimate.Line, attr string) estimate.Component {
	comp := c.UnknownValue(l, attr)
	comp.Unpriced = false
	return comp
}

// covTiers splits a monthly quantity into consecutive tiers: limits are the
// sizes of each tier but the last, which is open-ended. E.g. limits {6e9, 9e9}
// gives [first 6e9, next 9e9, over 15e9].
func covTiers(q decimal.Decimal, limits ...decimal.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, 0, len(limits)+1)
	rest := q
	for _, l := range limits {
		take := decimal.Min(rest, l)
		if take.IsNegative() {
			take = decimal.Zero
		}
		out = append(out, take)
		rest = rest.Sub(take)
	}
	if rest.IsNegative() {
		rest = decimal.Zero
	}
	return append(out, rest)
}

// covNum returns a usage number or nil.
func covNum(c *estimate.Context, key string) *decimal.Decimal {
	if v, ok := c.Usage.Number(key); ok {
		return &v
	}
	return nil
}

// covPer divides a usage quantity into the catalog's unit (e.g. requests →
// 1M requests); nil stays nil (usage not given).
func covPer(q *decimal.Decimal, unit int64) *decimal.Decimal {
	if q == nil {
		return nil
	}
	v := q.Div(decimal.NewFromInt(unit))
	return &v
}

// covF converts an optional plan number.
func covF(f *float64) decimal.Decimal {
	if f == nil {
		return decimal.Zero
	}
	return estimate.Float(*f)
}

// covBadUsage reports a line whose usage values are invalid (a misspelt
// term or payment option): unpriced with the reason and a warning, rather
// than an error that would leave the resource at $0 or a silent on-demand price.
func covBadUsage(c *estimate.Context, l estimate.Line, err error) estimate.Component {
	c.Warn("%v", err)
	return c.Unpriced(l, "invalid usage: "+err.Error())
}

// covRepriced replaces a component's unit price (savings plans: a rate the
// user gives) and recomputes its costs from its quantity.
func covRepriced(comp estimate.Component, price decimal.Decimal, source, note string) estimate.Component {
	comp.Price = price
	comp.Source = source
	comp.Approximate = false
	if comp.MonthlyQuantity != nil {
		mc := comp.MonthlyQuantity.Mul(price)
		hc := mc.Div(decimal.NewFromInt(estimate.HoursPerMonth))
		comp.MonthlyCost, comp.HourlyCost = &mc, &hc
	}
	comp.Note = joinNotes(comp.Note, note)
	return comp
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// Purchase options read from usage (Infracost's keys plus tfcost's
// purchase_option and savings-plan keys).
const (
	keyPurchaseOption   = "purchase_option" // on_demand | spot | reserved
	keyRIType           = "reserved_instance_type"
	keyRITerm           = "reserved_instance_term"
	keyRIPayment        = "reserved_instance_payment_option"
	keySavingsPlanRate  = "savings_plan_rate"
	keySavingsPlanPct   = "savings_plan_discount_percent"
	keyOperatingSystem  = "operating_system"
	keyInstances        = "instances"
	keyCapacityUnitsHrs = "capacity_units_per_hr"
)

// reservationTermKeys document the reservation keys of every reservable
// rule (EC2, RDS, ElastiCache, OpenSearch), declared here only so a key
// reads the same on every rule's coverage entry.
var reservationTermKeys = []estimate.UsageKey{
	{Key: keyRITerm, Description: "1_year or 3_year; prices the effective hourly rate with the upfront fee amortised"},
	{Key: keyRIPayment, Description: "no_upfront, partial_upfront or all_upfront"},
}

// ec2ReservationKeys add the offering class, which only EC2 reservations have.
var ec2ReservationKeys = slices.Concat([]estimate.UsageKey{
	{Key: keyRIType, Description: "standard or convertible (EC2 reservations)"},
}, reservationTermKeys)

// covPurchaseKeys documents the purchase-option usage keys of compute rules.
var covPurchaseKeys = slices.Concat([]estimate.UsageKey{
	{Key: keyPurchaseOption, Description: "on_demand (default), spot or reserved"},
}, ec2ReservationKeys, []estimate.UsageKey{
	{Key: keySavingsPlanRate, Description: "your savings-plan hourly rate per instance (USD); the catalog has no savings-plan rates"},
	{Key: keySavingsPlanPct, Description: "your savings-plan discount off on-demand, in percent; the catalog has no savings-plan rates"},
})

// covReservation is a reserved-instance choice from usage.
type covReservation struct {
	Term    string // 1yr | 3yr
	Payment string // no_upfront | partial_upfront | all_upfront
	Class   string // standard | convertible (EC2 only)
}

// covReadReservation reads Infracost's reserved_instance_* keys; ok is false
// without a term. Unknown values are errors so a typo is not silently on-demand.
func covReadReservation(c *estimate.Context) (covReservation, bool, error) {
	term, ok := c.Usage.String(keyRITerm)
	if !ok || term == "" {
		if po, _ := c.Usage.String(keyPurchaseOption); po == "reserved" {
			return covReservation{}, false, fmt.Errorf("%s: purchase_option reserved needs %s (1_year or 3_year)", c.Resource.Address, keyRITerm)
		}
		return covReservation{}, false, nil
	}
	r := covReservation{Payment: "no_upfront", Class: "standard"}
	switch strings.ToLower(term) {
	case "1_year", "1yr", "1":
		r.Term = "1yr"
	case "3_year", "3yr", "3":
		r.Term = "3yr"
	default:
		return r, false, fmt.Errorf("%s: %s %q is not 1_year or 3_year", c.Resource.Address, keyRITerm, term)
	}
	if p, ok := c.Usage.String(keyRIPayment); ok && p != "" {
		p = strings.ToLower(p)
		switch p {
		case "no_upfront", "partial_upfront", "all_upfront":
			r.Payment = p
		default:
			return r, false, fmt.Errorf("%s: %s %q is not no_upfront, partial_upfront or all_upfront", c.Resource.Address, keyRIPayment, p)
		}
	}
	if t, ok := c.Usage.String(keyRIType); ok && t != "" {
		t = strings.ToLower(t)
		if t != "standard" && t != "convertible" {
			return r, false, fmt.Errorf("%s: %s %q is not standard or convertible", c.Resource.Address, keyRIType, t)
		}
		r.Class = t
	}
	return r, true, nil
}

func (r covReservation) label() string {
	return fmt.Sprintf("reserved %s %s", r.Term, strings.ReplaceAll(r.Payment, "_", " "))
}

// covReservedLine prices a reserved line: the catalog figure is the effective
// hourly rate with the upfront fee spread over the term, so an all-upfront
// reservation still costs what it costs per hour (never $0). A reservation
// is paid for every hour of the term whether the capacity runs or not, so
// scheduling keys do not reduce it (as aws_instance and aws_db_instance).
func covReservedLine(c *estimate.Context, l estimate.Line, perHour decimal.Decimal, r covReservation) estimate.Component {
	p, ok := c.Price(l.Service, l.Item)
	if !ok {
		return c.Unpriced(l, fmt.Sprintf("no catalog price for the %s reservation of this type in %s", r.label(), c.Region))
	}
	if p.USD.IsZero() {
		return c.Unpriced(l, "the catalog's reservation figure is 0; a reservation is never free, so it is not priced")
	}
	l.Note = joinNotes(l.Note, "effective hourly rate, upfront fee amortised over the term; billed every hour of the term")
	return c.AlwaysOn(l, perHour)
}

// covSavingsPlan applies a user-given savings-plan rate or discount to an
// on-demand component; ok is false when neither key is set.
func covSavingsPlan(c *estimate.Context, comp estimate.Component) (estimate.Component, bool) {
	if comp.Unpriced || comp.MonthlyQuantity == nil {
		return comp, false
	}
	if rate, ok := c.Usage.Number(keySavingsPlanRate); ok {
		return covRepriced(comp, rate, "savings-plan rate from the usage file",
			"savings plan: rate given in usage (the catalog has no savings-plan rates)"), true
	}
	if pct, ok := c.Usage.Number(keySavingsPlanPct); ok {
		return covPctOff(comp, pct, "savings plan"), true
	}
	return comp, false
}

// covPctOff reprices an on-demand component at pct percent off, recording
// where the percentage came from in its source and note.
func covPctOff(comp estimate.Component, pct decimal.Decimal, plan string) estimate.Component {
	f := decimal.NewFromInt(1).Sub(pct.Div(decimal.NewFromInt(100)))
	return covRepriced(comp, comp.Price.Mul(f), comp.Source+fmt.Sprintf(" less %s%% savings plan (usage file)", pct),
		fmt.Sprintf("%s: %s%% off on-demand as given in usage (the catalog has no savings-plan rates)", plan, pct))
}

// covSavingsPct applies only savings_plan_discount_percent: Compute Savings
// Plans also cover Fargate and Lambda, where a per-instance rate means nothing.
func covSavingsPct(c *estimate.Context, comp estimate.Component) estimate.Component {
	pct, ok := c.Usage.Number(keySavingsPlanPct)
	if !ok || comp.Unpriced || comp.MonthlyQuantity == nil {
		return comp
	}
	return covPctOff(comp, pct, "compute savings plan")
}

// covSpotNote explains a (Linux) spot line. Two different figures are about:
// the price charged is the catalog's average spot price, while the Spot
// Instance Advisor publishes its own typical savings and the interruption
// band. They rarely agree (m5.large in us-east-1: 67% below on-demand at the
// average, 66% per the Advisor), so the note states both and says which one
// is charged.
func covSpotNote(c *estimate.Context, instanceType string) string {
	note := "spot: priced at the average spot price"
	if sp, ok := c.Price("ec2", instanceType+"/linux/spot"); ok {
		note += fmt.Sprintf(" $%s per hour", sp.USD)
		if od, ok := c.Price("ec2", instanceType+"/linux/on_demand"); ok && od.USD.IsPositive() {
			below := decimal.NewFromInt(1).Sub(sp.USD.Div(od.USD)).Mul(decimal.NewFromInt(100)).Round(0)
			note += fmt.Sprintf(" (%s%% below on-demand $%s)", below, od.USD)
		}
	}
	if a, ok := c.SpotAdvice(instanceType); ok {
		return note + fmt.Sprintf("; Spot Advisor: %d%% typical savings, interruption band %s", a.SavingsPercent, a.Band)
	}
	return note + "; no Spot Advisor data for this type in " + c.Region
}

// covOS maps Infracost's operating_system usage values to catalog item names.
func covOS(c *estimate.Context) (string, error) {
	os, ok := c.Usage.String(keyOperatingSystem)
	if !ok || os == "" {
		return "linux", nil
	}
	switch strings.ToLower(os) {
	case "linux":
		return "linux", nil
	case "windows":
		return "windows", nil
	case "rhel":
		return "rhel", nil
	case "suse", "sles":
		return "sles", nil
	}
	return "", fmt.Errorf("%s: %s %q is not linux, windows, rhel or suse", c.Resource.Address, keyOperatingSystem, os)
}

// covEC2Purchase is how EC2 capacity of a group is bought.
type covEC2Purchase struct {
	OS          string
	Spot        bool // usage purchase_option: spot
	Reservation *covReservation
}

func covReadEC2Purchase(c *estimate.Context) (covEC2Purchase, error) {
	var p covEC2Purchase
	os, err := covOS(c)
	if err != nil {
		return p, err
	}
	p.OS = os
	if po, ok := c.Usage.String(keyPurchaseOption); ok {
		switch strings.ToLower(po) {
		case "spot":
			p.Spot = true
		case "on_demand", "on-demand", "reserved", "":
		default:
			return p, fmt.Errorf("%s: %s %q is not on_demand, spot or reserved", c.Resource.Address, keyPurchaseOption, po)
		}
	}
	r, ok, err := covReadReservation(c)
	if err != nil {
		return p, err
	}
	if ok {
		p.Reservation = &r
	}
	return p, nil
}

// covEC2Instances prices count instances of an EC2 type bought on-demand
// (possibly under a savings plan or reservation) or as spot.
func covEC2Instances(c *estimate.Context, instanceType string, count decimal.Decimal, spot bool, p covEC2Purchase, note string) estimate.Component {
	l := estimate.Line{Unit: "hours", Category: estimate.Compute, Service: "ec2", Note: note}
	switch {
	case spot:
		l.Name = fmt.Sprintf("Instance usage (%s, spot, %s)", covOSLabel(p.OS), instanceType)
		l.Item = instanceType + "/linux/spot"
		l.Note = joinNotes(l.Note, covSpotNote(c, instanceType))
		if p.OS != "linux" {
			return c.Unpriced(l, "the catalog has spot prices for Linux only")
		}
		if g, ok := covGap(c, l, "spot price of "+instanceType); ok {
			return g
		}
		return c.Hourly(l, count)
	case p.Reservation != nil:
		r := *p.Reservation
		l.Name = fmt.Sprintf("Instance usage (%s, %s, %s)", covOSLabel(p.OS), r.label(), instanceType)
		l.Item = fmt.Sprintf("%s/linux/reserved/%s/%s/%s", instanceType, r.Term, r.Class, r.Payment)
		if p.OS != "linux" {
			return c.Unpriced(l, "the catalog has reserved prices for Linux only")
		}
		return covReservedLine(c, l, count, r)
	}
	l.Name = fmt.Sprintf("Instance usage (%s, on-demand, %s)", covOSLabel(p.OS), instanceType)
	l.Item = instanceType + "/" + p.OS + "/on_demand"
	if g, ok := covGap(c, l, "on-demand price of "+instanceType+" ("+p.OS+")"); ok {
		return g
	}
	comp := c.Hourly(l, count)
	if sp, ok := covSavingsPlan(c, comp); ok {
		sp.Name = fmt.Sprintf("Instance usage (%s, savings plan, %s)", covOSLabel(p.OS), instanceType)
		return sp
	}
	return comp
}

func covOSLabel(os string) string {
	switch os {
	case "windows":
		return "Windows"
	case "rhel":
		return "RHEL"
	case "sles":
		return "SUSE"
	}
	return "Linux"
}
