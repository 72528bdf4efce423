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

// Control characters from the plan never reach the terminal: a resource key
// with a clear-screen sequence and an OSC 8 hyperlink is printed without
// them, with or without colour (where only tfcost's own SGR codes remain).
func TestTableDropsControlCharacters(t *testing.T) {
	for _, color := range []bool{false, true} {
		ps := goldenProjects()
		est := ps[0].Estimate
		est.Resources[0].Address = "aws_instance.web[\"\x1b[2J\x1b]8;;https://evil.example\x07x\"]"
		var buf bytes.Buffer
		if err := Table(&buf, ps, Options{Color: color}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x1b]") || strings.Contains(out, "\x07") {
			t.Errorf("color=%v: control sequence reached the output: %q", color, out)
		}
		if !strings.Contains(out, `aws_instance.web["[2J]8;;https://evil.examplex"]`) {
			t.Errorf("color=%v: address not printed without its control characters:\n%s", color, out)
		}
		if color && !strings.Contains(out, ansiBold) || !color && strings.Contains(out, "\x1b") {
			t.Errorf("color=%v: SGR codes wrong:\n%q", color, out)
		}
	}
}
