package usage

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/tfcost/tfcost/internal/failure"
)

// Top-level keys of format 0.1.
const (
	keyVersion  = "version"
	keyDefaults = "resource_type_default_usage"
	keyUsage    = "resource_usage"
	// keyProject is tfcost's addition: project-level usage such as
	// monthly_requests (cost and kgCO2e per 1,000 requests).
	keyProject = "project"
)

// maxNodes bounds the work done on one file: YAML aliases can make a small
// file expand exponentially ("billion laughs").
const maxNodes = 1 << 20

// Load reads a usage file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, failure.Unreadable(path, "usage file", "a readable YAML usage file (Infracost format 0.1)", err)
	}
	return Parse(path, data)
}

// Parse decodes a usage file (YAML, Infracost format 0.1). name is used in
// messages. Numbers keep the digits as written (decimal, never float).
// Malformed input is a *failure.Error with the file, line and column.
func Parse(name string, data []byte) (*File, error) {
	f := &File{Name: name, Defaults: map[string]Values{}, Resources: map[string]Values{}, lines: map[string]int{}}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &failure.Error{Kind: failure.Input, File: name, Line: 1, Column: 1, Msg: "usage file is empty",
			Expected: "a YAML mapping starting with `version: 0.1`"}
	}
	p := &parser{file: name, budget: maxNodes}
	root := p.deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, p.errAt(root, "the usage file is not a YAML mapping", "keys version, resource_type_default_usage and resource_usage")
	}
	if err := p.noDuplicates(root); err != nil {
		return nil, err
	}
	var version *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], p.deref(root.Content[i+1])
		switch k.Value {
		case keyVersion:
			version = v
		case keyDefaults, keyUsage:
			if isNull(v) {
				continue
			}
			if v.Kind != yaml.MappingNode {
				return nil, p.errAt(v, k.Value+" is not a mapping", "resource types or addresses mapped to usage keys")
			}
			if err := p.noDuplicates(v); err != nil {
				return nil, err
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				rk, rv := v.Content[j], p.deref(v.Content[j+1])
				if rk.Kind != yaml.ScalarNode || rk.Value == "" {
					return nil, p.errAt(rk, "empty or non-text key in "+k.Value, "a resource type or address")
				}
				if isNull(rv) {
					continue
				}
				if rv.Kind != yaml.MappingNode {
					return nil, p.errAt(rv, fmt.Sprintf("usage for %s is not a mapping", rk.Value), "usage keys with values, e.g. `monthly_requests: 1000000`")
				}
				prefix := k.Value + "\x00" + rk.Value + "\x00"
				vals, err := p.values(rv, prefix, "", f.lines)
				if err != nil {
					return nil, err
				}
				f.lines[k.Value+"\x00"+rk.Value] = rk.Line
				if k.Value == keyDefaults {
					f.Defaults[rk.Value] = vals
				} else {
					f.Resources[rk.Value] = vals
				}
			}
		case keyProject:
			if isNull(v) {
				continue
			}
			if v.Kind != yaml.MappingNode {
				return nil, p.errAt(v, "project is not a mapping", "project-level usage keys, e.g. `monthly_requests: 25000000`")
			}
			vals, err := p.values(v, keyProject+"\x00\x00", "", f.lines)
			if err != nil {
				return nil, err
			}
			f.Project = vals
		default:
			f.Warnings = append(f.Warnings, fmt.Sprintf("%s:%d: unknown top-level key %s (known: %s, %s, %s, %s)",
				name, k.Line, k.Value, keyVersion, keyDefaults, keyUsage, keyProject))
		}
	}
	if version == nil {
		return nil, &failure.Error{Kind: failure.Input, File: name, Line: root.Line, Column: root.Column,
			Msg: "usage file has no version", Expected: "`version: 0.1` (Infracost usage file format)"}
	}
	v := strings.TrimPrefix(version.Value, "v")
	if version.Kind != yaml.ScalarNode || v != "0.1" {
		return nil, p.errAt(version, fmt.Sprintf("unsupported usage file version %q", version.Value), "version 0.1")
	}
	f.Version = "0.1"
	return f, nil
}

type parser struct {
	file   string
	budget int
}

