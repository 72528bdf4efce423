package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func obj(attrs map[string]attr.Value) types.Object {
	ts := map[string]attr.Type{}
	for k, v := range attrs {
		ts[k] = v.Type(context.Background())
	}
	return types.ObjectValueMust(ts, attrs)
}

func tuple(elems ...attr.Value) types.Tuple {
	ts := make([]attr.Type, len(elems))
	for i, e := range elems {
		ts[i] = e.Type(context.Background())
	}
	return types.TupleValueMust(ts, elems)
}

func num(s string) types.Number {
	f, _, _ := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	return types.NumberValue(f)
}

// Values reach the rules as the JSON `terraform show -json` would print:
// 0.1 stays 0.1 (never 0.1000000000000000055…), nested lists and objects keep
// their shape, null stays null.
func TestToJSON(t *testing.T) {
	v := types.DynamicValue(obj(map[string]attr.Value{
		"instance_type":     types.StringValue("m5.large"),
		"ebs_optimized":     types.BoolValue(true),
		"cpu":               num("0.1"),
		"root_block_device": tuple(obj(map[string]attr.Value{"volume_size": num("50"), "volume_type": types.StringValue("gp3")})),
		"tags":              types.MapValueMust(types.StringType, map[string]attr.Value{"team": types.StringValue("web")}),
		"host_id":           types.StringNull(),
	}))
	got, err := toJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"cpu":0.1,"ebs_optimized":true,"host_id":null,"instance_type":"m5.large","root_block_device":[{"volume_size":50,"volume_type":"gp3"}],"tags":{"team":"web"}}`
	if string(got) != want {
		t.Errorf("toJSON =\n%s\nwant\n%s", got, want)
	}
	if _, err := toJSON(types.DynamicValue(types.StringValue("m5.large"))); err == nil || !strings.Contains(err.Error(), "must be an object") {
		t.Errorf("a string for values: err = %v", err)
	}
	if _, err := toJSON(types.DynamicValue(obj(map[string]attr.Value{"size": types.NumberUnknown()}))); err == nil ||
		!strings.Contains(err.Error(), "values.size is unknown until apply") {
		t.Errorf("unknown value: err = %v", err)
	}
}

func TestInlineResources(t *testing.T) {
	web := obj(map[string]attr.Value{
		"type": types.StringValue("aws_instance"), "name": types.StringValue("web"), "count": num("3"),
		"values": obj(map[string]attr.Value{"instance_type": types.StringValue("m5.large"), "region": types.StringValue("eu-west-1")}),
	})
	none := obj(map[string]attr.Value{"type": types.StringValue("aws_eip"), "name": types.StringValue("ip"), "count": num("0")})
	rs, err := inlineResources(types.DynamicValue(tuple(web, none)))
	if err != nil {
		t.Fatal(err)
	}
	// count = 0 declares nothing; the region comes from values.region.
	if len(rs) != 1 || rs[0].Count != 3 || rs[0].Region != "eu-west-1" || rs[0].Type != "aws_instance" {
		t.Fatalf("inlineResources = %+v", rs)
	}

	for name, tc := range map[string]struct {
		v    attr.Value
		want string
	}{
		"not a list":    {obj(map[string]attr.Value{"type": types.StringValue("aws_eip")}), "must be a list of objects"},
		"missing name":  {tuple(obj(map[string]attr.Value{"type": types.StringValue("aws_eip")})), "resources[0].name is required"},
		"typo":          {tuple(obj(map[string]attr.Value{"type": types.StringValue("aws_eip"), "name": types.StringValue("a"), "instance_type": types.StringValue("x")})), "unknown key(s) instance_type"},
		"bad count":     {tuple(obj(map[string]attr.Value{"type": types.StringValue("aws_eip"), "name": types.StringValue("a"), "count": num("1.5")})), "count must be a whole number"},
		"values string": {tuple(obj(map[string]attr.Value{"type": types.StringValue("aws_eip"), "name": types.StringValue("a"), "values": types.StringValue("x")})), "values must be an object"},
	} {
		_, err := inlineResources(types.DynamicValue(tc.v))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
}
