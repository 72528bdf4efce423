package provider

import (
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the
// Terraform CLI that terraform-plugin-testing drives.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"tfcost": providerserver.NewProtocol6WithError(New("test")()),
}

// TestMain keeps acceptance tests offline: terraform-plugin-testing would
// download the latest Terraform when none is on PATH, so point it at the
// installed binary explicitly, and when there is none make it fail instead
// of downloading. CHECKPOINT_DISABLE stops Terraform's version check.
func TestMain(m *testing.M) {
	mustSetenv("CHECKPOINT_DISABLE", "1")
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		tf, err := exec.LookPath("terraform")
		if err != nil {
			fmt.Fprintln(os.Stderr, "terraform is not on PATH: acceptance tests need the Terraform CLI (run scripts/ensure-terraform.sh)")
			tf = "terraform-not-on-PATH"
		}
		mustSetenv("TF_ACC_TERRAFORM_PATH", tf)
	}
	useOpenTofuRegistry(os.Getenv("TF_ACC_TERRAFORM_PATH"))
	os.Exit(m.Run())
}

// useOpenTofuRegistry points terraform-plugin-testing's provider address at
// OpenTofu's registry host when the CLI is the OpenTofu stand-in that
// scripts/ensure-terraform.sh builds on machines without Terraform: OpenTofu
// rejects the legacy "-" namespace the framework uses by default.
func useOpenTofuRegistry(cli string) {
	out, err := exec.Command(cli, "version").Output()
	if err != nil || !strings.Contains(string(out), "OpenTofu") {
		return
	}
	if os.Getenv("TF_ACC_PROVIDER_HOST") == "" {
		mustSetenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	}
	if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
		mustSetenv("TF_ACC_PROVIDER_NAMESPACE", "hashicorp")
	}
}

// mustSetenv sets a variable for the whole test binary: TestMain runs before
// any test, so t.Setenv is not available.
func mustSetenv(key, value string) {
	if err := os.Setenv(key, value); err != nil {
		panic(err)
	}
}

// usdNumber is an exact expected figure for knownvalue.NumberExact, parsed
// at the 512 bits the check compares with.
func usdNumber(s string) *big.Float {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return f
}

func exact(s string) knownvalue.Check { return knownvalue.NumberExact(usdNumber(s)) }
