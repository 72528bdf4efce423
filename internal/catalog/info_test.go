package catalog

import (
	"testing"
)

func TestInfo(t *testing.T) {
	in := Embedded().Info()
	if in.Date == "" || in.FallbackRegion != "us-east-1" || len(in.Sources) < 24 {
		t.Fatalf("info header: date %q fallback %q %d sources", in.Date, in.FallbackRegion, len(in.Sources))
	}
	byService := map[string]ServiceInfo{}
	for _, s := range in.Services {
		byService[s.Service] = s
	}
	// Every service here has a us-east-1 figure to fall back on, except
	// DynamoDB (us-east-2 only, the secondary fallback) and the gateway load
	// balancer (eu-west-1/eu-west-2 only: unpriced elsewhere). The instance
	// services fall back for their unit prices only (NoFallback).
	for svc, fallback := range map[string]string{"ec2": "us-east-1", "rds": "us-east-1", "elasticache": "us-east-1",
		"opensearch": "us-east-1", "ebs": "us-east-1", "nat_gateway": "us-east-1", "fargate": "us-east-1",
		"public_ipv4": "us-east-1", "data_transfer": "us-east-1", "dynamodb": "us-east-2", "elb_gateway": ""} {
		s, ok := byService[svc]
		if !ok {
			t.Errorf("service %s missing", svc)
			continue
		}
		if s.Fallback != fallback || s.FallsBack != (fallback != "") || s.Rule == "" {
			t.Errorf("%s: FallsBack %v via %q (rule %q), want %q", svc, s.FallsBack, s.Fallback, s.Rule, fallback)
		}
	}
	for _, svc := range []string{"ec2", "rds"} {
		if !NoFallback(svc, "m5.large/linux/on_demand") || NoFallback(svc, "gp2 storage Single-AZ") {
			t.Errorf("%s: instance items must not fall back, unit prices must", svc)
		}
	}
	// ebs has exact figures in us-east-1 (S4), eu-west-1 (S5) and the regional
	// file's regions, but nothing for eu-north-1 (SOURCES.md "Still missing").
	ebs := byService["ebs"].Regions
	for _, r := range []string{"us-east-1", "eu-west-1", "us-west-1", "ap-northeast-1"} {
		if !contains(ebs, r) {
			t.Errorf("ebs regions %v lack %s", ebs, r)
		}
	}
	if contains(ebs, "eu-north-1") {
		t.Errorf("ebs should have no eu-north-1 figure")
	}
	// ec2 covers 100 location codes (SOURCES.md: 34 regions + 66 local zones).
	if n := len(byService["ec2"].Regions); n != 100 {
		t.Errorf("ec2 has %d locations, want 100", n)
	}
}

func TestItems(t *testing.T) {
	items := Embedded().Items("ebs")
	var gp3 *ItemInfo
	for i := range items {
		if items[i].Item == "gp3 storage" {
			gp3 = &items[i]
		}
	}
	if gp3 == nil {
		t.Fatal("gp3 storage not listed")
	}
	// gp3 storage: us-east-1 (S4), eu-west-1 (S5), and from the regional file
	// us-east-2, us-west-1, ap-southeast-1, ap-northeast-1, ap-south-1.
	want := []string{"ap-northeast-1", "ap-south-1", "ap-southeast-1", "eu-west-1", "us-east-1", "us-east-2", "us-west-1"}
	if len(gp3.Regions) != len(want) {
		t.Fatalf("gp3 regions %v, want %v", gp3.Regions, want)
	}
	for i := range want {
		if gp3.Regions[i] != want[i] {
			t.Fatalf("gp3 regions %v, want %v", gp3.Regions, want)
		}
	}
	if gp3.Unit != "USD per GB-month" {
		t.Errorf("unit %q", gp3.Unit)
	}
}
