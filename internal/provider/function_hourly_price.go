package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

// Ensure the function satisfies the framework interface.
var _ function.Function = &hourlyPriceFunction{}

// NewHourlyPriceFunction returns provider::tfcost::hourly_price.
func NewHourlyPriceFunction() function.Function {
	return &hourlyPriceFunction{}
}

// hourlyPriceFunction returns the EC2 Linux on-demand price of an instance type.
type hourlyPriceFunction struct{}

// Metadata names the function hourly_price.
func (f *hourlyPriceFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "hourly_price"
}

// Definition declares hourly_price(instance_type string, region string) number.
func (f *hourlyPriceFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "On-demand Linux hourly price in USD of an EC2 instance type",
		MarkdownDescription: "Returns the EC2 on-demand Linux (shared tenancy) price per hour of `instance_type` in " +
			"`region`, from the catalog compiled into the provider. It fails when the catalog has no figure for that " +
			"type in that region: EC2 prices are never borrowed from another region.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "instance_type",
				MarkdownDescription: "EC2 instance type, e.g. `m5.large`.",
			},
			function.StringParameter{
				Name:                "region",
				MarkdownDescription: "AWS region, e.g. `us-east-1`.",
			},
		},
		Return: function.NumberReturn{},
	}
}

// Run looks the price up.
func (f *hourlyPriceFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var instanceType, region string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &instanceType, &region))
	if resp.Error != nil {
		return
	}
	if instanceType == "" {
		resp.Error = function.NewArgumentFuncError(0, "instance_type must not be empty, e.g. \"m5.large\"")
		return
	}
	if region == "" {
		resp.Error = function.NewArgumentFuncError(1, "region must not be empty, e.g. \"us-east-1\"")
		return
	}
	est := defaultData().estimator(nil)
	p, ok := est.Price("ec2", region, instanceType+"/linux/on_demand")
	if !ok {
		resp.Error = function.NewFuncError(fmt.Sprintf("no on-demand Linux price for %s in %s in the tfcost catalog (as of %s)",
			instanceType, region, orUnknown(est.Catalog().Date())))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, decimalNumber(p.USD)))
}
