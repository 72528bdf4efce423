package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/golden"
	"github.com/tfcost/tfcost/internal/recommend"
)

// TestJSONWriterParallelMatchesEncodingJSON: a document large enough to be
// built (BuildJSON) and rendered in parallel chunks, with tags and ranges
// (written by hand), is still byte-identical to encoding/json.
func TestJSONWriterParallelMatchesEncodingJSON(t *testing.T) {
	base := goldenEstimate()
	est := &estimate.Estimate{Name: base.Name, PlanFile: base.PlanFile, DefaultRegion: base.DefaultRegion,
		Currency: base.Currency, CatalogDate: base.CatalogDate}
	// 5 priced resources per copy: more than parallelBuildMin, 4 chunks and
	// a partial one.
	for i := 0; i < 220; i++ {
		for _, r := range base.Resources {
			c := *r
			c.Address = fmt.Sprintf("%s[%d]", r.Address, i)
			if i%3 == 0 {
				c.Tags = map[string]string{"z": "<last>", "a": fmt.Sprint(i), "Name": "n\t\"q\"", "é": "\u2028"}
			}
			if i%5 == 0 && c.Status == estimate.StatusPriced {
				c.Range = &estimate.Range{Min: decimal.NewFromInt(1), Expected: decimal.RequireFromString("2.50"),
					Max: decimal.RequireFromString("-0.001"), Basis: fmt.Sprintf("b&%d", i)}
			}
			est.Resources = append(est.Resources, &c)
		}
	}
	estimate.Total(est)
	past := goldenPast()
	for name, ps := range map[string][]Project{
		"plain": {{Name: "big", Path: "big.json", Estimate: est}},
		"past":  {{Name: "big", Path: "big.json", Estimate: est, Past: past}},
	} {
		root := BuildJSON(ps, Options{Time: goldenTime})
		var want, got bytes.Buffer
		if err := encodeJSON(&want, root); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&got, root); err != nil {
			t.Fatal(err)
		}
		if want.String() != got.String() {
			t.Errorf("%s: writer differs from encoding/json:\n%s", name, golden.Diff(want.String(), got.String()))
		}
	}
}

// TestAppendJSONStringMatchesEncodingJSON puts every character that needs
// care at every position of strings around the eight-byte word size.
func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	specials := []string{"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "é", "\u2028", "\u2029", "\xff", "<", "&", "€"}
	for n := 0; n <= 20; n++ {
		for _, sp := range specials {
			for at := 0; at <= n; at++ {
				s := strings.Repeat("a", at) + sp + strings.Repeat("b", n-at)
				var want bytes.Buffer
				enc := json.NewEncoder(&want)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(s); err != nil {
					t.Fatal(err)
				}
				if got := string(appendJSONString(nil, s)) + "\n"; got != want.String() {
					t.Fatalf("%q: got %s want %s", s, got, want.String())
				}
			}
		}
	}
}

// TestBuildJSONParallelMatchesSequential: a large breakdown with a past (some
// resources changed, some new, some gone) builds the same document on every
// CPU as on one.
func TestBuildJSONParallelMatchesSequential(t *testing.T) {
	base := goldenEstimate()
	cur := &estimate.Estimate{Name: "big", DefaultRegion: "us-east-1", Currency: "USD"}
	past := &estimate.Estimate{Name: "big", DefaultRegion: "us-east-1", Currency: "USD"}
	for i := 0; i < 300; i++ {
		for _, r := range base.Resources {
			c := *r
			c.Address = fmt.Sprintf("%s[%d]", r.Address, i)
			if i%4 != 0 {
				cur.Resources = append(cur.Resources, &c)
			}
			if i%3 != 0 {
				p := c
				if i%2 == 0 && len(p.Components) > 0 {
					p.Components = p.Components[1:] // changed: a line fewer before
				}
				past.Resources = append(past.Resources, &p)
			}
		}
	}
	estimate.Total(cur)
	estimate.Total(past)
	render := func() string {
		var buf bytes.Buffer
		if err := encodeJSON(&buf, BuildJSON([]Project{{Name: "big", Estimate: cur, Past: past}}, Options{Time: goldenTime})); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	parallel := render()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if sequential := render(); parallel != sequential {
		t.Errorf("parallel build differs from sequential:\n%s", golden.Diff(sequential, parallel))
	}
}

// TestJSONWriterRecommendations: recommendations written by hand match
// encoding/json for every field, set and empty (omitempty), with strings
// that need escaping and decimals of every shape. A field added to
// recommend.Recommendation fails the field count until the writer has it.
func TestJSONWriterRecommendations(t *testing.T) {
	if n := reflect.TypeOf(recommend.Recommendation{}).NumField(); n != 16 {
		t.Fatalf("recommend.Recommendation has %d fields; jsonWriter.recommendations writes 16", n)
	}
	d := decimal.RequireFromString
	recs := []recommend.Recommendation{
		{Address: "aws_instance.web[\"<a&b>\"]", Type: "aws_instance", Kind: recommend.Kind("reserved"), Title: "1-year RI\t\u2028",
			Target: "aws_launch_template.x", Attribute: "instance_type", Value: "m6g.large", Change: `instance_type = "m6g.large"`,
			CurrentMonthly: d("70.08"), MonthlySaving: d("-0.0010"), NewMonthly: d("1e3"), Risk: recommend.Risk(1),
			Why: "é\xff\\", Basis: "730 h × (0.096 − 0.077)", Approximate: true, Project: "p&q"},
		{Address: "aws_ebs_volume.v", Type: "aws_ebs_volume", Kind: "gp3", Change: "type", CurrentMonthly: d("0"),
			MonthlySaving: d("123456789012345678901.5"), NewMonthly: d("0.5"), Risk: recommend.Risk(0)},
	}
	for _, list := range [][]recommend.Recommendation{recs, recs[1:]} {
		root := &JSONRoot{Version: "0.2", Currency: "USD", Projects: []JSONProject{{Name: "p", Recommendations: list}}}
		var want, got bytes.Buffer
		if err := encodeJSON(&want, root); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&got, root); err != nil {
			t.Fatal(err)
		}
		if want.String() != got.String() {
			t.Errorf("writer differs from encoding/json:\n%s", golden.Diff(want.String(), got.String()))
		}
	}
}
