# Budgets for the FinOps example: the monthly budget must hold even when every
# autoscaled group is at its maximum, and the footprint has a ceiling.
budget "monthly-at-max-scale" {
  limit       = 2000
  bound       = "max"
  enforcement = "soft"
  description = "The shop must stay under $2,000 a month even at max scale."
}

budget "carbon" {
  limit        = 1000000
  carbon_limit = 60
  enforcement  = "hard"
  description  = "At most 60 kgCO2e a month."
}
