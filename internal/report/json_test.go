package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/golden"
)

func TestJSON(t *testing.T) {
	ps := goldenProjects()
	ps[0].Past = goldenPast()
	var buf bytes.Buffer
	if err := JSON(&buf, ps, Options{Time: goldenTime, Version: "v0.0.0-test", Command: "breakdown",
		UsageFile: "usage.yml"}); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, buf.Bytes())

	var root JSONRoot
	if err := json.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatal(err)
	}
	// Totals: 591.5375 now, 140.80 before, Δ 450.7375 a month.
	for name, c := range map[string]struct{ got, want string }{
		"total":  {root.TotalMonthlyCost.String(), "591.5375"},
		"past":   {root.PastTotalMonthlyCost.String(), "140.8"},
		"diff":   {root.DiffTotalMonthlyCost.String(), "450.7375"},
		"annual": {root.TotalAnnualCost.String(), "7098.45"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", name, c.got, c.want)
		}
	}
	p := root.Projects[0]
	// Diff: web gains the io1 volume (+$64.50), lambda/nat/db are new, old is gone (-$70.08).
	byName := map[string]JSONResource{}
	for _, r := range p.Diff.Resources {
		byName[r.Name] = r
	}
	if got := byName["aws_instance.web"].MonthlyCost.String(); got != "64.5" {
		t.Errorf("web diff = %s, want 64.5", got)
	}
	if got := byName["aws_instance.old"].MonthlyCost.String(); got != "-70.08" {
		t.Errorf("old diff = %s, want -70.08", got)
	}
	s := p.Summary
	if s.TotalDetectedResources != 7 || s.TotalSupportedResources != 5 || s.TotalNoPriceResources != 1 ||
		s.TotalUnsupportedResources != 1 || s.TotalUsageBasedResources != 2 || s.UnpricedComponents != 1 ||
		s.UnknownComponents != 1 || s.ApproximateComponents != 2 {
		t.Errorf("summary = %+v", s)
	}
}

func TestJSONWithoutPast(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, goldenProjects(), Options{Time: goldenTime}); err != nil {
		t.Fatal(err)
	}
	var root JSONRoot
	if err := json.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatal(err)
	}
	p := root.Projects[0]
	if len(p.PastBreakdown.Resources) != 0 || !p.PastBreakdown.TotalMonthlyCost.IsZero() {
		t.Errorf("past breakdown not empty: %+v", p.PastBreakdown)
	}
	if !root.DiffTotalMonthlyCost.Equal(*root.TotalMonthlyCost) {
		t.Errorf("diff %s != total %s without a past", root.DiffTotalMonthlyCost, root.TotalMonthlyCost)
	}
}

// TestJSONWriterMatchesEncodingJSON: the streaming writer produces exactly
// what encoding/json produces for the same document, including strings that
// need escaping.
func TestJSONWriterMatchesEncodingJSON(t *testing.T) {
	est := goldenEstimate()
	est.Resources[0].Address = "aws_instance.web[\"<a&b>\\\"\n\t\x01\u2028é\xff\"]"
	est.Resources[0].Components[0].Name = `Instance "usage" \u003c <b>`
	est.Resources[0].Tags = map[string]string{"b": "<x>", "a": "1"}
	est.Warnings = append(est.Warnings, "warn & <see>")
	for name, ps := range map[string][]Project{
		"past":  {{Name: "p", Path: "p.json", Estimate: est, Past: goldenPast()}},
		"plain": goldenProjects(),
		"none":  nil,
		"two":   {{Name: "a", Estimate: goldenEstimate()}, {Name: "b", Estimate: &estimate.Estimate{}}},
	} {
		root := BuildJSON(ps, Options{Time: goldenTime, Version: "v<1>", UsageFile: "u&.yml"})
		var want, got bytes.Buffer
		if err := encodeJSON(&want, root); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&got, root); err != nil {
			t.Fatal(err)
		}
		if want.String() != got.String() {
			t.Errorf("%s: writer differs from encoding/json:\n%s", name, golden.Diff(want.String(), got.String()))
		}
	}
}

func TestAppendDecimalMatchesString(t *testing.T) {
	for _, s := range []string{"0", "730", "70.08", "70.080", "0.005", "-0.005", "-3", "1e3", "1.5e2",
		"0.0109589041095890", "12345678901234567.5", "123456789012345678901234.5", "-0.00000000001",
		"100", "0.10", "-70.0800"} {
		d := decimal.RequireFromString(s)
		if got, want := string(appendDecimal(nil, d)), d.String(); got != want {
			t.Errorf("appendDecimal(%s) = %s, want %s", s, got, want)
		}
	}
	// Computed values: divisions with 16 digits of precision.
	v := decimal.NewFromInt(64).Div(decimal.NewFromInt(730))
	if got, want := string(appendDecimal(nil, v)), v.String(); got != want {
		t.Errorf("appendDecimal(64/730) = %s, want %s", got, want)
	}
}

