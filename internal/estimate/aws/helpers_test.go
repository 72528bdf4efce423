package aws

// Shared test helpers for every rule in this package. Expected costs in the
// tests are worked out by hand from /work/shared/pricing figures (the
// arithmetic sits in a comment next to each case) and checked against the
// embedded catalog, so a figure that changes in the catalog fails loudly.

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// testResource describes one resource of a test plan.
type testResource struct {
	Type, Name string
	// Values is the planned attribute object (JSON); Unknown its
	// after_unknown mirror ("" for none).
	Values, Unknown string
	// References are configuration references (attribute → addresses
	// without index), e.g. {"task_definition": {"aws_ecs_task_definition.app"}}.
	References map[string][]string
}

// Address is the resource's address in the test plan.
func (r testResource) Address() string {
	name := r.Name
	if name == "" {
		name = "this"
	}
	return r.Type + "." + name
}

// testOptions are optional estimator settings for pricePlanOpts.
type testOptions struct {
	StrictPrices bool
	// Now pins the date (zero: the clock).
	Now time.Time
}

// priceOne prices one resource of type typ (address "<typ>.this") with the
// planned values valuesJSON and usageYAML (the resource's usage keys as a
// YAML mapping, "" for none) in region, using the embedded catalog and the
// full AWS registry.
func priceOne(t *testing.T, typ, valuesJSON, usageYAML, region string) *estimate.Resource {
	t.Helper()
	return priceOneUnknown(t, typ, valuesJSON, "", usageYAML, region)
}

// priceOneUnknown is priceOne with an after_unknown object.
func priceOneUnknown(t *testing.T, typ, valuesJSON, unknownJSON, usageYAML, region string) *estimate.Resource {
	t.Helper()
	r := testResource{Type: typ, Values: valuesJSON, Unknown: unknownJSON}
	est := pricePlan(t, region, resourceUsage(r.Address(), usageYAML), r)
	return est.Resources[0]
}

// resourceUsage wraps one resource's usage keys into a usage file.
func resourceUsage(address, keysYAML string) string {
	if strings.TrimSpace(keysYAML) == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("version: 0.1\nresource_usage:\n  " + quoteYAML(address) + ":\n")
	for _, line := range strings.Split(strings.TrimRight(keysYAML, "\n"), "\n") {
		b.WriteString("    " + line + "\n")
	}
	return b.String()
}

func quoteYAML(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// pricePlan prices a plan of resources in region; usageFile is a whole
// usage file ("" for none).
func pricePlan(t *testing.T, region, usageFile string, rs ...testResource) *estimate.Estimate {
	t.Helper()
	return pricePlanOpts(t, region, usageFile, testOptions{}, rs...)
}

// pricePlanOpts is pricePlan with estimator options.
func pricePlanOpts(t *testing.T, region, usageFile string, o testOptions, rs ...testResource) *estimate.Estimate {
	t.Helper()
	var u *usage.File
	if usageFile != "" {
		var err error
		if u, err = usage.Parse("test-usage.yml", []byte(usageFile)); err != nil {
			t.Fatalf("usage: %v", err)
		}
	}
	p := &plan.Plan{File: "test"}
	for _, r := range rs {
		if !json.Valid([]byte(r.Values)) {
			t.Fatalf("%s: values are not JSON: %s", r.Address(), r.Values)
		}
		pr := &plan.Resource{Address: r.Address(), Type: r.Type, Name: strings.TrimPrefix(r.Address(), r.Type+"."),
			Region: region, RegionSource: plan.RegionFromProvider, Action: plan.ActionCreate,
			After: json.RawMessage(r.Values), References: r.References}
		if r.Unknown != "" {
			pr.AfterUnknown = json.RawMessage(r.Unknown)
		}
		p.Resources = append(p.Resources, pr)
	}
	opts := estimate.Options{Catalog: catalog.Embedded(), Registry: NewRegistry(), Usage: u, StrictPrices: o.StrictPrices}
	if !o.Now.IsZero() {
		opts.Now = func() time.Time { return o.Now }
	}
	e := estimate.New(opts)
	return e.Estimate(p)
}

// comp returns the component named name (exact), failing the test when absent.
func comp(t *testing.T, r *estimate.Resource, name string) estimate.Component {
	t.Helper()
	for _, c := range r.Components {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("%s: no component %q; have %s", r.Address, name, componentNames(r))
	return estimate.Component{}
}

// hasComp reports whether r has a component named name.
func hasComp(r *estimate.Resource, name string) bool {
	for _, c := range r.Components {
		if c.Name == name {
			return true
		}
	}
	return false
}

func componentNames(r *estimate.Resource) string {
	var names []string
	for _, c := range r.Components {
		names = append(names, fmt.Sprintf("%q", c.Name))
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// assertCost checks a cost exactly (decimal equality). want "" means the
// cost must be nil (usage not given, unknown or unpriced).
func assertCost(t *testing.T, got *decimal.Decimal, want string) {
	t.Helper()
	if want == "" {
		if got != nil {
			t.Errorf("cost = %s, want none (nil)", got)
		}
		return
	}
	if got == nil {
		t.Errorf("cost = nil, want %s", want)
		return
	}
	if w := decimal.RequireFromString(want); !got.Equal(w) {
		t.Errorf("cost = %s, want %s", got, w)
	}
}

// assertMonthly checks component name's monthly cost on r.
func assertMonthly(t *testing.T, r *estimate.Resource, name, want string) {
	t.Helper()
	c := comp(t, r, name)
	if c.MonthlyCost == nil && want != "" {
		t.Errorf("%s %q: monthly cost nil (unpriced=%v unknown=%v note=%q), want %s", r.Address, name, c.Unpriced, c.Unknown, c.Note, want)
		return
	}
	assertCost(t, c.MonthlyCost, want)
}

// assertTotal checks r's monthly total exactly.
func assertTotal(t *testing.T, r *estimate.Resource, want string) {
	t.Helper()
	if w := decimal.RequireFromString(want); !r.MonthlyCost.Equal(w) {
		t.Errorf("%s monthly total = %s, want %s; components %s", r.Address, r.MonthlyCost, w, componentNames(r))
	}
}

// decimalOf parses a decimal literal in tests.
func decimalOf(s string) decimal.Decimal { return decimal.RequireFromString(s) }
