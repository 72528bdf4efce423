package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// Ensure the data source satisfies the framework interfaces.
var (
	_ datasource.DataSource                     = &priceDataSource{}
	_ datasource.DataSourceWithConfigure        = &priceDataSource{}
	_ datasource.DataSourceWithConfigValidators = &priceDataSource{}
)

// NewPriceDataSource returns the tfcost_price data source.
func NewPriceDataSource() datasource.DataSource {
	return &priceDataSource{}
}

// priceDataSource looks up one unit price, with the provider's discount and
// custom prices applied, exactly as an estimate would charge it.
type priceDataSource struct {
	data *providerData
}

// priceDataSourceModel maps tfcost_price.
type priceDataSourceModel struct {
	Service         types.String `tfsdk:"service"`
	Item            types.String `tfsdk:"item"`
	ResourceType    types.String `tfsdk:"resource_type"`
	Region          types.String `tfsdk:"region"`
	InstanceType    types.String `tfsdk:"instance_type"`
	OperatingSystem types.String `tfsdk:"operating_system"`
	Engine          types.String `tfsdk:"engine"`
	PurchaseOption  types.String `tfsdk:"purchase_option"`
	Term            types.String `tfsdk:"term"`
	OfferingClass   types.String `tfsdk:"offering_class"`
	PaymentOption   types.String `tfsdk:"payment_option"`

	CatalogService types.String `tfsdk:"catalog_service"`
	CatalogItem    types.String `tfsdk:"catalog_item"`
	Price          types.Number `tfsdk:"price"`
	HourlyPrice    types.Number `tfsdk:"hourly_price"`
	MonthlyPrice   types.Number `tfsdk:"monthly_price"`
	Unit           types.String `tfsdk:"unit"`
	Source         types.String `tfsdk:"source"`
	AsOf           types.String `tfsdk:"as_of"`
	PriceRegion    types.String `tfsdk:"price_region"`
	Approximate    types.Bool   `tfsdk:"approximate"`
}

// Metadata names the data source tfcost_price.
func (d *priceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_price"
}

// Schema describes the lookup: catalog keys or a resource type shorthand.
func (d *priceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	opt := func(desc string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: v}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one unit price in the catalog, with the provider's `discount_percent` and " +
			"`price_overrides` applied. Give either `service` + `item` (catalog keys) or a `resource_type` with its " +
			"attributes (`instance_type`, `operating_system`, `engine`, `purchase_option`, …).",
		Attributes: map[string]schema.Attribute{
			"service": opt("Catalog service, e.g. `ec2`, `rds`, `ebs`, `nat_gateway`, `public_ipv4`. Requires `item`.",
				stringvalidator.AlsoRequires(path.MatchRoot("item"))),
			"item": opt("Catalog item, e.g. `m5.large/linux/on_demand`, `gp3 storage`, `gateway hour`.",
				stringvalidator.AlsoRequires(path.MatchRoot("service"))),
			"resource_type": opt("Resource type shorthand: `aws_instance`, `aws_db_instance`, `aws_elasticache_cluster`, "+
				"`aws_opensearch_domain`, `aws_eip`, `aws_nat_gateway` or `aws_lb`.",
				stringvalidator.OneOf(shorthandTypes()...)),
			"region": opt("AWS region. Defaults to the provider's `region`, then `us-east-1`."),
			"instance_type": opt("Instance type or class for `aws_instance` (`m5.large`), `aws_db_instance` (`db.t4g.small`), " +
				"`aws_elasticache_cluster` (`cache.t4g.small`) and `aws_opensearch_domain` (`r6g.large.search`)."),
			"operating_system": opt("`linux` (default), `windows`, `rhel` or `sles`; `aws_instance` on-demand only.",
				stringvalidator.OneOf("linux", "windows", "rhel", "sles")),
			"engine": opt("Database or cache engine as the catalog names it: `mysql`, `postgres`, … for `aws_db_instance` (required); " +
				"`redis` (default) or `memcached` for `aws_elasticache_cluster`."),
			"purchase_option": opt("`on_demand` (default), `spot` (`aws_instance`, Linux, average spot price) or `reserved`.",
				stringvalidator.OneOf("on_demand", "spot", "reserved")),
			"term": opt("Reserved term: `1yr` (default) or `3yr`.", stringvalidator.OneOf("1yr", "3yr")),
			"offering_class": opt("Reserved offering class for `aws_instance`: `standard` (default) or `convertible`.",
				stringvalidator.OneOf("standard", "convertible")),
			"payment_option": opt("Reserved payment option: `no_upfront` (default), `partial_upfront` or `all_upfront`. "+
				"Reserved prices are effective hourly rates with the upfront amortised.",
				stringvalidator.OneOf("no_upfront", "partial_upfront", "all_upfront")),

			"catalog_service": computedString("Catalog service looked up."),
			"catalog_item":    computedString("Catalog item looked up."),
			"price":           computedNumber("Unit price in USD per `unit`."),
			"hourly_price":    computedNumber("Price per hour in USD for hourly-billed items; null otherwise."),
			"monthly_price": computedNumber("Price per month in USD: hourly price × 730 for hourly items, the unit price for monthly ones " +
				"(e.g. per GB-month); null for per-use items (per GB transferred, per request)."),
			"unit":         computedString("Unit of `price`, e.g. `USD per hour`."),
			"source":       computedString("Where the figure comes from (catalog source ID and detail, or `custom price`)."),
			"as_of":        computedString("Date of the figure."),
			"price_region": computedString("Region whose figure was used (differs from `region` when `approximate`)."),
			"approximate": schema.BoolAttribute{
				MarkdownDescription: "True when the region has no figure and the us-east-1 price stands in.",
				Computed:            true,
			},
		},
	}
}

