package recommend

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// rdsSuccessors are newer classes with the same vCPU and memory per size:
// the previous-generation x86 classes first (low risk), then Graviton (medium).
var rdsSuccessors = map[string][]string{
	"db.m3": {"db.m5"}, "db.m4": {"db.m5", "db.m6g"}, "db.r3": {"db.r5"}, "db.r4": {"db.r5", "db.r6g"},
	"db.t2": {"db.t3", "db.t4g"}, "db.m5": {"db.m6g"}, "db.r5": {"db.r6g"}, "db.t3": {"db.t4g"},
	"db.m6i": {"db.m6g"}, "db.r6i": {"db.r6g"},
}

// rdsEngine maps Terraform's engine names to the catalog's.
func rdsEngine(e string) string {
	if e == "aurora" {
		return "aurora-mysql"
	}
	return e
}

// reservedDB prices 1-year no-upfront (low risk) and 3-year (medium; no
// upfront when offered, otherwise partial upfront) reservations for a
// database or cache node; item is the catalog key prefix, n the nodes
// (Multi-AZ counts twice: the standby is reserved too).
func (g *gen) reservedDB(service, region, item string, n decimal.Decimal, od decimal.Decimal, what, why string) []Recommendation {
	var out []Recommendation
	for _, term := range []struct {
		t, text string
		risk    Risk
		pays    []string
	}{{"1yr", "1-year", Low, []string{"no_upfront"}}, {"3yr", "3-year", Medium, []string{"no_upfront", "partial_upfront"}}} {
		for _, pay := range term.pays {
			p, ok := g.price(service, region, item+"/reserved/"+term.t+"/"+pay)
			if !ok || !p.USD.LessThan(od) {
				continue
			}
			payText := strings.ReplaceAll(pay, "_", " ")
			out = append(out, Recommendation{Kind: Reserved,
				Title:  fmt.Sprintf("%s reserved %s, %s", term.text, what, payText),
				Change: fmt.Sprintf("no Terraform change: buy %s %s reserved node(s) (%s) in %s, %s", n, term.text, what, region, payText),
				Risk:   term.risk, Why: why + fmt.Sprintf("; a %s commitment", term.text),
				MonthlySaving: od.Sub(p.USD).Mul(n).Mul(hoursPerMonth),
				Basis:         fmt.Sprintf("(%s on-demand − %s reserved, %s) $/h × %s × 730 h", od, p.USD, payText, n),
			})
			break
		}
	}
	return out
}

func (g *gen) dbInstance(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		Class   string `json:"instance_class"`
		Engine  string `json:"engine"`
		MultiAZ bool   `json:"multi_az"`
	}
	if !decode(pr, &v) || v.Class == "" || v.Engine == "" {
		return nil
	}
	engine := rdsEngine(v.Engine)
	base := v.Class + "/" + engine + "/single-az"
	p, ok := g.price("rds", r.Region, base+"/on_demand")
	if !ok {
		return nil
	}
	n := decimal.NewFromInt(1)
	if v.MultiAZ {
		n = decimal.NewFromInt(2)
	}
	hours := g.hours(r)
	var out []Recommendation
	if g.alwaysOn(r) {
		out = append(out, g.reservedDB("rds", r.Region, base, n, p.USD, v.Class+" "+engine, "runs all month on demand")...)
	}
	fam, size, _ := strings.Cut(strings.TrimPrefix(v.Class, "db."), ".")
	spec, hasSpec := g.in.Catalog.Spec(fam + "." + size)
	for _, nf := range rdsSuccessors["db."+fam] {
		nc := nf + "." + size
		np, ok := g.price("rds", r.Region, nc+"/"+engine+"/single-az/on_demand")
		if !ok || !np.USD.LessThan(p.USD) {
			continue
		}
		if ns, ok := g.in.Catalog.Spec(strings.TrimPrefix(nc, "db.")); hasSpec && (!ok || !ns.VCPU.Equal(spec.VCPU) || !ns.MemoryGiB.Equal(spec.MemoryGiB)) {
			continue
		}
		rec := Recommendation{Kind: CurrentGeneration, Title: "Move to a current-generation class: " + nc, Attribute: "instance_class",
			Value: nc, Change: fmt.Sprintf("instance_class = %q", nc), Risk: Low,
			Why:           "previous-generation class; the newer one has the same vCPU and memory at a lower price (applied in the maintenance window)",
			MonthlySaving: p.USD.Sub(np.USD).Mul(n).Mul(hours),
			Basis:         fmt.Sprintf("(%s %s − %s %s) $/h × %s × %s h", p.USD, v.Class, np.USD, nc, n, hours.Round(2)),
		}
		if strings.HasSuffix(nf, "g") {
			rec.Kind, rec.Risk, rec.Title = Graviton, Medium, "Move to a Graviton class: "+nc
			rec.Why = "same vCPU and memory at a lower price; architecture change (engine extensions and plugins must support arm64)"
		}
		out = append(out, rec)
	}
	return out
}

