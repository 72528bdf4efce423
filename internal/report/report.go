// Package report renders estimates for people and tools: one printer per
// output format (table, json, markdown, csv), each in its own file with its
// own golden test. Renderers only read estimates; they never price anything.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
	"github.com/tfcost/tfcost/internal/recommend"
)

// Project is one estimated plan as a report shows it.
type Project struct {
	// Name labels the project (config project name, or the plan path).
	Name string
	// Path is the plan file the estimate came from.
	Path string
	// Estimate is the cost of the planned values.
	Estimate *estimate.Estimate
	// Past is the cost of the prior state; nil when it was not computed, in
	// which case JSON reports an empty past breakdown (as Infracost does for
	// a plan with no prior state).
	Past *estimate.Estimate
	// Recommendations are the best savings per resource (recommend.Best),
	// shown in the FinOps section of breakdown outputs; nil when not computed.
	Recommendations []recommend.Recommendation
}

// Options control rendering. The zero value renders the defaults.
type Options struct {
	// Fields selects the table columns (see TableFields); empty = defaults.
	Fields []string
	// Color enables ANSI colours (table only). The CLI sets it only when
	// stdout is a terminal and --no-color is not given.
	Color bool
	// ShowSkipped lists free, unsupported and skipped resources one by one
	// instead of only counting them.
	ShowSkipped bool
	// Time is written as timeGenerated; zero means time.Now(). Tests fix it.
	Time time.Time
	// Version is the tfcost version, written into JSON metadata.
	Version string
	// Command is the tfcost subcommand that produced the report.
	Command string
	// UsageFile and ConfigFile are recorded in JSON metadata when set.
	UsageFile  string
	ConfigFile string
}

// Renderer writes projects in one format.
type Renderer func(w io.Writer, projects []Project, opts Options) error

// formats lists every output format by its --format name. Other report
// files add their formats here (one line each).
var formats = map[string]Renderer{
	"table":    Table,
	"json":     JSON,
	"markdown": Markdown,
	"csv":      CSV,
	// PR comments of a breakdown: planned costs and the prior → planned
	// change of the same plan (the projects need Past for the prior side).
	"github-comment":      commentOf(GitHubComment),
	"gitlab-comment":      commentOf(GitLabComment),
	"azure-repos-comment": commentOf(AzureReposComment),
	"bitbucket-comment":   commentOf(BitbucketComment),
}

// Lookup returns the renderer for a --format name.
func Lookup(format string) (Renderer, bool) {
	r, ok := formats[format]
	return r, ok
}

