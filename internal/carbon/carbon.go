// Package carbon estimates the monthly carbon footprint (kgCO2e) of an
// estimate with the Cloud Carbon Footprint (CCF) method and CCF's AWS
// coefficients, compiled in from coefficients.json (generated from
// shared/carbon by ./gen). Rules describe physical resources on cost
// components (estimate.Footprint); Annotate turns them into kgCO2e per
// resource and in total. docs/carbon.md explains every assumption.
package carbon

//go:generate go run ./gen -src ../../../shared/carbon -out coefficients.json

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
)

//go:embed coefficients.json
var coefficientsJSON []byte

// GridColumn names the grid emission factors used: the CCF app's table
// (2022-11-02, EPA eGRID2020 for US regions), which is newer than the
// coefficients repository's (2021-10-29) and covers every region in it.
const GridColumn = "mtco2e_per_kwh_ccf_app"

// Model holds the coefficients. Use New; a Model is safe for concurrent use.
type Model struct {
	c coefficients
	// Specs, when set, gives vCPU counts for instance types CCF's tables
	// lack (newer families): they are then estimated with CCF's average
	// watts and no memory or embodied share, and marked approximate.
	Specs *catalog.Catalog

	pue, util, memCoef, ssd, hdd, lifespan, chipVCPU decimal.Decimal
	minAvg, maxAvg, gbChipAvg, unknownGrid           decimal.Decimal
}

type coefficients struct {
	Method             string                       `json:"method"`
	CoefficientSet     string                       `json:"coefficientSet"`
	Constants          map[string]decimal.Decimal   `json:"constants"`
	Microarchitectures map[string]microarch         `json:"microarchitectures"`
	GPUs               map[string]gpu               `json:"gpus"`
	Instances          map[string]instance          `json:"instances"`
	Families           map[string]family            `json:"families"`
	InstanceGPUs       map[string]instanceGPU       `json:"instanceGpus"`
	Burstable          map[string]decimal.Decimal   `json:"burstableBaselinePercent"`
	Grid               map[string]decimal.Decimal   `json:"gridTonsPerKWh"`
	NodeVCPUs          map[string]map[string]string `json:"serviceNodes"`
	Sources            []map[string]string          `json:"sources"`
}

type microarch struct {
	Min       decimal.Decimal `json:"minWattsPerVCPU"`
	Max       decimal.Decimal `json:"maxWattsPerVCPU"`
	GBPerChip decimal.Decimal `json:"gbPerPhysicalChip"`
}

type gpu struct {
	Min decimal.Decimal `json:"minWatts"`
	Max decimal.Decimal `json:"maxWatts"`
}

type instance struct {
	Family             string          `json:"family"`
	Microarchitectures []string        `json:"microarchitectures"`
	EmbodiedKg         string          `json:"familyEmbodiedKgCO2e"`
	LargestVCPU        decimal.Decimal `json:"largestVCPUInFamily"`
	VCPU               decimal.Decimal `json:"vcpu"`
	MemoryGiB          decimal.Decimal `json:"memoryGiB"`
}

type family struct {
	LargestVCPU      decimal.Decimal `json:"largestVCPU"`
	LargestMemoryGiB decimal.Decimal `json:"largestMemoryGiB"`
}

type instanceGPU struct {
	Model string          `json:"model"`
	Count decimal.Decimal `json:"count"`
}

var (
	loadOnce sync.Once
	loaded   coefficients
	loadErr  error
)

// New returns a model with the embedded CCF coefficients.
func New() *Model {
	loadOnce.Do(func() { loadErr = json.Unmarshal(coefficientsJSON, &loaded) })
	if loadErr != nil {
		// The file is generated and embedded: a decode error is a build defect.
		panic("carbon: embedded coefficients.json: " + loadErr.Error())
	}
	m := &Model{c: loaded}
	k := func(name string) decimal.Decimal {
		v, ok := m.c.Constants[name]
		if !ok {
			panic("carbon: missing constant " + name)
		}
		return v
	}
	m.pue, m.memCoef, m.ssd, m.hdd = k("pue"), k("memory_coefficient"), k("ssd_coefficient"), k("hdd_coefficient")
	m.util = k("avg_cpu_utilization").Div(decimal.NewFromInt(100))
	m.lifespan, m.chipVCPU = k("server_expected_lifespan"), k("vcpus_per_physical_chip")
	m.minAvg, m.maxAvg, m.gbChipAvg = k("min_watts_avg"), k("max_watts_avg"), k("memory_gb_per_physical_chip_avg")
	m.unknownGrid = k("grid_emission_factor_unknown_region")
	return m
}

