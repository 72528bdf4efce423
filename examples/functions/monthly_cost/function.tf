locals {
  web_monthly = provider::tfcost::monthly_cost("aws_instance", {
    instance_type     = var.instance_type
    root_block_device = [{ volume_size = 50, volume_type = "gp3" }]
  })
}

variable "instance_type" {
  type    = string
  default = "m5.large"
}

output "web_monthly" {
  value = local.web_monthly

  precondition {
    condition     = local.web_monthly < 100
    error_message = "A web server must cost less than $100 a month."
  }
}
