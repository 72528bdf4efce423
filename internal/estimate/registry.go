package estimate

import (
	"sort"
	"strings"

	"github.com/tfcost/tfcost/internal/plan"
)

// Rule prices one resource type. Rules are plain values registered explicitly
// (see aws.Register); there is no global mutable registry.
type Rule struct {
	// Type is the Terraform resource type, e.g. "aws_instance".
	Type string
	// Free marks types AWS does not charge for; Price is then nil.
	Free bool
	// Components documents the cost component names (for the coverage page).
	Components []string
	// UsageKeys are the usage-file keys the rule reads (for docs and for
	// warning about unknown keys). Dotted paths for nested keys.
	UsageKeys []UsageKey
	// Price returns the resource's cost components. It reads the resource
	// through the Context (never raw JSON paths) and must not return an error
	// for an unknown or missing value: that is a component marked Unknown or
	// usage-based. Errors are for values of the wrong shape.
	Price func(c *Context) ([]Component, error)
	// Notes is shown on the coverage page.
	Notes string
}

// UsageKey documents one usage-file key.
type UsageKey struct {
	Key         string
	Description string
}

// Registry maps resource types to rules.
type Registry struct {
	rules map[string]Rule
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{rules: map[string]Rule{}} }

// Add registers a rule; registering a type twice is a programming error.
func (r *Registry) Add(rule Rule) {
	if _, dup := r.rules[rule.Type]; dup {
		panic("estimate: rule registered twice: " + rule.Type)
	}
	if !rule.Free && rule.Price == nil {
		panic("estimate: rule without Price: " + rule.Type)
	}
	r.rules[rule.Type] = rule
}

// AddFree registers types that AWS does not charge for.
func (r *Registry) AddFree(types ...string) {
	for _, t := range types {
		r.Add(Rule{Type: t, Free: true})
	}
}

// Rule returns the rule for a type.
func (r *Registry) Rule(typ string) (Rule, bool) {
	rule, ok := r.rules[typ]
	return rule, ok
}

// Rules lists all rules sorted by type.
func (r *Registry) Rules() []Rule {
	out := make([]Rule, 0, len(r.rules))
	for _, rule := range r.rules {
		out = append(out, rule)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}

// KnownUsageKeys returns, per type, the usage keys its rule reads plus the
// scheduling keys every compute rule understands.
func (r *Registry) KnownUsageKeys() map[string][]string {
	out := map[string][]string{}
	for t, rule := range r.rules {
		for _, k := range rule.UsageKeys {
			out[t] = append(out[t], k.Key)
		}
	}
	for _, t := range faultTolerantTypes {
		if _, ok := r.rules[t]; ok {
			out[t] = append(out[t], KeyFaultTolerant)
		}
	}
	return out
}

// utilityProviders are non-AWS providers whose resources never cost money.
var utilityPrefixes = []string{"random_", "null_", "tls_", "local_", "time_", "template_", "archive_", "terraform_data", "external", "http"}

func isUtility(typ string) bool {
	for _, p := range utilityPrefixes {
		if strings.HasPrefix(typ, p) {
			return true
		}
	}
	return false
}

// isAWS reports whether a resource belongs to the AWS provider (by type
// prefix, or by provider source address for renamed local providers).
func isAWS(r *plan.Resource) bool {
	return strings.HasPrefix(r.Type, "aws_") || strings.HasSuffix(r.ProviderName, "/aws")
}
