// Command tfcost prices Terraform plans offline from an embedded AWS price
// catalog. See README.md.
package main

import (
	"os"

	"github.com/tfcost/tfcost/internal/cli"
)

// version is set by goreleaser: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	cli.Execute(version, os.Exit, os.Args[1:])
}
