// Package provider is the tfcost Terraform provider: the tfcost_estimate and
// tfcost_price data sources and the monthly_cost and hourly_price functions,
// all pricing offline from the catalog compiled into the binary. A hard budget
// violation in tfcost_estimate is an error diagnostic, so `terraform plan`
// fails before apply.
package provider

import (
	"context"
	"fmt"
	"math/big"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/usage"
)

// Ensure tfcostProvider satisfies the framework interfaces.
var (
	_ provider.Provider              = &tfcostProvider{}
	_ provider.ProviderWithFunctions = &tfcostProvider{}
)

// tfcostProvider is the provider implementation.
type tfcostProvider struct {
	// version is "dev" for local builds and the release version otherwise.
	version string
}

// tfcostProviderModel maps the provider configuration.
type tfcostProviderModel struct {
	Region          types.String         `tfsdk:"region"`
	UsageFile       types.String         `tfsdk:"usage_file"`
	CatalogFile     types.String         `tfsdk:"catalog_file"`
	DiscountPercent types.Number         `tfsdk:"discount_percent"`
	PriceOverrides  []priceOverrideModel `tfsdk:"price_overrides"`
}

type priceOverrideModel struct {
	Service types.String `tfsdk:"service"`
	Region  types.String `tfsdk:"region"`
	Item    types.String `tfsdk:"item"`
	USD     types.Number `tfsdk:"usd"`
}

// providerData is what Configure hands to data sources: the estimator
// options (each read may add its own usage) and the default region.
type providerData struct {
	opts   estimate.Options
	region string
}

// configuredData is the provider data a data source's Configure receives:
// nil before the provider is configured (validation runs that early), and an
// error diagnostic when the framework hands over anything else.
func configuredData(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *providerData {
	if req.ProviderData == nil {
		return nil
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected data source configure type",
			fmt.Sprintf("Expected *provider.providerData, got: %T. Please report this issue to the provider developers.", req.ProviderData))
		return nil
	}
	return data
}

// orDefault is the data a read prices with: the provider's, or the defaults
// (embedded catalog, list prices) when the provider was not configured.
func (d *providerData) orDefault() *providerData {
	if d == nil {
		return defaultData()
	}
	return d
}

// estimator returns an Estimator with the provider's settings and, when
// given, a usage file that replaces the provider's usage_file.
func (d *providerData) estimator(u *usage.File) *estimate.Estimator {
	opts := d.opts
	if u != nil {
		opts.Usage = u
	}
	return estimate.New(opts)
}

// New returns a function that builds the provider, as providerserver wants.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &tfcostProvider{version: version}
	}
}

// Metadata names the provider: resources and data sources are tfcost_*.
func (p *tfcostProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tfcost"
	resp.Version = p.version
}

// Schema describes the optional provider configuration.
func (p *tfcostProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Offline AWS cost estimates and budget gates for Terraform. Prices come from the catalog " +
			"compiled into the provider (no network, no API key). Every setting is optional.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "Default AWS region for resources whose region cannot be found in the plan, and for " +
					"inline `resources` without a `region`. Defaults to `us-east-1`.",
				Optional: true,
			},
			"usage_file": schema.StringAttribute{
				MarkdownDescription: "Path to a usage file (Infracost usage format 0.1 plus tfcost's scheduling keys) " +
					"with the quantities a plan cannot know: requests, GB stored, hours per day. A data source's own " +
					"`usage` replaces it.",
				Optional: true,
			},
			"catalog_file": schema.StringAttribute{
				MarkdownDescription: "Path to a catalog file written by `tfcost catalog import`. Defaults to the catalog " +
					"compiled into the provider.",
				Optional: true,
			},
			"discount_percent": schema.NumberAttribute{
				MarkdownDescription: "Percentage taken off every catalog price (an enterprise discount), e.g. `12.5`. " +
					"Custom `price_overrides` are not discounted.",
				Optional: true,
			},
			"price_overrides": schema.ListNestedAttribute{
				MarkdownDescription: "Custom unit prices (negotiated rates) that replace catalog figures.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"service": schema.StringAttribute{
							MarkdownDescription: "Catalog service, e.g. `ec2`, `ebs`, `nat_gateway`.",
							Required:            true,
						},
						"region": schema.StringAttribute{
							MarkdownDescription: "Region the price applies to; every region when omitted.",
							Optional:            true,
						},
						"item": schema.StringAttribute{
							MarkdownDescription: "Catalog item, e.g. `m5.large/linux/on_demand` or `gp3 storage`.",
							Required:            true,
						},
						"usd": schema.NumberAttribute{
							MarkdownDescription: "Price in USD per the item's unit.",
							Required:            true,
						},
					},
				},
			},
		},
	}
}

