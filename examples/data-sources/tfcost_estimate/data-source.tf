# Gate a plan made by an earlier CI stage:
#   terraform plan -out=tfplan && terraform show -json tfplan > plan.json
data "tfcost_estimate" "plan" {
  plan_file = "${path.module}/plan.json"

  budget = {
    name            = "platform"
    monthly_limit   = 5000  # USD per month after the change
    bound           = "max" # ... even with every autoscaling group at its max size
    max_increase    = 500   # USD per month over the cost before the change
    carbon_limit_kg = 400   # kgCO2e per month
    enforcement     = "hard"
  }
}

# Price resources described inline, e.g. a module's inputs, before any plan
# exists. Usage figures have the shape of a usage file.
data "tfcost_estimate" "inline" {
  resources = [
    {
      type  = "aws_instance"
      name  = "web"
      count = 2
      values = {
        instance_type     = "m5.large"
        root_block_device = [{ volume_size = 50, volume_type = "gp3" }]
      }
    },
    { type = "aws_nat_gateway", name = "egress", values = {} },
  ]

  usage = {
    resource_usage = {
      "aws_nat_gateway.egress" = { monthly_data_processed_gb = 100 }
    }
  }

  budget = { monthly_limit = 250, enforcement = "soft" }
}

output "plan_monthly_cost" {
  value = data.tfcost_estimate.plan.monthly_cost
}

output "inline_by_category" {
  value = data.tfcost_estimate.inline.categories
}

# FinOps figures: the cost range at autoscaling bounds, the carbon footprint
# and the savings tfcost recommends (what to change, saving, risk, why).
output "plan_monthly_cost_range" {
  value = data.tfcost_estimate.plan.monthly_cost_range # { min, expected, max, basis }
}

output "plan_carbon_kg_monthly" {
  value = data.tfcost_estimate.plan.carbon_kg_monthly
}

output "plan_low_risk_savings" {
  value = {
    for r in data.tfcost_estimate.plan.recommendations : "${r.address}: ${r.title}" => r.monthly_saving
    if r.risk == "low"
  }
}
