// Package acceptance holds end-to-end, hand-checked tests: real Terraform
// plans go through plan.ReadFile and the full estimator (embedded catalog,
// every AWS rule) and every resource's monthly cost is compared, as an exact
// decimal, with a figure worked out by hand from /work/shared/pricing. The
// arithmetic sits in a comment next to each figure, so a reviewer can redo it
// with the CSVs open; nothing here is copied from program output.
package acceptance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// Fixture locations. The permissively licensed plans are stored once, in
// internal/plan/testdata (provenance in its PROVENANCE.md); Infracost's
// example_usage.yml is stored in internal/usage/testdata. The unlicensed
// plans may only be read from the shared folder, never copied.
var (
	planDir       = filepath.Join("..", "plan", "testdata")
	usageDir      = filepath.Join("..", "usage", "testdata")
	unlicensedDir = filepath.Join("..", "..", "..", "shared", "fixtures", "plans", "unlicensed")
)

// want is the hand-checked expectation for one resource instance.
type want struct {
	Addr   string
	Region string
	Status estimate.Status
	// Monthly is the resource's monthly cost in USD ("0" for free,
	// unsupported and skipped resources, and for usage-based components
	// without usage, which add nothing).
	Monthly string
	// Action, when set, is the plan action ("create", "no-op", "update", …).
	Action string
}

// act sets the expected plan action.
func (w want) act(action string) want {
	w.Action = action
	return w
}

// priced, free and skipped build wants tersely. Each names the region so a
// want reads the same whatever its status.
func priced(addr, region, monthly string) want {
	return want{Addr: addr, Region: region, Status: estimate.StatusPriced, Monthly: monthly}
}

func free(addr, region string) want { //nolint:unparam // region kept like priced's and skipped's; today's fixtures are all us-east-1
	return want{Addr: addr, Region: region, Status: estimate.StatusFree, Monthly: "0"}
}

func skipped(addr, region string) want {
	return want{Addr: addr, Region: region, Status: estimate.StatusSkipped, Monthly: "0"}
}

// readPlan reads a plan file the way the CLI does.
func readPlan(t *testing.T, path string) *plan.Plan {
	t.Helper()
	p, err := plan.ReadFile(path, plan.Options{})
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return p
}

// estimator is the production configuration: embedded catalog, all AWS
// rules, and the usage file when usagePath is not "".
func estimator(t *testing.T, usagePath string) *estimate.Estimator {
	t.Helper()
	var u *usage.File
	if usagePath != "" {
		var err error
		if u, err = usage.Load(usagePath); err != nil {
			t.Fatalf("loading %s: %v", usagePath, err)
		}
	}
	return estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(), Usage: u})
}

// requireUnlicensed skips when the shared unlicensed fixtures are absent
// (e.g. on a fresh clone of the repository) and returns the plan's path.
func requireUnlicensed(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(unlicensedDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("unlicensed fixture %s not available: %v", name, err)
	}
	return path
}

// checkEstimate compares an estimate with the hand-checked wants: every
// resource of the estimate must be listed (so a new or vanished resource
// fails), with its region, status and exact monthly cost, and the total must
// equal both the sum of the wants and total.
func checkEstimate(t tb, est *estimate.Estimate, total string, wants []want) {
	t.Helper()
	got := map[string]*estimate.Resource{}
	for _, r := range est.Resources {
		if got[r.Address] != nil {
			t.Errorf("resource %s appears twice", r.Address)
		}
		got[r.Address] = r
	}
	sum := decimal.Zero
	seen := map[string]bool{}
	for _, w := range wants {
		seen[w.Addr] = true
		r := checkWant(t, got, w, &sum)
		if r == nil {
			continue
		}
		if r.Region != w.Region {
			t.Errorf("%s: region %q, want %q", w.Addr, r.Region, w.Region)
		}
		if w.Action != "" && r.Action != w.Action {
			t.Errorf("%s: action %q, want %q", w.Addr, r.Action, w.Action)
		}
	}
	for _, r := range est.Resources {
		if !seen[r.Address] {
			t.Errorf("%s (%s): in the estimate but not in the hand-checked list (monthly %s)", r.Address, r.Type, r.MonthlyCost)
		}
	}
	tot := checkTotal(t, est, sum, total)
	if want := tot.Mul(decimal.NewFromInt(12)); !est.AnnualCost.Equal(want) {
		t.Errorf("total annual %s, want %s", est.AnnualCost, want)
	}
}

// checkWant checks that w's resource is in rs with the wanted status and
// exact monthly cost, and adds the wanted cost to sum. It returns the
// resource, nil when it is missing.
func checkWant(t tb, rs map[string]*estimate.Resource, w want, sum *decimal.Decimal) *estimate.Resource {
	t.Helper()
	m := dec(t, w.Monthly)
	*sum = sum.Add(m)
	r := rs[w.Addr]
	if r == nil {
		t.Errorf("%s: missing from the estimate", w.Addr)
		return nil
	}
	if r.Status != w.Status {
		t.Errorf("%s: status %q, want %q (%s)", w.Addr, r.Status, w.Status, r.Note)
	}
	if !r.MonthlyCost.Equal(m) {
		t.Errorf("%s: monthly %s, want %s%s", w.Addr, r.MonthlyCost, w.Monthly, describe(r))
	}
	return r
}

