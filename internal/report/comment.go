package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/template"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/policy"
)

// CommentMarker is hidden in every comment so `tfcost comment` finds its own
// comment on the next run and updates it instead of adding another.
const CommentMarker = "tfcost-comment"

//go:embed templates/comment.md.tmpl
var commentTemplate string

// platform is what differs between the PR comment flavours: how the marker
// is hidden, whether HTML (<details>) renders, and how text is escaped.
type platform struct {
	name   string
	marker string
	html   bool
	// maxLen is the platform's comment size limit in bytes; the resource list
	// is shortened until the body fits.
	maxLen int
	// recs lists the top recommendations (diff --format markdown); PR
	// comments keep to the one-line savings note.
	recs bool
}

// commentView is the template's data: every string a user controls is
// still raw here and escaped by the template's esc/cell functions.
type commentView struct {
	Marker        string
	Headline      string
	Baseline      string
	Monthly       diff.Change
	Annual        *decimal.Decimal
	Verdict       *verdictView
	Projects      []*diff.Project
	Categories    []diff.Category
	Resources     []resourceView
	ResourceCount int
	More          int
	Notes         []string
	CatalogDate   string
	// Marked is set when a line shows a ~, unknown or unpriced marker.
	Marked bool
	// Recommendations is the rendered (escaped) top-recommendations table.
	Recommendations string
}

type verdictView struct {
	Line          string
	Rows          []violationView
	NotApplicable []string
}

type violationView struct {
	Policy, Enforcement, Limit, Actual, Over, Message string
}

type resourceView struct {
	Symbol  string
	Project string
	Address string
	Monthly diff.Change
	Lines   []diff.Component
}

// renderComment renders a diff report as a PR comment for a platform.
func renderComment(w io.Writer, r *diff.Report, pf platform) error {
	// Shorten the resource list until the comment fits the platform's limit.
	for _, limit := range []int{100, 40, 10, 0} {
		var b bytes.Buffer
		if err := executeComment(&b, r, pf, limit); err != nil {
			return err
		}
		if pf.maxLen == 0 || b.Len() <= pf.maxLen || limit == 0 {
			_, err := w.Write(b.Bytes())
			return err
		}
	}
	return nil
}

func executeComment(w io.Writer, r *diff.Report, pf platform, limit int) error {
	esc := markdownEscaper(pf.html)
	funcs := template.FuncMap{
		"esc":     esc,
		"cell":    esc, // esc already escapes "|" and newlines, so it is table-safe
		"usd":     Money,
		"signed":  signedUSD,
		"pct":     pctText,
		"legend":  func() string { return esc(markerLegend) },
		"prior":   priorCell,
		"planned": plannedCell,
		"open": func(summary string) string {
			if pf.html {
				return "<details><summary>" + summary + "</summary>\n"
			}
			return "**" + summary + "**\n"
		},
		"close": func() string {
			if pf.html {
				return "\n\n</details>"
			}
			return ""
		},
	}
	t, err := template.New("comment").Funcs(funcs).Parse(commentTemplate)
	if err != nil {
		return err
	}
	return t.Execute(w, buildCommentView(r, pf, limit))
}