// Formats lists the format names, sorted, for help and error messages.
func Formats() []string {
	out := make([]string, 0, len(formats))
	for k := range formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var (
	hundred = decimal.NewFromInt(100)
	twelve  = decimal.NewFromInt(estimate.MonthsPerYear)
)

// Money formats a USD amount for people: "$1,234.57" (2 decimals, rounded
// half away from zero), "-$3.00" for negatives. Every renderer and the
// provider's diagnostics use it, so a figure reads the same everywhere.
func Money(d decimal.Decimal) string { return moneyPlaces(d, 2) }

// quantity formats a quantity for people: thousands separators and at most
// four decimals, trailing zeros dropped ("1,000", "0.5", "0.0001").
func quantity(d decimal.Decimal) string {
	r := d.Round(4)
	if r.IsZero() && !d.IsZero() {
		// Keep tiny but non-zero quantities visible rather than printing 0.
		return d.String()
	}
	s := r.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	out := thousands(intPart)
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// unitPrice formats a unit price with its full precision ("$0.0000166667").
func unitPrice(d decimal.Decimal) string {
	s := d.String()
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if !hasFrac {
		return "$" + thousands(intPart)
	}
	if len(frac) == 1 {
		frac += "0"
	}
	return "$" + thousands(intPart) + "." + frac
}

func thousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	pre := len(digits) % 3
	if pre > 0 {
		b.WriteString(digits[:pre])
	}
	for i := pre; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// percent formats a share: "41.18%".
func percent(d decimal.Decimal) string { return d.StringFixed(2) + "%" }

// group is the components of one sub-resource ("" = the resource itself), in
// the order the rule produced them.
type group struct {
	Name       string
	Components []estimate.Component
}

// groups splits a resource's components by Group, keeping first-seen order,
// with the resource's own components first.
func groups(r *estimate.Resource) (own []estimate.Component, subs []group) {
	idx := map[string]int{}
	for _, c := range r.Components {
		if c.Group == "" {
			own = append(own, c)
			continue
		}
		i, ok := idx[c.Group]
		if !ok {
			i = len(subs)
			idx[c.Group] = i
			subs = append(subs, group{Name: c.Group})
		}
		subs[i].Components = append(subs[i].Components, c)
	}
	return own, subs
}

// usageNote is the text shown for a usage-based component without usage:
// "depends on usage: $0.20 per 1M requests", followed by the rule's own note
// when it says something else (e.g. a free tier).
func usageNote(c estimate.Component) string {
	unit := c.Unit
	if unit == "" {
		unit = "unit"
	}
	s := "depends on usage: " + unitPrice(c.Price) + " per " + unit
	if c.Note != "" && !strings.HasPrefix(c.Note, "depends on usage") {
		s += " (" + c.Note + ")"
	}
	return s
}

// costMissing reports whether a component has no monthly cost to show, and
// why: "usage", "unknown" or "unpriced".
func costMissing(c estimate.Component) string {
	switch {
	case c.Unpriced:
		return "unpriced"
	case c.Unknown:
		return "unknown"
	case c.MonthlyCost == nil:
		return "usage"
	}
	return ""
}

// regionLine states the regions an estimate used and, when any resource fell
// back to the default region, says so and how to change it.
func regionLine(est *estimate.Estimate) string {
	seen := map[string]bool{}
	var regions []string
	usedDefault := false
	for _, r := range est.Resources {
		if r.Status == estimate.StatusSkipped || r.Region == "" {
			continue
		}
		if !seen[r.Region] {
			seen[r.Region] = true
			regions = append(regions, r.Region)
		}
		if r.RegionSource == plan.RegionFromDefault {
			usedDefault = true
		}
	}
	sort.Strings(regions)
	def := est.DefaultRegion
	if def == "" {
		def = plan.DefaultRegion
	}
	if len(regions) == 0 {
		regions = []string{def}
	}
	line := strings.Join(regions, ", ")
	if usedDefault {
		line = fmt.Sprintf("%s (%s is the default for resources whose provider sets no region; set --region or the provider's region)", line, def)
	}
	return line
}

// usageBasedResources counts resources with at least one usage-based component.
func usageBasedResources(est *estimate.Estimate) int {
	n := 0
	for _, r := range est.Resources {
		for _, c := range r.Components {
			if c.UsageBased {
				n++
				break
			}
		}
	}
	return n
}

// sortedCounts renders a type → count map as "aws_a ×2, aws_b ×1" sorted by
// count then name.
func sortedCounts(m map[string]int) string {
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range m {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool {
		if kvs[i].v != kvs[j].v {
			return kvs[i].v > kvs[j].v
		}
		return kvs[i].k < kvs[j].k
	})
	parts := make([]string, len(kvs))
	for i, e := range kvs {
		parts[i] = fmt.Sprintf("%s ×%d", e.k, e.v)
	}
	return strings.Join(parts, ", ")
}

// totals sums several projects' estimates.
type totals struct {
	Hourly, Monthly, Annual decimal.Decimal
}

func sumProjects(projects []Project, past bool) totals {
	var t totals
	for _, p := range projects {
		est := p.Estimate
		if past {
			est = p.Past
		}
		if est == nil {
			continue
		}
		t.Hourly = t.Hourly.Add(est.HourlyCost)
		t.Monthly = t.Monthly.Add(est.MonthlyCost)
	}
	t.Annual = t.Monthly.Mul(twelve)
	return t
}

// plural writes "1 component" or "2 components".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
