package estimate

import (
	"encoding/json"
	"fmt"
	"math/big"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// PriceOverride is a custom price from the config file (e.g. a negotiated rate).
type PriceOverride struct {
	Service string
	Region  string // "" = every region
	Item    string
	USD     decimal.Decimal
}

// Options configure an Estimator.
type Options struct {
	Catalog  *catalog.Catalog
	Registry *Registry
	Usage    *usage.File
	// StrictPrices makes a missing regional price unpriced instead of
	// falling back to the us-east-1 figure.
	StrictPrices bool
	// DiscountPercent is taken off every catalog price (not off custom prices).
	DiscountPercent decimal.Decimal
	Overrides       []PriceOverride
	// Name names the project in reports.
	Name string
	// Now is the date rules whose price depends on the calendar judge by
	// (EKS versions past standard support); nil means time.Now. An option
	// rather than a package variable so tests can pin the date without
	// racing other estimates.
	Now func() time.Time
}

// Estimator prices plans. It is safe for concurrent use.
type Estimator struct {
	opts      Options
	overrides map[[3]string]decimal.Decimal
	factor    decimal.Decimal

	hourlyMu sync.RWMutex
	hourly   map[decKey]decimal.Decimal // perHour's results
}

// decKey is a decimal whose coefficient fits in an int64.
type decKey struct {
	coef int64
	exp  int32
}

// maxHourlyCache bounds perHour's cache (distinct monthly figures of a run).
const maxHourlyCache = 1 << 14

// perHour is d / 730 (decimal.Decimal.Div, so exactly the figure Div
// gives), remembered per value: a large plan repeats the same monthly
// quantities and costs thousands of times, and the division was a visible
// share of pricing time. Decimals are immutable, so sharing a result is safe.
func (e *Estimator) perHour(d decimal.Decimal) decimal.Decimal {
	if e == nil || d.NumDigits() > maxInt64Digits {
		return d.Div(hoursPerMonth)
	}
	k := decKey{d.CoefficientInt64(), d.Exponent()}
	e.hourlyMu.RLock()
	q, ok := e.hourly[k]
	e.hourlyMu.RUnlock()
	if ok {
		return q
	}
	q = d.Div(hoursPerMonth)
	e.hourlyMu.Lock()
	if e.hourly == nil {
		e.hourly = map[decKey]decimal.Decimal{}
	}
	if len(e.hourly) < maxHourlyCache {
		e.hourly[k] = q
	}
	e.hourlyMu.Unlock()
	return q
}

// New returns an Estimator.
func New(opts Options) *Estimator {
	e := &Estimator{opts: opts, overrides: map[[3]string]decimal.Decimal{}, factor: decimal.NewFromInt(1)}
	for _, o := range opts.Overrides {
		e.overrides[[3]string{o.Service, o.Region, o.Item}] = o.USD
	}
	if !opts.DiscountPercent.IsZero() {
		e.factor = decimal.NewFromInt(1).Sub(opts.DiscountPercent.Div(decimal.NewFromInt(100)))
	}
	if e.opts.Catalog == nil {
		e.opts.Catalog = catalog.New()
	}
	if e.opts.Registry == nil {
		e.opts.Registry = NewRegistry()
	}
	return e
}

// Registry returns the rules in use.
func (e *Estimator) Registry() *Registry { return e.opts.Registry }

// Catalog returns the catalog in use.
func (e *Estimator) Catalog() *catalog.Catalog { return e.opts.Catalog }

// Price looks up one unit price the way rules see it: custom prices first,
// then the catalog with the discount and the fallback rules applied. The
// provider's tfcost_price data source and hourly_price function use it so a
// quoted price always matches what an estimate would charge.
func (e *Estimator) Price(service, region, item string) (catalog.Price, bool) {
	return e.price(service, region, item)
}

func (e *Estimator) price(service, region, item string) (catalog.Price, bool) {
	for _, k := range [][3]string{{service, region, item}, {service, "", item}} {
		if usd, ok := e.overrides[k]; ok {
			return catalog.Price{USD: usd, Source: "custom price (config file)", Region: region}, true
		}
	}
	allow := !e.opts.StrictPrices && !catalog.NoFallback(service, item)
	p, ok := e.opts.Catalog.Lookup(service, region, item, allow)
	if !ok {
		return p, false
	}
	if !e.factor.Equal(decimal.NewFromInt(1)) {
		p.USD = p.USD.Mul(e.factor)
		p.Source += fmt.Sprintf(" less %s%% discount", e.opts.DiscountPercent)
	}
	return p, true
}

// Estimate prices the planned values (after the change).
func (e *Estimator) Estimate(p *plan.Plan) *Estimate { return e.run(p, false) }

// EstimatePrior prices the values before the change (prior state).
func (e *Estimator) EstimatePrior(p *plan.Plan) *Estimate { return e.run(p, true) }

func (e *Estimator) run(p *plan.Plan, prior bool) *Estimate {
	est := &Estimate{Name: e.opts.Name, PlanFile: p.File, DefaultRegion: plan.DefaultRegion, Currency: "USD",
		CatalogDate: e.opts.Catalog.Date()}
	if est.Name == "" {
		est.Name = p.File
	}
	est.Resources = make([]*Resource, len(p.Resources))
	workers := runtime.GOMAXPROCS(0)
	if len(p.Resources) < 256 {
		workers = 1
	}
	// Workers take small batches in turn rather than one fixed share each,
	// so a worker that gets less CPU (a busy machine, a run of expensive
	// resources) does not leave the others idle at the end.
	var wg sync.WaitGroup
	var next atomic.Int64
	const batch = 64
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(batch)) - batch
				if lo >= len(p.Resources) {
					return
				}
				for i := lo; i < min(lo+batch, len(p.Resources)); i++ {
					est.Resources[i] = e.priceResource(p, p.Resources[i], prior)
				}
			}
		})
	}
	wg.Wait()
	est.Warnings = append(est.Warnings, p.Warnings...)
	// Totals and ranges read the priced resources and write disjoint fields
	// (Total: the estimate's totals, categories, types and summary;
	// applyRanges: Range on each resource and on the estimate), so on a
	// large plan they run side by side.
	if workers > 1 {
		wg.Go(func() { Total(est) })
	} else {
		Total(est)
	}
	applyRanges(p, est, prior, func(r *plan.Resource) *Resource { return e.priceResource(p, r, prior) }, e.opts.Usage)
	wg.Wait()
	return est
}