func (p *parser) errAt(n *yaml.Node, msg, expected string) *failure.Error {
	return &failure.Error{Kind: failure.Input, File: p.file, Line: n.Line, Column: n.Column, Msg: msg, Expected: expected}
}

// deref follows aliases (bounded: an alias cycle cannot be written in YAML,
// but a chain is possible).
func (p *parser) deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// noDuplicates rejects a mapping that repeats a key: the later value would
// silently replace the earlier one.
func (p *parser) noDuplicates(m *yaml.Node) error {
	seen := make(map[string]int, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if first, dup := seen[k.Value]; dup {
			return p.errAt(k, fmt.Sprintf("duplicate key %s (first at line %d)", k.Value, first), "each key once per mapping")
		}
		seen[k.Value] = k.Line
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// values converts a mapping into Values, recording each key's line in lines
// under prefix+dotted path.
func (p *parser) values(n *yaml.Node, prefix, path string, lines map[string]int) (Values, error) {
	if err := p.noDuplicates(n); err != nil {
		return nil, err
	}
	out := Values{}
	// YAML merge keys (`<<: *defaults`) first, so explicit keys override them.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Tag != "!!merge" {
			continue
		}
		srcs := []*yaml.Node{p.deref(n.Content[i+1])}
		if srcs[0].Kind == yaml.SequenceNode {
			srcs = srcs[0].Content
		}
		for _, src := range srcs {
			p.budget--
			if p.budget < 0 {
				return nil, p.errAt(n, "usage file is too large after expanding aliases", "a file without deeply nested aliases")
			}
			src = p.deref(src)
			if src.Kind != yaml.MappingNode {
				return nil, p.errAt(src, "merge key << needs a mapping", "an alias of a mapping, e.g. `<<: *defaults`")
			}
			sub, err := p.values(src, prefix, path, lines)
			if err != nil {
				return nil, err
			}
			merge(out, sub)
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Tag == "!!merge" {
			continue
		}
		p.budget--
		if p.budget < 0 {
			return nil, p.errAt(n, "usage file is too large after expanding aliases", "a file without deeply nested aliases")
		}
		k, v := n.Content[i], p.deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			return nil, p.errAt(k, "empty or non-text usage key", "a usage key name")
		}
		if strings.Contains(k.Value, ".") {
			return nil, p.errAt(k, fmt.Sprintf("usage key %q contains a dot", k.Value), "a plain key; nest maps for sub-keys")
		}
		full := k.Value
		if path != "" {
			full = path + "." + k.Value
		}
		lines[prefix+full] = k.Line
		switch v.Kind {
		case yaml.MappingNode:
			sub, err := p.values(v, prefix, full, lines)
			if err != nil {
				return nil, err
			}
			out[k.Value] = sub
		case yaml.ScalarNode:
			x, ok, err := p.scalar(v, full)
			if err != nil {
				return nil, err
			}
			if ok {
				out[k.Value] = x
			}
		default:
			return nil, p.errAt(v, fmt.Sprintf("usage key %s has a list value", full), "a number, text, true/false or a nested mapping")
		}
	}
	return out, nil
}

// scalar converts a scalar node; ok is false for null (treated as absent).
func (p *parser) scalar(n *yaml.Node, key string) (any, bool, error) {
	switch n.Tag {
	case "!!null":
		return nil, false, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, false, p.errAt(n, fmt.Sprintf("usage key %s: %q is not a boolean", key, n.Value), "true or false")
		}
		return b, true, nil
	case "!!int", "!!float":
		d, err := number(n)
		if err != nil {
			return nil, false, p.errAt(n, fmt.Sprintf("usage key %s: %q is not a finite number", key, n.Value), "a finite number such as 100 or 0.5")
		}
		if d.IsNegative() {
			return nil, false, p.errAt(n, fmt.Sprintf("usage key %s is negative (%s)", key, n.Value), "a quantity of zero or more")
		}
		if d.GreaterThan(maxQuantity) {
			return nil, false, p.errAt(n, fmt.Sprintf("usage key %s is too large (%s)", key, n.Value), "a quantity below 10^15")
		}
		return d, true, nil
	default:
		// yaml.v3 resolves a plain float it cannot hold (1e999999999) as a
		// string; a plain scalar that reads as a number is one, out of range.
		if n.Style == 0 && n.Tag == "!!str" && yamlFloat.MatchString(n.Value) {
			return nil, false, p.errAt(n, fmt.Sprintf("usage key %s is too large (%s)", key, n.Value), "a quantity below 10^15")
		}
		return n.Value, true, nil
	}
}

