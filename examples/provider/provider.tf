terraform {
  required_providers {
    tfcost = {
      source = "tfcost/tfcost"
    }
  }
}

# Every setting is optional: with none, tfcost prices with the catalog
# compiled into the provider, list prices, and us-east-1 as default region.
provider "tfcost" {
  region           = "eu-west-1"
  usage_file       = "${path.module}/tfcost-usage.yml"
  discount_percent = 5

  # A negotiated rate replaces the catalog figure (and is not discounted).
  price_overrides = [
    { service = "ec2", region = "eu-west-1", item = "m5.large/linux/on_demand", usd = 0.09 },
  ]
}
