package aws

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/estimate"
)

// The coverage page is generated from the Registry so it cannot drift from
// the rules: `go test ./internal/estimate/aws -run TestCoveragePage -update`
// rewrites docs/coverage.md; without -update the test fails when it is stale.
var update = flag.Bool("update", false, "rewrite generated files (docs/coverage.md)")

const coveragePage = "../../../docs/coverage.md"

// coverageGaps are the components shared/pricing has no figure for: the rules
// report them unpriced (never $0) until the catalog gains them.
var coverageGaps = []string{
	"aws_ec2_transit_gateway_vpc_attachment: attachment hours and data processed",
	"aws_kinesis_stream: shard hours, PUT payload units, on-demand stream hours and data",
	"aws_msk_cluster: broker hours and broker storage",
	"aws_redshift_cluster: node hours and RA3 managed storage",
	"aws_cloudfront_distribution: data transfer, requests, invalidations",
	"aws_sfn_state_machine: state transitions, express requests and duration",
	"aws_route53_record: DNS queries (hosted zones are priced)",
	"aws_opensearch_domain / aws_elasticsearch_domain: EBS storage (instances are priced)",
	"aws_apigatewayv2_api: WebSocket messages and connection minutes; REST/HTTP requests beyond the first tier",
	"aws_rds_cluster: Aurora I/O-Optimized storage (only a rounded $0.23 is published in S4), Serverless v1 ACUs",
	"aws_rds_cluster_instance: Serverless v2 ACUs on I/O-Optimized clusters; I/O-Optimized reservations",
	"aws_lambda_function: arm64 duration beyond the first 7.5B GB-seconds",
	"aws_dynamodb_table: restores, streams, replicated writes (other regions borrow the us-east-2 figures, marked approximate)",
	"aws_efs_file_system: One Zone-IA storage, infrequent-access reads and writes",
	"aws_kms_key: asymmetric key requests",
	"aws_sns_topic: notification deliveries (HTTP, email, SMS, …)",
	"aws_eks_cluster: extended support outside us-east-1 and us-east-2",
	"aws_ebs_snapshot: EBS direct API requests",
	"aws_elasticache_*: reservations the source leaves blank (e.g. 1-year all upfront)",
	"aws_acm_certificate: private-CA and exportable certificates (public certificates are free)",
	"aws_ssm_parameter: advanced-tier parameters (standard parameters are free)",
	"Savings plans: the catalog has no savings-plan rates; give savings_plan_rate or savings_plan_discount_percent in usage",
}

func coverageMarkdown(r *estimate.Registry) string {
	var b strings.Builder
	rules := r.Rules()
	var priced, free []estimate.Rule
	for _, rule := range rules {
		if rule.Free {
			free = append(free, rule)
		} else {
			priced = append(priced, rule)
		}
	}
	b.WriteString("# AWS resource coverage\n\n")
	b.WriteString("<!-- Generated from aws.NewRegistry() by internal/estimate/aws/coverage_gen_test.go.\n")
	b.WriteString("     Do not edit: run `go test ./internal/estimate/aws -run TestCoveragePage -update`. -->\n\n")
	fmt.Fprintf(&b, "tfcost prices **%d** AWS resource types and knows **%d** types that AWS does not charge for.\n", len(priced), len(free))
	b.WriteString("Any other type is reported as unsupported (`tfcost breakdown --show-skipped` lists them with counts).\n\n")
	b.WriteString("Usage keys follow Infracost's usage file format, so existing `infracost-usage.yml` files work. ")
	b.WriteString("Every compute rule also honours `monthly_hrs`, `hours_per_day` and `days_per_month`.\n\n")
	b.WriteString("## Priced types\n\n")
	b.WriteString("| Type | Cost components | Usage keys | Notes |\n|---|---|---|---|\n")
	for _, rule := range priced {
		var keys []string
		for _, k := range rule.UsageKeys {
			keys = append(keys, "`"+k.Key+"`")
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", rule.Type, mdCell(strings.Join(rule.Components, "; ")),
			mdCell(strings.Join(keys, ", ")), mdCell(rule.Notes))
	}
	b.WriteString("\n## Usage keys\n\n")
	for _, rule := range priced {
		if len(rule.UsageKeys) == 0 {
			continue
		}
		fmt.Fprintf(&b, "### `%s`\n\n", rule.Type)
		for _, k := range rule.UsageKeys {
			fmt.Fprintf(&b, "- `%s`: %s\n", k.Key, strings.TrimSuffix(k.Description, "."))
		}
		b.WriteString("\n")
	}
	b.WriteString("## Free types\n\n")
	for _, rule := range free {
		fmt.Fprintf(&b, "- `%s`\n", rule.Type)
	}
	b.WriteString("\n## Known catalog gaps\n\n")
	b.WriteString("These components have no figure in the sourced price data, so they are reported as **unpriced** ")
	b.WriteString("(never as $0) until the catalog gains them, e.g. through `tfcost catalog import`:\n\n")
	for _, g := range coverageGaps {
		fmt.Fprintf(&b, "- %s\n", g)
	}
	return b.String()
}

func mdCell(s string) string {
	if s == "" {
		return "—"
	}
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func TestCoveragePage(t *testing.T) {
	want := coverageMarkdown(NewRegistry())
	if *update {
		if err := os.MkdirAll(filepath.Dir(coveragePage), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(coveragePage, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(coveragePage)
	if err != nil {
		t.Fatalf("%v (generate it with -update)", err)
	}
	if g := strings.ReplaceAll(string(got), "\r\n", "\n"); g != want {
		gl, wl := strings.Split(g, "\n"), strings.Split(want, "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var a, b string
			if i < len(gl) {
				a = gl[i]
			}
			if i < len(wl) {
				b = wl[i]
			}
			if a != b {
				t.Fatalf("docs/coverage.md is stale (run with -update); first difference at line %d:\n- %s\n+ %s", i+1, a, b)
			}
		}
	}
}

// TestCoverageRulesDocumented keeps the page meaningful: every priced rule of
// this package names its components.
func TestCoverageRulesDocumented(t *testing.T) {
	for _, rule := range NewRegistry().Rules() {
		if !rule.Free && len(rule.Components) == 0 {
			t.Errorf("%s: Rule.Components is empty", rule.Type)
		}
	}
}
