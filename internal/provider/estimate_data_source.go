package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfcost/tfcost/internal/carbon"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/recommend"
	"github.com/tfcost/tfcost/internal/usage"
)

// Ensure the data source satisfies the framework interfaces.
var (
	_ datasource.DataSource                     = &estimateDataSource{}
	_ datasource.DataSourceWithConfigure        = &estimateDataSource{}
	_ datasource.DataSourceWithConfigValidators = &estimateDataSource{}
)

// NewEstimateDataSource returns the tfcost_estimate data source.
func NewEstimateDataSource() datasource.DataSource {
	return &estimateDataSource{}
}

// estimateDataSource prices a plan or inline resources and gates the result
// against a budget: a hard violation is an error, so `terraform plan` fails.
type estimateDataSource struct {
	data *providerData
}

// estimateDataSourceModel maps tfcost_estimate. The computed per-resource
// breakdown is `resource_costs` because `resources` is the inline input.
type estimateDataSourceModel struct {
	PlanFile   types.String  `tfsdk:"plan_file"`
	PlanJSON   types.String  `tfsdk:"plan_json"`
	Resources  types.Dynamic `tfsdk:"resources"`
	Usage      types.Dynamic `tfsdk:"usage"`
	Budget     *budgetModel  `tfsdk:"budget"`
	PolicyFile types.String  `tfsdk:"policy_file"`

	HourlyCost       types.Number        `tfsdk:"hourly_cost"`
	MonthlyCost      types.Number        `tfsdk:"monthly_cost"`
	AnnualCost       types.Number        `tfsdk:"annual_cost"`
	PriorMonthlyCost types.Number        `tfsdk:"prior_monthly_cost"`
	Categories       types.Map           `tfsdk:"categories"`
	ResourceCosts    []resourceCostModel `tfsdk:"resource_costs"`
	Unpriced         []string            `tfsdk:"unpriced"`
	Violations       []violationModel    `tfsdk:"violations"`
	CatalogDate      types.String        `tfsdk:"catalog_date"`

	MonthlyCostRange *rangeModel           `tfsdk:"monthly_cost_range"`
	CarbonKgMonthly  types.Number          `tfsdk:"carbon_kg_monthly"`
	CarbonMethod     types.String          `tfsdk:"carbon_method"`
	Recommendations  []recommendationModel `tfsdk:"recommendations"`
}

type budgetModel struct {
	Name               types.String `tfsdk:"name"`
	MonthlyLimit       types.Number `tfsdk:"monthly_limit"`
	MaxIncrease        types.Number `tfsdk:"max_increase"`
	MaxIncreasePercent types.Number `tfsdk:"max_increase_percent"`
	Enforcement        types.String `tfsdk:"enforcement"`
	Bound              types.String `tfsdk:"bound"`
	CarbonLimitKg      types.Number `tfsdk:"carbon_limit_kg"`
}

type resourceCostModel struct {
	Address     types.String     `tfsdk:"address"`
	Type        types.String     `tfsdk:"type"`
	Status      types.String     `tfsdk:"status"`
	HourlyCost  types.Number     `tfsdk:"hourly_cost"`
	MonthlyCost types.Number     `tfsdk:"monthly_cost"`
	Components  []componentModel `tfsdk:"components"`
	// Range is nil (null) for resources that are not priced.
	MonthlyCostRange *rangeModel  `tfsdk:"monthly_cost_range"`
	CarbonKgMonthly  types.Number `tfsdk:"carbon_kg_monthly"`
}

// rangeModel is an estimate.Range: {min, expected, max} monthly cost.
type rangeModel struct {
	Min      types.Number `tfsdk:"min"`
	Expected types.Number `tfsdk:"expected"`
	Max      types.Number `tfsdk:"max"`
	Basis    types.String `tfsdk:"basis"`
}

