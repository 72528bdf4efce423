package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
)

// ReadJSONFile reads a file written by the JSON renderer back into projects,
// for `diff --baseline` and `tfcost output` (merging per-project runs).
func ReadJSONFile(path string) ([]Project, *JSONRoot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, failure.Inputf(path, "cannot read tfcost JSON: %v", err)
	}
	return ReadJSON(path, data)
}

// IsJSONReport reports whether data looks like tfcost (or Infracost) JSON
// output rather than a Terraform plan: it has "projects" and no
// "resource_changes"/"planned_values".
func IsJSONReport(data []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return false
	}
	_, projects := top["projects"]
	_, rc := top["resource_changes"]
	_, pv := top["planned_values"]
	return projects && !rc && !pv
}

// ReadJSON decodes tfcost JSON; name is used in error messages. Each
// project's breakdown becomes its Estimate and its pastBreakdown its Past
// (nil when empty), with totals recomputed from the resources.
func ReadJSON(name string, data []byte) ([]Project, *JSONRoot, error) {
	var root JSONRoot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		return nil, nil, jsonError(name, data, err)
	}
	if root.Version == "" || root.Projects == nil {
		return nil, nil, &failure.Error{Kind: failure.Input, File: name, Msg: "not a tfcost JSON report",
			Expected: `an object with "version" and "projects" (tfcost breakdown --format json)`}
	}
	out := make([]Project, 0, len(root.Projects))
	for _, jp := range root.Projects {
		p := Project{Name: jp.Name, Path: jp.Metadata.Path}
		p.Estimate = fromBreakdown(jp, jp.Breakdown)
		// FinOps figures of the planned side (per-line carbon is not in the JSON).
		p.Estimate.Carbon, p.Estimate.Unit, p.Recommendations = jp.Carbon, jp.UnitEconomics, jp.Recommendations
		if jp.PastBreakdown != nil && (len(jp.PastBreakdown.Resources) > 0 || len(jp.PastBreakdown.FreeResources) > 0 ||
			len(jp.PastBreakdown.UnsupportedResources) > 0) {
			p.Past = fromBreakdown(jp, jp.PastBreakdown)
		}
		out = append(out, p)
	}
	return out, &root, nil
}

func fromBreakdown(jp JSONProject, b *JSONBreakdown) *estimate.Estimate {
	est := &estimate.Estimate{Name: jp.Name, PlanFile: jp.Metadata.Path, DefaultRegion: jp.Metadata.DefaultRegion,
		Currency: "USD", CatalogDate: jp.CatalogDate, Warnings: jp.Warnings, Range: jp.Range}
	if b == nil {
		estimate.Total(est)
		return est
	}
	add := func(rs []JSONResource, status estimate.Status) {
		for _, jr := range rs {
			r := &estimate.Resource{Address: jr.Name, Type: jr.ResourceType, Module: jr.Module, Region: jr.Region,
				RegionSource: jr.RegionSource, Action: jr.Action, Status: estimate.Status(jr.Status), Tags: jr.Tags,
				Range: jr.Range, CarbonKg: jr.CarbonKg, Warnings: jr.Warnings, Note: jr.Note}
			if r.Status == "" {
				r.Status = status
			}
			r.Components = readComponents("", jr.CostComponents)
			for _, sub := range jr.Subresources {
				r.Components = append(r.Components, readComponents(sub.Name, sub.CostComponents)...)
			}
			for _, c := range r.Components {
				if c.HourlyCost != nil {
					r.HourlyCost = r.HourlyCost.Add(*c.HourlyCost)
				}
				if c.MonthlyCost != nil {
					r.MonthlyCost = r.MonthlyCost.Add(*c.MonthlyCost)
				}
			}
			est.Resources = append(est.Resources, r)
		}
	}
	add(b.Resources, estimate.StatusPriced)
	add(b.FreeResources, estimate.StatusFree)
	add(b.UnsupportedResources, estimate.StatusUnsupported)
	rng := est.Range
	estimate.Total(est)
	est.Range = rng
	return est
}

func readComponents(group string, cs []JSONCostComponent) []estimate.Component {
	out := make([]estimate.Component, 0, len(cs))
	for _, c := range cs {
		ec := estimate.Component{Name: c.Name, Group: group, Unit: c.Unit, HourlyQuantity: c.HourlyQuantity,
			MonthlyQuantity: c.MonthlyQuantity, HourlyCost: c.HourlyCost, MonthlyCost: c.MonthlyCost,
			Category: c.Category, UsageBased: c.UsageBased, Unknown: c.Unknown, Unpriced: c.Unpriced,
			Approximate: c.Approximate, PriceRegion: c.PriceRegion, Source: c.PriceSource, AsOf: c.PriceAsOf, Note: c.Note}
		if c.Price != nil {
			ec.Price = *c.Price
		}
		out = append(out, ec)
	}
	return out
}

// jsonError positions a decoding error at its line and column.
func jsonError(name string, data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	msg := "invalid tfcost JSON: " + err.Error()
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		msg = "invalid tfcost JSON: " + te.Field + " has the wrong type"
	case errors.Is(err, io.ErrUnexpectedEOF):
		// A CI artifact cut short (disk full, job killed): say so, at its end.
		off = int64(len(data))
		msg = "invalid tfcost JSON: the file ends in the middle of the JSON (truncated?)"
	}
	e := &failure.Error{Kind: failure.Input, File: name, Msg: msg, Err: err}
	if off > 0 {
		off-- // the decoder's offset is just past the offending byte or value
	}
	if off >= 0 {
		e.Line, e.Column = 1, 1
		for _, b := range data[:min(int(off), len(data))] {
			if b == '\n' {
				e.Line++
				e.Column = 1
			} else {
				e.Column++
			}
		}
	}
	return e
}
