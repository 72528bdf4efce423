//go:build generate

// Package tools pins the documentation generator in its own module, so the
// provider's go.mod stays free of tfplugindocs and its dependencies.
package tools

import (
	// Documentation generation.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

// Format the examples that the docs embed.
//go:generate terraform fmt -recursive ../examples/

// Generate docs/ from the provider schema, templates/ and examples/. It uses
// the terraform on PATH (no --tf-version: nothing is downloaded).
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name tfcost
