variable "instance_type" {
  type = string

  validation {
    condition     = provider::tfcost::hourly_price(var.instance_type, "us-east-1") <= 0.20
    error_message = "Instance types above $0.20 an hour need approval."
  }
}

output "hourly_price" {
  value = provider::tfcost::hourly_price(var.instance_type, "us-east-1")
}
