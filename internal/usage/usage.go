// Package usage reads usage files: the quantities a plan cannot know (requests,
// GB stored, hours per day). The format is Infracost's usage file format 0.1,
// so existing files work, plus tfcost's scheduling keys (monthly_hrs,
// hours_per_day, days_per_month).
package usage

import (
	"strconv"
	"strings"

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
}

// For returns the usage for one resource instance: type defaults, overlaid by
// a matching wildcard address (`aws_lambda_function.fn[*]`), overlaid by the
// exact address. Nil-safe.
func (f *File) For(address, typ string) Values {
	if f == nil {
		return nil
	}
	out := Values{}
	merge(out, f.Defaults[typ])
	if i := strings.LastIndexByte(address, '['); i > 0 && strings.HasSuffix(address, "]") {
		merge(out, f.Resources[address[:i]+"[*]"])
		merge(out, f.Resources[address[:i]])
	}
	merge(out, f.Resources[address])
	if len(out) == 0 {
		return nil
	}
	return out
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
