// Package usage reads usage files: the quantities a plan cannot know (requests,
// GB stored, hours per day). The format is Infracost's usage file format 0.1,
// so existing files work, plus tfcost's scheduling keys (monthly_hrs,
// hours_per_day, days_per_month).
package usage

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Values are the usage values for one resource. Nested objects are
// Values too; scalars are decimal.Decimal, string or bool.
type Values map[string]any

// Get returns the value at a dotted path ("standard.storage_gb").
func (v Values) Get(path string) (any, bool) {
	var cur any = v
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(Values)
		if !ok {
			return nil, false
		}
		cur, ok = m[part]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}

// Number returns a numeric value at a dotted path.
func (v Values) Number(path string) (decimal.Decimal, bool) {
	x, ok := v.Get(path)
	if !ok {
		return decimal.Decimal{}, false
	}
	switch n := x.(type) {
	case decimal.Decimal:
		return n, true
	case int:
		return decimal.NewFromInt(int64(n)), true
	case string:
		d, err := decimal.NewFromString(n)
		return d, err == nil
	}
	return decimal.Decimal{}, false
}

// String returns a string value at a dotted path.
func (v Values) String(path string) (string, bool) {
	x, ok := v.Get(path)
	if !ok {
		return "", false
	}
	switch s := x.(type) {
	case string:
		return s, true
	case decimal.Decimal:
		return s.String(), true
	case bool:
		return strconv.FormatBool(s), true
	}
	return "", false
}

// Bool returns a boolean value at a dotted path.
func (v Values) Bool(path string) (bool, bool) {
	x, ok := v.Get(path)
	if !ok {
		return false, false
	}
	b, ok := x.(bool)
	return b, ok
}

// KeyMonthlyRequests is the project-level usage key (under `project:`) giving
// the requests the whole project serves a month.
const KeyMonthlyRequests = "monthly_requests"

// Scheduling keys understood on every compute resource.
const (
	KeyMonthlyHours = "monthly_hrs"
	KeyHoursPerDay  = "hours_per_day"
	KeyDaysPerMonth = "days_per_month"
)

// File is a parsed usage file.
type File struct {
	Name    string
	Version string
	// Defaults are resource_type_default_usage, by resource type.
	Defaults map[string]Values
	// Resources are resource_usage, by address; addresses may use [*].
	Resources map[string]Values
	// Project is tfcost's project-level usage (top-level `project:`), e.g.
	// monthly_requests for cost per 1,000 requests. Nil when absent.
	Project Values
	// Warnings are non-fatal findings with file and line (unknown keys, …).
	Warnings []string

	// lines maps "section\x00name\x00dotted.key" to the key's line, for
	// CheckKeys warnings.
	lines map[string]int

	wildOnce sync.Once
	wild     []string
}

// For returns the usage for one resource instance: type defaults, overlaid
// by matching wildcard addresses (`[*]` stands for any one index, in the
// resource's or a module's key: `aws_lambda_function.fn[*]`,
// `module.app[*].aws_instance.web[*]`; the less general first), overlaid by
// the address without its index, overlaid by the exact address. Nil-safe.
func (f *File) For(address, typ string) Values {
	if f == nil {
		return nil
	}
	out := Values{}
	merge(out, f.Defaults[typ])
	for _, pat := range f.wildcards() {
		if matchWildcard(pat, address) {
			merge(out, f.Resources[pat])
		}
	}
	if base, ok := trimIndex(address); ok {
		merge(out, f.Resources[base])
	}
	merge(out, f.Resources[address])
	if len(out) == 0 {
		return nil
	}
	return out
}

// wildcards lists the resource_usage addresses with [*], most general
// (most wildcards) first so that more specific patterns win when merged.
func (f *File) wildcards() []string {
	f.wildOnce.Do(func() {
		for k := range f.Resources {
			if strings.Contains(k, "[*]") {
				f.wild = append(f.wild, k)
			}
		}
		sort.Slice(f.wild, func(i, j int) bool {
			ni, nj := strings.Count(f.wild[i], "[*]"), strings.Count(f.wild[j], "[*]")
			if ni != nj {
				return ni > nj
			}
			return f.wild[i] < f.wild[j]
		})
	})
	return f.wild
}

// matchWildcard reports whether address matches pattern, where each [*]
// in pattern matches exactly one index ([0], ["key"]) in address.
func matchWildcard(pattern, address string) bool {
	parts := strings.Split(pattern, "[*]")
	rest := address
	for i, part := range parts {
		if !strings.HasPrefix(rest, part) {
			return false
		}
		rest = rest[len(part):]
		if i == len(parts)-1 {
			return rest == ""
		}
		n := indexLen(rest)
		if n == 0 {
			return false
		}
		rest = rest[n:]
	}
	return false
}

// indexLen returns the length of the index at the start of s ([0] or
// ["a]b"]), or 0 when s does not start with one.
func indexLen(s string) int {
	if !strings.HasPrefix(s, "[") {
		return 0
	}
	quoted := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ']':
			return i + 1
		}
	}
	return 0
}

// trimIndex returns address without its trailing instance index.
func trimIndex(address string) (string, bool) {
	if !strings.HasSuffix(address, "]") {
		return "", false
	}
	for i := len(address) - 1; i > 0; i-- {
		if address[i] == '[' && indexLen(address[i:]) == len(address)-i {
			return address[:i], true
		}
	}
	return "", false
}

func merge(dst, src Values) {
	for k, v := range src {
		if sv, ok := v.(Values); ok {
			if dv, ok := dst[k].(Values); ok {
				nv := Values{}
				merge(nv, dv)
				merge(nv, sv)
				dst[k] = nv
				continue
			}
		}
		dst[k] = v
	}
}
