package acceptance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/catalog"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/estimate/aws"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/usage"
)

// TestDump prints a compact breakdown of the plans named in TFCOST_DUMP
// (comma-separated paths; TFCOST_DUMP_USAGE for a usage file,
// TFCOST_DUMP_PRIOR=1 for the prior side). It is a review aid for people
// hand-checking figures and is skipped unless the variable is set.
func TestDump(t *testing.T) {
	files := os.Getenv("TFCOST_DUMP")
	if files == "" {
		t.Skip("set TFCOST_DUMP to a comma-separated list of plan files")
	}
	var u *usage.File
	if f := os.Getenv("TFCOST_DUMP_USAGE"); f != "" {
		var err error
		if u, err = usage.Load(f); err != nil {
			t.Fatal(err)
		}
	}
	est := estimate.New(estimate.Options{Catalog: catalog.Embedded(), Registry: aws.NewRegistry(), Usage: u})
	for _, f := range strings.Split(files, ",") {
		p, err := plan.ReadFile(f, plan.Options{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		e := est.Estimate(p)
		if os.Getenv("TFCOST_DUMP_PRIOR") != "" {
			e = est.EstimatePrior(p)
		}
		fmt.Printf("=== %s (format %s, tf %s) total %s/month\n", filepath.Base(f), p.FormatVersion, p.TerraformVersion, e.MonthlyCost)
		for _, w := range e.Warnings {
			fmt.Printf("  ! %s\n", w)
		}
		for _, r := range e.Resources {
			fmt.Printf("  %s [%s] %s %s(%s) %s %s %s\n", r.Address, r.Type, r.Action, r.Region, r.RegionSource, r.Status, r.MonthlyCost, r.Note)
			for _, c := range r.Components {
				mc := "nil"
				if c.MonthlyCost != nil {
					mc = c.MonthlyCost.String()
				}
				mq := "nil"
				if c.MonthlyQuantity != nil {
					mq = c.MonthlyQuantity.String()
				}
				flags := ""
				for _, fl := range []struct {
					b bool
					s string
				}{{c.UsageBased, "usage"}, {c.Unknown, "UNKNOWN"}, {c.Unpriced, "UNPRICED"}, {c.Approximate, "approx@" + c.PriceRegion}} {
					if fl.b {
						flags += " " + fl.s
					}
				}
				fmt.Printf("      - %s|%s: %s %s × %s = %s%s %s\n", c.Group, c.Name, mq, c.Unit, c.Price, mc, flags, c.Note)
			}
			for _, w := range r.Warnings {
				fmt.Printf("      ! %s\n", w)
			}
		}
	}
}
