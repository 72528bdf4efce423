package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tfcost/tfcost/internal/failure"
)

// TestReadJSONRoundTrip: what the JSON renderer writes reads back into the
// same totals, resources, components (sub-resources become groups) and past.
func TestReadJSONRoundTrip(t *testing.T) {
	in := goldenProjects()
	in[0].Past = goldenPast()
	var buf bytes.Buffer
	if err := JSON(&buf, in, Options{Time: time.Unix(0, 0)}); err != nil {
		t.Fatal(err)
	}
	if !IsJSONReport(buf.Bytes()) {
		t.Fatal("own JSON not recognised")
	}
	got, root, err := ReadJSON("x.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || root.Version != JSONVersion {
		t.Fatalf("got %d projects", len(got))
	}
	want, back := in[0].Estimate, got[0].Estimate
	if !back.MonthlyCost.Equal(want.MonthlyCost) || !back.HourlyCost.Equal(want.HourlyCost) ||
		back.Summary.PricedResources != want.Summary.PricedResources ||
		back.Summary.FreeResources != want.Summary.FreeResources ||
		back.Summary.UnsupportedResources != want.Summary.UnsupportedResources {
		t.Errorf("estimate: got %s/%+v, want %s/%+v", back.MonthlyCost, back.Summary, want.MonthlyCost, want.Summary)
	}
	for i, c := range want.Categories {
		if !back.Categories[i].Monthly.Equal(c.Monthly) {
			t.Errorf("category %s: %s, want %s", c.Category, back.Categories[i].Monthly, c.Monthly)
		}
	}
	// $140.80 past (see goldenPast).
	if got[0].Past == nil || !got[0].Past.MonthlyCost.Equal(in[0].Past.MonthlyCost) {
		t.Errorf("past %v", got[0].Past)
	}
	groups := 0
	for _, r := range back.Resources {
		for _, c := range r.Components {
			if c.Group != "" {
				groups++
			}
		}
	}
	if groups == 0 {
		t.Error("sub-resource components lost their group")
	}
}

func TestReadJSONErrors(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
	}{
		{"{\n  \"version\": \"0.2\",\n  \"projects\": [\n    {\"name\": 5}\n  ]\n}", 4, 14},
		{"{\n  \"version\": \"0.2\",\n  \"projects\": [,]\n}", 3, 16},
		{`{"resource_changes": []}`, 0, 0},
		// Truncated (a CI artifact cut short): positioned at the last byte.
		{"{\n  \"version\": \"0.2\",\n  \"projects\": [\n    {\"name\": \"a\"", 4, 16},
	} {
		_, _, err := ReadJSON("r.json", []byte(tc.src))
		var fe *failure.Error
		if !errors.As(err, &fe) || fe.Kind != failure.Input || fe.Line != tc.line || fe.Column != tc.col {
			t.Errorf("%q: got %v (%+v)", tc.src, err, fe)
		}
	}
	if IsJSONReport([]byte(`{"projects": [], "resource_changes": []}`)) {
		t.Error("plan taken for a report")
	}
}

// The truncated file's message says what happened instead of a bare
// "unexpected EOF".
func TestReadJSONTruncatedMessage(t *testing.T) {
	_, _, err := ReadJSON("cut.json", []byte(`{"version": "0.2", "projects": [`))
	if err == nil || !strings.Contains(err.Error(), "the file ends in the middle of the JSON (truncated?)") {
		t.Errorf("got %v", err)
	}
}
