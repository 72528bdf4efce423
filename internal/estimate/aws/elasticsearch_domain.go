package aws

import "github.com/tfcost/tfcost/internal/estimate"

// elasticsearchDomain is the pre-OpenSearch name of the same service; it is
// priced from the OpenSearch figures (instance types "….elasticsearch" map to
// "….search").
func elasticsearchDomain() estimate.Rule { return searchDomainRule("aws_elasticsearch_domain") }
