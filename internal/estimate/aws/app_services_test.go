package aws

import "testing"

func TestKMSKey(t *testing.T) {
	runCovCases(t, "aws_kms_key", []covCase{
		// 1 key × 1.00; 100,000 requests = 10 × 10k × 0.03 = 0.3; total 1.3.
		{name: "symmetric", values: `{}`, usage: "monthly_requests: 100000",
			want: map[string]string{"Customer managed key": "1", "Requests": "0.3"}, total: "1.3"},
		{name: "asymmetric", values: `{"customer_master_key_spec":"RSA_2048"}`, unpriced: []string{"Requests (asymmetric)"}, total: "1"},
	})
}

func TestSecretsManagerSecret(t *testing.T) {
	runCovCases(t, "aws_secretsmanager_secret", []covCase{
		// 0.40 + 100,000 / 10k × 0.05 = 0.5; total 0.9.
		{name: "secret", values: `{"name":"db"}`, usage: "monthly_requests: 100000",
			want: map[string]string{"Secret": "0.4", "API requests": "0.5"}, total: "0.9"},
	})
}

func TestSQSQueue(t *testing.T) {
	runCovCases(t, "aws_sqs_queue", []covCase{
		// 2M × 0.40 per 1M = 0.8.
		{name: "standard", values: `{"fifo_queue":false}`, usage: "monthly_requests: 2000000", total: "0.8"},
		// FIFO 1M × 0.50 = 0.5.
		{name: "fifo", values: `{"fifo_queue":true}`, usage: "monthly_requests: 1000000",
			want: map[string]string{"Requests (FIFO queue)": "0.5"}},
		// 128 KB = 2 chunks of 64 KB: 1M × 2 = 2M × 0.40 = 0.8.
		{name: "large messages", values: `{}`, usage: "monthly_requests: 1000000\nrequest_size_kb: 128", total: "0.8"},
	})
}

func TestSNSTopic(t *testing.T) {
	runCovCases(t, "aws_sns_topic", []covCase{
		// 3M requests, first 1M free: 2M × 0.50 = 1.0.
		{name: "requests", values: `{}`, usage: "monthly_requests: 3000000", total: "1"},
		// 500k: within the free million: 0.
		{name: "free tier", values: `{}`, usage: "monthly_requests: 500000", want: map[string]string{"API requests (over 1M)": "0"}},
		{name: "deliveries unpriced", values: `{}`, usage: "monthly_requests: 1000000\nhttp_subscriptions: 1000",
			unpriced: []string{"Notification deliveries (http_subscriptions)"}},
	})
}

func TestECRRepository(t *testing.T) {
	runCovCases(t, "aws_ecr_repository", []covCase{
		// 10 GB × 0.10 = 1.
		{name: "storage_gb", values: `{"name":"app"}`, usage: "storage_gb: 10", total: "1"},
		// Older usage files: storage: 5 → 0.5.
		{name: "old key", values: `{"name":"app"}`, usage: "storage: 5", total: "0.5"},
	})
}

func TestAPIGateway(t *testing.T) {
	runCovCases(t, "aws_api_gateway_rest_api", []covCase{
		// 100M × 3.50 per 1M = 350.
		{name: "rest", values: `{"name":"api"}`, usage: "monthly_requests: 100000000", total: "350"},
		// 400M: 333M × 3.50 = 1165.5; the 67M beyond have no catalog price.
		{name: "rest beyond first tier", values: `{}`, usage: "monthly_requests: 400000000",
			want: map[string]string{"Requests (first 333M)": "1165.5"}, unpriced: []string{"Requests (over 333M)"}, total: "1165.5"},
	})
	runCovCases(t, "aws_apigatewayv2_api", []covCase{
		// HTTP: 10M × 1.00 = 10.
		{name: "http", values: `{"protocol_type":"HTTP"}`, usage: "monthly_requests: 10000000", total: "10"},
		// 1024 KB requests = 2 × 512 KB chunks: 20M × 1.00 = 20.
		{name: "http large requests", values: `{"protocol_type":"HTTP"}`, usage: "monthly_requests: 10000000\nrequest_size_kb: 1024", total: "20"},
		{name: "websocket", values: `{"protocol_type":"WEBSOCKET"}`, usage: "monthly_messages: 1000000",
			unpriced: []string{"Messages (WebSocket)", "Connection minutes (WebSocket)"}, total: "0"},
	})
}