// ConfigValidators requires either catalog keys or a resource type.
func (d *priceDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("service"), path.MatchRoot("resource_type")),
	}
}

// Configure receives the provider's estimator settings.
func (d *priceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := configuredData(req, resp); data != nil {
		d.data = data
	}
}

// Read resolves the catalog key and looks the price up.
func (d *priceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m priceDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := d.data.orDefault()
	region := m.Region.ValueString()
	if region == "" {
		region = data.region
	}
	if region == "" {
		region = plan.DefaultRegion
	}

	service, item := m.Service.ValueString(), m.Item.ValueString()
	if service == "" {
		var attr, msg string
		service, item, attr, msg = shorthandKey(priceQuery{
			resourceType: m.ResourceType.ValueString(), instanceType: m.InstanceType.ValueString(),
			os: m.OperatingSystem.ValueString(), engine: m.Engine.ValueString(), purchase: m.PurchaseOption.ValueString(),
			term: m.Term.ValueString(), class: m.OfferingClass.ValueString(), payment: m.PaymentOption.ValueString()})
		if msg != "" {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Incomplete price lookup", msg)
			return
		}
	}

	est := data.estimator(nil)
	p, ok := est.Price(service, region, item)
	if !ok {
		resp.Diagnostics.AddError("No price in the catalog",
			fmt.Sprintf("The catalog (as of %s) has no price for service %q, item %q in %s. Check the spelling of the "+
				"instance type or item, or try another region.", orUnknown(est.Catalog().Date()), service, item, region))
		return
	}
	m.CatalogService, m.CatalogItem = types.StringValue(service), types.StringValue(item)
	m.Price = decimalNumber(p.USD)
	m.Unit = types.StringValue(p.Unit)
	m.Source = types.StringValue(p.Source)
	m.AsOf = types.StringValue(p.AsOf)
	m.PriceRegion = types.StringValue(p.Region)
	m.Approximate = types.BoolValue(p.Approximate)
	m.HourlyPrice, m.MonthlyPrice = types.NumberNull(), types.NumberNull()
	switch unitKind(service, p.Unit) {
	case "hour":
		m.HourlyPrice = decimalNumber(p.USD)
		m.MonthlyPrice = decimalNumber(p.USD.Mul(decimal.NewFromInt(estimate.HoursPerMonth)))
	case "month":
		m.MonthlyPrice = decimalNumber(p.USD)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// unitKind classifies a price unit: "hour", "month" or "" (per use).
// Instance-like services are hourly whatever the unit text says.
func unitKind(service, unit string) string {
	u := strings.ToLower(unit)
	switch {
	case instanceServices[service], strings.Contains(u, "hour"):
		return "hour"
	case strings.Contains(u, "month"):
		return "month"
	}
	return ""
}

var instanceServices = map[string]bool{"ec2": true, "rds": true, "elasticache": true, "opensearch": true}

// priceQuery is a resource type shorthand lookup.
type priceQuery struct {
	resourceType, instanceType, os, engine, purchase, term, class, payment string
}

// shorthand maps resource types to fixed unit-price keys (no instance type).
var shorthand = map[string][2]string{
	"aws_eip":         {"public_ipv4", "address hour"},
	"aws_nat_gateway": {"nat_gateway", "gateway hour"},
	"aws_lb":          {"elb_application", "load balancer hour"},
}

func shorthandTypes() []string {
	out := []string{"aws_instance", "aws_db_instance", "aws_elasticache_cluster", "aws_opensearch_domain"}
	for t := range shorthand {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// shorthandKey turns a resource type and its attributes into the catalog
// key, following the item naming in the catalog package doc. On a missing
// attribute it returns the attribute and a message instead.
func shorthandKey(q priceQuery) (service, item, attr, msg string) {
	if k, ok := shorthand[q.resourceType]; ok {
		return k[0], k[1], "", ""
	}
	if q.instanceType == "" {
		return "", "", "instance_type", fmt.Sprintf("%s needs instance_type (the instance type, class or node type to price).", q.resourceType)
	}
	purchase := or(q.purchase, "on_demand")
	term, payment := or(q.term, "1yr"), or(q.payment, "no_upfront")
	if purchase == "spot" && q.resourceType != "aws_instance" {
		return "", "", "purchase_option", "purchase_option = \"spot\" is only priced for aws_instance."
	}
	switch q.resourceType {
	case "aws_instance":
		os := or(q.os, "linux")
		switch purchase {
		case "spot", "reserved":
			if os != "linux" {
				return "", "", "operating_system", "Spot and reserved prices are in the catalog for Linux only."
			}
			if purchase == "spot" {
				return "ec2", q.instanceType + "/linux/spot", "", ""
			}
			return "ec2", fmt.Sprintf("%s/linux/reserved/%s/%s/%s", q.instanceType, term, or(q.class, "standard"), payment), "", ""
		}
		return "ec2", q.instanceType + "/" + os + "/on_demand", "", ""
	case "aws_db_instance":
		if q.engine == "" {
			return "", "", "engine", "aws_db_instance needs engine, e.g. \"mysql\" or \"postgres\"."
		}
		if purchase == "reserved" {
			return "rds", fmt.Sprintf("%s/%s/single-az/reserved/%s/%s", q.instanceType, q.engine, term, payment), "", ""
		}
		return "rds", q.instanceType + "/" + q.engine + "/single-az/on_demand", "", ""
	case "aws_elasticache_cluster":
		engine := or(q.engine, "redis")
		if purchase == "reserved" {
			return "elasticache", fmt.Sprintf("%s/%s/reserved/%s/%s", q.instanceType, engine, term, payment), "", ""
		}
		return "elasticache", q.instanceType + "/" + engine + "/on_demand", "", ""
	case "aws_opensearch_domain":
		if purchase == "reserved" {
			return "opensearch", fmt.Sprintf("%s/reserved/%s/%s", q.instanceType, term, payment), "", ""
		}
		return "opensearch", q.instanceType + "/on_demand", "", ""
	}
	return "", "", "resource_type", fmt.Sprintf("resource_type %q has no price shorthand; use service and item.", q.resourceType)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orUnknown(date string) string { return or(date, "an unknown date") }
