package recommend

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"
)

// Report is what `tfcost recommend` prints.
type Report struct {
	Project  string          `json:"project"`
	Currency string          `json:"currency"`
	Baseline decimal.Decimal `json:"baselineMonthlyCost"`
	// Recommendations are all candidates (several per resource possible).
	Recommendations []Recommendation `json:"recommendations"`
	// Plan is set when a target reduction was asked for.
	Plan *Selection `json:"plan,omitempty"`
}

// Formats Write understands.
var Formats = []string{"table", "json", "markdown"}

// Write renders the report as table, json or markdown.
func Write(w io.Writer, format string, r Report) error {
	switch format {
	case "", "table":
		return writeTable(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if r.Recommendations == nil {
			r.Recommendations = []Recommendation{}
		}
		return enc.Encode(r)
	case "markdown", "md":
		return writeMarkdown(w, r)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

func writeTable(w io.Writer, r Report) error {
	fmt.Fprintf(w, "Recommendations for %s (monthly cost %s)\n\n", r.Project, money(r.Baseline))
	if len(r.Recommendations) == 0 {
		fmt.Fprintln(w, "No recommendations: nothing found to cut with the catalog's prices.")
	} else {
		tableRows(w, r.Recommendations)
	}
	if r.Plan != nil {
		fmt.Fprintln(w)
		writePlanText(w, *r.Plan)
	}
	return nil
}

func tableRows(w io.Writer, recs []Recommendation) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RESOURCE\tCHANGE\tSAVING/MO\tNEW/MO\tRISK\tWHY")
	for _, c := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Resource(), c.Change, money(c.MonthlySaving), money(c.NewMonthly), c.Risk, c.Why)
	}
	tw.Flush()
}

// planHeadline says whether the target is reached, or why not.
func planHeadline(s Selection) (string, bool) {
	switch {
	case !s.Baseline.IsPositive():
		return fmt.Sprintf("The plan costs %s a month: there is nothing to cut.", money(s.Baseline)), true
	case len(s.Chosen) == 0:
		return fmt.Sprintf("Cannot reach a %s%% cut (%s of %s a month): no recommendation applies to this plan.",
			s.TargetPercent, money(s.TargetSaving), money(s.Baseline)), true
	}
	return "", false
}

func writePlanText(w io.Writer, s Selection) {
	if h, done := planHeadline(s); done {
		fmt.Fprintln(w, h)
		return
	}
	if s.Reached {
		fmt.Fprintf(w, "Plan to cut %s%% (%s of %s a month): %d change(s), saving %s (%s%%), highest risk %s.\n",
			s.TargetPercent, money(s.TargetSaving), money(s.Baseline), len(s.Chosen), money(s.Saving), s.Percent, s.MaxRisk)
	} else {
		fmt.Fprintf(w, "Cannot reach a %s%% cut (%s of %s a month): every usable recommendation together saves %s (%s%%), %s short.\n",
			s.TargetPercent, money(s.TargetSaving), money(s.Baseline), money(s.Saving), s.Percent, money(s.TargetSaving.Sub(s.Saving)))
	}
	for i, c := range s.Chosen {
		fmt.Fprintf(w, "  %d. [%s] %s: %s (saves %s/mo)\n", i+1, c.Risk, c.Resource(), c.Change, money(c.MonthlySaving))
	}
	fmt.Fprintf(w, "New monthly cost: %s\n", money(s.NewMonthly))
}

func writeMarkdown(w io.Writer, r Report) error {
	fmt.Fprintf(w, "## Recommendations for %s\n\nMonthly cost today: **%s**\n\n", mdEscape(r.Project), money(r.Baseline))
	WriteMarkdownTable(w, r.Recommendations)
	if s := r.Plan; s != nil {
		fmt.Fprintln(w)
		if h, done := planHeadline(*s); done {
			fmt.Fprintf(w, "### Plan: cut %s%%\n\n%s\n", s.TargetPercent, h)
			return nil
		}
		if s.Reached {
			fmt.Fprintf(w, "### Plan: cut %s%%\n\n%d change(s) save **%s** a month (%s%%), highest risk **%s**; new monthly cost %s.\n\n",
				s.TargetPercent, len(s.Chosen), money(s.Saving), s.Percent, s.MaxRisk, money(s.NewMonthly))
		} else {
			fmt.Fprintf(w, "### Plan: cut %s%% — not reachable\n\nEvery usable recommendation together saves **%s** a month (%s%%), %s short of %s.\n\n",
				s.TargetPercent, money(s.Saving), s.Percent, money(s.TargetSaving.Sub(s.Saving)), money(s.TargetSaving))
		}
		for i, c := range s.Chosen {
			fmt.Fprintf(w, "%d. `%s`: %s — saves %s/mo (%s risk)\n", i+1, mdEscape(c.Resource()), mdEscape(c.Change), money(c.MonthlySaving), c.Risk)
		}
	}
	return nil
}

// WriteMarkdownTable writes recommendations as a Markdown table (for the
// breakdown and comment sections of other reports).
func WriteMarkdownTable(w io.Writer, recs []Recommendation) {
	if len(recs) == 0 {
		fmt.Fprintln(w, "No recommendations.")
		return
	}
	fmt.Fprintln(w, "| Resource | Change | Saving/mo | New/mo | Risk | Why |")
	fmt.Fprintln(w, "|---|---|---:|---:|---|---|")
	for _, c := range recs {
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %s |\n", mdEscape(c.Resource()), mdEscape(c.Change), money(c.MonthlySaving),
			money(c.NewMonthly), c.Risk, mdEscape(c.Why))
	}
}

// WriteText writes recommendations as an aligned text table.
func WriteText(w io.Writer, recs []Recommendation) { tableRows(w, recs) }

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
