package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/policy"
)

// DiffRenderer writes a diff report in one format.
type DiffRenderer func(w io.Writer, r *diff.Report, opts Options) error

// diffFormats lists the --format names of `tfcost diff` (and of `comment`
// bodies): table, json, markdown and one comment flavour per platform.
var diffFormats = map[string]DiffRenderer{
	"table":               DiffTable,
	"json":                DiffJSON,
	"markdown":            DiffMarkdown,
	"github-comment":      func(w io.Writer, r *diff.Report, _ Options) error { return GitHubComment(w, r) },
	"gitlab-comment":      func(w io.Writer, r *diff.Report, _ Options) error { return GitLabComment(w, r) },
	"azure-repos-comment": func(w io.Writer, r *diff.Report, _ Options) error { return AzureReposComment(w, r) },
	"bitbucket-comment":   func(w io.Writer, r *diff.Report, _ Options) error { return BitbucketComment(w, r) },
}

// LookupDiff returns the diff renderer for a --format name.
func LookupDiff(format string) (DiffRenderer, bool) {
	r, ok := diffFormats[format]
	return r, ok
}

// DiffFormats lists the diff format names, sorted.
func DiffFormats() []string {
	out := make([]string, 0, len(diffFormats))
	for k := range diffFormats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// CommentFormat is the --format name of a platform's comment
// ("github" → "github-comment").
func CommentFormat(platform string) string { return platform + "-comment" }

// CommentMarkerFor is the hidden marker the platform's comment carries, used
// to find the previous comment.
func CommentMarkerFor(platform string) string {
	switch platform {
	case "bitbucket":
		return bitbucketPlatform.marker
	}
	return githubPlatform.marker
}

// DiffMarkdown is the GitHub-flavoured comment body without the hidden
// marker, for pasting or job summaries.
func DiffMarkdown(w io.Writer, r *diff.Report, _ Options) error {
	pf := githubPlatform
	pf.marker = ""
	pf.recs = true
	var b strings.Builder
	if err := renderComment(&b, r, pf); err != nil {
		return err
	}
	_, err := io.WriteString(w, strings.TrimLeft(b.String(), "\n"))
	return err
}

// diffJSON is `tfcost diff --format json`: the breakdown JSON (so the file
// can be a later --baseline or merged by `tfcost output`) plus the changes
// and the policy verdict.
type diffJSON struct {
	*JSONRoot
	Changes *diff.Report `json:"changes"`
}

// DiffJSON writes the projects' breakdown JSON with a "changes" section
// (per-resource and per-component deltas, totals, verdict).
func DiffJSON(w io.Writer, r *diff.Report, opts Options) error {
	var projects []Project
	for _, p := range r.Projects {
		projects = append(projects, Project{Name: p.Name, Path: p.Path, Estimate: p.Planned, Past: p.Prior, Recommendations: p.Recommendations})
	}
	if opts.Command == "" {
		opts.Command = "diff"
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(diffJSON{JSONRoot: BuildJSON(projects, opts), Changes: r})
}

// DiffTable writes the diff for a terminal: per project, the changed
// resources with their action and monthly delta, then components that moved.
func DiffTable(w io.Writer, r *diff.Report, _ Options) error {
	var b strings.Builder
	marked := false // a ~, unknown or unpriced marker was shown: explain them
	for _, p := range r.Projects {
		fmt.Fprintf(&b, "Project: %s\n", printable(p.Name))
		if p.Path != "" && p.Path != p.Name {
			fmt.Fprintf(&b, "Plan:    %s\n", printable(p.Path))
		}
		b.WriteString("\n")
		rows := [][]string{{"", "RESOURCE", "PRIOR", "PLANNED", "Δ/MONTH"}}
		for _, res := range p.Resources {
			if !res.Changed() {
				continue
			}
			rows = append(rows, []string{actionMark(res.Action), printable(res.Address), Money(res.Monthly.Prior),
				Money(res.Monthly.Planned), signedUSD(res.Monthly.Delta)})
			for _, c := range res.Components {
				if c.Delta.IsZero() && !c.Incomplete() {
					continue
				}
				name := printable(c.Name)
				if c.Group != "" {
					name = printable(c.Group) + " › " + name
				}
				prior, planned := priorCell(c), plannedCell(c)
				marked = marked || c.Incomplete() || c.Approximate || c.PriorApproximate
				rows = append(rows, []string{"", "  └ " + name, prior, planned, signedUSD(c.Delta)})
			}
		}
		if len(rows) == 1 {
			b.WriteString("  No resource changes.\n")
		} else {
			writeColumns(&b, rows)
		}
		fmt.Fprintf(&b, "\n  Monthly: %s → %s (%s, %s)\n", Money(p.Monthly.Prior), Money(p.Monthly.Planned),
			signedUSD(p.Monthly.Delta), pctText(p.Monthly))
		if s := actionCounts(p.Actions); s != "" {
			fmt.Fprintf(&b, "  Actions: %s\n", s)
		}
		b.WriteString("\n")
	}
	if len(r.Projects) > 1 {
		fmt.Fprintf(&b, "All projects: %s → %s (%s, %s)\n", Money(r.Monthly.Prior), Money(r.Monthly.Planned),
			signedUSD(r.Monthly.Delta), pctText(r.Monthly))
	}
	if marked {
		b.WriteString(markerLegend + "\n")
	}
	if recs := diffRecommendations(r); len(recs) > 0 {
		var rb strings.Builder
		t := &tableWriter{w: &rb}
		t.recommendations(recs)
		if marked || len(r.Projects) > 1 {
			b.WriteString("\n") // the project sections already end with a blank line
		}
		b.WriteString(strings.TrimPrefix(rb.String(), "\n") + "\n")
	}
	for _, n := range noteLines(r.Notes, func(s string) string { return s }) {
		b.WriteString("Note: " + n + "\n")
	}
	if r.Baseline != "" && r.Baseline != "prior state" {
		fmt.Fprintf(&b, "Compared with %s.\n", r.Baseline)
	}
	if r.CatalogDate != "" {
		fmt.Fprintf(&b, "Catalog: prices as of %s.\n", r.CatalogDate)
	}
	if r.Verdict != nil {
		b.WriteString("\n")
		if err := policy.WriteText(&b, *r.Verdict); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func actionMark(a string) string {
	switch a {
	case diff.Create:
		return "+"
	case diff.Delete:
		return "-"
	case diff.Replace:
		return "-/+"
	case diff.Update:
		return "~"
	}
	return " "
}

func actionCounts(m map[string]int) string {
	var parts []string
	for _, a := range []string{diff.Create, diff.Update, diff.Replace, diff.Delete} {
		if m[a] > 0 {
			parts = append(parts, fmt.Sprintf("%d to %s", m[a], a))
		}
	}
	return strings.Join(parts, ", ")
}

// markerLegend explains the per-component markers of diff outputs.
const markerLegend = "~ priced with the us-east-1 figure (approximate) · unknown: depends on values known only after apply · unpriced: no catalog price (neither is counted as $0)"

// priorCell and plannedCell are a component's monthly cost on each side
// with breakdown's markers: "~$3.29" approximate, "unknown", "unpriced", or
// "–" when the side has no such line (or it depends on usage).
func priorCell(c diff.Component) string {
	return markedMoney(c.PriorCost, c.PriorApproximate, c.PriorUnknown, c.PriorUnpriced)
}

func plannedCell(c diff.Component) string {
	return markedMoney(c.PlannedCost, c.Approximate, c.Unknown, c.Unpriced)
}

func markedMoney(d *decimal.Decimal, approximate, unknown, unpriced bool) string {
	switch {
	case unpriced:
		return "unpriced"
	case unknown:
		return "unknown"
	case d == nil:
		return "–"
	case approximate:
		return "~" + Money(*d)
	}
	return Money(*d)
}

// diffRecommendations are the planned side's top recommendations of every
// project, largest saving first, labelled by project when there are several.
func diffRecommendations(r *diff.Report) []projectRec {
	ps := make([]Project, 0, len(r.Projects))
	for _, p := range r.Projects {
		ps = append(ps, Project{Name: p.Name, Estimate: p.Planned, Recommendations: p.Recommendations})
	}
	return topRecommendations(ps, len(ps) > 1)
}

// printable drops control characters (a terminal escape sequence in an
// address or tag must not reach the user's terminal).
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// writeColumns left-aligns the first two columns and right-aligns the rest.
func writeColumns(b *strings.Builder, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], width(c))
		}
	}
	for _, r := range rows {
		line := " "
		for i, c := range r {
			line += " " + pad(c, widths[i], i < 2)
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}
