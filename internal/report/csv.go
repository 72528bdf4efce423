package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
)

// CSVHeader names the CSV columns: one row per cost component, plus one row
// per resource without components (free, not supported yet) so that nothing
// in the plan is dropped. Numbers are full-precision decimals; an empty cell
// is a quantity or cost that is not known (see the flags and the note).
var CSVHeader = []string{"project", "resource", "resource_type", "module", "region", "action", "status",
	"group", "component", "category", "unit", "hourly_quantity", "monthly_quantity", "price", "hourly_cost",
	"monthly_cost", "usage_based", "approximate", "unknown", "unpriced", "price_region", "price_source",
	"price_as_of", "note"}

// CSV writes one row per cost component with the resource address, type,
// category, quantities, price, costs and flags.
func CSV(w io.Writer, projects []Project, opts Options) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, p := range projects {
		if p.Estimate == nil {
			continue
		}
		name := p.Name
		if name == "" {
			name = p.Estimate.Name
		}
		for _, r := range p.Estimate.Resources {
			if r.Status == estimate.StatusSkipped && !opts.ShowSkipped {
				continue
			}
			base := []string{name, r.Address, r.Type, r.Module, r.Region, r.Action, string(r.Status)}
			if len(r.Components) == 0 {
				rec := append(append([]string{}, base...), make([]string, len(CSVHeader)-len(base))...)
				rec[len(rec)-1] = r.Note
				if err := cw.Write(rec); err != nil {
					return err
				}
				continue
			}
			for _, c := range r.Components {
				price := ""
				if !c.Unpriced {
					price = c.Price.String()
				}
				rec := append(append([]string{}, base...), c.Group, c.Name, string(c.Category), c.Unit,
					dec(c.HourlyQuantity), dec(c.MonthlyQuantity), price, dec(c.HourlyCost), dec(c.MonthlyCost),
					strconv.FormatBool(c.UsageBased), strconv.FormatBool(c.Approximate),
					strconv.FormatBool(c.Unknown), strconv.FormatBool(c.Unpriced), c.PriceRegion, c.Source, c.AsOf,
					c.Note)
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func dec(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}
