package aws

import (
	"encoding/json"
	"runtime"
	"sync"
	"weak"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// Some rules find resources by attribute value rather than by configuration
// reference: an ECS service's task definition by family, an instance's
// attached aws_ebs_volume by id, a deleted ASG's launch template by id.
// Scanning the plan for every lookup would make pricing quadratic on large
// plans, so each plan gets its own index, built lazily the first time a
// (side, type, attribute) triple is asked for. Plans are keyed weakly and
// the entry is dropped when the plan is collected, so several plans priced
// at once (multi-project runs) neither evict each other nor leak.
var planIndexes struct {
	sync.Mutex
	m map[weak.Pointer[plan.Plan]]*attrIndex
}

// attrIndex maps {prior, type, attr, value} to a position in Plan.Resources;
// a {prior, type, attr, "\x00indexed"} marker records that the triple is built.
type attrIndex struct {
	sync.Mutex
	idx map[[4]string]int
}

// indexFor returns p's index, creating an empty one on first use.
func indexFor(p *plan.Plan) *attrIndex {
	wp := weak.Make(p)
	planIndexes.Lock()
	defer planIndexes.Unlock()
	if ix, ok := planIndexes.m[wp]; ok {
		return ix
	}
	if planIndexes.m == nil {
		planIndexes.m = map[weak.Pointer[plan.Plan]]*attrIndex{}
	}
	ix := &attrIndex{idx: map[[4]string]int{}}
	planIndexes.m[wp] = ix
	runtime.AddCleanup(p, func(wp weak.Pointer[plan.Plan]) {
		planIndexes.Lock()
		delete(planIndexes.m, wp)
		planIndexes.Unlock()
	}, wp)
	return ix
}

// findByAttr returns the first resource of type typ whose attribute attr
// (a top-level string) equals value, on the side being priced (planned or
// prior values). The first call for a (side, type, attr) scans the plan
// once; later calls are map lookups.
func findByAttr(c *estimate.Context, typ, attr, value string) *plan.Resource {
	if c.Plan == nil || value == "" {
		return nil
	}
	side := "planned"
	if c.Prior {
		side = "prior"
	}
	ix := indexFor(c.Plan)
	ix.Lock()
	defer ix.Unlock()
	marker := [4]string{side, typ, attr, "\x00indexed"}
	if _, done := ix.idx[marker]; !done {
		ix.idx[marker] = -1
		for i, r := range c.Plan.Resources {
			if r.Type != typ {
				continue
			}
			var m map[string]json.RawMessage
			if c.DecodeResource(r, &m) != nil {
				continue
			}
			var v string
			if json.Unmarshal(m[attr], &v) != nil || v == "" {
				continue
			}
			k := [4]string{side, typ, attr, v}
			if _, dup := ix.idx[k]; !dup {
				ix.idx[k] = i
			}
		}
	}
	if i, ok := ix.idx[[4]string{side, typ, attr, value}]; ok && i >= 0 && i < len(c.Plan.Resources) {
		return c.Plan.Resources[i]
	}
	return nil
}