// checkTotal checks that the hand-checked costs (sum) add up to the stated
// total, which catches a slip in the test's own arithmetic, and that the
// estimate's monthly total is that figure. It returns the total.
func checkTotal(t tb, est *estimate.Estimate, sum decimal.Decimal, total string) decimal.Decimal {
	t.Helper()
	tot := dec(t, total)
	if !sum.Equal(tot) {
		t.Errorf("test bug: the hand-checked costs add up to %s, not the stated total %s", sum, total)
	}
	if !est.MonthlyCost.Equal(tot) {
		t.Errorf("total monthly %s, want %s", est.MonthlyCost, total)
	}
	return tot
}

// tb is the part of testing.TB the checks use, so a known-bug case can run
// them against a collector instead of failing the test.
type tb interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// collector records what a check would report.
type collector struct{ problems []string }

func (c *collector) Helper() {}

func (c *collector) Errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *collector) Fatalf(format string, args ...any) { c.Errorf(format, args...) }

// knownBug runs check against a collector: while the bug is there the test
// is skipped with the bug's description and what the check found; once the
// check passes the test fails, asking for the knownBug marker to go.
func knownBug(t *testing.T, bug string, check func(tb)) {
	t.Helper()
	c := &collector{}
	check(c)
	if len(c.problems) == 0 {
		t.Fatalf("known bug no longer reproduces, remove the knownBug marker: %s", bug)
	}
	t.Skipf("known bug: %s\n\t%s", bug, strings.Join(c.problems, "\n\t"))
}

// component returns the component of r with the given group and name, or
// fails the test.
func component(t *testing.T, r *estimate.Resource, group, name string) *estimate.Component {
	t.Helper()
	for i := range r.Components {
		if r.Components[i].Group == group && r.Components[i].Name == name {
			return &r.Components[i]
		}
	}
	t.Fatalf("%s: no component %q in group %q%s", r.Address, name, group, describe(r))
	return nil
}

// checkLine checks one priced component: quantity, unit price and monthly
// cost, all exact.
func checkLine(t *testing.T, r *estimate.Resource, group, name, qty, price, monthly string) {
	t.Helper()
	c := component(t, r, group, name)
	if c.MonthlyQuantity == nil || !c.MonthlyQuantity.Equal(dec(t, qty)) {
		t.Errorf("%s %q: monthly quantity %v, want %s", r.Address, name, c.MonthlyQuantity, qty)
	}
	if !c.Price.Equal(dec(t, price)) {
		t.Errorf("%s %q: price %s, want %s", r.Address, name, c.Price, price)
	}
	if c.MonthlyCost == nil || !c.MonthlyCost.Equal(dec(t, monthly)) {
		t.Errorf("%s %q: monthly cost %v, want %s", r.Address, name, c.MonthlyCost, monthly)
	}
	if c.Unknown || c.Unpriced {
		t.Errorf("%s %q: unknown=%v unpriced=%v, want a priced line", r.Address, name, c.Unknown, c.Unpriced)
	}
}

// checkUsageLine checks a usage-based component that has no usage: it shows
// its unit price and adds nothing (nil cost, never $0).
func checkUsageLine(t *testing.T, r *estimate.Resource, group, name, price string) {
	t.Helper()
	c := component(t, r, group, name)
	if !c.UsageBased {
		t.Errorf("%s %q: not usage-based", r.Address, name)
	}
	if c.MonthlyCost != nil {
		t.Errorf("%s %q: monthly cost %s without usage, want none", r.Address, name, c.MonthlyCost)
	}
	if !c.Price.Equal(dec(t, price)) {
		t.Errorf("%s %q: price %s, want %s", r.Address, name, c.Price, price)
	}
}

// byAddress indexes an estimate's resources.
func byAddress(est *estimate.Estimate) map[string]*estimate.Resource {
	m := map[string]*estimate.Resource{}
	for _, r := range est.Resources {
		m[r.Address] = r
	}
	return m
}

func dec(t tb, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("bad decimal %q in test: %v", s, err)
	}
	return d
}

// describe lists a resource's components for failure messages.
func describe(r *estimate.Resource) string {
	var b strings.Builder
	for _, c := range r.Components {
		b.WriteString("\n\t\t" + c.Group + " " + c.Name + ": ")
		if c.MonthlyCost != nil {
			b.WriteString(c.MonthlyCost.String())
		} else {
			b.WriteString("-")
		}
		if c.Note != "" {
			b.WriteString(" (" + c.Note + ")")
		}
	}
	return b.String()
}
