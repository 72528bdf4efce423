package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/failure"
)

const importSamples = "../catalog/importer/testdata"

// TestCatalogImport imports two real price-list samples, then prices with
// the result through --catalog.
func TestCatalogImport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "imported.catalog")
	code, stdout, stderr := run(t, "catalog", "import", "--out", out, "--skip-bad-rows",
		filepath.Join(importSamples, "aws_pricelist_AmazonEC2_offer_excerpt_us-east-2_v20230322145651.strict.json"),
		filepath.Join(importSamples, "aws_pricelist_csv_AmazonECS_eu-west-1_excerpt.csv"))
	if code != failure.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// gp3 + the misfiled m5.large reservation (EC2 sample), 8 Fargate rows (CSV).
	if !strings.Contains(stdout, "Imported 10 prices (ebs, ec2, fargate) from 2 offer file(s)") {
		t.Errorf("stdout: %s", stdout)
	}
	if !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, "INVALID") && !strings.Contains(stderr, "row skipped") {
		t.Errorf("stderr: %s", stderr)
	}
	code, stdout, stderr = run(t, "--catalog", out, "catalog", "info", "--items", "ebs")
	if code != failure.ExitOK || !strings.Contains(stdout, "gp3 storage") || !strings.Contains(stdout, "us-east-2") {
		t.Errorf("info: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

func TestCatalogImportErrors(t *testing.T) {
	code, _, stderr := run(t, "catalog", "import", "--out", filepath.Join(t.TempDir(), "x"),
		filepath.Join(importSamples, "aws_pricelist_AmazonEC2_offer_excerpt_us-east-2_v20230322145651.json"))
	if code != failure.ExitError || !strings.Contains(stderr, ":171:8: invalid JSON") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	code, _, stderr = run(t, "catalog", "import", "x.json")
	if code != failure.ExitError || !strings.Contains(stderr, "--out") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}