// maxQuantity bounds usage quantities: no monthly figure (requests, GB,
// hours) comes near 10^15, and a bound keeps a typo such as 1e999999999
// from producing a 10^9-digit decimal or being dropped.
var maxQuantity = decimal.New(1, 15)

// yamlFloat is YAML 1.2's core-schema float syntax.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// number keeps a YAML number's digits exactly as written ("0.1" stays 0.1,
// not 0.1000000000000000055…).
func number(n *yaml.Node) (decimal.Decimal, error) {
	s := strings.ReplaceAll(n.Value, "_", "")
	s = strings.TrimPrefix(s, "+")
	if d, err := decimal.NewFromString(s); err == nil {
		return d, nil
	}
	if n.Tag == "!!int" {
		var i int64
		if err := n.Decode(&i); err == nil {
			return decimal.NewFromInt(i), nil
		}
		return decimal.Decimal{}, fmt.Errorf("bad int")
	}
	var f float64
	if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return decimal.Decimal{}, fmt.Errorf("bad float")
	}
	return decimal.NewFromString(strconv.FormatFloat(f, 'f', -1, 64))
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 syntax error into a positioned failure.
func yamlError(name string, err error) *failure.Error {
	fe := &failure.Error{Kind: failure.Input, File: name, Msg: "usage file is not valid YAML",
		Expected: "a YAML mapping in Infracost usage file format 0.1", Err: err}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		fe.Line, _ = strconv.Atoi(m[1])
		fe.Msg += ": " + m[2]
		return fe
	}
	fe.Msg += ": " + strings.TrimPrefix(msg, "yaml: ")
	return fe
}

// CheckKeys adds a warning for every usage key that the rule of its resource
// type does not read. known maps a resource type to the dotted keys it
// reads (Registry.KnownUsageKeys); types absent from known are not checked,
// since tfcost cannot tell which keys they would take. A mapping key is
// known when some known key lies under it.
func (f *File) CheckKeys(known map[string][]string) {
	if f == nil {
		return
	}
	check := func(section, name, typ string, vals Values) {
		keys, ok := known[typ]
		if !ok {
			return
		}
		set := map[string]bool{}
		for _, k := range keys {
			set[k] = true
			for i := strings.IndexByte(k, '.'); i >= 0; i = next(k, i) {
				set[k[:i]+"."] = true // prefix marker for nested maps
			}
		}
		sorted := append([]string(nil), keys...)
		sort.Strings(sorted)
		var walk func(v Values, path string)
		walk = func(v Values, path string) {
			for _, k := range sortedKeys(v) {
				full := k
				if path != "" {
					full = path + "." + k
				}
				if sub, isMap := v[k].(Values); isMap && set[full+"."] {
					walk(sub, full)
					continue
				}
				if set[full] {
					continue
				}
				line := f.lines[section+"\x00"+name+"\x00"+full]
				f.Warnings = append(f.Warnings, fmt.Sprintf("%s:%d: unknown usage key %s for %s (known: %s)",
					f.Name, line, full, typ, strings.Join(sorted, ", ")))
			}
		}
		walk(vals, "")
	}
	for _, typ := range sortedKeys(f.Defaults) {
		check(keyDefaults, typ, typ, f.Defaults[typ])
	}
	for _, addr := range sortedKeys(f.Resources) {
		check(keyUsage, addr, TypeOf(addr), f.Resources[addr])
	}
}

