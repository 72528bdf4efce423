package aws

import "github.com/shopspring/decimal"

// decimalT shortens signatures in the coverage rules.
type decimalT = decimal.Decimal