func (g *gen) cacheCluster(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		Node   string   `json:"node_type"`
		Engine string   `json:"engine"`
		Nodes  *float64 `json:"num_cache_nodes"`
	}
	if !decode(pr, &v) || v.Node == "" || !g.alwaysOn(r) {
		return nil
	}
	if v.Engine == "" {
		v.Engine = "redis"
	}
	n := decimal.NewFromInt(1)
	if v.Nodes != nil {
		n = estimate.Float(*v.Nodes)
	}
	item := v.Node + "/" + v.Engine
	p, ok := g.price("elasticache", r.Region, item+"/on_demand")
	if !ok {
		return nil
	}
	return g.reservedDB("elasticache", r.Region, item, n, p.USD, v.Node+" "+v.Engine, "cache nodes run all month on demand")
}

// replicationGroup reserves a replication group's nodes; the node count is
// the instance-hours the estimate priced ÷ 730.
func (g *gen) replicationGroup(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		Node   string `json:"node_type"`
		Engine string `json:"engine"`
	}
	if !decode(pr, &v) || v.Node == "" || !g.alwaysOn(r) {
		return nil
	}
	if v.Engine == "" {
		v.Engine = "redis"
	}
	n := nodeCount(r)
	item := v.Node + "/" + v.Engine
	p, ok := g.price("elasticache", r.Region, item+"/on_demand")
	if !ok || !n.IsPositive() {
		return nil
	}
	return g.reservedDB("elasticache", r.Region, item, n, p.USD, v.Node+" "+v.Engine, "cache nodes run all month on demand")
}

// clusterInstance reserves an Aurora (or other RDS cluster) instance.
func (g *gen) clusterInstance(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		Class  string `json:"instance_class"`
		Engine string `json:"engine"`
	}
	if !decode(pr, &v) || v.Class == "" || v.Class == "db.serverless" || v.Engine == "" || !g.alwaysOn(r) {
		return nil
	}
	base := v.Class + "/" + rdsEngine(v.Engine) + "/single-az"
	p, ok := g.price("rds", r.Region, base+"/on_demand")
	if !ok {
		return nil
	}
	return g.reservedDB("rds", r.Region, base, decimal.NewFromInt(1), p.USD, v.Class+" "+rdsEngine(v.Engine), "runs all month on demand")
}

// nodeCount is the instance-hours of a resource's priced node lines ÷ 730.
func nodeCount(r *estimate.Resource) decimal.Decimal {
	var h decimal.Decimal
	for _, c := range r.Components {
		if c.Footprint != nil && c.Footprint.InstanceType != "" {
			h = h.Add(c.Footprint.InstanceHours)
		}
	}
	return h.Div(hoursPerMonth)
}

