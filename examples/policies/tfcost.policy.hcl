# Example tfcost budget policy: `tfcost check plan.json --policy tfcost.policy.hcl`.
#
# Enforcement levels (as in Sentinel): "advisory" is reported and never fails,
# "soft" fails with exit 3 unless --allow-soft, "hard" always fails with exit 2.
# Without `enforcement`, a policy is hard: a forgotten level fails closed.
#
# Money is USD per month (730 hours), compared with exact decimals.

# The whole estimate may not exceed $5,000/month.
budget "total" {
  limit       = 5000
  enforcement = "hard"
}

# The data team's EC2 and RDS spend, found by tag and type. At the "max"
# bound, autoscaling groups count at their max_size.
budget "data-team" {
  limit = 2500
  scope = {
    tags  = { team = "data" }
    types = ["aws_instance", "aws_db_instance", "aws_autoscaling_group"]
  }
  bound       = "max"
  enforcement = "soft"
}

# A change may add at most $500/month, and at most 20% of the prior cost.
# When the prior cost is $0 (a new stack) the percentage is not applicable
# and is reported as such; the absolute limit still applies.
guardrail "growth" {
  max_increase         = 500
  max_increase_percent = 20
  enforcement          = "soft"
}

# A rule passes when its condition is true (Sentinel semantics). The condition
# sees `estimate`: monthly, annual, hourly, categories, prior, delta and
# resources[*] {address, type, module, region, action, status, monthly,
# hourly, tags, values}.
rule "tagged" {
  condition = alltrue([
    for r in estimate.resources : contains(keys(r.tags), "team")
    if r.status == "priced" && r.monthly > 0
  ])
  message     = "every resource that costs money needs a team tag"
  enforcement = "advisory"
}

rule "no-large-instances" {
  condition = !anytrue([
    for r in estimate.resources : endswith(try(r.values.instance_type, ""), "24xlarge")
  ])
  message = "24xlarge instances need an exception"
}

rule "network-share" {
  condition   = estimate.monthly == 0 || estimate.categories["network"] <= estimate.monthly * 0.3
  message     = "network is over 30% of the monthly cost (${format("%.2f", estimate.categories["network"])} USD)"
  enforcement = "advisory"
}
