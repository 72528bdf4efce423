package carbon

import (
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/usage"
)

// SetUnitEconomics sets est.Unit from the project's monthly requests: cost
// per 1,000 requests = monthly cost ÷ (requests ÷ 1,000), and the same for
// kgCO2e when the estimate has a footprint (call after Annotate). Values are
// rounded to 6 decimals: a cent-level figure per 1,000 requests is common.
// Zero or negative requests leave est.Unit nil.
func SetUnitEconomics(est *estimate.Estimate, monthlyRequests decimal.Decimal) {
	est.Unit = nil
	if !monthlyRequests.IsPositive() {
		return
	}
	thousands := monthlyRequests.Div(thousand)
	u := &estimate.UnitEconomics{MonthlyRequests: monthlyRequests, CostPer1kRequests: est.MonthlyCost.Div(thousands).Round(6)}
	if est.Carbon != nil && est.Carbon.Resources > 0 {
		kg := est.Carbon.MonthlyKg.Div(thousands).Round(6)
		u.KgCO2ePer1kRequests = &kg
	}
	est.Unit = u
}

// UnitFromUsage sets est.Unit when the usage file's project section gives
// monthly_requests (see usage.KeyMonthlyRequests); otherwise it does nothing.
func UnitFromUsage(est *estimate.Estimate, uf *usage.File) {
	if uf == nil {
		return
	}
	if n, ok := uf.Project.Number(usage.KeyMonthlyRequests); ok {
		SetUnitEconomics(est, n)
	}
}