// recommendationModel is one recommend.Recommendation.
type recommendationModel struct {
	Address        types.String `tfsdk:"address"`
	Kind           types.String `tfsdk:"kind"`
	Title          types.String `tfsdk:"title"`
	Target         types.String `tfsdk:"terraform_resource"`
	Attribute      types.String `tfsdk:"attribute"`
	Value          types.String `tfsdk:"value"`
	Change         types.String `tfsdk:"change"`
	MonthlySaving  types.Number `tfsdk:"monthly_saving"`
	NewMonthlyCost types.Number `tfsdk:"new_monthly_cost"`
	Risk           types.String `tfsdk:"risk"`
	Why            types.String `tfsdk:"why"`
}

type componentModel struct {
	Name            types.String `tfsdk:"name"`
	Unit            types.String `tfsdk:"unit"`
	MonthlyQuantity types.Number `tfsdk:"monthly_quantity"`
	Price           types.Number `tfsdk:"price"`
	MonthlyCost     types.Number `tfsdk:"monthly_cost"`
	Category        types.String `tfsdk:"category"`
}

type violationModel struct {
	Name        types.String `tfsdk:"name"`
	Kind        types.String `tfsdk:"kind"`
	Enforcement types.String `tfsdk:"enforcement"`
	Limit       types.Number `tfsdk:"limit"`
	Actual      types.Number `tfsdk:"actual"`
	Message     types.String `tfsdk:"message"`
}

// Metadata names the data source tfcost_estimate.
func (d *estimateDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_estimate"
}

