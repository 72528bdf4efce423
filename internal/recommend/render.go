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

// printer remembers the first write error, so a renderer writes line after
// line and reports one failure at the end (bufio.Writer's idiom): a closed
// pipe or a full disk must not pass as a finished report.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}

func (p *printer) println(a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintln(p.w, a...)
	}
}

func writeTable(w io.Writer, r Report) error {
	p := &printer{w: w}
	p.printf("Recommendations for %s (monthly cost %s)\n\n", r.Project, money(r.Baseline))
	if len(r.Recommendations) == 0 {
		p.println("No recommendations: nothing found to cut with the catalog's prices.")
	} else {
		tableRows(p, r.Recommendations)
	}
	if r.Plan != nil {
		p.println()
		writePlanText(p, *r.Plan)
	}
	return p.err
}

func tableRows(p *printer, recs []Recommendation) {
	if p.err != nil {
		return
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	t := &printer{w: tw}
	t.println("RESOURCE\tCHANGE\tSAVING/MO\tNEW/MO\tRISK\tWHY")
	for _, c := range recs {
		t.printf("%s\t%s\t%s\t%s\t%s\t%s\n", c.Resource(), c.Change, money(c.MonthlySaving), money(c.NewMonthly), c.Risk, c.Why)
	}
	if t.err == nil {
		t.err = tw.Flush()
	}
	p.err = t.err
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

func writePlanText(p *printer, s Selection) {
	if h, done := planHeadline(s); done {
		p.println(h)
		return
	}
	if s.Reached {
		p.printf("Plan to cut %s%% (%s of %s a month): %d change(s), saving %s (%s%%), highest risk %s.\n",
			s.TargetPercent, money(s.TargetSaving), money(s.Baseline), len(s.Chosen), money(s.Saving), s.Percent, s.MaxRisk)
	} else {
		p.printf("Cannot reach a %s%% cut (%s of %s a month): every usable recommendation together saves %s (%s%%), %s short.\n",
			s.TargetPercent, money(s.TargetSaving), money(s.Baseline), money(s.Saving), s.Percent, money(s.TargetSaving.Sub(s.Saving)))
	}
	for i, c := range s.Chosen {
		p.printf("  %d. [%s] %s: %s (saves %s/mo)\n", i+1, c.Risk, c.Resource(), c.Change, money(c.MonthlySaving))
	}
	p.printf("New monthly cost: %s\n", money(s.NewMonthly))
}

func writeMarkdown(w io.Writer, r Report) error {
	p := &printer{w: w}
	p.printf("## Recommendations for %s\n\nMonthly cost today: **%s**\n\n", mdEscape(r.Project), money(r.Baseline))
	markdownTable(p, r.Recommendations)
	if s := r.Plan; s != nil {
		p.println()
		if h, done := planHeadline(*s); done {
			p.printf("### Plan: cut %s%%\n\n%s\n", s.TargetPercent, h)
			return p.err
		}
		if s.Reached {
			p.printf("### Plan: cut %s%%\n\n%d change(s) save **%s** a month (%s%%), highest risk **%s**; new monthly cost %s.\n\n",
				s.TargetPercent, len(s.Chosen), money(s.Saving), s.Percent, s.MaxRisk, money(s.NewMonthly))
		} else {
			p.printf("### Plan: cut %s%% — not reachable\n\nEvery usable recommendation together saves **%s** a month (%s%%), %s short of %s.\n\n",
				s.TargetPercent, money(s.Saving), s.Percent, money(s.TargetSaving.Sub(s.Saving)), money(s.TargetSaving))
		}
		for i, c := range s.Chosen {
			p.printf("%d. `%s`: %s — saves %s/mo (%s risk)\n", i+1, mdEscape(c.Resource()), mdEscape(c.Change), money(c.MonthlySaving), c.Risk)
		}
	}
	return p.err
}

// WriteMarkdownTable writes recommendations as a Markdown table (for the
// breakdown and comment sections of other reports). It returns the first
// write error.
func WriteMarkdownTable(w io.Writer, recs []Recommendation) error {
	p := &printer{w: w}
	markdownTable(p, recs)
	return p.err
}

func markdownTable(p *printer, recs []Recommendation) {
	if len(recs) == 0 {
		p.println("No recommendations.")
		return
	}
	p.println("| Resource | Change | Saving/mo | New/mo | Risk | Why |")
	p.println("|---|---|---:|---:|---|---|")
	for _, c := range recs {
		p.printf("| `%s` | %s | %s | %s | %s | %s |\n", mdEscape(c.Resource()), mdEscape(c.Change), money(c.MonthlySaving),
			money(c.NewMonthly), c.Risk, mdEscape(c.Why))
	}
}

// WriteText writes recommendations as an aligned text table. It returns the
// first write error.
func WriteText(w io.Writer, recs []Recommendation) error {
	p := &printer{w: w}
	tableRows(p, recs)
	return p.err
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
