package aws

import (
	"slices"
	"strings"
	"testing"

	"github.com/tfcost/tfcost/internal/usage"
)

func TestCoreRegistered(t *testing.T) {
	reg := NewRegistry()
	for _, typ := range []string{"aws_instance", "aws_ebs_volume", "aws_ecs_service", "aws_s3_bucket", "aws_lb", "aws_alb",
		"aws_nat_gateway", "aws_eip", "aws_db_instance"} {
		rule, ok := reg.Rule(typ)
		if !ok || rule.Free || rule.Price == nil {
			t.Errorf("%s: not registered as a priced rule", typ)
		}
	}
	known := reg.KnownUsageKeys()
	for typ, keys := range map[string][]string{
		"aws_instance":    {"monthly_hrs", "hours_per_day", "days_per_month", "operating_system", "reserved_instance_term", "monthly_cpu_credit_hrs"},
		"aws_ecs_service": {"monthly_hrs"},
		"aws_db_instance": {"monthly_hrs", "additional_backup_storage_gb", "reserved_instance_payment_option"},
		"aws_s3_bucket":   {"standard.storage_gb", "glacier_deep_archive.monthly_bulk_data_retrieval_gb", "object_tags"},
		"aws_lb":          {"new_connections", "rule_evaluations"},
		"aws_nat_gateway": {"monthly_data_processed_gb"},
	} {
		for _, k := range keys {
			if !slices.Contains(known[typ], k) {
				t.Errorf("%s: usage key %s not declared", typ, k)
			}
		}
	}
}

// TestUsageKeyWarnings runs CheckKeys with the registry's keys: Infracost's
// keys pass, typos are reported with file and line.
func TestUsageKeyWarnings(t *testing.T) {
	f, err := usage.Parse("u.yml", []byte(`version: 0.1
resource_type_default_usage:
  aws_instance:
    hours_per_day: 10
resource_usage:
  aws_s3_bucket.b:
    standard:
      storage_gb: 10
      storage_gbs: 5
  aws_nat_gateway.n:
    monthly_gb_data_processed: 3
  aws_instance.i:
    operating_system: windows
`))
	if err != nil {
		t.Fatal(err)
	}
	f.CheckKeys(NewRegistry().KnownUsageKeys())
	got := strings.Join(f.Warnings, "\n")
	for _, want := range []string{"u.yml:9: unknown usage key standard.storage_gbs for aws_s3_bucket",
		"u.yml:11: unknown usage key monthly_gb_data_processed for aws_nat_gateway (known: monthly_data_processed_gb)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing warning %q in:\n%s", want, got)
		}
	}
	if len(f.Warnings) != 2 {
		t.Errorf("want 2 warnings, got:\n%s", got)
	}
}