// infracostRoot mirrors the structs Infracost's own code decodes its JSON
// into (internal/output/output.go: Root, Project, Breakdown, Resource,
// CostComponent, Summary): a tool built on them must read tfcost JSON.
type infracostRoot struct {
	Version  string `json:"version"`
	Currency string `json:"currency"`
	Projects []struct {
		Name     string `json:"name"`
		Metadata struct {
			Path string `json:"path"`
			Type string `json:"type"`
		} `json:"metadata"`
		PastBreakdown *infracostBreakdown `json:"pastBreakdown"`
		Breakdown     *infracostBreakdown `json:"breakdown"`
		Diff          *infracostBreakdown `json:"diff"`
		Summary       *infracostSummary   `json:"summary"`
	} `json:"projects"`
	TotalHourlyCost      *decimal.Decimal  `json:"totalHourlyCost"`
	TotalMonthlyCost     *decimal.Decimal  `json:"totalMonthlyCost"`
	PastTotalMonthlyCost *decimal.Decimal  `json:"pastTotalMonthlyCost"`
	DiffTotalMonthlyCost *decimal.Decimal  `json:"diffTotalMonthlyCost"`
	TimeGenerated        time.Time         `json:"timeGenerated"`
	Summary              *infracostSummary `json:"summary"`
}

type infracostBreakdown struct {
	Resources        []infracostResource `json:"resources"`
	FreeResources    []infracostResource `json:"freeResources"`
	TotalHourlyCost  *decimal.Decimal    `json:"totalHourlyCost"`
	TotalMonthlyCost *decimal.Decimal    `json:"totalMonthlyCost"`
}

type infracostResource struct {
	Name           string               `json:"name"`
	ResourceType   string               `json:"resourceType"`
	Tags           *map[string]string   `json:"tags"`
	Metadata       map[string]any       `json:"metadata"`
	HourlyCost     *decimal.Decimal     `json:"hourlyCost"`
	MonthlyCost    *decimal.Decimal     `json:"monthlyCost"`
	CostComponents []infracostComponent `json:"costComponents"`
	SubResources   []infracostResource  `json:"subresources"`
}

type infracostComponent struct {
	Name            string           `json:"name"`
	Unit            string           `json:"unit"`
	HourlyQuantity  *decimal.Decimal `json:"hourlyQuantity"`
	MonthlyQuantity *decimal.Decimal `json:"monthlyQuantity"`
	Price           decimal.Decimal  `json:"price"`
	HourlyCost      *decimal.Decimal `json:"hourlyCost"`
	MonthlyCost     *decimal.Decimal `json:"monthlyCost"`
}

type infracostSummary struct {
	TotalDetectedResources    *int            `json:"totalDetectedResources"`
	TotalSupportedResources   *int            `json:"totalSupportedResources"`
	TotalUnsupportedResources *int            `json:"totalUnsupportedResources"`
	TotalUsageBasedResources  *int            `json:"totalUsageBasedResources"`
	TotalNoPriceResources     *int            `json:"totalNoPriceResources"`
	UnsupportedResourceCounts *map[string]int `json:"unsupportedResourceCounts"`
	NoPriceResourceCounts     *map[string]int `json:"noPriceResourceCounts"`
}

func TestJSONReadsAsInfracost(t *testing.T) {
	ps := goldenProjects()
	ps[0].Past = goldenPast()
	var buf bytes.Buffer
	if err := JSON(&buf, ps, Options{Time: goldenTime}); err != nil {
		t.Fatal(err)
	}
	var r infracostRoot
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatalf("Infracost-shaped decode: %v", err)
	}
	if r.Version != "0.2" || r.Currency != "USD" || len(r.Projects) != 1 || !r.TimeGenerated.Equal(goldenTime) {
		t.Fatalf("root = %+v", r)
	}
	p := r.Projects[0]
	if p.Metadata.Type != "terraform_plan_json" || p.Metadata.Path != "examples/plan.json" {
		t.Errorf("metadata = %+v", p.Metadata)
	}
	// Sum what an Infracost consumer sees: resource costs, including
	// sub-resources, must add up to the totals (591.5375 a month).
	var sum decimal.Decimal
	for _, res := range p.Breakdown.Resources {
		if res.MonthlyCost != nil {
			sum = sum.Add(*res.MonthlyCost)
		}
		var own decimal.Decimal
		for _, c := range res.CostComponents {
			if c.MonthlyCost != nil {
				own = own.Add(*c.MonthlyCost)
			}
		}
		for _, sub := range res.SubResources {
			for _, c := range sub.CostComponents {
				if c.MonthlyCost != nil {
					own = own.Add(*c.MonthlyCost)
				}
			}
		}
		if res.MonthlyCost != nil && !own.Equal(*res.MonthlyCost) {
			t.Errorf("%s: components add up to %s, resource says %s", res.Name, own, res.MonthlyCost)
		}
	}
	if !sum.Equal(*p.Breakdown.TotalMonthlyCost) || !sum.Equal(*r.TotalMonthlyCost) || sum.String() != "591.5375" {
		t.Errorf("resources sum to %s; breakdown %s, root %s", sum, p.Breakdown.TotalMonthlyCost, r.TotalMonthlyCost)
	}
	if *r.Summary.TotalDetectedResources != 7 || *r.Summary.TotalSupportedResources != 5 ||
		(*r.Summary.NoPriceResourceCounts)["aws_iam_role"] != 1 || (*r.Summary.UnsupportedResourceCounts)["aws_foo_bar"] != 1 {
		t.Errorf("summary = %+v", r.Summary)
	}
	if r.DiffTotalMonthlyCost.String() != "450.7375" || r.PastTotalMonthlyCost.String() != "140.8" {
		t.Errorf("past %s, diff %s", r.PastTotalMonthlyCost, r.DiffTotalMonthlyCost)
	}
}
