// Package config reads tfcost.yml: custom prices and a global discount (the
// enterprise discounts Infracost sells as a paid feature), and the projects
// of a multi-project run. Errors name the file, line and column.
//
//	version: 0.1
//	pricing:
//	  discount_percent: 12.5
//	  prices:
//	    - {service: ec2, region: us-east-1, item: m5.large/linux/on_demand, usd: 0.085}
//	projects:
//	  - {name: app, path: plans/app.json, usage_file: usage.yml, region: eu-west-1}
package config

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/failure"
)

// Version is the only config file version understood.
const Version = "0.1"

// Config is a parsed tfcost.yml.
type Config struct {
	// File is the path the config was read from; Dir its directory, against
	// which relative project paths are resolved.
	File    string
	Dir     string
	Version string
	Pricing Pricing
	// Projects are run together by multi-project commands, in file order.
	Projects []Project
}

// Pricing adjusts catalog prices.
type Pricing struct {
	// DiscountPercent is taken off every catalog price (not off custom prices).
	DiscountPercent decimal.Decimal
	// Prices replace catalog figures (negotiated rates, private pricing).
	Prices []Price
}

// Price is one custom price. Region "" applies it in every region.
type Price struct {
	Service, Region, Item string
	USD                   decimal.Decimal
	// Line and Column locate the entry in the file, for messages.
	Line, Column int
}

// Project is one plan of a multi-project run.
type Project struct {
	Name string
	// Path is the plan file, UsageFile the usage file: as written in the
	// config (use Config.Resolve for a path relative to the config file).
	Path      string
	UsageFile string
	// Region overrides every resource's region in this project when set.
	Region       string
	Line, Column int
}

// Load reads and validates a config file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, failure.Unreadable(path, "config file", "a readable tfcost.yml", err)
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	c.Dir = filepath.Dir(path)
	return c, nil
}

// Resolve turns a path written in the config into one usable from the
// working directory: relative paths are relative to the config file.
func (c *Config) Resolve(p string) string {
	if p == "" || p == "-" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// Apply sets the discount and custom prices on estimator options.
func (c *Config) Apply(o *estimate.Options) {
	if c == nil {
		return
	}
	o.DiscountPercent = c.Pricing.DiscountPercent
	for _, p := range c.Pricing.Prices {
		o.Overrides = append(o.Overrides, estimate.PriceOverride{Service: p.Service, Region: p.Region, Item: p.Item, USD: p.USD})
	}
}

// Parse decodes and validates config YAML. name is used in messages.
func Parse(name string, data []byte) (*Config, error) {
	p := &parser{file: name}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if len(doc.Content) == 0 {
		return nil, &failure.Error{Kind: failure.Input, File: name, Line: 1, Column: 1, Msg: "config file is empty",
			Expected: "a YAML mapping starting with `version: 0.1`"}
	}
	root := doc.Content[0]
	c := &Config{File: name}
	err := p.mapping(root, "the config file", map[string]func(*yaml.Node) error{
		"version": func(v *yaml.Node) error {
			if v.Kind != yaml.ScalarNode || strings.TrimPrefix(v.Value, "v") != Version {
				return p.errAt(v, fmt.Sprintf("unsupported config version %q", v.Value), "version: "+Version)
			}
			c.Version = Version
			return nil
		},
		"pricing":  func(v *yaml.Node) error { return p.pricing(v, &c.Pricing) },
		"projects": func(v *yaml.Node) error { return p.projects(v, &c.Projects) },
	})
	if err != nil {
		return nil, err
	}
	if c.Version == "" {
		return nil, p.errAt(root, "config file has no version", "`version: "+Version+"`")
	}
	return c, nil
}

type parser struct{ file string }

func (p *parser) errAt(n *yaml.Node, msg, expected string) *failure.Error {
	return &failure.Error{Kind: failure.Input, File: p.file, Line: n.Line, Column: n.Column, Msg: msg, Expected: expected}
}

// mapping walks a mapping node, calling the handler of each key; unknown
// keys are errors (a typo in a price must not silently drop it).
func (p *parser) mapping(n *yaml.Node, what string, keys map[string]func(*yaml.Node) error) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return p.errAt(n, what+" is not a mapping", "keys "+strings.Join(sortedNames(keys), ", "))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := keys[k.Value]
		if !ok {
			return p.errAt(k, fmt.Sprintf("unknown key %q in %s", k.Value, what), "one of "+strings.Join(sortedNames(keys), ", "))
		}
		if seen[k.Value] {
			return p.errAt(k, fmt.Sprintf("key %q appears twice in %s", k.Value, what), "each key once")
		}
		seen[k.Value] = true
		if err := h(v); err != nil {
			return err
		}
	}
	return nil
}