// gp3 prices moving size GB from gp2 to gp3. gp3's baseline (3,000 IOPS,
// 125 MB/s) covers gp2 up to 1,000 GB; above that, matching gp2's 3 IOPS/GB
// costs extra IOPS, so the risk is medium.
func (g *gen) gp3(region string, size decimal.Decimal, attr string) (Recommendation, bool) {
	p2, ok2 := g.price("ebs", region, "gp2 storage")
	p3, ok3 := g.price("ebs", region, "gp3 storage")
	if !ok2 || !ok3 || !p3.USD.LessThan(p2.USD) || !size.IsPositive() {
		return Recommendation{}, false
	}
	rec := Recommendation{Kind: GP3, Title: "Change gp2 to gp3", Attribute: attr, Value: "gp3", Change: attr + ` = "gp3"`, Risk: Low,
		Why:           "gp3 costs less per GB and its 3,000 IOPS / 125 MB/s baseline matches or beats gp2 at this size; changed in place",
		MonthlySaving: p2.USD.Sub(p3.USD).Mul(size),
		Basis:         fmt.Sprintf("(%s gp2 − %s gp3) $/GB-month × %s GB", p2.USD, p3.USD, size),
		Approximate:   p2.Approximate || p3.Approximate,
	}
	if size.GreaterThan(decimal.NewFromInt(1000)) {
		rec.Risk = Medium
		rec.Why = "gp3 costs less per GB, but above 1,000 GB gp2's baseline exceeds 3,000 IOPS: provision iops on gp3 if the workload needs them"
	}
	return rec, true
}

func (g *gen) ebsVolume(r *estimate.Resource, pr *plan.Resource) []Recommendation {
	var v struct {
		Type string   `json:"type"`
		Size *float64 `json:"size"`
	}
	if !decode(pr, &v) || v.Type != "gp2" || v.Size == nil {
		return nil
	}
	rec, ok := g.gp3(r.Region, estimate.Float(*v.Size), "type")
	if !ok {
		return nil
	}
	return []Recommendation{rec}
}

// s3Bucket: with usage giving Standard storage, a lifecycle rule moving
// objects to Standard-IA (medium risk: retrieval fees, 30-day minimum) or
// Glacier Flexible Retrieval (high: hours to restore). The saving assumes all
// stored data is older than the transition age: an upper bound.
func (g *gen) s3Bucket(r *estimate.Resource) []Recommendation {
	gb, ok := g.usage(r).Number("standard.storage_gb")
	if !ok || !gb.IsPositive() {
		return nil
	}
	std, ok := g.price("s3", r.Region, "Standard / Storage")
	if !ok {
		return nil
	}
	var out []Recommendation
	for _, c := range []struct {
		item, class, title, why string
		risk                    Risk
		days                    int
	}{
		{"Standard - infrequent access / Storage", "STANDARD_IA", "Lifecycle to Standard-IA after 30 days", "objects read rarely cost less in IA; reads pay a retrieval fee per GB and objects are billed for at least 30 days", Medium, 30},
		{"Glacier flexible retrieval / Storage", "GLACIER", "Lifecycle to Glacier Flexible Retrieval after 90 days", "archival storage at a fraction of the price; restores take minutes to hours and cost per GB", High, 90},
	} {
		p, ok := g.price("s3", r.Region, c.item)
		if !ok || !p.USD.LessThan(std.USD) {
			continue
		}
		out = append(out, Recommendation{Kind: S3Lifecycle, Title: c.title, Target: "aws_s3_bucket_lifecycle_configuration (new)",
			Attribute: "rule.transition.storage_class", Value: c.class,
			Change: fmt.Sprintf("add aws_s3_bucket_lifecycle_configuration for %s: rule { transition { days = %d, storage_class = %q } }", r.Address, c.days, c.class),
			Risk:   c.risk, Why: c.why,
			MonthlySaving: std.USD.Sub(p.USD).Mul(gb),
			Basis:         fmt.Sprintf("(%s Standard − %s) $/GB-month × %s GB (usage standard.storage_gb; upper bound: all data transitions)", std.USD, p.USD, gb),
			Approximate:   std.Approximate || p.Approximate,
		})
	}
	return out
}