// Schema describes inputs (one of plan_file, plan_json, resources; usage;
// budget or policy_file) and the computed estimate.
func (d *estimateDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	costRange := func(what string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			MarkdownDescription: what,
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"min":      computedNumber("Monthly cost in USD at the minimum scale."),
				"expected": computedNumber("Monthly cost in USD at the expected scale (desired size clamped to [min, max]; `monthly_cost` for resources that do not scale)."),
				"max":      computedNumber("Monthly cost in USD at the maximum scale."),
				"basis":    computedString("Where the range comes from, e.g. `aws_autoscaling_group min_size=1 desired_capacity=2 max_size=6`; null when the resource does not scale; `sum of resource ranges` for the total."),
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Estimates the AWS cost of a Terraform plan (`plan_file`, `plan_json`) or of resources " +
			"described inline (`resources`), and checks it against a `budget` or a `policy_file`. A **hard** " +
			"violation is an error diagnostic, so `terraform plan` fails before anything is applied; **soft** and " +
			"**advisory** violations, and resources tfcost cannot price, are warnings. Costs are numbers in USD " +
			"(exact decimals from the catalog, so they can be compared in HCL).",
		Attributes: map[string]schema.Attribute{
			"plan_file": schema.StringAttribute{
				MarkdownDescription: "Path to `terraform show -json` output of another configuration's plan, relative " +
					"to the directory Terraform runs in (use `\"${path.module}/plan.json\"` in modules). Exactly one of " +
					"`plan_file`, `plan_json` and `resources` is required.",
				Optional: true,
			},
			"plan_json": schema.StringAttribute{
				MarkdownDescription: "The plan JSON itself, e.g. `file(\"plan.json\")`.",
				Optional:            true,
			},
			"resources": schema.DynamicAttribute{
				MarkdownDescription: "Resources described inline, as they would appear in a plan: handy to price a " +
					"module's inputs before any plan exists. A list of objects with `type` (required, e.g. `aws_instance`), " +
					"`name` (required; the address is `<type>.<name>`, with `[i]` when `count` > 1), `count` (default `1`; " +
					"`0` prices nothing), `region` (default: `values.region`, then the provider's `region`, then `us-east-1`) " +
					"and `values`, the resource's attributes, e.g. `{ instance_type = \"m5.large\", root_block_device = " +
					"[{ volume_size = 50, volume_type = \"gp3\" }] }`. (A dynamic attribute because each resource's `values` " +
					"has its own shape, which a typed list cannot hold.)",
				Optional: true,
			},
			"usage": schema.DynamicAttribute{
				MarkdownDescription: "Usage figures with the shape of a usage file: `{ resource_usage = { \"aws_lambda_function.fn\" " +
					"= { monthly_requests = 1000000 } }, resource_type_default_usage = { ... } }`. Replaces the provider's `usage_file`.",
				Optional: true,
			},
			"budget": schema.SingleNestedAttribute{
				MarkdownDescription: "A budget to gate the estimate with. Set at least one figure.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						MarkdownDescription: "Name shown in diagnostics and `violations`. Defaults to `budget`.",
						Optional:            true,
					},
					"monthly_limit": schema.NumberAttribute{
						MarkdownDescription: "Maximum monthly cost in USD after the change.",
						Optional:            true,
						Validators:          []validator.Number{nonNegativeNumber{}},
					},
					"max_increase": schema.NumberAttribute{
						MarkdownDescription: "Maximum monthly increase in USD over the cost before the change (prior state " +
							"in the plan; zero for inline resources).",
						Optional:   true,
						Validators: []validator.Number{nonNegativeNumber{}},
					},
					"max_increase_percent": schema.NumberAttribute{
						MarkdownDescription: "Maximum monthly increase in percent of the cost before the change. Not " +
							"applicable (a warning) when the cost before the change is zero.",
						Optional:   true,
						Validators: []validator.Number{nonNegativeNumber{}},
					},
					"enforcement": schema.StringAttribute{
						MarkdownDescription: "`hard` (default): a violation is an error and the plan fails. `soft` and " +
							"`advisory`: a violation is a warning.",
						Optional:   true,
						Validators: []validator.String{stringvalidator.OneOf("advisory", "soft", "hard")},
					},
					"bound": schema.StringAttribute{
						MarkdownDescription: "Which figure of the cost range `monthly_limit` holds: `expected` (default, the " +
							"`monthly_cost`), `min` or `max`. `max` makes the budget hold even when every autoscaling group, " +
							"node group and autoscaled ECS service runs at its maximum size (see `monthly_cost_range`). " +
							"`max_increase` and `max_increase_percent` always compare expected costs.",
						Optional:   true,
						Validators: []validator.String{stringvalidator.OneOf("min", "expected", "max")},
					},
					"carbon_limit_kg": schema.NumberAttribute{
						MarkdownDescription: "Maximum footprint in kgCO2e per month (`carbon_kg_monthly`). Resources tfcost " +
							"has no carbon figures for add nothing.",
						Optional:   true,
						Validators: []validator.Number{nonNegativeNumber{}},
					},
				},
				Validators: []validator.Object{budgetHasFigure{}},
			},
			"policy_file": schema.StringAttribute{
				MarkdownDescription: "Path to an HCL policy file (`budget`, `guardrail` and `rule` blocks, as used by " +
					"`tfcost check`), checked in addition to `budget`.",
				Optional: true,
			},

			"hourly_cost":        computedNumber("Total hourly cost in USD."),
			"monthly_cost":       computedNumber("Total monthly cost in USD (730 hours a month)."),
			"annual_cost":        computedNumber("Total annual cost in USD (12 × monthly)."),
			"prior_monthly_cost": computedNumber("Monthly cost in USD before the change (prior state in the plan; `0` for inline resources)."),
			"categories": schema.MapAttribute{
				MarkdownDescription: "Monthly cost in USD by category: `compute`, `storage`, `network`, `database`, `managed services`.",
				ElementType:         types.NumberType,
				Computed:            true,
			},
			"resource_costs": computedList("Cost of every resource instance, in plan order.", map[string]schema.Attribute{
				"address":      computedString("Resource address."),
				"type":         computedString("Resource type."),
				"status":       computedString("`priced`, `free` (AWS does not charge for it), `unsupported` (no tfcost rule yet) or `skipped` (e.g. deleted)."),
				"hourly_cost":  computedNumber("Hourly cost in USD."),
				"monthly_cost": computedNumber("Monthly cost in USD of the components that could be priced."),
				"monthly_cost_range": costRange("Monthly cost range of the resource `{ min, expected, max }`: from its " +
					"autoscaling bounds for autoscaling groups, EKS node groups, ECS services with an autoscaling target, " +
					"DynamoDB and Aurora autoscaling; otherwise all three equal `monthly_cost`. Null when the resource is not priced."),
				"carbon_kg_monthly": computedNumber("Footprint in kgCO2e per month; null when tfcost has no carbon figures for the resource."),
				"components": computedList("Billable lines of the resource.", map[string]schema.Attribute{
					"name":             computedString("Component name, e.g. `Instance usage (Linux, on-demand, m5.large)`."),
					"unit":             computedString("Unit of the quantity, e.g. `hours`, `GB`."),
					"monthly_quantity": computedNumber("Monthly quantity; null when it depends on usage that was not given or on a value unknown until apply."),
					"price":            computedNumber("Unit price in USD after discounts; null when unpriced."),
					"monthly_cost":     computedNumber("Monthly cost in USD; null when it cannot be computed (never a silent 0)."),
					"category":         computedString("Cost category."),
				}),
			}),
			"unpriced": schema.ListAttribute{
				MarkdownDescription: "What could not be priced: addresses of unsupported resources and `<address>: <component>` for components without a catalog price.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"violations": computedList("Broken budgets, guardrails and rules (soft and advisory ones; a hard one fails the read).", map[string]schema.Attribute{
				"name":        computedString("Budget or policy name."),
				"kind":        computedString("`budget`, `guardrail` or `rule`."),
				"enforcement": computedString("`advisory`, `soft` or `hard`."),
				"limit":       computedNumber("The limit (USD per month, or percent for `max_increase_percent`); null for rules."),
				"actual":      computedNumber("The figure that broke it; null for rules."),
				"message":     computedString("What was broken and by how much."),
			}),
			"catalog_date": computedString("As-of date of the newest figures in the price catalog used."),
			"monthly_cost_range": costRange("Total monthly cost range `{ min, expected, max }`: the sum of the resources' ranges. " +
				"`expected` is `monthly_cost` unless usage prices a group outside its bounds."),
			"carbon_kg_monthly": computedNumber("Total footprint in kgCO2e per month of the resources tfcost has carbon figures for " +
				"(Cloud Carbon Footprint method: energy from vCPU-hours, memory and storage, PUE, the region's grid emission " +
				"factor, plus embodied emissions)."),
			"carbon_method": computedString("The carbon method and coefficient set behind `carbon_kg_monthly`."),
			"recommendations": computedList("Ways to cut the monthly cost, as `tfcost recommend` gives them: reserved instances for "+
				"always-on compute, spot for fault-tolerant compute, schedules for non-production compute, Graviton or "+
				"current-generation types, gp2 → gp3, S3 lifecycle, current RDS classes. Ordered by address, then risk, "+
				"then saving. Alternatives are priced like the estimate, with the provider's `discount_percent` and custom prices.",
				map[string]schema.Attribute{
					"address":            computedString("Resource address the saving applies to."),
					"kind":               computedString("`reserved`, `spot`, `schedule`, `graviton`, `current-generation`, `gp2-to-gp3` or `s3-lifecycle`."),
					"title":              computedString("Short description, e.g. `1-year Standard Reserved Instance, no upfront (1 × m5.large)`."),
					"terraform_resource": computedString("Terraform resource to edit (a launch template for an autoscaling group); null for purchases outside Terraform (reservations)."),
					"attribute":          computedString("Attribute to change, e.g. `instance_type`; null when there is no Terraform change."),
					"value":              computedString("New value of `attribute`, e.g. `m6g.large` or `gp3`."),
					"change":             computedString("The change as one readable line."),
					"monthly_saving":     computedNumber("Monthly saving in USD."),
					"new_monthly_cost":   computedNumber("The resource's monthly cost in USD after the change."),
					"risk":               computedString("`low`, `medium` or `high`."),
					"why":                computedString("Why the change fits, and what it risks."),
				}),
		},
	}
}

