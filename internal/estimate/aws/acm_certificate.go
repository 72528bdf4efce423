package aws

import (
	"strings"

	"github.com/tfcost/tfcost/internal/estimate"
)

// acmCertificateValues are the aws_acm_certificate attributes that decide
// whether it is billed.
type acmCertificateValues struct {
	CertificateAuthorityArn *string `json:"certificate_authority_arn"`
	Options                 []struct {
		Export *string `json:"export"`
	} `json:"options"`
}

// acmCertificate: public ACM certificates cost nothing. A certificate issued
// by an AWS Private CA (certificate_authority_arn set) is billed per
// certificate, and an exportable public certificate per certificate too;
// the catalog has neither price, so those lines are unpriced, never $0.
func acmCertificate() estimate.Rule {
	return estimate.Rule{
		Type:       "aws_acm_certificate",
		Components: []string{"Private certificate", "Exportable public certificate"},
		Notes: "Public certificates are free. Private-CA certificates (certificate_authority_arn) and exportable public " +
			"certificates are billed per certificate: no catalog price, reported unpriced.",
		Price: func(c *estimate.Context) ([]estimate.Component, error) {
			var v acmCertificateValues
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			l := estimate.Line{Unit: "certificates", Category: estimate.ManagedServices}
			switch {
			case str(v.CertificateAuthorityArn) != "" || c.Unknown("certificate_authority_arn"):
				l.Name = "Private certificate"
				return []estimate.Component{c.Unpriced(l, "no catalog price for private certificates (AWS Private CA bills each certificate issued)")}, nil
			case len(v.Options) > 0 && strings.EqualFold(str(v.Options[0].Export), "ENABLED"):
				l.Name = "Exportable public certificate"
				return []estimate.Component{c.Unpriced(l, "no catalog price for exportable public certificates (billed per certificate)")}, nil
			}
			c.SetNote("public certificate: ACM does not charge for it")
			return nil, nil
		},
	}
}
