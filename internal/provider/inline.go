package provider

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfcost/tfcost/internal/estimate"
)

// inlineKeys are the keys of one element of the `resources` attribute.
var inlineKeys = map[string]bool{"type": true, "name": true, "count": true, "region": true, "values": true}

// inlineResources reads the `resources` attribute: a list of objects
// {type, name, count, region, values}. It is a dynamic attribute (each
// element's values has its own shape), so the checks a typed schema would
// make are made here, with the element index in every message.
func inlineResources(v types.Dynamic) ([]estimate.InlineResource, error) {
	g, err := toGo(v, "resources")
	if err != nil {
		return nil, err
	}
	list, ok := g.([]any)
	if !ok {
		return nil, fmt.Errorf("resources must be a list of objects like [{ type = \"aws_instance\", name = \"web\", values = { instance_type = \"m5.large\" } }]")
	}
	var out []estimate.InlineResource
	for i, e := range list {
		at := fmt.Sprintf("resources[%d]", i)
		obj, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s must be an object with type, name and values", at)
		}
		var unknown []string
		for k := range obj {
			if !inlineKeys[k] {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return nil, fmt.Errorf("%s: unknown key(s) %s; expected type, name, count, region, values (resource attributes go inside values)",
				at, strings.Join(unknown, ", "))
		}
		typ, err := inlineString(obj, "type", at, true)
		if err != nil {
			return nil, err
		}
		name, err := inlineString(obj, "name", at, true)
		if err != nil {
			return nil, err
		}
		region, err := inlineString(obj, "region", at, false)
		if err != nil {
			return nil, err
		}
		n := 1
		if c, ok := obj["count"]; ok && c != nil {
			num, ok := c.(json.Number)
			i64, err := num.Int64()
			if !ok || err != nil || i64 < 0 || i64 > 10000 {
				return nil, fmt.Errorf("%s.count must be a whole number from 0 to 10000, got %v", at, c)
			}
			n = int(i64)
		}
		if n == 0 {
			continue // count = 0 declares no instance, as in Terraform
		}
		values := obj["values"]
		if values == nil {
			values = map[string]any{}
		}
		if _, ok := values.(map[string]any); !ok {
			return nil, fmt.Errorf("%s.values must be an object of resource attributes, e.g. { instance_type = \"m5.large\" }", at)
		}
		raw, err := json.Marshal(values)
		if err != nil {
			return nil, fmt.Errorf("%s.values: %v", at, err)
		}
		if region == "" {
			region = stringAttr(raw, "region")
		}
		out = append(out, estimate.InlineResource{Type: typ, Name: name, Count: n, Region: region, Values: raw})
	}
	return out, nil
}

func inlineString(obj map[string]any, key, at string, required bool) (string, error) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			return "", fmt.Errorf("%s.%s is required", at, key)
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok || (required && s == "") {
		return "", fmt.Errorf("%s.%s must be a non-empty string", at, key)
	}
	return s, nil
}