// ConfigValidators requires exactly one plan source. One schema-level rule
// gives one clear error instead of the same error on each attribute.
func (d *estimateDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(
			path.MatchRoot("plan_file"),
			path.MatchRoot("plan_json"),
			path.MatchRoot("resources"),
		),
	}
}

// Configure receives the provider's estimator settings.
func (d *estimateDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := configuredData(req, resp); data != nil {
		d.data = data
	}
}

// Read prices the input, evaluates the gates and reports violations.
func (d *estimateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m estimateDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := d.data.orDefault()

	var u *usage.File
	if !m.Usage.IsNull() {
		var err error
		if u, err = usageFromDynamic(m.Usage); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("usage"), "Invalid usage", err.Error())
			return
		}
		u.CheckKeys(data.opts.Registry.KnownUsageKeys())
		for _, w := range u.Warnings {
			resp.Diagnostics.AddAttributeWarning(path.Root("usage"), "Usage warning", w)
		}
	}

	p := d.readPlan(&m, data, resp)
	if resp.Diagnostics.HasError() {
		return
	}

	est := data.estimator(u)
	planned := est.Estimate(p)
	prior := est.EstimatePrior(p)
	// Carbon figures let carbon_limit_kg and a policy file's carbon_limit
	// apply here too. As in the CLI, the catalog's instance specs cover
	// types the CCF tables lack.
	cm := carbon.New()
	cm.Specs = data.opts.Catalog
	cm.Annotate(planned)
	cm.Annotate(prior)

	verdict, gerr := evaluateGates(m.Budget, m.PolicyFile.ValueString(), planned, prior)
	if gerr != nil {
		resp.Diagnostics.AddAttributeError(path.Root(gerr.attr), "Invalid "+strings.ReplaceAll(gerr.attr, "_", " "), gerr.Error())
		return
	}

	uf := u
	if uf == nil {
		uf = data.opts.Usage
	}
	recs := recommend.Generate(recommend.Input{Plan: p, Estimate: planned, Catalog: data.opts.Catalog, Prices: est, Usage: uf})

	fillEstimate(ctx, &m, planned, prior, verdict, &resp.Diagnostics)
	fillFinOps(&m, planned, recs)
	reportEstimate(planned, verdict, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// readPlan builds the plan from whichever source is set.
func (d *estimateDataSource) readPlan(m *estimateDataSourceModel, data *providerData, resp *datasource.ReadResponse) *plan.Plan {
	opts := plan.Options{DefaultRegion: data.region}
	switch {
	case !m.PlanFile.IsNull():
		p, err := plan.ReadFile(m.PlanFile.ValueString(), opts)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("plan_file"), "Invalid plan JSON", err.Error())
		}
		return p
	case !m.PlanJSON.IsNull():
		p, err := plan.Parse("plan_json", []byte(m.PlanJSON.ValueString()), opts)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("plan_json"), "Invalid plan JSON", err.Error())
		}
		return p
	}
	inline, err := inlineResources(m.Resources)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("resources"), "Invalid resources", err.Error())
		return nil
	}
	return estimate.InlinePlan(data.region, inline)
}