func buildCommentView(r *diff.Report, pf platform, limit int) commentView {
	v := commentView{Marker: pf.marker, Headline: headline(r.Monthly), Baseline: r.Baseline, Monthly: r.Monthly,
		Projects: r.Projects, CatalogDate: r.CatalogDate}
	if v.Baseline == "" {
		v.Baseline = "prior state"
	}
	if !r.Monthly.Delta.IsZero() {
		a := r.Monthly.Delta.Mul(twelve)
		v.Annual = &a
	}
	for _, c := range r.Categories {
		if !c.Prior.IsZero() || !c.Planned.IsZero() {
			v.Categories = append(v.Categories, c)
		}
	}
	v.Verdict = buildVerdictView(r.Verdict)
	many := len(r.Projects) > 1
	var all []resourceView
	for _, p := range r.Projects {
		for _, res := range p.Resources {
			if !res.Changed() {
				continue
			}
			rv := resourceView{Symbol: actionSymbol(res.Action), Address: res.Address, Monthly: res.Monthly}
			if many {
				rv.Project = p.Name
			}
			for _, c := range res.Components {
				if !c.Delta.IsZero() || c.Incomplete() {
					rv.Lines = append(rv.Lines, c)
				}
			}
			all = append(all, rv)
		}
	}
	// Biggest changes first, so a shortened list keeps what matters.
	sort.SliceStable(all, func(i, j int) bool {
		return all[i].Monthly.Delta.Abs().Cmp(all[j].Monthly.Delta.Abs()) > 0
	})
	v.ResourceCount = len(all)
	if len(all) > limit {
		v.More = len(all) - limit
		all = all[:limit]
	}
	v.Resources = all
	for _, rv := range all {
		for _, c := range rv.Lines {
			v.Marked = v.Marked || c.Incomplete() || c.Approximate || c.PriorApproximate
		}
	}
	if pf.recs {
		var b strings.Builder
		esc := markdownEscaper(pf.html)
		mdRecommendations(&b, diffRecommendations(r), esc, esc)
		v.Recommendations = strings.TrimSpace(b.String())
	}
	v.Notes = noteLines(r.Notes, markdownEscaper(pf.html))
	v.Notes = append(v.Notes, commentFinOps(r)...)
	return v
}

func buildVerdictView(v *policy.Verdict) *verdictView {
	if v == nil {
		return nil
	}
	out := &verdictView{}
	hard, soft, adv := 0, 0, 0
	for _, x := range v.Violations {
		switch x.Enforcement {
		case policy.Hard:
			hard++
		case policy.Soft:
			soft++
		default:
			adv++
		}
		row := violationView{Policy: x.Policy, Enforcement: string(x.Enforcement), Limit: "–", Actual: "–", Over: "–",
			Message: x.Message}
		if x.Limit != nil && x.Detail != "" {
			row.Message = x.Detail // the figures are in their own columns
		}
		if x.Limit != nil && x.Actual != nil && x.Over != nil {
			f := Money
			if x.Unit == "%" {
				f = func(d decimal.Decimal) string { return d.StringFixed(2) + "%" }
			}
			row.Limit, row.Actual, row.Over = f(*x.Limit), f(*x.Actual), f(*x.Over)
		}
		out.Rows = append(out.Rows, row)
	}
	for _, n := range v.NotApplicable {
		out.NotApplicable = append(out.NotApplicable, fmt.Sprintf("not applied: %s %q: %s", n.Kind, n.Policy, n.Message))
	}
	switch {
	case len(v.Errors) > 0:
		out.Line = fmt.Sprintf("⚠️ **Budget policies could not be evaluated** (%d error(s)); see the CI log.", len(v.Errors))
	case hard > 0:
		out.Line = fmt.Sprintf("❌ **Budget policies failed**: %d hard, %d soft violation(s) of %d policies.", hard, soft, v.Evaluated)
	case soft > 0:
		out.Line = fmt.Sprintf("⚠️ **Budget policies: soft violations**: %d of %d policies (overridable).", soft, v.Evaluated)
	default:
		out.Line = fmt.Sprintf("✅ **Budget policies passed** (%d evaluated", v.Evaluated)
		if adv > 0 {
			out.Line += fmt.Sprintf(", %d advisory finding(s)", adv)
		}
		out.Line += ")."
	}
	return out
}

// headline is the comment's title: the monthly change, its percent, or
// "new" when there was no prior cost.
func headline(c diff.Change) string {
	switch c.Delta.Sign() {
	case 0:
		return "💰 tfcost: monthly cost will not change"
	case 1:
		return fmt.Sprintf("💰 tfcost: monthly cost will increase by %s (%s)", Money(c.Delta), pctText(c))
	default:
		return fmt.Sprintf("💰 tfcost: monthly cost will decrease by %s (%s)", Money(c.Delta.Neg()), pctText(c))
	}
}

// pctText is "+12.50%", "-3.00%", or "new" when the prior figure is zero.
func pctText(c diff.Change) string {
	if c.Percent == nil {
		if c.Delta.IsZero() {
			return "0%"
		}
		return "new"
	}
	s := c.Percent.StringFixed(2) + "%"
	if c.Percent.IsPositive() {
		s = "+" + s
	}
	return s
}

