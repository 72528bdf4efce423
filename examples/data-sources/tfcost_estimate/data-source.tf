# Gate a plan made by an earlier CI stage:
#   terraform plan -out=tfplan && terraform show -json tfplan > plan.json
data "tfcost_estimate" "plan" {
  plan_file = "${path.module}/plan.json"

  budget = {
    name          = "platform"
    monthly_limit = 5000 # USD per month after the change
    max_increase  = 500  # USD per month over the cost before the change
    enforcement   = "hard"
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
