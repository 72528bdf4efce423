// Package recommend finds ways to cut an estimate's monthly cost: reserved
// capacity for always-on instances and databases, spot for fault-tolerant
// compute, schedules for non-production compute, Graviton or current
// generation types, gp2 → gp3, S3 lifecycle transitions and previous-
// generation RDS classes. Every saving is priced from the catalog; each
// recommendation says what to change in Terraform and how risky it is.
// Select picks the lowest-risk set that reaches a target cut of the TCO.
// docs/recommendations.md documents the rules and formulas.
package recommend

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// Risk of applying a recommendation.
type Risk int

// Risks, lowest first (Select prefers lower).
const (
	Low Risk = iota
	Medium
	High
)

// String is the risk's name in reports and JSON: low, medium or high.
func (r Risk) String() string {
	switch r {
	case Low:
		return "low"
	case Medium:
		return "medium"
	}
	return "high"
}

// MarshalText renders the risk as low|medium|high in JSON.
func (r Risk) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads low|medium|high (tfcost JSON read back as a baseline).
func (r *Risk) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*r = Low
	case "medium":
		*r = Medium
	case "high":
		*r = High
	default:
		return fmt.Errorf("unknown risk %q (want low, medium or high)", b)
	}
	return nil
}

// Kind names a recommendation family.
type Kind string

// Kinds of recommendation.
const (
	Reserved          Kind = "reserved"
	Spot              Kind = "spot"
	Schedule          Kind = "schedule"
	Graviton          Kind = "graviton"
	CurrentGeneration Kind = "current-generation"
	GP3               Kind = "gp2-to-gp3"
	S3Lifecycle       Kind = "s3-lifecycle"
)

// Recommendation is one change to one resource.
type Recommendation struct {
	Address string `json:"resource"`
	Type    string `json:"resourceType"`
	Kind    Kind   `json:"kind"`
	// Title is a short description ("1-year Standard RI, no upfront").
	Title string `json:"title"`
	// Target is the Terraform resource to edit (often Address; a launch
	// template for an autoscaling group); empty for purchases outside Terraform.
	Target string `json:"terraformResource,omitempty"`
	// Attribute and Value are the Terraform change ("instance_type" =
	// "m6g.large"); Change is the same as one readable line.
	Attribute string `json:"attribute,omitempty"`
	Value     string `json:"value,omitempty"`
	Change    string `json:"change"`
	// CurrentMonthly is the resource's monthly cost in the estimate.
	CurrentMonthly decimal.Decimal `json:"currentMonthlyCost"`
	MonthlySaving  decimal.Decimal `json:"monthlySaving"`
	NewMonthly     decimal.Decimal `json:"newMonthlyCost"`
	Risk           Risk            `json:"risk"`
	Why            string          `json:"why"`
	// Basis shows the arithmetic behind the saving.
	Basis string `json:"basis"`
	// Approximate is set when a price is another region's figure.
	Approximate bool `json:"approximate,omitempty"`
	// Project names the tfcost.yml project in multi-project runs (two
	// projects may hold the same address); empty for a single plan.
	Project string `json:"project,omitempty"`
}

// key identifies the resource a recommendation changes, across projects.
func (r Recommendation) key() string { return r.Project + "\x00" + r.Address }

// Resource is the resource as reports name it: "project: address" in
// multi-project runs, else the address.
func (r Recommendation) Resource() string {
	if r.Project == "" {
		return r.Address
	}
	return r.Project + ": " + r.Address
}

// Input is what recommendations are computed from.
type Input struct {
	Plan     *plan.Plan
	Estimate *estimate.Estimate
	Catalog  *catalog.Catalog
	// Prices, when set, prices the alternatives the way the estimate priced
	// the resource (custom prices and the config discount applied), so a
	// saving compares like with like. Without it, catalog list prices are
	// used. *estimate.Estimator satisfies it.
	Prices Pricer
	// Usage is the usage file the estimate used (scheduling keys, S3 storage,
	// fault_tolerant); may be nil.
	Usage *usage.File
}

// Pricer looks up a unit price with the estimator's adjustments.
type Pricer interface {
	Price(service, region, item string) (catalog.Price, bool)
}

// nonProd are environment tag values that mark non-production resources.
var nonProd = map[string]bool{"dev": true, "development": true, "test": true, "testing": true, "staging": true, "stage": true, "qa": true, "sandbox": true}

var (
	hoursPerMonth = decimal.NewFromInt(estimate.HoursPerMonth)
	// ScheduledHours is 12 h/day × 5 days/week × (365/12)/7 weeks/month = 1825/7 ≈ 260.71 h.
	ScheduledHours = decimal.NewFromInt(1825).Div(decimal.NewFromInt(7))
	hundred        = decimal.NewFromInt(100)
)

