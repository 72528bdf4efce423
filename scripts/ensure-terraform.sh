#!/usr/bin/env bash
# Makes sure a Terraform CLI is on PATH for acceptance tests. Development and CI
# machines have one installed; on a machine without it, build it from source
# through the Go module proxy (no other network is reachable).
set -euo pipefail
if command -v terraform >/dev/null 2>&1; then
  terraform version | head -1
  exit 0
fi
echo "terraform not on PATH: building it with go install (Go module proxy)" >&2
go install github.com/hashicorp/terraform@v1.11.4
terraform version | head -1