// usageFromDynamic reads the `usage` attribute with the usage file rules.
func usageFromDynamic(v types.Dynamic) (*usage.File, error) {
	g, err := toGo(v, "usage")
	if err != nil {
		return nil, err
	}
	m, ok := g.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("usage must be an object with resource_usage and/or resource_type_default_usage")
	}
	return usage.FromMap(m)
}

// budgetHasFigure rejects a budget with no figure to check: it would gate nothing.
type budgetHasFigure struct{}

func (budgetHasFigure) Description(context.Context) string {
	return "at least one of monthly_limit, max_increase, max_increase_percent, carbon_limit_kg is set"
}

func (v budgetHasFigure) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (budgetHasFigure) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	for _, k := range []string{"monthly_limit", "max_increase", "max_increase_percent", "carbon_limit_kg"} {
		if a, ok := attrs[k]; ok && !a.IsNull() {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Budget without a figure",
		"Set at least one of monthly_limit, max_increase, max_increase_percent or carbon_limit_kg in budget.")
}

// nonNegativeNumber rejects negative limits.
type nonNegativeNumber struct{}

func (nonNegativeNumber) Description(context.Context) string { return "value must be at least 0" }

func (v nonNegativeNumber) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (nonNegativeNumber) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if req.ConfigValue.ValueBigFloat().Sign() < 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Negative limit",
			fmt.Sprintf("%s must be at least 0, got %s.", req.Path, req.ConfigValue.ValueBigFloat().Text('f', -1)))
	}
}
