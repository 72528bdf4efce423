// Package policy evaluates budget gates written in HCL against an estimate:
// the "policy verdict" step of the flow
// plan → resources → cost components → prices → estimate → policy verdict → report.
//
// A policy file holds three kinds of blocks:
//
//	budget "data-team" {
//	  limit       = 5000                       # USD per month
//	  scope       = { tags = { team = "data" }, types = ["aws_instance"], projects = ["app"] }
//	  bound       = "expected"                 # min | expected | max (autoscaling ranges)
//	  enforcement = "hard"                     # advisory | soft | hard
//	}
//	guardrail "growth" {
//	  max_increase         = 500               # USD per month over the prior cost
//	  max_increase_percent = 20
//	  enforcement          = "soft"
//	}
//	rule "no-big-instances" {
//	  condition   = alltrue([for r in estimate.resources : r.monthly < 1000])
//	  message     = "no single resource may cost more than $1000/month"
//	  enforcement = "advisory"
//	}
//
// A rule's condition follows Sentinel semantics: true means the policy passes,
// false is a violation. Enforcement levels also follow Sentinel: advisory
// findings are reported but never fail, soft violations fail unless allowed
// (--allow-soft), hard violations always fail.
package policy

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/shopspring/decimal"

	"github.com/tfcost/tfcost/internal/estimate"
	"github.com/tfcost/tfcost/internal/plan"
)

// Kind is the block type a violation comes from.
type Kind string

// Policy kinds.
const (
	KindBudget    Kind = "budget"
	KindGuardrail Kind = "guardrail"
	KindRule      Kind = "rule"
)

// Enforcement is how a violation affects the gate, as in Sentinel.
type Enforcement string

// Enforcement levels.
const (
	Advisory Enforcement = "advisory"
	Soft     Enforcement = "soft"
	Hard     Enforcement = "hard"
)

// Bound selects which figure of an autoscaling cost range a budget checks.
type Bound string

// Bounds. Expected is the default and is the estimate's monthly total.
const (
	BoundMin      Bound = "min"
	BoundExpected Bound = "expected"
	BoundMax      Bound = "max"
)

// Set is a parsed policy file: budgets, guardrails and rules in file order.
type Set struct {
	File     string
	Policies []*Policy
}

// Policy is one budget, guardrail or rule block.
type Policy struct {
	Name        string
	Kind        Kind
	Enforcement Enforcement
	// Description is the optional `description` attribute, shown in reports.
	Description string
	// Where the block starts, for messages.
	File         string
	Line, Column int

	// Budget.
	Limit *decimal.Decimal
	Scope Scope
	Bound Bound
	// Extra holds attributes added by later features (e.g. a carbon_limit)
	// so they can be evaluated without changing the parser's shape; see
	// RegisterBudgetCheck.
	Extra map[string]decimal.Decimal

	// Guardrail.
	MaxIncrease        *decimal.Decimal
	MaxIncreasePercent *decimal.Decimal

	// Rule.
	Message     string
	condition   condition
	messageExpr hcl.Expression // set when the message interpolates `estimate`
}

// Scope narrows a budget to resources with all the given tags, one of the
// given types and (in multi-project runs) one of the given projects. An
// empty scope is the whole estimate.
type Scope struct {
	Tags     map[string]string
	Types    []string
	Projects []string
}

// Input is what a policy set is evaluated against: the planned estimate and,
// when known, the prior one (the cost before the change, or a baseline).
type Input struct {
	Planned *estimate.Estimate
	Prior   *estimate.Estimate
	// Plan, when set, gives rules the planned attribute values of each
	// resource (estimate.resources[*].values); without it values are null.
	Plan *plan.Plan
}

// Violation is one broken policy. Limit, Actual and Over are set for budgets
// and guardrails (Over = Actual − Limit); rules carry only a Message.
type Violation struct {
	Policy      string           `json:"policy"`
	Kind        Kind             `json:"kind"`
	Enforcement Enforcement      `json:"enforcement"`
	Limit       *decimal.Decimal `json:"limit,omitempty"`
	Actual      *decimal.Decimal `json:"actual,omitempty"`
	Over        *decimal.Decimal `json:"over,omitempty"`
	// Unit of Limit/Actual/Over: "USD/month" or "%".
	Unit  string `json:"unit,omitempty"`
	Bound Bound  `json:"bound,omitempty"`
	// Detail is a short description for tables: the policy's description,
	// else its scope and what was measured. Message is the full sentence.
	Detail  string `json:"detail,omitempty"`
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
}

// Note is a policy check that could not be applied, e.g. a percent guardrail
// when the prior cost is zero.
type Note struct {
	Policy  string `json:"policy"`
	Kind    Kind   `json:"kind"`
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

// Verdict is the outcome of evaluating a Set.
type Verdict struct {
	Violations []Violation `json:"violations"`
	// NotApplicable lists checks skipped because they make no sense for this
	// input (percent increase with no prior cost).
	NotApplicable []Note `json:"notApplicable,omitempty"`
	// Errors are rules whose condition could not be evaluated; they make the
	// check fail as an input error (see Err), never pass silently.
	Errors []Note `json:"errors,omitempty"`
	// Evaluated counts the policies evaluated.
	Evaluated int `json:"evaluated"`
}

// Hard reports whether any hard violation exists.
func (v Verdict) Hard() bool { return v.has(Hard) }

// Soft reports whether any soft violation exists.
func (v Verdict) Soft() bool { return v.has(Soft) }

func (v Verdict) has(e Enforcement) bool {
	for _, x := range v.Violations {
		if x.Enforcement == e {
			return true
		}
	}
	return false
}

// Budget builds a one-policy Set from figures given programmatically (the
// provider's nested budget attribute). A nil figure is not checked;
// monthlyLimit makes a budget, maxIncrease/maxIncreasePercent a guardrail.
// An empty enforcement means hard.
func Budget(name string, monthlyLimit, maxIncrease, maxIncreasePercent *decimal.Decimal, enforcement string) *Set {
	enf := Enforcement(enforcement)
	if enf == "" {
		enf = Hard
	}
	s := &Set{File: "budget"}
	if monthlyLimit != nil {
		s.Policies = append(s.Policies, &Policy{Name: name, Kind: KindBudget, Enforcement: enf, Limit: monthlyLimit, Bound: BoundExpected})
	}
	if maxIncrease != nil || maxIncreasePercent != nil {
		s.Policies = append(s.Policies, &Policy{Name: name, Kind: KindGuardrail, Enforcement: enf,
			MaxIncrease: maxIncrease, MaxIncreasePercent: maxIncreasePercent})
	}
	return s
}