func TestOpenSearchDomain(t *testing.T) {
	runCovCases(t, "aws_opensearch_domain", []covCase{
		// 2 × m5.large.search 0.142 × 730 = 207.32; 3 masters × m6g.large.search 0.128 × 730 = 280.32;
		// EBS storage unpriced; total 487.64.
		{name: "data and masters", values: `{"cluster_config":[{"instance_type":"m5.large.search","instance_count":2,"dedicated_master_enabled":true,"dedicated_master_type":"m6g.large.search","dedicated_master_count":3}],"ebs_options":[{"ebs_enabled":true,"volume_size":100,"volume_type":"gp3"}]}`,
			want:     map[string]string{"Instance (on-demand, m5.large.search)": "207.32", "Dedicated master (on-demand, m6g.large.search)": "280.32"},
			unpriced: []string{"Storage (EBS gp3)"}, total: "487.64"},
		// Reserved 3 yr all upfront: 2 × 0.08016000761 × 730 = 117.0336111106.
		{name: "reserved", values: `{"cluster_config":[{"instance_type":"r6g.large.search","instance_count":2}]}`,
			usage: "reserved_instance_term: 3_year\nreserved_instance_payment_option: all_upfront", total: "117.0336111106"},
		// t3.small.search has no reserved figures: unpriced, never $0.
		{name: "reserved missing", values: `{"cluster_config":[{"instance_type":"t3.small.search","instance_count":1}]}`,
			usage:    "reserved_instance_term: 1_year\nreserved_instance_payment_option: no_upfront",
			unpriced: []string{"Instance (reserved 1yr no upfront, t3.small.search)"}},
	})
	runCovCases(t, "aws_opensearch_domain", []covCase{
		// No cluster_config in the plan: the instance line is unknown, not guessed.
		{name: "no cluster config", values: `{"domain_name":"x"}`, unknown: `{"cluster_config":true}`,
			want: map[string]string{"Instance": ""}, total: "0"},
	})
	runCovCases(t, "aws_elasticsearch_domain", []covCase{
		// m5.large.elasticsearch priced as m5.large.search: 0.142 × 730 = 103.66.
		{name: "elasticsearch names", values: `{"cluster_config":[{"instance_type":"m5.large.elasticsearch","instance_count":1}]}`, total: "103.66"},
	})
}

func TestCloudFrontDistribution(t *testing.T) {
	runCovCases(t, "aws_cloudfront_distribution", []covCase{
		{name: "unpriced", values: `{"price_class":"PriceClass_All"}`, usage: "united_states_data_transfer_internet_gb: 1000\ninvalidation_paths: 10",
			unpriced: []string{"Data transfer out to internet", "HTTPS requests", "Invalidation requests"}, total: "0", count: 5},
	})
}

func TestEBSSnapshot(t *testing.T) {
	runCovCases(t, "aws_ebs_snapshot", []covCase{
		// 100 GB × 0.05 = 5; FSR 100 DSU-hours × 0.75 = 75; total 80.
		{name: "size and FSR", values: `{"volume_size":100}`, usage: "fast_snapshot_restore_hours: 100",
			want: map[string]string{"EBS snapshot storage": "5", "Fast snapshot restore": "75"}, total: "80"},
		// Size unknown: taken from the referenced volume (50 GB × 0.05 = 2.5).
		{name: "size from volume", values: `{"volume_size":null}`, unknown: `{"volume_size":true}`,
			others: []testResource{{Type: "aws_ebs_volume", Name: "data", Values: `{"size":50,"type":"gp3"}`}},
			refs:   map[string][]string{"volume_id": {"aws_ebs_volume.data"}}, total: "2.5"},
		// eu-west-1 archive tier (S5): 100 GB × 0.0125 = 1.25.
		{name: "archive tier", region: "eu-west-1", values: `{"volume_size":100,"storage_tier":"archive"}`,
			want: map[string]string{"EBS snapshot storage (archive)": "1.25"}},
	})
}

func TestUnpricedServices(t *testing.T) {
	runCovCases(t, "aws_kinesis_stream", []covCase{
		{name: "provisioned", values: `{"shard_count":4}`, unpriced: []string{"Shard hours (provisioned)"}, total: "0"},
		{name: "on-demand", values: `{"stream_mode_details":[{"stream_mode":"ON_DEMAND"}]}`, unpriced: []string{"Stream hours (on-demand)"}, total: "0"},
	})
	runCovCases(t, "aws_sfn_state_machine", []covCase{
		{name: "standard", values: `{"type":"STANDARD"}`, unpriced: []string{"Transitions (standard)"}, total: "0"},
		{name: "express", values: `{"type":"EXPRESS"}`, unpriced: []string{"Requests (express)", "Duration (express)"}},
	})
	runCovCases(t, "aws_msk_cluster", []covCase{
		{name: "brokers", values: `{"number_of_broker_nodes":3,"broker_node_group_info":[{"instance_type":"kafka.m5.large","storage_info":[{"ebs_storage_info":[{"volume_size":100}]}]}]}`,
			unpriced: []string{"Broker instances (kafka.m5.large)", "Broker storage"}, total: "0"},
	})
	runCovCases(t, "aws_redshift_cluster", []covCase{
		{name: "ra3", values: `{"node_type":"ra3.xlplus","number_of_nodes":2,"cluster_type":"multi-node"}`,
			unpriced: []string{"Cluster nodes (ra3.xlplus)", "Managed storage (RA3)"}, total: "0"},
	})
}
