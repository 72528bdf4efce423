package aws

import (
	"strings"
	"testing"
	"time"
)

// covCase is one row of a coverage rule's table test: a resource's planned
// values, its usage, and the monthly cost expected per component (worked out
// by hand from shared/pricing; arithmetic in the row's comment).
type covCase struct {
	name    string
	region  string    // default us-east-1
	now     time.Time // the date priced on; zero: the clock
	values  string
	unknown string
	usage   string // YAML keys of the resource's usage ("" for none)
	// others are more resources in the plan (templates, clusters, subnets).
	others []testResource
	refs   map[string][]string
	// want maps component name → monthly cost ("" = nil: usage not given,
	// unknown or unpriced).
	want map[string]string
	// unpriced lists components that must be reported unpriced.
	unpriced []string
	// unknownLines lists components that must be unknown until apply: no
	// cost, not counted unpriced, and a warning on the resource.
	unknownLines []string
	// note maps component name → text its note must contain.
	note  map[string]string
	total string
	// count is the expected number of components (0 = not checked).
	count int
}

// runCovCases prices each case as "<typ>.this" and checks it.
func runCovCases(t *testing.T, typ string, cases []covCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			region := tc.region
			if region == "" {
				region = "us-east-1"
			}
			r := testResource{Type: typ, Values: tc.values, Unknown: tc.unknown, References: tc.refs}
			rs := append([]testResource{r}, tc.others...)
			est := pricePlanOpts(t, region, resourceUsage(r.Address(), tc.usage), testOptions{Now: tc.now}, rs...)
			res := est.Resources[0]
			if len(res.Warnings) > 0 {
				t.Logf("warnings: %v", res.Warnings)
			}
			for name, want := range tc.want {
				assertMonthly(t, res, name, want)
			}
			for _, name := range tc.unpriced {
				if c := comp(t, res, name); !c.Unpriced {
					t.Errorf("%q: want unpriced, got price %s (note %q)", name, c.Price, c.Note)
				}
			}
			for _, name := range tc.unknownLines {
				if c := comp(t, res, name); !c.Unknown || c.Unpriced || c.MonthlyCost != nil {
					t.Errorf("%q: unknown=%v unpriced=%v cost=%v, want unknown only (note %q)", name, c.Unknown, c.Unpriced, c.MonthlyCost, c.Note)
				}
				if len(res.Warnings) == 0 {
					t.Errorf("%q: no warning about the unknown value", name)
				}
			}
			for name, text := range tc.note {
				if c := comp(t, res, name); !strings.Contains(c.Note, text) {
					t.Errorf("%q note = %q, want it to contain %q", name, c.Note, text)
				}
			}
			if tc.total != "" {
				assertTotal(t, res, tc.total)
			}
			if tc.count > 0 && len(res.Components) != tc.count {
				t.Errorf("%d components %s, want %d", len(res.Components), componentNames(res), tc.count)
			}
		})
	}
}