// PriceResource prices one resource of a plan (planned values).
func (e *Estimator) PriceResource(p *plan.Plan, r *plan.Resource) *Resource {
	return e.priceResource(p, r, false)
}

func (e *Estimator) priceResource(p *plan.Plan, r *plan.Resource, prior bool) *Resource {
	out := &Resource{Address: r.Address, Type: r.Type, Module: r.ModuleAddress, Region: r.Region,
		RegionSource: r.RegionSource, Action: string(r.Action), Tags: r.Tags}
	values := r.After
	if prior {
		values = r.Before
	}
	if len(values) == 0 || string(values) == "null" {
		out.Status = StatusSkipped
		if prior {
			out.Note = "does not exist before the change"
		} else {
			out.Note = "does not exist after the change"
		}
		return out
	}
	rule, ok := e.opts.Registry.Rule(r.Type)
	switch {
	case !ok && isUtility(r.Type):
		out.Status = StatusFree
		return out
	case !ok && !isAWS(r):
		out.Status = StatusSkipped
		out.Note = "not an AWS resource: tfcost prices AWS resources only"
		return out
	case !ok:
		out.Status = StatusUnsupported
		out.Note = "not supported yet"
		return out
	case rule.Free:
		out.Status = StatusFree
		return out
	}
	ctx := &Context{Resource: r, Plan: p, Region: r.Region, Usage: e.opts.Usage.For(r.Address, r.Type), Prior: prior, est: e}
	comps, err := rule.Price(ctx)
	out.Warnings = ctx.warnings
	if ctx.note != "" {
		out.Note = ctx.note
	}
	if err != nil {
		out.Warnings = append(out.Warnings, err.Error())
		// A rule errs when the values have a shape it cannot read: whatever
		// it returned is not the resource's cost, so the resource carries an
		// unpriced line and counts as unpriced instead of passing for $0.
		comps = append(comps, Component{Name: "Resource", Unit: "resource", Unpriced: true,
			Note: "not priced: " + err.Error()})
	}
	out.Components = comps
	out.Status = StatusPriced
	var hourly, monthly decSum
	for _, c := range comps {
		if c.HourlyCost != nil {
			hourly.add(*c.HourlyCost)
		}
		if c.MonthlyCost != nil {
			monthly.add(*c.MonthlyCost)
		}
	}
	hourly.into(&out.HourlyCost)
	monthly.into(&out.MonthlyCost)
	return out
}

// decSum adds decimals exactly, with the result a chain of
// decimal.Decimal.Add from zero gives (the value, at the smallest exponent
// seen), but into one big.Int instead of a new one per addition: the sums
// over every component and resource of a large plan were a visible share of
// pricing time. The zero value is an empty sum.
type decSum struct {
	v, tmp big.Int
	exp    int32
	n      int // additions
}

// maxInt64Digits: a coefficient of at most 18 digits fits in an int64.
const maxInt64Digits = 18

func (s *decSum) add(d decimal.Decimal) {
	e := d.Exponent()
	if s.n == 0 || e < s.exp {
		if s.n == 0 {
			s.exp = min(e, 0) // decimal.Zero's exponent is 0
		}
		if e < s.exp {
			s.v.Mul(&s.v, pow10(s.exp-e))
			s.exp = e
		}
	}
	s.n++
	if d.NumDigits() <= maxInt64Digits {
		s.tmp.SetInt64(d.CoefficientInt64())
	} else {
		s.tmp.Set(d.Coefficient())
	}
	if e > s.exp {
		s.tmp.Mul(&s.tmp, pow10(e-s.exp))
	}
	s.v.Add(&s.v, &s.tmp)
}

