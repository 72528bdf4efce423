#!/usr/bin/env bash
# Makes sure a Terraform-compatible CLI is on PATH for the acceptance tests and
# for tfplugindocs. Development and CI machines have Terraform installed. On a
# machine without it, nothing but the Go module proxy is reachable, and
# `go install github.com/hashicorp/terraform@…` fails (its go.mod has replace
# directives pointing at nested modules the proxy zip does not contain). So we
# build OpenTofu — a drop-in, MPL-licensed fork whose only replace points at
# another module — from its module source, and install it as `terraform` in
# GOPATH/bin (which .ci/run puts on PATH). It takes several minutes on 2 cores.
set -euo pipefail
if command -v terraform >/dev/null 2>&1; then
  terraform version 2>/dev/null | head -1
  exit 0
fi
TOFU_VERSION="${TOFU_VERSION:-v1.10.10}"
echo "terraform not on PATH: building OpenTofu ${TOFU_VERSION} from the Go module proxy as a stand-in" >&2
gobin="$(go env GOPATH)/bin"
mkdir -p "$gobin"
go mod download "github.com/opentofu/opentofu@${TOFU_VERSION}"
src="$(go env GOMODCACHE)/github.com/opentofu/opentofu@${TOFU_VERSION}"
(cd "$src" && go build -buildvcs=false -o "$gobin/terraform" ./cmd/tofu)
"$gobin/terraform" version 2>/dev/null | head -1