// signedUSD is "+$1.00", "-$1.00" or "$0.00".
func signedUSD(d decimal.Decimal) string {
	if d.Round(2).IsPositive() {
		return "+" + Money(d)
	}
	return Money(d)
}

func actionSymbol(a string) string {
	switch a {
	case diff.Create:
		return "➕"
	case diff.Delete:
		return "➖"
	case diff.Replace:
		return "♻️"
	case diff.Update:
		return "✏️"
	}
	return "·"
}

func noteLines(n diff.Notes, esc func(string) string) []string {
	var out []string
	if n.Unsupported > 0 {
		types := make([]string, len(n.Types))
		for i, t := range n.Types {
			types[i] = esc(t)
		}
		out = append(out, fmt.Sprintf("%d resource(s) not supported yet, not included in the figures: %s.", n.Unsupported, strings.Join(types, ", ")))
	}
	if n.Unpriced > 0 {
		out = append(out, fmt.Sprintf("%d cost component(s) have no catalog price (unpriced, not counted as $0).", n.Unpriced))
	}
	if n.UsageMissing > 0 {
		out = append(out, fmt.Sprintf("%d usage-based component(s) have no usage figures: add a usage file (--usage-file) to price them.", n.UsageMissing))
	} else if n.UsageBased > 0 {
		out = append(out, fmt.Sprintf("%d component(s) are priced from usage estimates, not from the plan.", n.UsageBased))
	}
	if n.Approximate > 0 {
		out = append(out, fmt.Sprintf("%d component(s) use the us-east-1 price because the catalog has none for their region (approximate).", n.Approximate))
	}
	if n.Unknown > 0 {
		out = append(out, fmt.Sprintf("%d component(s) depend on values known only after apply.", n.Unknown))
	}
	return out
}

// markdownEscaper returns the escaping for user-controlled text on a
// platform. Every ASCII punctuation character with Markdown meaning is
// backslash-escaped (CommonMark allows it before any punctuation), so text
// can never open a link, image, emphasis, code span, table cell, heading,
// emoji shortcode, autolink (":" in "https://") or GitLab math ("$").
// Where the platform renders HTML, < > & become entities so no tag or
// entity survives; Bitbucket renders no HTML, and there a backslash keeps
// them literal. Line breaks become spaces (a newline would end a table row),
// and "@" gets a zero-width space so a tag value cannot mention people.
func markdownEscaper(html bool) func(string) string {
	return func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch r {
			case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '!', '|', '~', ':', '$':
				b.WriteByte('\\')
				b.WriteRune(r)
			case '<', '>', '&':
				if html {
					b.WriteString(map[rune]string{'<': "&lt;", '>': "&gt;", '&': "&amp;"}[r])
				} else {
					b.WriteByte('\\')
					b.WriteRune(r)
				}
			case '@':
				b.WriteString("@\u200b")
			case '\n', '\r', '\t', '\u2028', '\u2029':
				b.WriteByte(' ')
			default:
				if r < 0x20 || r == 0x7f {
					continue // control characters have no business in a comment
				}
				b.WriteRune(r)
			}
		}
		return b.String()
	}
}

// DiffOf compares each project's estimate with its prior state (Past; none
// means everything is new), keeping its recommendations: the diff that the
// comment formats of breakdown show, and that `tfcost output` and
// `tfcost comment --path` build from saved tfcost JSON.
func DiffOf(projects []Project) *diff.Report {
	var ps []*diff.Project
	for _, p := range projects {
		dp := diff.Compare(p.Name, p.Past, p.Estimate, diff.Options{})
		if p.Path != "" {
			dp.Path = p.Path
		}
		dp.Recommendations = p.Recommendations
		ps = append(ps, dp)
	}
	return diff.NewReport("prior state", ps...)
}

// commentOf makes a platform's comment renderer a breakdown Renderer.
func commentOf(render func(io.Writer, *diff.Report) error) Renderer {
	return func(w io.Writer, projects []Project, _ Options) error {
		return render(w, DiffOf(projects))
	}
}
