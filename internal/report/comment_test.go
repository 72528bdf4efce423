package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/golden"
	"github.com/tfcost/tfcost/internal/policy"
)

func cmDec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func cmComp(name, group, monthly string, cat estimate.Category) estimate.Component {
	return estimate.Component{Name: name, Group: group, MonthlyCost: cmDec(monthly), Category: cat}
}

func cmPriced(addr, typ, action string, tags map[string]string, cs ...estimate.Component) *estimate.Resource {
	r := &estimate.Resource{Address: addr, Type: typ, Action: action, Status: estimate.StatusPriced, Tags: tags, Components: cs}
	for _, c := range cs {
		r.MonthlyCost = r.MonthlyCost.Add(*c.MonthlyCost)
	}
	return r
}

func cmGone(addr, typ string) *estimate.Resource {
	return &estimate.Resource{Address: addr, Type: typ, Action: "delete", Status: estimate.StatusSkipped}
}

// commentReport is a two-project diff whose user-controlled strings try to
// inject HTML, links, tables and code spans.
func commentReport() *diff.Report {
	evil := "aws_instance.x<script>alert(1)</script>"
	// Project "web | <b>prod</b>": an instance grows, one is created, one deleted.
	webPrior := &estimate.Estimate{Name: "web", CatalogDate: "2026-09-28", Resources: []*estimate.Resource{
		cmPriced(evil, "aws_instance", "update", nil,
			cmComp("Instance usage (Linux, on-demand, t3.micro)", "", "7.592", estimate.Compute),
			cmComp("Storage (gp3)", "root_block_device", "0.64", estimate.Storage)),
		cmPriced("aws_db_instance.`old`|db", "aws_db_instance", "delete", nil,
			cmComp("Database instance (db.t3.micro)", "", "12.41", estimate.Database)),
		cmPriced("aws_s3_bucket.same", "aws_s3_bucket", "no-op", nil, cmComp("Storage", "", "1", estimate.Storage)),
	}}
	webPlanned := &estimate.Estimate{Name: "web", CatalogDate: "2026-09-28", Resources: []*estimate.Resource{
		cmPriced(evil, "aws_instance", "update", nil,
			cmComp("Instance usage (Linux, on-demand, t3.large)", "", "60.736", estimate.Compute),
			cmComp("Storage (gp3)", "root_block_device", "0.64", estimate.Storage)),
		cmGone("aws_db_instance.`old`|db", "aws_db_instance"),
		cmPriced("aws_s3_bucket.same", "aws_s3_bucket", "no-op", nil, cmComp("Storage", "", "1", estimate.Storage)),
		cmPriced(`module.a["[click](https://evil.example)"].aws_nat_gateway.n`, "aws_nat_gateway", "create",
			map[string]string{"team": "@everyone"}, cmComp("NAT gateway", "", "32.85", estimate.Network)),
	}}
	for _, e := range []*estimate.Estimate{webPrior, webPlanned} {
		estimate.Total(e)
	}
	webPlanned.Summary.UnpricedComponents = 1
	webPlanned.Summary.UsageMissing = 2
	webPlanned.Summary.UsageBasedComponents = 2
	webPlanned.Summary.ApproximateComponents = 1
	webPlanned.Summary.UnsupportedResources = 1
	webPlanned.Summary.UnsupportedCounts = map[string]int{"aws_fancy_<i>thing</i>": 1}

	// Project "data": all new (prior 0 → "new").
	dataPlanned := &estimate.Estimate{Name: "data", Resources: []*estimate.Resource{
		cmPriced("aws_instance.etl", "aws_instance", "create", nil, cmComp("Instance usage (Linux, on-demand, m5.large)", "", "70.08", estimate.Compute)),
	}}
	estimate.Total(dataPlanned)

	r := diff.NewReport("prior state",
		diff.Compare("web | <b>prod</b>", webPrior, webPlanned, diff.Options{}),
		diff.Compare("data", &estimate.Estimate{}, dataPlanned, diff.Options{}))
	limit, actual, over := cmDec("100"), cmDec("161.898"), cmDec("61.898")
	r.Verdict = &policy.Verdict{Evaluated: 3, Violations: []policy.Violation{
		{Policy: "total](javascript:x)", Kind: policy.KindBudget, Enforcement: policy.Hard, Limit: limit, Actual: actual, Over: over,
			Unit: "USD/month", Detail: "tags team=<u>web</u>, expected monthly cost", Message: "budget over by $61.90"},
		{Policy: "growth", Kind: policy.KindGuardrail, Enforcement: policy.Soft, Limit: cmDec("20"), Actual: cmDec("40.5"), Over: cmDec("20.5"),
			Unit: "%", Message: "monthly cost rises by 40.50%"},
		{Policy: "tags", Kind: policy.KindRule, Enforcement: policy.Advisory, Message: "<img src=x onerror=alert(1)> needs a `team` tag"},
	}}
	return r
}