// Generate returns every recommendation for the estimate's priced
// resources, ordered by resource address, then risk, then saving (largest first).
func Generate(in Input) []Recommendation {
	if in.Estimate == nil || in.Catalog == nil {
		return nil
	}
	g := &gen{in: in, byAddr: map[string]*plan.Resource{}}
	if in.Plan != nil {
		for _, r := range in.Plan.Resources {
			g.byAddr[r.Address] = r
		}
	}
	var out []Recommendation
	for _, r := range in.Estimate.Resources {
		if r.Status != estimate.StatusPriced || r.Action == string(plan.ActionDelete) {
			continue
		}
		pr := g.byAddr[r.Address]
		if pr == nil {
			continue
		}
		for _, rec := range g.forResource(r, pr) {
			if !rec.MonthlySaving.IsPositive() {
				continue
			}
			rec.Address, rec.Type, rec.CurrentMonthly = r.Address, r.Type, r.MonthlyCost
			rec.MonthlySaving = rec.MonthlySaving.Round(2)
			rec.NewMonthly = r.MonthlyCost.Sub(rec.MonthlySaving).Round(2)
			if rec.NewMonthly.IsNegative() {
				rec.NewMonthly = decimal.Zero
			}
			if rec.Target == "" && rec.Attribute != "" {
				rec.Target = r.Address
			}
			out = append(out, rec)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		if a.Risk != b.Risk {
			return a.Risk < b.Risk
		}
		return a.MonthlySaving.GreaterThan(b.MonthlySaving)
	})
	return out
}

type gen struct {
	in     Input
	byAddr map[string]*plan.Resource
}

func (g *gen) usage(r *estimate.Resource) usage.Values { return g.in.Usage.For(r.Address, r.Type) }

// hours is the resource's running hours a month, as the estimator computes them.
func (g *gen) hours(r *estimate.Resource) decimal.Decimal { return estimate.RunningHours(g.usage(r)) }

func (g *gen) alwaysOn(r *estimate.Resource) bool {
	return g.hours(r).GreaterThanOrEqual(hoursPerMonth)
}

// faultTolerant is true when tags or usage mark the workload as able to
// lose an instance or task at any time.
func (g *gen) faultTolerant(r *estimate.Resource, tags map[string]string) bool {
	if b, ok := g.usage(r).Bool(estimate.KeyFaultTolerant); ok {
		return b
	}
	if s, ok := g.usage(r).String(estimate.KeyFaultTolerant); ok {
		return s == "true"
	}
	for k, v := range tags {
		k = strings.ToLower(strings.ReplaceAll(k, "-", "_"))
		if (k == "fault_tolerant" || k == "faulttolerant") && strings.EqualFold(v, "true") {
			return true
		}
	}
	return false
}

func nonProduction(tags map[string]string) (string, bool) {
	for k, v := range tags {
		lk := strings.ToLower(k)
		if (lk == "env" || lk == "environment" || lk == "stage") && nonProd[strings.ToLower(v)] {
			return k + "=" + v, true
		}
	}
	return "", false
}

func (g *gen) price(service, region, item string) (catalog.Price, bool) {
	if g.in.Prices != nil {
		return g.in.Prices.Price(service, region, item)
	}
	return g.in.Catalog.Lookup(service, region, item, !catalog.NoFallback(service, item))
}

// plainOnDemand is false when the estimate already prices the resource's
// capacity as reserved, spot, under a savings plan, with a licensed OS or on
// dedicated tenancy: savings computed from Linux on-demand rates would be wrong.
func plainOnDemand(r *estimate.Resource) bool {
	for _, c := range r.Components {
		n := strings.ToLower(c.Name)
		for _, w := range []string{"reserved", "spot", "savings plan", "windows", "rhel", "suse", "sles", "dedicated", "host tenancy"} {
			if strings.Contains(n, w) {
				return false
			}
		}
	}
	return true
}

func (g *gen) forResource(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	switch r.Type {
	case "aws_instance", "aws_autoscaling_group", "aws_eks_node_group", "aws_db_instance", "aws_elasticache_cluster",
		"aws_elasticache_replication_group", "aws_rds_cluster_instance":
		if !plainOnDemand(r) {
			return nil
		}
	}
	switch r.Type {
	case "aws_instance":
		return g.ec2Instance(r, pr)
	case "aws_autoscaling_group":
		return g.asg(r, pr)
	case "aws_eks_node_group":
		return g.nodeGroup(r, pr)
	case "aws_ecs_service":
		return g.ecsService(r)
	case "aws_db_instance":
		return g.dbInstance(r, pr)
	case "aws_elasticache_cluster":
		return g.cacheCluster(r, pr)
	case "aws_elasticache_replication_group":
		return g.replicationGroup(r, pr)
	case "aws_rds_cluster_instance":
		return g.clusterInstance(r, pr)
	case "aws_ebs_volume":
		return g.ebsVolume(r, pr)
	case "aws_s3_bucket":
		return g.s3Bucket(r)
	}
	return nil
}

// money formats dollars like the other reports: $1,536.18.
func money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "$" + b.String() + "." + frac
}