// into stores the sum in *d; an empty sum leaves *d as it is (zero), as a
// loop of Adds that never runs would.
func (s *decSum) into(d *decimal.Decimal) {
	if s.n > 0 {
		*d = decimal.NewFromBigInt(&s.v, s.exp)
	}
}

var pow10s = func() (t [40]*big.Int) {
	for i := range t {
		t[i] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil)
	}
	return t
}()

func pow10(n int32) *big.Int {
	if int(n) < len(pow10s) {
		return pow10s[n]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// Total (re)computes an estimate's totals, categories, types and summary
// from its resources. Call it after changing resources.
func Total(est *Estimate) {
	est.HourlyCost, est.MonthlyCost = decimal.Zero, decimal.Zero
	var hourly, monthly decSum
	cats := map[Category]*decSum{}
	type typeSum struct {
		count   int
		monthly decSum
	}
	types := map[string]*typeSum{}
	s := Summary{UnsupportedCounts: map[string]int{}, FreeCounts: map[string]int{}}
	for _, r := range est.Resources {
		s.TotalResources++
		switch r.Status {
		case StatusPriced:
			s.PricedResources++
		case StatusFree:
			s.FreeResources++
			s.FreeCounts[r.Type]++
		case StatusUnsupported:
			s.UnsupportedResources++
			s.UnsupportedCounts[r.Type]++
		case StatusSkipped:
			s.SkippedResources++
		}
		if r.Status == StatusPriced {
			t := types[r.Type]
			if t == nil {
				t = &typeSum{}
				types[r.Type] = t
			}
			t.count++
			t.monthly.add(r.MonthlyCost)
		}
		hourly.add(r.HourlyCost)
		monthly.add(r.MonthlyCost)
		for _, c := range r.Components {
			if c.MonthlyCost != nil {
				cs := cats[c.Category]
				if cs == nil {
					cs = &decSum{}
					cats[c.Category] = cs
				}
				cs.add(*c.MonthlyCost)
			}
			if c.UsageBased {
				s.UsageBasedComponents++
				if c.MonthlyCost == nil && !c.Unpriced {
					s.UsageMissing++
				}
			}
			if c.Approximate {
				s.ApproximateComponents++
			}
			if c.Unknown {
				s.UnknownComponents++
			}
			if c.Unpriced {
				s.UnpricedComponents++
			}
		}
	}
	hourly.into(&est.HourlyCost)
	monthly.into(&est.MonthlyCost)
	est.AnnualCost = est.MonthlyCost.Mul(decimal.NewFromInt(MonthsPerYear))
	est.Categories = est.Categories[:0]
	for _, c := range Categories {
		var m decimal.Decimal
		if cs := cats[c]; cs != nil {
			cs.into(&m)
		}
		ct := CategoryTotal{Category: c, Monthly: m, Annual: m.Mul(decimal.NewFromInt(MonthsPerYear))}
		if !est.MonthlyCost.IsZero() {
			ct.Share = m.Div(est.MonthlyCost).Mul(decimal.NewFromInt(100)).Round(2)
		}
		est.Categories = append(est.Categories, ct)
	}
	est.Types = est.Types[:0]
	for typ, t := range types {
		tt := TypeTotal{Type: typ, Count: t.count}
		t.monthly.into(&tt.Monthly)
		est.Types = append(est.Types, tt)
	}
	sort.Slice(est.Types, func(i, j int) bool {
		if c := est.Types[i].Monthly.Cmp(est.Types[j].Monthly); c != 0 {
			return c > 0
		}
		return est.Types[i].Type < est.Types[j].Type
	})
	est.Summary = s
}

// InlineResource is a resource described directly (provider `resources`
// input, functions) rather than read from a plan.
type InlineResource struct {
	Type   string
	Name   string
	Count  int
	Region string
	Values json.RawMessage
}

// InlinePlan builds a plan from inline resource descriptions.
func InlinePlan(defaultRegion string, rs []InlineResource) *plan.Plan {
	p := &plan.Plan{File: "inline"}
	for _, ir := range rs {
		region, src := ir.Region, plan.RegionFromAttribute
		if region == "" {
			region, src = defaultRegion, plan.RegionFromProvider
		}
		if region == "" {
			region, src = plan.DefaultRegion, plan.RegionFromDefault
		}
		n := ir.Count
		if n <= 0 {
			n = 1
		}
		for i := 0; i < n; i++ {
			addr := ir.Type + "." + ir.Name
			if ir.Count > 1 {
				addr += "[" + fmt.Sprint(i) + "]"
			}
			p.Resources = append(p.Resources, &plan.Resource{Address: addr, Type: ir.Type, Name: ir.Name,
				Region: region, RegionSource: src, Action: plan.ActionCreate, After: ir.Values})
		}
	}
	return p
}
