package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfcost/tfcost/internal/estimate"
)

// Ensure the function satisfies the framework interface.
var _ function.Function = &monthlyCostFunction{}

// NewMonthlyCostFunction returns provider::tfcost::monthly_cost.
func NewMonthlyCostFunction() function.Function {
	return &monthlyCostFunction{}
}

// monthlyCostFunction prices one resource from its type and attributes.
type monthlyCostFunction struct{}

// Metadata names the function monthly_cost.
func (f *monthlyCostFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "monthly_cost"
}

// Definition declares monthly_cost(type string, values dynamic) number.
func (f *monthlyCostFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Monthly cost in USD of one AWS resource",
		MarkdownDescription: "Prices one resource from its type and attributes, as `tfcost_estimate` would with one " +
			"inline resource: list prices from the catalog compiled into the provider (functions do not see the " +
			"provider configuration), the region from `values.region` or `us-east-1`, no usage file (usage-based " +
			"lines add nothing). It fails if the type has no tfcost rule or a component has no catalog price, " +
			"rather than return a partial figure.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "type",
				MarkdownDescription: "Terraform resource type, e.g. `aws_instance`.",
			},
			function.DynamicParameter{
				Name:                "values",
				MarkdownDescription: "The resource's attributes, e.g. `{ instance_type = \"m5.large\" }`.",
			},
		},
		Return: function.NumberReturn{},
	}
}

// Run prices the resource.
func (f *monthlyCostFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var typ string
	var values types.Dynamic
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &typ, &values))
	if resp.Error != nil {
		return
	}
	raw, err := toJSON(values)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, err.Error())
		return
	}
	data := defaultData()
	if _, ok := data.opts.Registry.Rule(typ); !ok && !strings.HasPrefix(typ, "aws_") {
		resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("%q is not an AWS resource type tfcost can price", typ))
		return
	}
	p := estimate.InlinePlan("", []estimate.InlineResource{{Type: typ, Name: "this", Count: 1,
		Region: stringAttr(raw, "region"), Values: raw}})
	r := data.estimator(nil).PriceResource(p, p.Resources[0])
	switch r.Status {
	case estimate.StatusUnsupported:
		resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("tfcost has no pricing rule for %s yet", typ))
		return
	case estimate.StatusFree, estimate.StatusSkipped:
		resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, decimalNumber(r.MonthlyCost)))
		return
	}
	var unpriced []string
	for _, c := range r.Components {
		if c.Unpriced {
			unpriced = append(unpriced, c.Name+" ("+c.Note+")")
		}
		if c.Unknown {
			resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("%s: %s", c.Name, c.Note))
			return
		}
	}
	if len(unpriced) > 0 {
		resp.Error = function.NewFuncError(fmt.Sprintf("cannot price %s in %s: no catalog price for %s",
			typ, r.Region, strings.Join(unpriced, "; ")))
		return
	}
	if len(r.Warnings) > 0 && r.MonthlyCost.IsZero() && len(r.Components) == 0 {
		resp.Error = function.NewArgumentFuncError(1, strings.Join(r.Warnings, "; "))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, decimalNumber(r.MonthlyCost)))
}
