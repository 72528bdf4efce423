package recommend

import (
	"sort"

	"github.com/shopspring/decimal"
)

// Selection is the lowest-risk set of recommendations that reaches a target
// cut of the monthly TCO, or the best set when the target is out of reach.
type Selection struct {
	// TargetPercent is the cut asked for, TargetSaving the dollars it means.
	TargetPercent decimal.Decimal `json:"targetPercent"`
	TargetSaving  decimal.Decimal `json:"targetMonthlySaving"`
	// Baseline is the estimate's monthly cost (the TCO being cut).
	Baseline   decimal.Decimal `json:"baselineMonthlyCost"`
	Saving     decimal.Decimal `json:"monthlySaving"`
	NewMonthly decimal.Decimal `json:"newMonthlyCost"`
	// Percent is the cut the chosen set achieves, 2 decimals.
	Percent decimal.Decimal  `json:"percent"`
	Reached bool             `json:"reached"`
	Chosen  []Recommendation `json:"recommendations"`
	// MaxRisk is the highest risk in the chosen set.
	MaxRisk Risk `json:"maxRisk"`
}

// Select picks recommendations in order of risk (low first) and, within a
// risk, of saving (largest first), at most one per resource, until the
// saving reaches targetPercent of baseline. Stopping at the first set that
// reaches the target keeps the set's risk as low as the candidates allow.
// When the target cannot be reached it returns every usable candidate (the
// largest cut available at all) with Reached false.
func Select(recs []Recommendation, baseline, targetPercent decimal.Decimal) Selection {
	s := Selection{TargetPercent: targetPercent, Baseline: baseline,
		TargetSaving: baseline.Mul(targetPercent).Div(hundred).Round(2)}
	cands := append([]Recommendation(nil), recs...)
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.Risk != b.Risk {
			return a.Risk < b.Risk
		}
		if !a.MonthlySaving.Equal(b.MonthlySaving) {
			return a.MonthlySaving.GreaterThan(b.MonthlySaving)
		}
		return a.Address < b.Address
	})
	used := map[string]bool{}
	for _, r := range cands {
		if s.Reached {
			break
		}
		if used[r.key()] || !r.MonthlySaving.IsPositive() {
			continue
		}
		used[r.key()] = true
		s.Chosen = append(s.Chosen, r)
		s.Saving = s.Saving.Add(r.MonthlySaving)
		if r.Risk > s.MaxRisk {
			s.MaxRisk = r.Risk
		}
		s.Reached = baseline.IsPositive() && s.Saving.GreaterThanOrEqual(s.TargetSaving)
	}
	s.NewMonthly = baseline.Sub(s.Saving)
	if baseline.IsPositive() {
		s.Percent = s.Saving.Div(baseline).Mul(hundred).Round(2)
	}
	return s
}

// Best returns, per resource, the recommendation Select would consider
// first (lowest risk, then largest saving): the short list for report
// sections.
func Best(recs []Recommendation) []Recommendation {
	best := map[string]Recommendation{}
	var order []string
	for _, r := range recs {
		b, ok := best[r.key()]
		if !ok {
			order = append(order, r.key())
		}
		if !ok || r.Risk < b.Risk || (r.Risk == b.Risk && r.MonthlySaving.GreaterThan(b.MonthlySaving)) {
			best[r.key()] = r
		}
	}
	out := make([]Recommendation, 0, len(order))
	for _, a := range order {
		out = append(out, best[a])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].MonthlySaving.GreaterThan(out[j].MonthlySaving) })
	return out
}