// Method names the method, for reports.
func (m *Model) Method() string { return m.c.Method }

// CoefficientSet names the coefficients, for reports.
func (m *Model) CoefficientSet() string {
	return m.c.CoefficientSet + "; grid factors: " + GridColumn
}

// GridFactor returns the region's grid emission factor in kgCO2e per kWh and
// whether the region is known (otherwise CCF's unknown-region average).
func (m *Model) GridFactor(region string) (decimal.Decimal, bool) {
	t, ok := m.c.Grid[region]
	if !ok {
		t = m.unknownGrid
	}
	return t.Mul(thousand), ok
}

var (
	thousand = decimal.NewFromInt(1000)
	two      = decimal.NewFromInt(2)
	month    = decimal.NewFromInt(estimate.HoursPerMonth)
)

// Breakdown is one footprint's emissions, with the energy behind them.
type Breakdown struct {
	// Energy in kWh before PUE, by kind (already × replication factor).
	ComputeKWh, MemoryKWh, GPUKWh, StorageKWh decimal.Decimal
	// OperationalKg = (sum of kWh) × PUE × grid factor; EmbodiedKg is the
	// hardware's manufacturing share.
	OperationalKg, EmbodiedKg decimal.Decimal
	// Approximate is set when figures were missing and averages stood in.
	Approximate bool
	Notes       []string
}

// TotalKg is operational plus embodied kgCO2e.
func (b Breakdown) TotalKg() decimal.Decimal { return b.OperationalKg.Add(b.EmbodiedKg) }

// Footprint computes the monthly emissions of one footprint in a region.
// ok is false when there is nothing to estimate (e.g. an instance type with
// no carbon figures and no spec).
func (m *Model) Footprint(f estimate.Footprint, region string) (Breakdown, bool) {
	var b Breakdown
	found := false
	if f.InstanceType != "" && f.InstanceHours.IsPositive() {
		if m.instance(&b, f) {
			found = true
		}
	}
	if f.VCPUHours.IsPositive() {
		// No instance type (Fargate, Lambda): CCF's average watts per vCPU.
		b.ComputeKWh = b.ComputeKWh.Add(m.avgWatts(m.minAvg, m.maxAvg).Mul(f.VCPUHours).Div(thousand))
		found = true
	}
	if f.MemoryGBHours.IsPositive() {
		// CCF classifies task/function memory GB-hours (Fargate-GB-Hours,
		// Lambda-GB-Second) as SSD storage, not as memory; we do the same.
		b.StorageKWh = b.StorageKWh.Add(f.MemoryGBHours.Div(thousand).Mul(m.ssd).Div(thousand))
		found = true
	}
	if f.StorageGBMonths.IsPositive() {
		coef := m.hdd
		if f.Media == estimate.MediaSSD {
			coef = m.ssd
		}
		// TB-hours = GB-months / 1000 × 730; Wh = TB-hours × coefficient.
		tbHours := f.StorageGBMonths.Div(thousand).Mul(month)
		b.StorageKWh = b.StorageKWh.Add(tbHours.Mul(coef).Div(thousand))
		found = true
	}
	if !found {
		return b, false
	}
	rf := m.replication(f.Replication)
	b.ComputeKWh, b.MemoryKWh, b.GPUKWh, b.StorageKWh = b.ComputeKWh.Mul(rf), b.MemoryKWh.Mul(rf), b.GPUKWh.Mul(rf), b.StorageKWh.Mul(rf)
	grid, known := m.GridFactor(region)
	if !known {
		b.Approximate = true
		b.Notes = append(b.Notes, fmt.Sprintf("no grid factor for %q: CCF's unknown-region average", region))
	}
	kwh := b.ComputeKWh.Add(b.MemoryKWh).Add(b.GPUKWh).Add(b.StorageKWh)
	b.OperationalKg = kwh.Mul(m.pue).Mul(grid)
	return b, true
}

