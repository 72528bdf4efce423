# By resource type and attributes.
data "tfcost_price" "web" {
  resource_type = "aws_instance"
  instance_type = "m5.large"
  region        = "eu-west-1"
}

data "tfcost_price" "web_reserved" {
  resource_type   = "aws_instance"
  instance_type   = "m5.large"
  purchase_option = "reserved"
  term            = "1yr"
  payment_option  = "partial_upfront"
}

# By catalog keys.
data "tfcost_price" "gp3" {
  service = "ebs"
  item    = "gp3 storage"
}

output "web_monthly" {
  value = data.tfcost_price.web.monthly_price
}

output "reserved_saving_per_month" {
  value = data.tfcost_price.web.monthly_price - data.tfcost_price.web_reserved.monthly_price
}
