package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// toGo converts a framework value (typically the underlying value of a
// dynamic attribute such as `values` or `usage`) into plain Go data shaped
// like decoded plan JSON: map[string]any, []any, string, bool, nil, and
// json.Number for numbers so that no figure ever passes through float64.
// Unknown values are an error: tfcost cannot price what Terraform does not
// know yet (Terraform normally defers the read until apply instead).
func toGo(v attr.Value, at string) (any, error) {
	if v == nil || v.IsNull() {
		return nil, nil
	}
	if v.IsUnknown() {
		return nil, fmt.Errorf("%s is unknown until apply", at)
	}
	switch x := v.(type) {
	case basetypes.DynamicValue:
		return toGo(x.UnderlyingValue(), at)
	case basetypes.StringValue:
		return x.ValueString(), nil
	case basetypes.BoolValue:
		return x.ValueBool(), nil
	case basetypes.NumberValue:
		return json.Number(x.ValueBigFloat().Text('f', -1)), nil
	case basetypes.Int64Value:
		return json.Number(fmt.Sprint(x.ValueInt64())), nil
	case basetypes.Int32Value:
		return json.Number(fmt.Sprint(x.ValueInt32())), nil
	case basetypes.Float64Value:
		return json.Number(fmt.Sprint(x.ValueFloat64())), nil
	case basetypes.Float32Value:
		return json.Number(fmt.Sprint(x.ValueFloat32())), nil
	case basetypes.ListValue:
		return listToGo(x.Elements(), at)
	case basetypes.SetValue:
		return listToGo(x.Elements(), at)
	case basetypes.TupleValue:
		return listToGo(x.Elements(), at)
	case basetypes.MapValue:
		return mapToGo(x.Elements(), at)
	case basetypes.ObjectValue:
		return mapToGo(x.Attributes(), at)
	}
	return nil, fmt.Errorf("%s: unsupported value type %s", at, v.Type(context.Background()))
}

func listToGo(elems []attr.Value, at string) (any, error) {
	out := make([]any, 0, len(elems))
	for i, e := range elems {
		g, err := toGo(e, fmt.Sprintf("%s[%d]", at, i))
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

func mapToGo(elems map[string]attr.Value, at string) (any, error) {
	keys := make([]string, 0, len(elems))
	for k := range elems {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]any, len(elems))
	for _, k := range keys {
		g, err := toGo(elems[k], at+"."+k)
		if err != nil {
			return nil, err
		}
		out[k] = g
	}
	return out, nil
}

// toJSON converts the monthly_cost function's `values` argument to JSON
// text with exact numbers: the resource values tfcost's rules decode, as
// `terraform show -json` would print them. Errors name the argument.
func toJSON(v attr.Value) (json.RawMessage, error) {
	const at = "values"
	g, err := toGo(v, at)
	if err != nil {
		return nil, err
	}
	if g == nil {
		g = map[string]any{}
	}
	if _, ok := g.(map[string]any); !ok {
		return nil, fmt.Errorf("%s must be an object of resource attributes, e.g. { instance_type = \"m5.large\" }", at)
	}
	b, err := json.Marshal(g)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", at, err)
	}
	return b, nil
}

// stringAttr returns a top-level string attribute of resource values (e.g.
// the AWS provider 6 `region` argument), "" when absent.
func stringAttr(values json.RawMessage, name string) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(values, &m) != nil {
		return ""
	}
	var s string
	if json.Unmarshal(m[name], &s) != nil {
		return ""
	}
	return strings.TrimSpace(s)
}
