package aws

import "testing"

func TestLambdaFunction(t *testing.T) {
	runCovCases(t, "aws_lambda_function", []covCase{
		// Requests without a duration: 1M × 0.20 = 0.20; the GB-seconds depend on
		// usage (not a guessed 1 ms per request); total 0.2.
		{name: "duration not given", values: `{"memory_size":512}`, usage: "monthly_requests: 1000000",
			want: map[string]string{"Requests": "0.2", "Duration (x86, first 6B GB-seconds)": ""}, total: "0.2", count: 2},
		// 1M requests × 0.20 per 1M = 0.20; 1e6 × 0.5 GB × 0.1 s = 50,000 GB-s
		// × 0.0000166667 = 0.833335; total 1.033335.
		{name: "x86", values: `{"memory_size":512,"architectures":["x86_64"]}`,
			usage: "monthly_requests: 1000000\nrequest_duration_ms: 100",
			want:  map[string]string{"Requests": "0.2", "Duration (x86, first 6B GB-seconds)": "0.833335"}, total: "1.033335", count: 2},
		// arm64: 2M × 0.20 = 0.40; 2e6 × 1 GB × 0.2 s = 400,000 GB-s × 0.0000133334 = 5.33336.
		{name: "arm64", values: `{"memory_size":1024,"architectures":["arm64"]}`,
			usage: "monthly_requests: 2000000\nrequest_duration_ms: 200",
			want:  map[string]string{"Requests": "0.4", "Duration (arm64, first 7.5B GB-seconds)": "5.33336"}, total: "5.73336"},
		// Tiers: 1e9 requests × 1 GB × 10 s = 10B GB-s: 6B × 0.0000166667 = 100,000.2,
		// 4B × 0.000015 = 60,000; requests 1000 × 0.20 = 200; total 160,200.2.
		{name: "x86 tiers", values: `{"memory_size":1024}`,
			usage: "monthly_requests: 1000000000\nrequest_duration_ms: 10000",
			want: map[string]string{"Requests": "200", "Duration (x86, first 6B GB-seconds)": "100000.2",
				"Duration (x86, next 9B GB-seconds)": "60000"}, total: "160200.2"},
		// Ephemeral 1024 MB: 512 MB above the free 512 = 0.5 GB × 1e6 × 0.1 s = 50,000 GB-s
		// × 0.0000000309 = 0.001545; plus the x86 case's 1.033335 = 1.03488.
		{name: "ephemeral storage", values: `{"memory_size":512,"ephemeral_storage":[{"size":1024}]}`,
			usage: "monthly_requests: 1000000\nrequest_duration_ms: 100",
			want:  map[string]string{"Ephemeral storage above 512 MB": "0.001545"}, total: "1.03488"},
		// Durations round up to the ms (99.2 → 100): same as the x86 case; the
		// older key average_request_duration is read too.
		{name: "old duration key, rounding", values: `{"memory_size":512}`,
			usage: "monthly_requests: 1000000\naverage_request_duration: 99.2", total: "1.033335"},
		// arm64 beyond 7.5B GB-s: the next tier has no catalog price → unpriced.
		// 7.5B × 0.0000133334 = 100,000.5; requests 1000 × 0.2 = 200.
		{name: "arm64 second tier unpriced", values: `{"memory_size":1024,"architectures":["arm64"]}`,
			usage:    "monthly_requests: 1000000000\nrequest_duration_ms: 10000",
			want:     map[string]string{"Duration (arm64, first 7.5B GB-seconds)": "100000.5"},
			unpriced: []string{"Duration (arm64, next 11.25B GB-seconds)"}, total: "100200.5"},
		// Compute savings plan 17 % on duration only: 50,000 GB-s × 0.0000166667 × 0.83
		// = 0.69166805; requests 0.2 stay on-demand; total 0.89166805.
		{name: "savings plan", values: `{"memory_size":512}`,
			usage: "monthly_requests: 1000000\nrequest_duration_ms: 100\nsavings_plan_discount_percent: 17",
			want:  map[string]string{"Duration (x86, first 6B GB-seconds)": "0.69166805"}, total: "0.89166805",
			note: map[string]string{"Duration (x86, first 6B GB-seconds)": "no savings-plan rates"}},
		// memory_size unknown until apply: duration is reported unknown (1M × 1 s
		// would be 125,000 GB-s at 128 MB but 10M at 10,240 MB); requests
		// 1M × 0.20 = 0.2 stay priced.
		{name: "unknown memory", values: `{"memory_size":null}`, unknown: `{"memory_size":true}`,
			usage:        "monthly_requests: 1000000\nrequest_duration_ms: 1000",
			unknownLines: []string{"Duration (x86, first 6B GB-seconds)"}, want: map[string]string{"Requests": "0.2"}, total: "0.2", count: 2,
			note: map[string]string{"Duration (x86, first 6B GB-seconds)": "memory_size is unknown until apply"}},
		// memory_size null (not set): AWS's default 128 MB: 1e6 × 0.125 GB × 0.1 s =
		// 12,500 GB-s × 0.0000166667 = 0.20833375; requests 0.2; total 0.40833375.
		{name: "memory not set", values: `{"memory_size":null}`,
			usage: "monthly_requests: 1000000\nrequest_duration_ms: 100",
			want:  map[string]string{"Duration (x86, first 6B GB-seconds)": "0.20833375"}, total: "0.40833375",
			note: map[string]string{"Duration (x86, first 6B GB-seconds)": "default 128 MB"}},
		// No usage: requests and duration show unit prices only.
		{name: "no usage", values: `{"memory_size":128}`, want: map[string]string{"Requests": "", "Duration (x86, first 6B GB-seconds)": ""}, total: "0"},
	})
}
