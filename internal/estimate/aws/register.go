// Package aws holds the pricing rules for AWS resource types: one file per
// type, each with a typed struct decoded from the plan values and one small
// function per cost component, registered explicitly by Register.
package aws

import "github.com/tfcost/tfcost/internal/estimate"

// Register adds every AWS rule to r. The lists are explicit on purpose:
// adding a type is one line in a register_*.go file plus the type's own file.
func Register(r *estimate.Registry) {
	registerCore(r)
	registerCoverage(r)
	registerFree(r)
}

// NewRegistry returns a registry with every AWS rule.
func NewRegistry() *estimate.Registry {
	r := estimate.NewRegistry()
	Register(r)
	return r
}
