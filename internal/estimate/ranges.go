package estimate

import (
	"encoding/json"
	"fmt"
	"strings"

	gojson "github.com/goccy/go-json"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// Cost ranges: every priced resource and the estimate carry {min, expected,
// max} monthly cost. Autoscaled resources get them from their bounds; all
// others have min = expected = max = monthly cost. docs/recommendations.md
// ("Cost ranges") describes the sources.
//
// Which components scale: for an autoscaling group, an EKS node group and an
// ECS service every component is per instance or per task (instance hours,
// block devices, Fargate vCPU/GB), so the whole resource scales linearly with
// the count. For DynamoDB only the provisioned read or write capacity line
// scales; for Aurora, reader instances are added at the cluster's mean
// instance cost.

// ApplyRanges sets Range on every priced resource of est and on est itself,
// reading the planned (after) values of p. The estimator calls it at the end
// of every run; call it again after changing resources.
func ApplyRanges(p *plan.Plan, est *Estimate) { applyRanges(p, est, false, nil, nil) }

// scaleBounds is a count range and the count the rule priced.
type scaleBounds struct {
	min, expected, max, priced decimal.Decimal
	basis                      string
}

// repricer prices a changed copy of a plan resource (nil: not available).
type repricer func(r *plan.Resource) *Resource

func applyRanges(p *plan.Plan, est *Estimate, prior bool, reprice repricer, uf *usage.File) {
	if p == nil || est == nil {
		return
	}
	rs := rangeSide{p: p, prior: prior, usage: uf}
	byAddr := make(map[string]*plan.Resource, len(p.Resources))
	for _, r := range p.Resources {
		byAddr[r.Address] = r
	}
	targets := rs.targets()
	for _, r := range est.Resources {
		r.Range = nil
		if r.Status != StatusPriced {
			continue
		}
		r.Range = &Range{Min: r.MonthlyCost, Expected: r.MonthlyCost, Max: r.MonthlyCost}
		pr := byAddr[r.Address]
		if pr == nil {
			continue
		}
		switch r.Type {
		case "aws_autoscaling_group":
			var v struct {
				Min     *float64 `json:"min_size"`
				Max     *float64 `json:"max_size"`
				Desired *float64 `json:"desired_capacity"`
			}
			if rs.decode(pr, &v) {
				rs.scaleWhole(r, pr, bounds("aws_autoscaling_group", "min_size", v.Min, "desired_capacity", v.Desired, "max_size", v.Max), reprice, setASGCount)
			}
		case "aws_eks_node_group":
			var v struct {
				Scaling []struct {
					Min     *float64 `json:"min_size"`
					Max     *float64 `json:"max_size"`
					Desired *float64 `json:"desired_size"`
				} `json:"scaling_config"`
			}
			if rs.decode(pr, &v) && len(v.Scaling) > 0 {
				s := v.Scaling[0]
				rs.scaleWhole(r, pr, bounds("aws_eks_node_group scaling_config", "min_size", s.Min, "desired_size", s.Desired, "max_size", s.Max), reprice, setNodeGroupCount)
			}
		case "aws_ecs_service":
			rs.ecsService(r, pr, targets, reprice)
		case "aws_dynamodb_table":
			rs.dynamoTable(r, pr, targets)
		case "aws_rds_cluster":
			rs.auroraCluster(r, pr, targets, est)
		}
	}
	total := &Range{Basis: "sum of resource ranges"}
	for _, r := range est.Resources {
		if r.Range == nil {
			continue
		}
		total.Min = total.Min.Add(r.Range.Min)
		total.Expected = total.Expected.Add(r.Range.Expected)
		total.Max = total.Max.Add(r.Range.Max)
	}
	est.Range = total
}

// bounds builds count bounds from Terraform's min/desired/max; the rule is
// assumed to have priced desired (min when desired is unset), and expected is
// desired clamped to [min, max].
func bounds(what, minName string, lo *float64, desName string, des *float64, maxName string, hi *float64) *scaleBounds {
	if lo == nil || hi == nil {
		return nil
	}
	b := &scaleBounds{min: Float(*lo), max: Float(*hi)}
	if b.max.LessThan(b.min) {
		b.max = b.min
	}
	desired := b.min
	desText := "unset"
	if des != nil {
		desired, desText = Float(*des), Float(*des).String()
	}
	b.priced = desired
	b.expected = decimal.Min(decimal.Max(desired, b.min), b.max)
	b.basis = fmt.Sprintf("%s %s=%s %s=%s %s=%s", what, minName, b.min, desName, desText, maxName, b.max)
	return b
}

type rangeSide struct {
	p     *plan.Plan
	prior bool
	usage *usage.File
}

func (s rangeSide) values(r *plan.Resource) json.RawMessage {
	if s.prior {
		return r.Before
	}
	return r.After
}

// decode reads r's values on this side into v with goccy/go-json, the
// drop-in decoder Context.DecodeResource uses (encoding/json re-validates
// what the plan reader has already checked).
func (s rangeSide) decode(r *plan.Resource, v any) bool {
	raw := s.values(r)
	if len(raw) == 0 || string(raw) == "null" {
		return false
	}
	return gojson.Unmarshal(raw, v) == nil
}

// scaleWhole scales every component of r by count / priced count. When the
// rule priced zero instances it asks reprice for the cost of one.
func (s rangeSide) scaleWhole(r *Resource, pr *plan.Resource, b *scaleBounds, reprice repricer, setCount func(map[string]any, int64)) {
	if b == nil {
		return
	}
	for _, c := range r.Components {
		if c.Unknown {
			r.Range.Basis = b.basis + " (count unknown until apply: range not computed)"
			return
		}
	}
	// The rules price usage `instances` instead of the desired size.
	if n, ok := s.usage.For(r.Address, r.Type).Number("instances"); ok {
		b.priced = n
		b.expected = decimal.Min(decimal.Max(n, b.min), b.max)
		b.basis += fmt.Sprintf(" (usage instances=%s)", n)
	}
	per := decimal.Zero
	at := func(n decimal.Decimal) decimal.Decimal { return per.Mul(n) }
	switch {
	case b.priced.IsPositive():
		per = r.MonthlyCost.Div(b.priced)
		at = func(n decimal.Decimal) decimal.Decimal { return scaleCost(r.MonthlyCost, n, b.priced) }
	case reprice != nil && setCount != nil:
		if one := repriceWithCount(pr, s.prior, reprice, setCount); one != nil {
			per = one.MonthlyCost
		}
	}
	if per.IsZero() && !r.MonthlyCost.IsZero() {
		return
	}
	r.Range = &Range{Min: at(b.min), Expected: at(b.expected), Max: at(b.max), Basis: b.basis}
	switch {
	case per.IsZero() && b.priced.IsPositive():
		r.Range.Basis += " (the resource itself costs nothing per instance or task, e.g. ECS on EC2 where the instances carry the cost)"
	case per.IsZero() && b.max.IsPositive():
		r.Range.Basis += " (no per-instance cost: the group prices at 0 instances)"
	}
}

// scaleCost is the cost at n of something that costs cost at priced. At
// the priced count it is cost itself: Div rounds to 16 places, and a
// scheduled line's cost has more (730/24 hours a day), so cost / priced ×
// priced would drift from the resource's own figure. Elsewhere it
// multiplies before dividing, rounding once instead of scaling a rounded
// quotient.
func scaleCost(cost, n, priced decimal.Decimal) decimal.Decimal {
	if n.Equal(priced) {
		return cost
	}
	return cost.Mul(n).Div(priced)
}

// repriceWithCount prices a copy of pr whose count attributes are 1.
func repriceWithCount(pr *plan.Resource, prior bool, reprice repricer, setCount func(map[string]any, int64)) *Resource {
	raw := pr.After
	if prior {
		raw = pr.Before
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return nil
	}
	setCount(m, 1)
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	cp := *pr
	if prior {
		cp.Before = b
	} else {
		cp.After = b
	}
	out := reprice(&cp)
	if out == nil || out.Status != StatusPriced {
		return nil
	}
	return out
}

func setASGCount(m map[string]any, n int64) {
	m["desired_capacity"], m["min_size"] = n, n
}

func setNodeGroupCount(m map[string]any, n int64) {
	if sc, ok := m["scaling_config"].([]any); ok && len(sc) > 0 {
		if c, ok := sc[0].(map[string]any); ok {
			c["desired_size"], c["min_size"] = n, n
		}
	}
}

func setECSCount(m map[string]any, n int64) { m["desired_count"] = n }

// scalableTarget is an aws_appautoscaling_target.
type scalableTarget struct {
	Address   string
	Namespace string
	Resource  string
	Dimension string
	Min, Max  *float64
	// refs are the addresses its resource_id expression refers to.
	refs []string
}

func (s rangeSide) targets() []scalableTarget {
	var out []scalableTarget
	for _, r := range s.p.Resources {
		if r.Type != "aws_appautoscaling_target" {
			continue
		}
		var v struct {
			Namespace string   `json:"service_namespace"`
			Resource  string   `json:"resource_id"`
			Dimension string   `json:"scalable_dimension"`
			Min       *float64 `json:"min_capacity"`
			Max       *float64 `json:"max_capacity"`
		}
		if !s.decode(r, &v) {
			continue
		}
		out = append(out, scalableTarget{Address: r.Address, Namespace: v.Namespace, Resource: v.Resource,
			Dimension: v.Dimension, Min: v.Min, Max: v.Max, refs: r.References["resource_id"]})
	}
	return out
}

func (t scalableTarget) refersTo(r *plan.Resource) bool { return refersTo(t.refs, r) }

func (t scalableTarget) basis() string {
	return fmt.Sprintf("%s min_capacity=%s max_capacity=%s", t.Address, Float(*t.Min), Float(*t.Max))
}

// ecsService joins an ECS service with its scalable target: resource_id
// "service/<cluster>/<service>" (by value, or by reference when the value is
// unknown until apply).
func (s rangeSide) ecsService(r *Resource, pr *plan.Resource, targets []scalableTarget, reprice repricer) {
	var v struct {
		Name    string   `json:"name"`
		Cluster string   `json:"cluster"`
		Desired *float64 `json:"desired_count"`
	}
	if !s.decode(pr, &v) {
		return
	}
	for _, t := range targets {
		if t.Namespace != "ecs" || t.Min == nil || t.Max == nil {
			continue
		}
		match := t.refersTo(pr)
		if parts := strings.Split(t.Resource, "/"); !match && len(parts) == 3 && parts[0] == "service" && parts[2] == v.Name {
			cluster := v.Cluster
			if i := strings.LastIndexByte(cluster, '/'); i >= 0 {
				cluster = cluster[i+1:]
			}
			match = cluster == "" || cluster == parts[1]
		}
		if !match {
			continue
		}
		b := bounds("", "min_capacity", t.Min, "desired_count", v.Desired, "max_capacity", t.Max)
		b.basis = fmt.Sprintf("aws_ecs_service desired_count=%s with %s", descOrUnset(v.Desired), t.basis())
		s.scaleWhole(r, pr, b, reprice, setECSCount)
		return
	}
}

func descOrUnset(f *float64) string {
	if f == nil {
		return "unset"
	}
	return Float(*f).String()
}

// dynamoTable scales the provisioned read and write capacity lines by their
// autoscaling targets (resource_id "table/<name>").
func (s rangeSide) dynamoTable(r *Resource, pr *plan.Resource, targets []scalableTarget) {
	var v struct {
		Name  string   `json:"name"`
		Read  *float64 `json:"read_capacity"`
		Write *float64 `json:"write_capacity"`
	}
	if !s.decode(pr, &v) {
		return
	}
	rng := *r.Range
	var bases []string
	for _, t := range targets {
		if t.Namespace != "dynamodb" || t.Min == nil || t.Max == nil {
			continue
		}
		if !t.refersTo(pr) && t.Resource != "table/"+v.Name {
			continue
		}
		var word string
		var cur *float64
		switch t.Dimension {
		case "dynamodb:table:ReadCapacityUnits":
			word, cur = "read", v.Read
		case "dynamodb:table:WriteCapacityUnits":
			word, cur = "write", v.Write
		default:
			continue // index dimensions: the index lines are not split out
		}
		if cur == nil || *cur <= 0 {
			continue
		}
		b := bounds("", "min_capacity", t.Min, word+"_capacity", cur, "max_capacity", t.Max)
		for _, c := range r.Components {
			name := strings.ToLower(c.Name + " " + c.Unit)
			if c.MonthlyCost == nil || !strings.Contains(name, word) || strings.Contains(name, "request") {
				continue
			}
			at := func(n decimal.Decimal) decimal.Decimal { return scaleCost(*c.MonthlyCost, n, b.priced) }
			rng.Min = rng.Min.Add(at(b.min).Sub(*c.MonthlyCost))
			rng.Expected = rng.Expected.Add(at(b.expected).Sub(*c.MonthlyCost))
			rng.Max = rng.Max.Add(at(b.max).Sub(*c.MonthlyCost))
		}
		bases = append(bases, fmt.Sprintf("%s_capacity=%s with %s", word, Float(*cur), t.basis()))
	}
	if len(bases) > 0 {
		rng.Basis = "aws_dynamodb_table " + strings.Join(bases, "; ")
		r.Range = &rng
	}
}

// auroraCluster adds or removes reader instances at the mean monthly cost of
// the cluster's instances (resource_id "cluster:<cluster_identifier>",
// dimension rds:cluster:ReadReplicaCount). Autoscaling never removes the
// readers Terraform manages, so the bounds are at least today's readers.
func (s rangeSide) auroraCluster(r *Resource, pr *plan.Resource, targets []scalableTarget, est *Estimate) {
	var v struct {
		ID string `json:"cluster_identifier"`
	}
	if !s.decode(pr, &v) {
		return
	}
	var t *scalableTarget
	for i := range targets {
		tt := targets[i]
		if tt.Namespace == "rds" && tt.Dimension == "rds:cluster:ReadReplicaCount" && tt.Min != nil && tt.Max != nil &&
			(tt.refersTo(pr) || (v.ID != "" && tt.Resource == "cluster:"+v.ID)) {
			t = &tt
			break
		}
	}
	if t == nil {
		return
	}
	costs := map[string]decimal.Decimal{}
	for _, er := range est.Resources {
		if er.Type == "aws_rds_cluster_instance" && er.Status == StatusPriced {
			costs[er.Address] = er.MonthlyCost
		}
	}
	var n int64
	sum := decimal.Zero
	for _, ir := range s.p.Resources {
		if ir.Type != "aws_rds_cluster_instance" {
			continue
		}
		var iv struct {
			Cluster string `json:"cluster_identifier"`
		}
		if !s.decode(ir, &iv) {
			continue
		}
		c, ok := costs[ir.Address]
		member := iv.Cluster == v.ID && v.ID != "" || refersTo(ir.References["cluster_identifier"], pr)
		if !ok || !member {
			continue
		}
		n++
		sum = sum.Add(c)
	}
	if n == 0 {
		return
	}
	per := sum.Div(decimal.NewFromInt(n))
	readers := decimal.NewFromInt(n - 1)
	lo := decimal.Max(Float(*t.Min), readers)
	hi := decimal.Max(Float(*t.Max), readers)
	exp := lo
	r.Range = &Range{
		Min:      r.MonthlyCost.Add(per.Mul(lo.Sub(readers))),
		Expected: r.MonthlyCost.Add(per.Mul(exp.Sub(readers))),
		Max:      r.MonthlyCost.Add(per.Mul(hi.Sub(readers))),
		Basis:    fmt.Sprintf("aws_rds_cluster readers=%s with %s (readers at %s/month each)", readers, t.basis(), per.Round(2)),
	}
}

// refersTo reports whether a reference list names r (with or without its
// instance key).
func refersTo(addrs []string, r *plan.Resource) bool {
	for _, a := range addrs {
		if a == r.BaseAddress() || a == r.Address {
			return true
		}
	}
	return false
}
