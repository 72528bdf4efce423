package aws

import (
	"testing"

	"github.com/tfcost/tfcost/internal/estimate"
)

func TestFreeTypes(t *testing.T) {
	reg := NewRegistry()
	seen := map[string]bool{}
	for _, typ := range freeTypes {
		if seen[typ] {
			t.Errorf("%s listed twice", typ)
		}
		seen[typ] = true
		if _, ok := reg.Rule(typ); !ok {
			t.Errorf("%s not registered", typ)
		}
	}
	// Configuration objects AWS does not bill by themselves.
	for _, typ := range []string{"aws_lambda_layer_version", "aws_cloudfront_response_headers_policy",
		"aws_api_gateway_usage_plan", "aws_api_gateway_usage_plan_key", "aws_api_gateway_api_key", "aws_wafv2_ip_set",
		"aws_ses_configuration_set", "aws_ses_event_destination", "aws_dx_gateway"} {
		if rule, ok := reg.Rule(typ); !ok || !rule.Free {
			t.Errorf("%s must be free", typ)
		}
	}
	// Billed by usage or by the hour, or billed in some configurations
	// (private-CA certificates, advanced parameters): never free.
	for _, typ := range []string{"aws_route53_record", "aws_sns_topic_subscription", "aws_cloudwatch_log_metric_filter",
		"aws_flow_log", "aws_instance", "aws_nat_gateway", "aws_eip", "aws_s3_bucket", "aws_acm_certificate", "aws_ssm_parameter"} {
		if rule, ok := reg.Rule(typ); ok && rule.Free {
			t.Errorf("%s must not be free", typ)
		}
	}
	est := pricePlan(t, "us-east-1", "",
		testResource{Type: "aws_security_group", Values: `{"name":"sg"}`},
		testResource{Type: "aws_ecs_task_definition", Values: `{"family":"x","cpu":"256","memory":"512"}`},
		testResource{Type: "aws_made_up_thing", Values: `{}`})
	want := []estimate.Status{estimate.StatusFree, estimate.StatusFree, estimate.StatusUnsupported}
	for i, r := range est.Resources {
		if r.Status != want[i] {
			t.Errorf("%s: status %s, want %s", r.Address, r.Status, want[i])
		}
	}
	if est.Summary.FreeResources != 2 || est.Summary.UnsupportedResources != 1 {
		t.Errorf("summary %+v", est.Summary)
	}
}
