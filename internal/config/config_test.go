package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
)

const good = `version: 0.1
pricing:
  discount_percent: 12.5
  prices:
    - service: ec2
      region: us-east-1
      item: m5.large/linux/on_demand
      usd: 0.085
    - {service: ebs, item: gp3 storage, usd: 0.07}
projects:
  - name: app
    path: plans/app.json
    usage_file: usage.yml
    region: eu-west-1
  - path: plans/db.json
`

func TestParse(t *testing.T) {
	c, err := Parse("tfcost.yml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Pricing.DiscountPercent.Equal(decimal.RequireFromString("12.5")) {
		t.Errorf("discount = %s", c.Pricing.DiscountPercent)
	}
	if len(c.Pricing.Prices) != 2 || c.Pricing.Prices[0].Item != "m5.large/linux/on_demand" ||
		!c.Pricing.Prices[0].USD.Equal(decimal.RequireFromString("0.085")) || c.Pricing.Prices[1].Region != "" ||
		c.Pricing.Prices[0].Line != 5 {
		t.Errorf("prices = %+v", c.Pricing.Prices)
	}
	if len(c.Projects) != 2 || c.Projects[0].Name != "app" || c.Projects[0].Region != "eu-west-1" ||
		c.Projects[1].Name != "plans/db.json" {
		t.Errorf("projects = %+v", c.Projects)
	}
	var o estimate.Options
	c.Apply(&o)
	if !o.DiscountPercent.Equal(decimal.RequireFromString("12.5")) || len(o.Overrides) != 2 ||
		o.Overrides[1].Service != "ebs" || o.Overrides[1].Item != "gp3 storage" {
		t.Errorf("options = %+v", o)
	}
}

func TestLoadResolvesRelativeToConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tfcost.yml")
	if err := os.WriteFile(path, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Resolve(c.Projects[0].Path); got != filepath.Join(dir, "plans", "app.json") {
		t.Errorf("resolved = %s", got)
	}
	if got := c.Resolve("/abs/plan.json"); got != "/abs/plan.json" {
		t.Errorf("absolute path changed: %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, yaml string
		line, col  int
		want       string
	}{
		{"no version", "pricing: {}\n", 1, 1, "no version"},
		{"bad version", "version: 2\n", 1, 10, `unsupported config version "2"`},
		{"unknown top key", "version: 0.1\nprojets: []\n", 2, 1, `unknown key "projets"`},
		{"discount text", "version: 0.1\npricing:\n  discount_percent: lots\n", 3, 21, "not a number"},
		{"discount 100", "version: 0.1\npricing:\n  discount_percent: 100\n", 3, 21, "out of range"},
		{"negative price", "version: 0.1\npricing:\n  prices:\n    - {service: ec2, item: x, usd: -1}\n", 4, 36, "negative"},
		{"price without usd", "version: 0.1\npricing:\n  prices:\n    - {service: ec2, item: x}\n", 4, 7, "no usd"},
		{"price typo", "version: 0.1\npricing:\n  prices:\n    - {service: ec2, itme: x, usd: 1}\n", 4, 22, `unknown key "itme"`},
		{"project without path", "version: 0.1\nprojects:\n  - name: a\n", 3, 5, "no path"},
		{"duplicate project", "version: 0.1\nprojects:\n  - {name: a, path: x}\n  - {name: a, path: y}\n", 4, 5, "two projects"},
		{"bad yaml", "version: 0.1\npricing: [\n", 2, 0, "invalid YAML"},
		{"not a mapping", "- a\n- b\n", 1, 1, "not a mapping"},
		{"empty", "", 1, 1, "empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("tfcost.yml", []byte(c.yaml))
			var fe *failure.Error
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *failure.Error", err)
			}
			if fe.Kind != failure.Input || fe.File != "tfcost.yml" || fe.Line != c.line || fe.Column != c.col {
				t.Errorf("got %s (line %d col %d), want line %d col %d", fe, fe.Line, fe.Column, c.line, c.col)
			}
			if !strings.Contains(fe.Error(), c.want) {
				t.Errorf("message %q does not contain %q", fe.Error(), c.want)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yml: cannot read config file") {
		t.Fatalf("err = %v", err)
	}
	if failure.ExitCode(err) != failure.ExitError {
		t.Errorf("exit code %d", failure.ExitCode(err))
	}
}

// FuzzParse: any input is a config or a positioned *failure.Error, never a
// panic or a raw error.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("version: 0.1\npricing: {discount_percent: 1e400}\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("version: 0.1\nprojects: [{path: x}, {path: x}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yml", data)
		if err != nil {
			var fe *failure.Error
			if !errors.As(err, &fe) || fe.Kind != failure.Input || fe.File != "fuzz.yml" {
				t.Fatalf("error is not a positioned input failure: %#v", err)
			}
			return
		}
		if c.Version != Version {
			t.Fatalf("accepted config without version %q", Version)
		}
	})
}
