# An end-to-end tfcost gate: estimate a small web stack inline and fail
# `terraform plan` when it breaks the monthly budget.
#
#   terraform plan                                # passes: $189.16/month, budget $250
#   terraform plan -var monthly_budget=150        # fails: over by $39.16
#
# internal/provider/e2e_test.go runs exactly this with a freshly built
# provider binary (dev_overrides) and checks the outputs below.

terraform {
  required_version = ">= 1.8"

  required_providers {
    tfcost = {
      source = "tfcost/tfcost"
    }
  }
}

provider "tfcost" {
  region = "us-east-1"
}

variable "web_instance_type" {
  description = "Instance type of the web servers."
  type        = string
  default     = "m5.large"

  validation {
    condition     = provider::tfcost::hourly_price(var.web_instance_type, "us-east-1") <= 0.20
    error_message = "Web servers above $0.20 an hour need approval."
  }
}

variable "web_count" {
  description = "Number of web servers."
  type        = number
  default     = 2
}

variable "monthly_budget" {
  description = "Monthly budget in USD; a plan above it fails."
  type        = number
  default     = 250
}

locals {
  web_values = {
    instance_type     = var.web_instance_type
    root_block_device = [{ volume_size = 50, volume_type = "gp3" }]
  }

  # One web server, priced by the provider function.
  web_monthly = provider::tfcost::monthly_cost("aws_instance", local.web_values)
}

data "tfcost_estimate" "stack" {
  resources = [
    { type = "aws_instance", name = "web", count = var.web_count, values = local.web_values },
    { type = "aws_nat_gateway", name = "egress", values = {} },
    { type = "aws_eip", name = "egress", values = { domain = "vpc" } },
  ]

  usage = {
    resource_usage = {
      "aws_nat_gateway.egress" = { monthly_data_processed_gb = 100 }
    }
  }

  budget = {
    name          = "web-stack"
    monthly_limit = var.monthly_budget
    enforcement   = "hard"
  }
}

output "monthly_cost" {
  description = "Estimated monthly cost of the stack in USD."
  value       = data.tfcost_estimate.stack.monthly_cost
}

output "annual_cost" {
  description = "Estimated annual cost in USD."
  value       = data.tfcost_estimate.stack.annual_cost
}

output "categories" {
  description = "Monthly cost by category."
  value       = data.tfcost_estimate.stack.categories
}

output "web_monthly" {
  description = "Monthly cost of one web server."
  value       = local.web_monthly
}

output "monthly_cost_range" {
  description = "Monthly cost range { min, expected, max }: nothing here autoscales, so all three are equal."
  value       = data.tfcost_estimate.stack.monthly_cost_range
}

output "carbon_kg_monthly" {
  description = "Footprint in kgCO2e per month (Cloud Carbon Footprint method)."
  value       = data.tfcost_estimate.stack.carbon_kg_monthly
}

output "low_risk_savings" {
  description = "Monthly saving in USD of each low-risk recommendation."
  value = {
    for r in data.tfcost_estimate.stack.recommendations : "${r.address}: ${r.title}" => r.monthly_saving
    if r.risk == "low"
  }
}

output "unpriced" {
  description = "Anything tfcost could not price."
  value       = data.tfcost_estimate.stack.unpriced
}
