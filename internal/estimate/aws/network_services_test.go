package aws

import "testing"

func TestEFSFileSystem(t *testing.T) {
	runCovCases(t, "aws_efs_file_system", []covCase{
		// 230 GB × 0.30 = 69; provisioned 100 MiB/s − 230/20 = 11.5 included = 88.5 × 6 = 531;
		// total 600 (Infracost's golden shows the same 69 + 531).
		{name: "provisioned throughput", values: `{"throughput_mode":"provisioned","provisioned_throughput_in_mibps":100}`,
			usage: "storage_gb: 230",
			want:  map[string]string{"Storage (standard)": "69", "Provisioned throughput": "531"}, total: "600"},
		// Lifecycle to IA: 100 GB IA × 0.025 = 2.5; standard 10 GB × 0.30 = 3.
		{name: "infrequent access", values: `{"lifecycle_policy":[{"transition_to_ia":"AFTER_30_DAYS"}]}`,
			usage: "storage_gb: 10\ninfrequent_access_storage_gb: 100",
			want:  map[string]string{"Storage (standard, infrequent access)": "2.5"}, total: "5.5"},
		// One zone: 100 GB × 0.16 = 16.
		{name: "one zone", values: `{"availability_zone_name":"us-east-1a"}`, usage: "storage_gb: 100",
			want: map[string]string{"Storage (one zone)": "16"}},
	})
}

func TestVPCEndpoint(t *testing.T) {
	subnets := []testResource{{Type: "aws_subnet", Name: "a", Values: `{}`}, {Type: "aws_subnet", Name: "b", Values: `{}`}, {Type: "aws_subnet", Name: "c", Values: `{}`}}
	runCovCases(t, "aws_vpc_endpoint", []covCase{
		// 2 subnets = 2 ENIs × 0.01 × 730 = 14.6; 1000 GB × 0.01 = 10; total 24.6.
		{name: "interface", values: `{"vpc_endpoint_type":"Interface","subnet_ids":["subnet-1","subnet-2"]}`,
			usage: "monthly_data_processed_gb: 1000",
			want:  map[string]string{"Endpoint (Interface)": "14.6", "Data processed (first 1PB)": "10"}, total: "24.6"},
		// Unknown subnet IDs counted from the 3 referenced subnets: 3 × 7.30 = 21.9.
		{name: "interface, subnets from references", values: `{"vpc_endpoint_type":"Interface","subnet_ids":null}`,
			unknown: `{"subnet_ids":true}`, others: subnets,
			refs: map[string][]string{"subnet_ids": {"aws_subnet.a", "aws_subnet.b", "aws_subnet.c"}},
			want: map[string]string{"Endpoint (Interface)": "21.9"}},
		// Tiers: 6,000,000 GB = 1M × 0.01 + 4M × 0.006 + 1M × 0.004 = 10,000 + 24,000 + 4,000;
		// one subnet 7.30; total 38,007.3.
		{name: "interface tiers", values: `{"vpc_endpoint_type":"Interface","subnet_ids":["subnet-1"]}`,
			usage: "monthly_data_processed_gb: 6000000",
			want: map[string]string{"Data processed (first 1PB)": "10000", "Data processed (next 4PB)": "24000",
				"Data processed (over 5PB)": "4000"}, total: "38007.3"},
		// GWLB endpoint: 0.01 × 730 = 7.30; 100 GB × 0.0035 = 0.35; total 7.65.
		{name: "gateway load balancer", values: `{"vpc_endpoint_type":"GatewayLoadBalancer"}`,
			usage: "monthly_data_processed_gb: 100", total: "7.65"},
		// Gateway endpoints are free.
		{name: "gateway", values: `{"vpc_endpoint_type":"Gateway"}`, want: map[string]string{"Endpoint (Gateway)": "0"}, total: "0"},
	})
}

func TestELB(t *testing.T) {
	runCovCases(t, "aws_elb", []covCase{
		// 0.025 × 730 = 18.25; 100 GB × 0.008 = 0.8; total 19.05.
		{name: "classic", values: `{"name":"web"}`, usage: "monthly_data_processed_gb: 100",
			want: map[string]string{"Classic load balancer": "18.25", "Data processed": "0.8"}, total: "19.05"},
		// eu-west-1 (S5): 0.028 × 730 = 20.44.
		{name: "eu-west-1", region: "eu-west-1", values: `{}`, want: map[string]string{"Classic load balancer": "20.44"}, total: "20.44"},
	})
}

func TestRoute53(t *testing.T) {
	runCovCases(t, "aws_route53_zone", []covCase{
		// 1 zone-month × 0.50.
		{name: "zone", values: `{"name":"example.com"}`, total: "0.5"},
	})
	runCovCases(t, "aws_route53_record", []covCase{
		// No catalog price for queries: unpriced.
		{name: "standard queries", values: `{"name":"www","type":"A"}`, usage: "monthly_standard_queries: 1000000",
			unpriced: []string{"Standard queries"}, total: "0"},
		{name: "latency", values: `{"latency_routing_policy":[{"region":"us-east-1"}]}`, unpriced: []string{"Latency based routing queries"}},
		// Alias records to AWS resources are free: an explicit $0 line.
		{name: "alias", values: `{"alias":[{"name":"lb"}]}`, want: map[string]string{"Alias queries": "0"}, total: "0", count: 1},
	})
}

func TestTransitGatewayAttachment(t *testing.T) {
	runCovCases(t, "aws_ec2_transit_gateway_vpc_attachment", []covCase{
		{name: "unpriced", values: `{"transit_gateway_id":"tgw-1"}`, usage: "monthly_data_processed_gb: 100",
			unpriced: []string{"Transit gateway attachment", "Data processed"}, total: "0", count: 2},
	})
}
