package estimate

import "testing"

func TestLineFootprint(t *testing.T) {
	cases := []struct {
		line Line
		qty  string
		want *Footprint
	}{
		{Line{Service: "ec2", Item: "m5.large/linux/on_demand"}, "730", &Footprint{InstanceType: "m5.large", InstanceHours: Dec("730")}},
		{Line{Service: "ec2", Item: "m5.large/linux/reserved/1yr/standard/no_upfront"}, "730", &Footprint{InstanceType: "m5.large", InstanceHours: Dec("730")}},
		{Line{Service: "ec2", Item: "m5.large/linux/spot"}, "1460", &Footprint{InstanceType: "m5.large", InstanceHours: Dec("1460")}},
		// the EBS-optimized surcharge runs on the same instance: no second footprint
		{Line{Service: "ec2", Item: "m4.large/ebs_optimized"}, "730", nil},
		{Line{Service: "ec2", Item: "detailed monitoring metric"}, "7", nil},
		{Line{Service: "rds", Name: "Database instance (on-demand, Multi-AZ, db.m5.large)", Item: "db.m5.large/mysql/single-az/on_demand"}, "730",
			&Footprint{InstanceType: "db.m5.large", InstanceHours: Dec("730"), Replication: ReplicationRDSMultiAZ}},
		{Line{Service: "rds", Item: "db.t3.large MySQL Multi-AZ instance"}, "730",
			&Footprint{InstanceType: "db.t3.large", InstanceHours: Dec("730"), Replication: ReplicationRDSMultiAZ}},
		{Line{Service: "rds", Item: "gp2 storage Single-AZ"}, "100", &Footprint{StorageGBMonths: Dec("100"), Media: MediaSSD}},
		{Line{Service: "rds", Item: "magnetic storage"}, "100", &Footprint{StorageGBMonths: Dec("100"), Media: MediaHDD}},
		{Line{Service: "rds", Item: "Aurora storage (standard)"}, "10", &Footprint{StorageGBMonths: Dec("10"), Media: MediaSSD, Replication: ReplicationRDSAurora}},
		{Line{Service: "elasticache", Item: "cache.m5.large/redis/on_demand"}, "1460", &Footprint{InstanceType: "cache.m5.large", InstanceHours: Dec("1460")}},
		{Line{Service: "opensearch", Item: "m5.large.search/on_demand"}, "730", &Footprint{InstanceType: "m5.large", InstanceHours: Dec("730")}},
		{Line{Service: "ebs", Item: "gp3 storage"}, "8", &Footprint{StorageGBMonths: Dec("8"), Media: MediaSSD, Replication: ReplicationEBSVolume}},
		{Line{Service: "ebs", Item: "sc1 storage"}, "500", &Footprint{StorageGBMonths: Dec("500"), Media: MediaHDD, Replication: ReplicationEBSVolume}},
		{Line{Service: "ebs", Item: "gp3 provisioned IOPS above 3000"}, "1000", nil},
		{Line{Service: "s3", Item: "Standard / Storage"}, "1000", &Footprint{StorageGBMonths: Dec("1000"), Media: MediaHDD, Replication: ReplicationS3}},
		{Line{Service: "s3", Item: "One zone - infrequent access / Storage"}, "10", &Footprint{StorageGBMonths: Dec("10"), Media: MediaHDD, Replication: ReplicationS3OneZone}},
		{Line{Service: "s3", Item: "Standard / PUT, COPY, POST, LIST requests"}, "10", nil},
		{Line{Service: "fargate", Item: "Linux/x86 vCPU hour"}, "730", &Footprint{VCPUHours: Dec("730")}},
		{Line{Service: "fargate", Item: "Windows OS license per vCPU hour"}, "730", nil},
		{Line{Service: "fargate", Item: "Linux/ARM memory GB hour"}, "1460", &Footprint{MemoryGBHours: Dec("1460")}},
		// 3,600 GB-s = 1 GB-hour = 1024/1792 vCPU-hours
		{Line{Service: "lambda", Item: "duration x86 (first 6B GB-s/month)"}, "3600", &Footprint{VCPUHours: Dec("1024").Div(Dec("1792")), MemoryGBHours: Dec("1")}},
		{Line{Service: "nat_gateway", Item: "gateway hour"}, "730", nil},
		{Line{Service: "ec2", Item: "m5.large/linux/on_demand"}, "0", nil},
	}
	for _, c := range cases {
		got := lineFootprint(c.line, Dec(c.qty))
		switch {
		case c.want == nil && got != nil:
			t.Errorf("%s %q: got %+v, want none", c.line.Service, c.line.Item, *got)
		case c.want != nil && got == nil:
			t.Errorf("%s %q: no footprint", c.line.Service, c.line.Item)
		case c.want != nil && (got.InstanceType != c.want.InstanceType || !got.InstanceHours.Equal(c.want.InstanceHours) ||
			!got.VCPUHours.Equal(c.want.VCPUHours) || !got.MemoryGBHours.Equal(c.want.MemoryGBHours) ||
			!got.StorageGBMonths.Equal(c.want.StorageGBMonths) || got.Media != c.want.Media || got.Replication != c.want.Replication):
			t.Errorf("%s %q: got %+v, want %+v", c.line.Service, c.line.Item, *got, *c.want)
		}
	}
}
