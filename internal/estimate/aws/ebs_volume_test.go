package aws

import (
	"strings"
	"testing"
)

// Figures from aws_unit_prices.csv (service ebs). us-east-1 (S4): gp2 0.1,
// gp3 0.08, gp3 IOPS above 3000 0.005, gp3 throughput above 125 0.04 per
// MB/s-month, io1 0.125 + 0.065 per IOPS, io2 0.125 + 0.065 (first 32000),
// st1 0.045, sc1 0.015, standard 0.05 + 0.05 per 1M I/O.
// eu-west-1 (S5): io2 0.138, IOPS tiers 0.072 / 0.0504 / 0.03528; gp3
// throughput 45.056 per GiBps-month = 0.044 per MB/s-month.
func TestEBSVolume(t *testing.T) {
	tests := []struct {
		name, values, unknown, usage, region string
		want                                 map[string]string
		total                                string
	}{
		// 10 × 0.1 = 1
		{name: "gp2", values: `{"type":"gp2","size":10}`, want: map[string]string{"Storage (gp2)": "1"}, total: "1"},
		// 40 × 0.08 = 3.2; (4000-3000) × 0.005 = 5; (130-125) × 0.04 = 0.2
		{name: "gp3 above baseline", values: `{"type":"gp3","size":40,"iops":4000,"throughput":130}`,
			want:  map[string]string{"Storage (gp3)": "3.2", "IOPS above 3000 (gp3)": "5", "Throughput above 125 MiB/s (gp3)": "0.2"},
			total: "8.4"},
		// baseline IOPS/throughput are included: only storage, 40 × 0.08 = 3.2
		{name: "gp3 at baseline", values: `{"type":"gp3","size":40,"iops":3000,"throughput":125}`, total: "3.2"},
		// 30 × 0.125 = 3.75; 300 × 0.065 = 19.5
		{name: "io1", values: `{"type":"io1","size":30,"iops":300}`,
			want: map[string]string{"Storage (io1)": "3.75", "Provisioned IOPS (io1)": "19.5"}, total: "23.25"},
		{name: "io2 first tier", values: `{"type":"io2","size":30,"iops":300}`,
			want: map[string]string{"Storage (io2)": "3.75", "Provisioned IOPS (io2, up to 32000)": "19.5"}, total: "23.25"},
		// 100 × 0.138 = 13.8; 32000 × 0.072 = 2304; 32000 × 0.0504 = 1612.8; 6000 × 0.03528 = 211.68
		{name: "io2 three tiers", region: "eu-west-1", values: `{"type":"io2","size":100,"iops":70000}`,
			want: map[string]string{"Storage (io2)": "13.8", "Provisioned IOPS (io2, up to 32000)": "2304",
				"Provisioned IOPS (io2, 32001-64000)": "1612.8", "Provisioned IOPS (io2, over 64000)": "211.68"},
			total: "4142.28"},
		// 40 × 0.045 = 1.8
		{name: "st1", values: `{"type":"st1","size":40}`, total: "1.8"},
		// 50 × 0.015 = 0.75
		{name: "sc1", values: `{"type":"sc1","size":50}`, total: "0.75"},
		// 20 × 0.05 = 1; 1,000,000 I/O = 1 × 0.05 = 0.05
		{name: "standard with I/O usage", values: `{"type":"standard","size":20}`, usage: "monthly_standard_io_requests: 1000000",
			want: map[string]string{"Storage (standard)": "1", "I/O requests (standard)": "0.05"}, total: "1.05"},
		{name: "standard without usage", values: `{"type":"standard","size":20}`,
			want: map[string]string{"I/O requests (standard)": ""}, total: "1"},
		// type computed by EC2 → gp2: 10 × 0.1
		{name: "type unset is gp2", values: `{"size":10}`, unknown: `{"type":true}`, total: "1"},
		// (250-125) × 0.044 = 5.5; 10 × 0.088 = 0.88
		{name: "gp3 throughput in eu-west-1", region: "eu-west-1", values: `{"type":"gp3","size":10,"throughput":250}`,
			want: map[string]string{"Throughput above 125 MiB/s (gp3)": "5.5"}, total: "6.38"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			region := tt.region
			if region == "" {
				region = "us-east-1"
			}
			r := priceOneUnknown(t, "aws_ebs_volume", tt.values, tt.unknown, tt.usage, region)
			for name, want := range tt.want {
				assertMonthly(t, r, name, want)
			}
			if tt.total != "" {
				assertTotal(t, r, tt.total)
			}
		})
	}
}

func TestEBSVolumeUnknownAndDefaults(t *testing.T) {
	r := priceOneUnknown(t, "aws_ebs_volume", `{"type":"gp3"}`, `{"size":true}`, "", "us-east-1")
	if c := comp(t, r, "Storage (gp3)"); !c.Unknown || c.MonthlyCost != nil {
		t.Errorf("unknown size must be reported, not $0: %+v", c)
	}
	r = priceOneUnknown(t, "aws_ebs_volume", `{"size":10}`, `{"type":true}`, "", "us-east-1")
	if c := comp(t, r, "Storage (gp2)"); !strings.Contains(c.Note, "gp2") {
		t.Errorf("default type should be explained: %q", c.Note)
	}
	r = priceOne(t, "aws_ebs_volume", `{"type":"io1","size":10}`, "", "us-east-1")
	if c := comp(t, r, "Provisioned IOPS (io1)"); !c.Unpriced {
		t.Errorf("io1 without iops should be unpriced: %+v", c)
	}
	r = priceOne(t, "aws_ebs_volume", `{"type":"gp9","size":10}`, "", "us-east-1")
	if c := comp(t, r, "Storage (gp9)"); !c.Unpriced {
		t.Errorf("unknown type should be unpriced: %+v", c)
	}
}
