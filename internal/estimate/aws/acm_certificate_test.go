package aws

import (
	"testing"

	"github.com/tfcost/tfcost/internal/estimate"
)

// TestACMCertificate: public certificates cost nothing; private-CA and
// exportable certificates are billed, and shared/pricing has no figure for
// either, so they are unpriced lines (never a silent $0 or "free").
func TestACMCertificate(t *testing.T) {
	runCovCases(t, "aws_acm_certificate", []covCase{
		{name: "public", values: `{"domain_name":"example.com","validation_method":"DNS"}`, total: "0", count: 0},
		{name: "private CA", values: `{"domain_name":"internal.example","certificate_authority_arn":"arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x"}`,
			unpriced: []string{"Private certificate"}, note: map[string]string{"Private certificate": "no catalog price for private certificates"},
			total: "0", count: 1},
		{name: "private CA from an unknown ARN", values: `{"domain_name":"internal.example"}`, unknown: `{"certificate_authority_arn":true}`,
			unpriced: []string{"Private certificate"}, count: 1},
		{name: "exportable public", values: `{"domain_name":"example.com","options":[{"export":"ENABLED"}]}`,
			unpriced: []string{"Exportable public certificate"}, count: 1},
	})
	r := priceOne(t, "aws_acm_certificate", `{"domain_name":"example.com"}`, "", "us-east-1")
	if r.Status != estimate.StatusPriced || r.Note == "" {
		t.Errorf("public certificate: status %s note %q, want priced at nothing with a note", r.Status, r.Note)
	}
}
