package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/golden"
)

func TestMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, goldenProjects(), Options{Time: goldenTime}); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, buf.Bytes())
}

func TestMarkdownEscapesUserStrings(t *testing.T) {
	est := goldenEstimate()
	est.Resources[0].Address = `aws_instance.web["<img src=x>|*x*"]`
	est.Resources[0].Components[0].Name = "<script>alert(1)</script> | [link](http://x)"
	var buf bytes.Buffer
	if err := Markdown(&buf, []Project{{Name: "p<b>", Estimate: est}, {Name: "q", Estimate: &estimate.Estimate{}}}, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "<b>", "[link](", `"]|`} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in:\n%s", bad, out)
		}
	}
}

// The breakdown report is often posted as a PR comment, so it escapes as the
// comment does: a project name cannot mention people or become an autolink.
func TestMarkdownNoMentionsOrAutolinks(t *testing.T) {
	var buf bytes.Buffer
	projects := []Project{{Name: "@org/team https://evil.example", Estimate: goldenEstimate()}, {Name: "q", Estimate: &estimate.Estimate{}}}
	if err := Markdown(&buf, projects, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"@org", "https://evil"} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "@\u200borg/team https\\://evil.example") {
		t.Errorf("project name not escaped as in comments:\n%s", out)
	}
}