// Configure builds the estimator options every data source uses.
func (p *tfcostProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg tfcostProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, v := range []struct {
		name string
		val  interface{ IsUnknown() bool }
	}{{"region", cfg.Region}, {"usage_file", cfg.UsageFile}, {"catalog_file", cfg.CatalogFile}, {"discount_percent", cfg.DiscountPercent}} {
		if v.val.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(v.name), "Unknown provider setting",
				"The tfcost provider needs "+v.name+" at plan time; use a constant or a value known before apply.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	data := &providerData{region: cfg.Region.ValueString(), opts: estimate.Options{Registry: defaultRegistry()}}

	data.opts.Catalog = catalog.Embedded()
	if f := cfg.CatalogFile.ValueString(); f != "" {
		c, err := catalog.Load(f)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("catalog_file"), "Invalid catalog file", err.Error())
			return
		}
		data.opts.Catalog = c
	}

	if f := cfg.UsageFile.ValueString(); f != "" {
		u, err := usage.Load(f)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("usage_file"), "Invalid usage file", err.Error())
			return
		}
		u.CheckKeys(data.opts.Registry.KnownUsageKeys())
		for _, w := range u.Warnings {
			resp.Diagnostics.AddAttributeWarning(path.Root("usage_file"), "Usage file warning", w)
		}
		data.opts.Usage = u
	}

	if !cfg.DiscountPercent.IsNull() {
		d, err := numberToDecimal(cfg.DiscountPercent)
		if err != nil || d.IsNegative() || d.GreaterThanOrEqual(decimal.NewFromInt(100)) {
			resp.Diagnostics.AddAttributeError(path.Root("discount_percent"), "Invalid discount",
				fmt.Sprintf("discount_percent must be at least 0 and below 100, got %s.", cfg.DiscountPercent.String()))
			return
		}
		data.opts.DiscountPercent = d
	}

	for i, o := range cfg.PriceOverrides {
		usd, err := numberToDecimal(o.USD)
		if err != nil || usd.IsNegative() {
			resp.Diagnostics.AddAttributeError(path.Root("price_overrides").AtListIndex(i).AtName("usd"),
				"Invalid custom price", "usd must be a known, non-negative number.")
			return
		}
		data.opts.Overrides = append(data.opts.Overrides, estimate.PriceOverride{
			Service: o.Service.ValueString(), Region: o.Region.ValueString(), Item: o.Item.ValueString(), USD: usd})
	}

	resp.DataSourceData = data
}

// DataSources lists the provider's data sources.
func (p *tfcostProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewEstimateDataSource,
		NewPriceDataSource,
	}
}

// Resources: tfcost manages nothing; it only reads.
func (p *tfcostProvider) Resources(_ context.Context) []func() resource.Resource {
	return nil
}

// Functions lists the provider-defined functions (Terraform ≥ 1.8).
func (p *tfcostProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewMonthlyCostFunction,
		NewHourlyPriceFunction,
	}
}

var (
	registryOnce sync.Once
	registry     *estimate.Registry
)

// defaultRegistry builds the AWS rules once per process: they are plain
// values, so data sources and functions can share them.
func defaultRegistry() *estimate.Registry {
	registryOnce.Do(func() { registry = aws.NewRegistry() })
	return registry
}

// defaultData is what functions use: the framework gives functions no
// provider configuration, so they always price with the embedded catalog,
// list prices and the default region.
func defaultData() *providerData {
	return &providerData{opts: estimate.Options{Catalog: catalog.Embedded(), Registry: defaultRegistry()}}
}

// numberToDecimal converts a Terraform number exactly (Terraform numbers are
// arbitrary precision; the decimal text round-trips them).
func numberToDecimal(n types.Number) (decimal.Decimal, error) {
	if n.IsNull() || n.IsUnknown() || n.ValueBigFloat() == nil {
		return decimal.Decimal{}, fmt.Errorf("no value")
	}
	return bigToDecimal(n.ValueBigFloat())
}

func bigToDecimal(f *big.Float) (decimal.Decimal, error) {
	return decimal.NewFromString(f.Text('f', -1))
}

// decimalNumber converts money to a Terraform number. tfcost outputs numbers,
// not strings, so HCL can compare them (`monthly_cost < 100`); the decimal is
// parsed at 512 bits, and Terraform prints it back as the same shortest
// decimal (70.08, not 70.0799999…).
func decimalNumber(d decimal.Decimal) types.Number {
	f, _, err := big.ParseFloat(d.String(), 10, 512, big.ToNearestEven)
	if err != nil {
		return types.NumberNull()
	}
	return types.NumberValue(f)
}

// decimalPtrNumber is decimalNumber for optional figures: nil is null.
func decimalPtrNumber(d *decimal.Decimal) types.Number {
	if d == nil {
		return types.NumberNull()
	}
	return decimalNumber(*d)
}