// instance adds an instance's compute, memory, GPU and embodied figures.
func (m *Model) instance(b *Breakdown, f estimate.Footprint) bool {
	typ := strings.TrimPrefix(strings.TrimPrefix(f.InstanceType, "db."), "cache.")
	hours := f.InstanceHours
	in, ok := m.c.Instances[typ]
	if !ok || in.VCPU.IsZero() {
		if m.Specs == nil {
			b.Notes = append(b.Notes, "no carbon figures for "+typ)
			return false
		}
		spec, ok := m.Specs.Spec(typ)
		if !ok || spec.VCPU.IsZero() {
			b.Notes = append(b.Notes, "no carbon figures or spec for "+typ)
			return false
		}
		b.Approximate = true
		b.Notes = append(b.Notes, typ+" is not in CCF's tables: average watts, no memory or embodied share")
		b.ComputeKWh = b.ComputeKWh.Add(m.avgWatts(m.minAvg, m.maxAvg).Mul(spec.VCPU).Mul(hours).Div(thousand))
		return true
	}
	minW, maxW, gbChip, exact := m.processor(in.Microarchitectures)
	if !exact {
		b.Approximate = true
	}
	vcpuHours := in.VCPU.Mul(hours)
	baseline, burstable := m.c.Burstable[typ]
	if burstable {
		// CCF counts a burstable vCPU at its baseline: vCPU-hours × baseline / 50.
		vcpuHours = vcpuHours.Mul(baseline).Div(decimal.NewFromInt(50))
	}
	b.ComputeKWh = b.ComputeKWh.Add(m.avgWatts(minW, maxW).Mul(vcpuHours).Div(thousand))

	// Memory: only the share of the family's largest size above what the
	// SPECpower servers of its processors carry per chip (CCF). None for burstables.
	if fam, ok := m.c.Families[in.Family]; ok && !burstable && in.MemoryGiB.IsPositive() && fam.LargestMemoryGiB.IsPositive() {
		chips := fam.LargestVCPU.Div(m.chipVCPU).Ceil()
		if in.Family == "m5zn" || in.Family == "z1d" {
			chips = two
		}
		if chips.IsPositive() {
			excess := fam.LargestMemoryGiB.Div(chips).Sub(gbChip)
			if excess.IsPositive() {
				gbHours := excess.Div(fam.LargestMemoryGiB.Div(in.MemoryGiB)).Mul(hours)
				b.MemoryKWh = b.MemoryKWh.Add(gbHours.Mul(m.memCoef))
			}
		}
	}
	if g, ok := m.c.InstanceGPUs[typ]; ok {
		if w, ok := m.c.GPUs[g.Model]; ok {
			b.GPUKWh = b.GPUKWh.Add(m.avgWatts(w.Min, w.Max).Mul(g.Count).Mul(hours).Div(thousand))
		}
	}
	// Embodied (SCI, as CCF documents it): TE × hours / lifespan × vCPU /
	// largest vCPU in family. CCF's code divides the hours by the vCPU count
	// as well (README §5.1); we follow the documented formula.
	if te, err := decimal.NewFromString(in.EmbodiedKg); err == nil && in.LargestVCPU.IsPositive() {
		b.EmbodiedKg = b.EmbodiedKg.Add(te.Mul(hours).Div(m.lifespan).Mul(in.VCPU).Div(in.LargestVCPU))
	} else {
		b.Notes = append(b.Notes, "no embodied figure for "+typ)
	}
	return true
}

