package policy

import (
	"encoding/json"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/shopspring/decimal"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/tfcost/tfcost/internal/estimate"
)

// evalContext exposes the estimate to rule conditions as `estimate`:
//
//	estimate.monthly, .annual, .hourly          numbers (USD)
//	estimate.categories["compute"]              monthly USD by category
//	estimate.prior.{monthly,annual,hourly}      the cost before the change (0 when unknown)
//	estimate.delta.monthly                      planned − prior
//	estimate.delta.percent                      null when the prior cost is 0
//	estimate.carbon                             kgCO2e per month, null when not computed
//	estimate.resources[*]                       {address, type, module, region, action, status,
//	                                             monthly, hourly, carbon, tags (map), values (planned attributes)}
//
// plus a small function library (Terraform's names): length, contains,
// lookup, keys, values, merge, concat, flatten, distinct, alltrue, anytrue,
// sum, min, max, abs, ceil, floor, upper, lower, format, startswith,
// endswith, regexall, can, try.
func evalContext(in Input) *hcl.EvalContext {
	return &hcl.EvalContext{
		Variables: map[string]cty.Value{"estimate": estimateValue(in)},
		Functions: functions,
	}
}

func estimateValue(in Input) cty.Value {
	est := in.Planned
	prior := cty.ObjectVal(map[string]cty.Value{"monthly": num(decimal.Zero), "annual": num(decimal.Zero), "hourly": num(decimal.Zero)})
	priorMonthly := decimal.Zero
	if in.Prior != nil {
		priorMonthly = in.Prior.MonthlyCost
		prior = cty.ObjectVal(map[string]cty.Value{"monthly": num(in.Prior.MonthlyCost),
			"annual": num(in.Prior.AnnualCost), "hourly": num(in.Prior.HourlyCost)})
	}
	delta := est.MonthlyCost.Sub(priorMonthly)
	pct := cty.NullVal(cty.Number)
	if priorMonthly.IsPositive() {
		pct = num(delta.Div(priorMonthly).Mul(hundred).Round(2))
	}
	cats := map[string]cty.Value{}
	for _, c := range estimate.Categories {
		cats[string(c)] = num(decimal.Zero)
	}
	for _, c := range est.Categories {
		cats[string(c.Category)] = num(c.Monthly)
	}
	var values map[string]json.RawMessage
	if in.Plan != nil {
		values = map[string]json.RawMessage{}
		for _, r := range in.Plan.Resources {
			values[r.Address] = r.After
		}
	}
	res := make([]cty.Value, 0, len(est.Resources))
	for _, r := range est.Resources {
		res = append(res, cty.ObjectVal(map[string]cty.Value{
			"address": cty.StringVal(r.Address),
			"type":    cty.StringVal(r.Type),
			"module":  cty.StringVal(r.Module),
			"region":  cty.StringVal(r.Region),
			"action":  cty.StringVal(r.Action),
			"status":  cty.StringVal(string(r.Status)),
			"monthly": num(r.MonthlyCost),
			"hourly":  num(r.HourlyCost),
			"tags":    stringMap(r.Tags),
			"carbon":  optNum(r.CarbonKg),
			"values":  jsonValue(values[r.Address]),
		}))
	}
	resources := cty.EmptyTupleVal
	if len(res) > 0 {
		resources = cty.TupleVal(res)
	}
	carbon := cty.NullVal(cty.Number)
	if est.Carbon != nil {
		carbon = num(est.Carbon.MonthlyKg)
	}
	return cty.ObjectVal(map[string]cty.Value{
		"carbon":     carbon,
		"name":       cty.StringVal(est.Name),
		"monthly":    num(est.MonthlyCost),
		"annual":     num(est.AnnualCost),
		"hourly":     num(est.HourlyCost),
		"categories": cty.ObjectVal(cats),
		"prior":      prior,
		"delta":      cty.ObjectVal(map[string]cty.Value{"monthly": num(delta), "percent": pct}),
		"resources":  resources,
	})
}

func num(d decimal.Decimal) cty.Value {
	v, err := cty.ParseNumberVal(d.String())
	if err != nil {
		return cty.NullVal(cty.Number)
	}
	return v
}

func optNum(d *decimal.Decimal) cty.Value {
	if d == nil {
		return cty.NullVal(cty.Number)
	}
	return num(*d)
}

func stringMap(m map[string]string) cty.Value {
	if len(m) == 0 {
		return cty.MapValEmpty(cty.String)
	}
	out := make(map[string]cty.Value, len(m))
	for k, v := range m {
		out[k] = cty.StringVal(v)
	}
	return cty.MapVal(out)
}

// jsonValue decodes planned attribute values; absent or malformed values
// are null (a rule reading them then fails loudly, not silently).
func jsonValue(raw json.RawMessage) cty.Value {
	if len(raw) == 0 || string(raw) == "null" {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	t, err := ctyjson.ImpliedType(raw)
	if err != nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	v, err := ctyjson.Unmarshal(raw, t)
	if err != nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return v
}

var functions = map[string]function.Function{
	"abs":        stdlib.AbsoluteFunc,
	"ceil":       stdlib.CeilFunc,
	"floor":      stdlib.FloorFunc,
	"max":        stdlib.MaxFunc,
	"min":        stdlib.MinFunc,
	"length":     stdlib.LengthFunc,
	"contains":   stdlib.ContainsFunc,
	"lookup":     stdlib.LookupFunc,
	"keys":       stdlib.KeysFunc,
	"values":     stdlib.ValuesFunc,
	"merge":      stdlib.MergeFunc,
	"concat":     stdlib.ConcatFunc,
	"flatten":    stdlib.FlattenFunc,
	"distinct":   stdlib.DistinctFunc,
	"upper":      stdlib.UpperFunc,
	"lower":      stdlib.LowerFunc,
	"format":     stdlib.FormatFunc,
	"regexall":   stdlib.RegexAllFunc,
	"can":        tryfunc.CanFunc,
	"try":        tryfunc.TryFunc,
	"alltrue":    boolFold(true),
	"anytrue":    boolFold(false),
	"sum":        sumFunc,
	"startswith": stringTest(strings.HasPrefix),
	"endswith":   stringTest(strings.HasSuffix),
}

// boolFold is Terraform's alltrue (all=true) or anytrue (all=false).
func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			l := args[0]
			if !l.IsWhollyKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			for it := l.ElementIterator(); it.Next(); {
				_, v := it.Element()
				if v.IsNull() {
					continue
				}
				if v.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Number)}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		total := cty.Zero
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			if v.IsNull() || !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			total = total.Add(v)
		}
		return total, nil
	},
})

func stringTest(f func(s, affix string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "affix", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}