func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '.')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TypeOf returns the resource type of an address such as
// `module.app["a.b"].aws_instance.web[0]` (aws_instance), or "" when the
// address has no type.
func TypeOf(address string) string {
	var segs []string
	var cur strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(address); i++ {
		c := address[i]
		switch {
		case quoted:
			if c == '\\' && i+1 < len(address) {
				i++
			} else if c == '"' {
				quoted = false
			}
			continue
		case c == '"':
			quoted = true
			continue
		case c == '[':
			depth++
			continue
		case c == ']':
			depth--
			continue
		case depth > 0:
			continue
		case c == '.':
			segs = append(segs, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	segs = append(segs, cur.String())
	for len(segs) >= 2 && segs[0] == "module" {
		segs = segs[2:]
	}
	if len(segs) >= 1 && segs[0] == "data" {
		segs = segs[1:]
	}
	if len(segs) != 2 {
		return ""
	}
	return segs[0]
}

// FromMap builds a File from decoded data with the same shape as a usage
// file (e.g. the provider's `usage` attribute): resource_type_default_usage
// and resource_usage maps, version optional. Numbers may be float64, ints,
// json.Number-like strings or decimal.Decimal; floats are kept as printed
// by strconv (shortest representation), never widened.
func FromMap(m map[string]any) (*File, error) {
	const name = "usage"
	f := &File{Name: name, Version: "0.1", Defaults: map[string]Values{}, Resources: map[string]Values{}, lines: map[string]int{}}
	bad := func(path, msg, expected string) error {
		return &failure.Error{Kind: failure.Input, File: name, Msg: path + ": " + msg, Expected: expected}
	}
	for _, k := range sortedKeys(m) {
		v := m[k]
		switch k {
		case keyVersion:
			s := strings.TrimPrefix(fmt.Sprint(v), "v")
			if s != "0.1" {
				return nil, bad(k, fmt.Sprintf("unsupported usage version %v", v), "0.1")
			}
		case keyDefaults, keyUsage:
			if v == nil {
				continue
			}
			sec, ok := v.(map[string]any)
			if !ok {
				return nil, bad(k, "is not a map", "resource types or addresses mapped to usage keys")
			}
			for _, rk := range sortedKeys(sec) {
				if sec[rk] == nil {
					continue
				}
				rm, ok := sec[rk].(map[string]any)
				if !ok {
					return nil, bad(k+"."+rk, "is not a map", "usage keys with values")
				}
				vals, err := fromAny(rm, k+"."+rk, bad)
				if err != nil {
					return nil, err
				}
				if k == keyDefaults {
					f.Defaults[rk] = vals
				} else {
					f.Resources[rk] = vals
				}
			}
		default:
			f.Warnings = append(f.Warnings, fmt.Sprintf("%s: unknown top-level key %s (known: %s, %s, %s)", name, k, keyVersion, keyDefaults, keyUsage))
		}
	}
	return f, nil
}

func fromAny(m map[string]any, path string, bad func(string, string, string) error) (Values, error) {
	out := Values{}
	for _, k := range sortedKeys(m) {
		p := path + "." + k
		var d decimal.Decimal
		isNum := true
		switch x := m[k].(type) {
		case nil:
			continue
		case map[string]any:
			sub, err := fromAny(x, p, bad)
			if err != nil {
				return nil, err
			}
			out[k] = sub
			continue
		case Values:
			sub, err := fromAny(map[string]any(x), p, bad)
			if err != nil {
				return nil, err
			}
			out[k] = sub
			continue
		case bool:
			out[k] = x
			continue
		case string:
			out[k] = x
			continue
		case decimal.Decimal:
			d = x
		case float64:
			if math.IsInf(x, 0) || math.IsNaN(x) {
				return nil, bad(p, "is not a finite number", "a finite number")
			}
			d, _ = decimal.NewFromString(strconv.FormatFloat(x, 'f', -1, 64))
		case float32:
			d, _ = decimal.NewFromString(strconv.FormatFloat(float64(x), 'f', -1, 32))
		case int:
			d = decimal.NewFromInt(int64(x))
		case int64:
			d = decimal.NewFromInt(x)
		case int32:
			d = decimal.NewFromInt(int64(x))
		case *big.Float:
			if x == nil || x.IsInf() {
				return nil, bad(p, "is not a finite number", "a finite number")
			}
			d, _ = decimal.NewFromString(x.Text('f', -1))
		case fmt.Stringer: // json.Number, …
			var err error
			if d, err = decimal.NewFromString(x.String()); err != nil {
				return nil, bad(p, fmt.Sprintf("%q is not a number", x.String()), "a number")
			}
		default:
			isNum = false
		}
		if !isNum {
			return nil, bad(p, fmt.Sprintf("has an unsupported value of type %T", m[k]), "a number, text, bool or nested map")
		}
		if d.IsNegative() {
			return nil, bad(p, "is negative ("+d.String()+")", "a quantity of zero or more")
		}
		out[k] = d
	}
	return out, nil
}