// processor returns min/max watts per vCPU and GB per chip for a list of
// microarchitectures: the mean, the median when Sandy or Ivy Bridge is in the
// list, CCF's averages when any has no figures. exact is false for averages.
func (m *Model) processor(archs []string) (minW, maxW, gbChip decimal.Decimal, exact bool) {
	var mins, maxs, gbs []decimal.Decimal
	median := false
	for _, a := range archs {
		f, ok := m.c.Microarchitectures[a]
		if !ok {
			return m.minAvg, m.maxAvg, m.gbChipAvg, false
		}
		if a == "Sandy Bridge" || a == "Ivy Bridge" {
			median = true
		}
		mins, maxs, gbs = append(mins, f.Min), append(maxs, f.Max), append(gbs, f.GBPerChip)
	}
	if len(mins) == 0 {
		return m.minAvg, m.maxAvg, m.gbChipAvg, false
	}
	agg := mean
	if median {
		agg = medianOf
	}
	return agg(mins), agg(maxs), agg(gbs), true
}

func (m *Model) avgWatts(minW, maxW decimal.Decimal) decimal.Decimal {
	return minW.Add(m.util.Mul(maxW.Sub(minW)))
}

func (m *Model) replication(class string) decimal.Decimal {
	if class == "" {
		return decimal.NewFromInt(1)
	}
	if v, ok := m.c.Constants["replication_factor_"+class]; ok {
		return v
	}
	return decimal.NewFromInt(1)
}

func mean(v []decimal.Decimal) decimal.Decimal {
	return decimal.Sum(v[0], v[1:]...).Div(decimal.NewFromInt(int64(len(v))))
}

func medianOf(v []decimal.Decimal) decimal.Decimal {
	s := append([]decimal.Decimal(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i].LessThan(s[j]) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return s[n/2-1].Add(s[n/2]).Div(two)
}

// Resource returns a resource's monthly kgCO2e from its components'
// footprints without changing it; ok is false when none has carbon figures.
func (m *Model) Resource(r *estimate.Resource) (kg decimal.Decimal, ok bool) {
	for _, c := range r.Components {
		if c.Footprint == nil {
			continue
		}
		if b, found := m.Footprint(*c.Footprint, r.Region); found {
			kg, ok = kg.Add(b.TotalKg()), true
		}
	}
	return kg, ok
}

// Annotate sets each resource's CarbonKg (from its components' footprints)
// and the estimate's Carbon summary. Resources without footprints keep a
// nil CarbonKg; priced ones are listed by type as missing.
func (m *Model) Annotate(est *estimate.Estimate) {
	sum := &estimate.CarbonSummary{Method: m.Method(), CoefficientSet: m.CoefficientSet()}
	missing := map[string]bool{}
	for _, r := range est.Resources {
		r.CarbonKg = nil
		var total decimal.Decimal
		have := false
		for _, c := range r.Components {
			if c.Footprint == nil {
				continue
			}
			c.Footprint.KgCO2e = nil
			b, ok := m.Footprint(*c.Footprint, r.Region)
			if !ok {
				continue
			}
			kg := b.TotalKg().Round(4)
			c.Footprint.KgCO2e = &kg
			have = true
			total = total.Add(b.TotalKg())
			sum.OperationalKg = sum.OperationalKg.Add(b.OperationalKg)
			sum.EmbodiedKg = sum.EmbodiedKg.Add(b.EmbodiedKg)
		}
		if have {
			kg := total.Round(4)
			r.CarbonKg = &kg
			sum.Resources++
		} else if r.Status == estimate.StatusPriced && r.MonthlyCost.IsPositive() {
			missing[r.Type] = true
		}
	}
	sum.MonthlyKg = sum.OperationalKg.Add(sum.EmbodiedKg).Round(4)
	sum.OperationalKg, sum.EmbodiedKg = sum.OperationalKg.Round(4), sum.EmbodiedKg.Round(4)
	for t := range missing {
		sum.Missing = append(sum.Missing, t)
	}
	sort.Strings(sum.Missing)
	est.Carbon = sum
}

// Annotate annotates an estimate with the default model.
func Annotate(est *estimate.Estimate) { New().Annotate(est) }