// sortedNames lists a key table's names in order, for messages.
func sortedNames[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func (p *parser) str(v *yaml.Node, field string, dst *string) error {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return p.errAt(v, field+" is not text", "a string")
	}
	*dst = v.Value
	return nil
}

// number reads an exact decimal: the digits as written, never a float.
func (p *parser) number(v *yaml.Node, field string, dst *decimal.Decimal) error {
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float" && v.Tag != "!!str") {
		return p.errAt(v, field+" is not a number", "a decimal number such as 12.5")
	}
	d, err := decimal.NewFromString(strings.ReplaceAll(v.Value, "_", ""))
	if err != nil {
		return p.errAt(v, fmt.Sprintf("%s %q is not a number", field, v.Value), "a decimal number such as 12.5")
	}
	*dst = d
	return nil
}

func (p *parser) pricing(n *yaml.Node, dst *Pricing) error {
	return p.mapping(n, "pricing", map[string]func(*yaml.Node) error{
		"discount_percent": func(v *yaml.Node) error {
			if err := p.number(v, "discount_percent", &dst.DiscountPercent); err != nil {
				return err
			}
			if dst.DiscountPercent.IsNegative() || dst.DiscountPercent.GreaterThanOrEqual(decimal.NewFromInt(100)) {
				return p.errAt(v, "discount_percent "+v.Value+" is out of range", "a percentage from 0 up to (not including) 100")
			}
			return nil
		},
		"prices": func(v *yaml.Node) error {
			if v.Kind != yaml.SequenceNode {
				return p.errAt(v, "pricing.prices is not a list", "a list of {service, region, item, usd}")
			}
			for _, e := range v.Content {
				pr := Price{Line: e.Line, Column: e.Column}
				hasUSD := false
				err := p.mapping(e, "a custom price", map[string]func(*yaml.Node) error{
					"service": func(v *yaml.Node) error { return p.str(v, "service", &pr.Service) },
					"region":  func(v *yaml.Node) error { return p.str(v, "region", &pr.Region) },
					"item":    func(v *yaml.Node) error { return p.str(v, "item", &pr.Item) },
					"usd": func(v *yaml.Node) error {
						hasUSD = true
						if err := p.number(v, "usd", &pr.USD); err != nil {
							return err
						}
						if pr.USD.IsNegative() {
							return p.errAt(v, "usd "+v.Value+" is negative", "a price of 0 or more")
						}
						return nil
					},
				})
				if err != nil {
					return err
				}
				switch {
				case pr.Service == "":
					return p.errAt(e, "custom price has no service", `a catalog service such as "ec2" or "ebs" (tfcost catalog info lists them)`)
				case pr.Item == "":
					return p.errAt(e, "custom price has no item", `a catalog item such as "m5.large/linux/on_demand"`)
				case !hasUSD:
					return p.errAt(e, "custom price has no usd", "the unit price in USD, e.g. usd: 0.085")
				}
				dst.Prices = append(dst.Prices, pr)
			}
			return nil
		},
	})
}

func (p *parser) projects(n *yaml.Node, dst *[]Project) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return p.errAt(n, "projects is not a list", "a list of {name, path, usage_file, region}")
	}
	names := map[string]bool{}
	for _, e := range n.Content {
		pr := Project{Line: e.Line, Column: e.Column}
		err := p.mapping(e, "a project", map[string]func(*yaml.Node) error{
			"name":       func(v *yaml.Node) error { return p.str(v, "name", &pr.Name) },
			"path":       func(v *yaml.Node) error { return p.str(v, "path", &pr.Path) },
			"usage_file": func(v *yaml.Node) error { return p.str(v, "usage_file", &pr.UsageFile) },
			"region":     func(v *yaml.Node) error { return p.str(v, "region", &pr.Region) },
		})
		if err != nil {
			return err
		}
		if pr.Path == "" {
			return p.errAt(e, "project has no path", "path: the plan JSON file of the project")
		}
		if pr.Name == "" {
			pr.Name = pr.Path
		}
		if names[pr.Name] {
			return p.errAt(e, fmt.Sprintf("two projects are named %q", pr.Name), "unique project names")
		}
		names[pr.Name] = true
		*dst = append(*dst, pr)
	}
	return nil
}

// yamlError turns a yaml.v3 syntax error ("yaml: line 3: …") into a
// positioned failure.
func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if _, e := fmt.Sscanf(num, "%d", &line); e == nil {
				msg = tail
			}
		}
	}
	return &failure.Error{Kind: failure.Input, File: name, Line: line, Msg: "invalid YAML: " + msg,
		Expected: "a tfcost.yml config file (YAML)", Err: err}
}
