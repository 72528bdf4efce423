package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/golden"
)

func TestTable(t *testing.T) {
	var buf bytes.Buffer
	if err := Table(&buf, goldenProjects(), Options{Time: goldenTime}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\x1b[") {
		t.Error("colour codes without Options.Color")
	}
	golden.Assert(t, buf.Bytes())
}

func TestTableAllFieldsShowSkipped(t *testing.T) {
	fields, err := ParseFields([]string{"all"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Table(&buf, goldenProjects(), Options{Fields: fields, ShowSkipped: true, Time: goldenTime}); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, buf.Bytes())
}

func TestTableTwoProjects(t *testing.T) {
	ps := []Project{
		{Name: "app", Estimate: goldenEstimate()},
		{Name: "old", Estimate: goldenPast()},
	}
	var buf bytes.Buffer
	if err := Table(&buf, ps, Options{}); err != nil {
		t.Fatal(err)
	}
	// 591.5375 + 140.80 = 732.3375 → $732.34 a month, × 12 = $8,788.05.
	if !strings.Contains(buf.String(), "$732.34/month · $8,788.05/year") {
		t.Errorf("combined total missing:\n%s", buf.String())
	}
	golden.Assert(t, buf.Bytes())
}

func TestTableColor(t *testing.T) {
	var buf bytes.Buffer
	if err := Table(&buf, goldenProjects(), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ansiBold+"aws_instance.web"+ansiReset) {
		t.Error("resource names are not bold with Color")
	}
}