func TestCommentGolden(t *testing.T) {
	for _, f := range []string{"github-comment", "gitlab-comment", "azure-repos-comment", "bitbucket-comment", "markdown"} {
		t.Run(f, func(t *testing.T) {
			render, ok := LookupDiff(f)
			if !ok {
				t.Fatalf("no renderer %s", f)
			}
			var b bytes.Buffer
			if err := render(&b, commentReport(), Options{}); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, b.Bytes())
		})
	}
}

// TestCommentEscapesUserStrings checks the properties the goldens show: no
// user string can open a tag, a link, a code span or a table cell.
func TestDiffTableGolden(t *testing.T) {
	var b bytes.Buffer
	if err := DiffTable(&b, commentReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, b.Bytes())
}

func TestCommentEscapesUserStrings(t *testing.T) {
	for _, f := range []string{"github-comment", "gitlab-comment", "azure-repos-comment", "bitbucket-comment"} {
		render, _ := LookupDiff(f)
		var b bytes.Buffer
		if err := render(&b, commentReport(), Options{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, bad := range []string{"<script", "<b>", "<img", "<i>", "](https", "](javascript", "`old`", "@everyone", "https://", "<u>"} {
			if i := strings.Index(out, bad); i >= 0 && (i == 0 || out[i-1] != '\\') {
				t.Errorf("%s: output contains unescaped %q", f, bad)
			}
		}
		// Every table row has as many unescaped pipes as its header.
		cols := 0
		for _, line := range strings.Split(out, "\n") {
			if !strings.HasPrefix(line, "|") {
				cols = 0
				continue
			}
			n := cellSeparators(line)
			if cols == 0 {
				cols = n
			} else if n != cols {
				t.Errorf("%s: row has %d cell separators, header %d: %s", f, n, cols, line)
			}
		}
		if f == "bitbucket-comment" {
			if strings.Contains(out, "<details>") || strings.Contains(out, "<!--") {
				t.Errorf("bitbucket output uses HTML")
			}
			if !strings.HasPrefix(out, "[//]: # (tfcost-comment)") {
				t.Errorf("bitbucket marker missing: %q", out[:40])
			}
		} else if !strings.HasPrefix(out, "<!-- tfcost-comment -->") || !strings.Contains(out, "<details>") {
			t.Errorf("%s: marker or <details> missing", f)
		}
	}
}

// cellSeparators counts the pipes of a table row that are not
// backslash-escaped.
func cellSeparators(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

func TestCommentHeadlineAndPercent(t *testing.T) {
	r := commentReport()
	// Prior: web 7.592 + 0.64 + 12.41 + 1 = 21.642; data 0 → 21.642.
	// Planned: web 60.736 + 0.64 + 1 + 32.85 = 95.226; data 70.08 → 165.306.
	// Δ = 143.664 → $143.66; Δ% = 143.664 / 21.642 × 100 = 663.82%.
	if got := r.Monthly.Delta.String(); got != "143.664" {
		t.Fatalf("delta = %s", got)
	}
	if got := headline(r.Monthly); got != "💰 tfcost: monthly cost will increase by $143.66 (+663.82%)" {
		t.Errorf("headline = %q", got)
	}
	if got := pctText(r.Projects[1].Monthly); got != "new" {
		t.Errorf("percent of a new project = %q, want new", got)
	}
}

func TestCommentFitsPlatformLimit(t *testing.T) {
	var rs []*estimate.Resource
	for i := 0; i < 3000; i++ {
		rs = append(rs, cmPriced(strings.Repeat("x", 40)+"_"+decimal.NewFromInt(int64(i)).String(), "aws_instance", "create", nil,
			cmComp("Instance usage", "", "1", estimate.Compute)))
	}
	planned := &estimate.Estimate{Resources: rs}
	estimate.Total(planned)
	r := diff.NewReport("prior state", diff.Compare("big", nil, planned, diff.Options{}))
	var b bytes.Buffer
	if err := BitbucketComment(&b, r); err != nil {
		t.Fatal(err)
	}
	if b.Len() > bitbucketPlatform.maxLen || !strings.Contains(b.String(), "more resource(s)") {
		t.Fatalf("comment is %d bytes (limit %d)", b.Len(), bitbucketPlatform.maxLen)
	}
}
