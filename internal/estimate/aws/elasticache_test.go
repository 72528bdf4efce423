package aws

import "testing"

func TestElastiCacheCluster(t *testing.T) {
	runCovCases(t, "aws_elasticache_cluster", []covCase{
		// 2 × cache.m5.large redis 0.156 × 730 = 227.76; backups: 10 GB × (5 − 1) = 40 GB
		// × 0.085 = 3.4; total 231.16.
		{name: "redis with backups", values: `{"node_type":"cache.m5.large","engine":"redis","num_cache_nodes":2,"snapshot_retention_limit":5}`,
			usage: "snapshot_storage_size_gb: 10",
			want:  map[string]string{"ElastiCache (on-demand, cache.m5.large)": "227.76", "Backup storage": "3.4"}, total: "231.16"},
		// Reserved 1 yr partial upfront: effective 0.1016849315 × 2 × 730 = 148.45999999.
		{name: "reserved partial upfront", values: `{"node_type":"cache.m5.large","engine":"redis","num_cache_nodes":2}`,
			usage: "reserved_instance_term: 1_year\nreserved_instance_payment_option: partial_upfront",
			want:  map[string]string{"ElastiCache (reserved 1yr partial upfront, cache.m5.large)": "148.45999999"}},
		// A reservation is billed every hour of the term: hours_per_day does not
		// reduce it (0.1016849315 × 2 × 730 = 148.45999999 as above, not × 8 × 30.42).
		{name: "reserved ignores scheduling", values: `{"node_type":"cache.m5.large","engine":"redis","num_cache_nodes":2}`,
			usage: "reserved_instance_term: 1_year\nreserved_instance_payment_option: partial_upfront\nhours_per_day: 8",
			want:  map[string]string{"ElastiCache (reserved 1yr partial upfront, cache.m5.large)": "148.45999999"}},
		// 1 yr all upfront has no figure in the source: unpriced, never $0.
		{name: "reserved all upfront missing", values: `{"node_type":"cache.m5.large","engine":"redis","num_cache_nodes":1}`,
			usage:    "reserved_instance_term: 1_year\nreserved_instance_payment_option: all_upfront",
			unpriced: []string{"ElastiCache (reserved 1yr all upfront, cache.m5.large)"}, total: "0"},
		// 3 yr all upfront: 0.0703957382 × 730 = 51.388888886.
		{name: "reserved 3yr all upfront", values: `{"node_type":"cache.m5.large","engine":"redis","num_cache_nodes":1}`,
			usage: "reserved_instance_term: 3_year\nreserved_instance_payment_option: all_upfront",
			want:  map[string]string{"ElastiCache (reserved 3yr all upfront, cache.m5.large)": "51.388888886"}},
		// memcached: no backups; 1 × cache.t3.micro 0.017 × 730 = 12.41.
		{name: "memcached", values: `{"node_type":"cache.t3.micro","engine":"memcached","num_cache_nodes":1,"snapshot_retention_limit":5}`,
			total: "12.41", count: 1},
		// node_type known only after apply: unknown, not "no catalog price"; the
		// backups (10 GB × (3 − 1) = 20 GB × 0.085 = 1.7) do not depend on it.
		{name: "node type unknown", values: `{"node_type":null,"engine":"redis","num_cache_nodes":1,"snapshot_retention_limit":3}`,
			unknown: `{"node_type":true}`, usage: "snapshot_storage_size_gb: 10",
			unknownLines: []string{"ElastiCache (on-demand, node type unknown)"}, want: map[string]string{"Backup storage": "1.7"}, total: "1.7"},
		// A member of a replication group is priced by the group.
		{name: "replication group member", values: `{"node_type":"cache.m5.large","replication_group_id":"rg"}`, total: "0", count: 0},
	})
}

func TestElastiCacheReplicationGroup(t *testing.T) {
	runCovCases(t, "aws_elasticache_replication_group", []covCase{
		// 3 × cache.r6g.large redis 0.206 × 730 = 451.14.
		{name: "primary with replicas", values: `{"node_type":"cache.r6g.large","num_cache_clusters":3,"num_node_groups":1}`,
			want: map[string]string{"ElastiCache (on-demand, cache.r6g.large)": "451.14"}},
		// cluster mode: 2 shards × (1 + 1 replica) = 4 × 150.38 = 601.52.
		{name: "cluster mode", values: `{"node_type":"cache.r6g.large","num_node_groups":2,"replicas_per_node_group":1}`,
			total: "601.52"},
		// valkey: 2 × cache.t3.micro valkey 0.0136 × 730 = 19.856.
		{name: "valkey", values: `{"node_type":"cache.t3.micro","engine":"valkey","num_cache_clusters":2}`, total: "19.856"},
		// node_type known only after apply: the nodes are unknown, not unpriced.
		{name: "node type unknown", values: `{"num_cache_clusters":2}`, unknown: `{"node_type":true}`,
			unknownLines: []string{"ElastiCache (on-demand, node type unknown)"}, total: "0", count: 1},
	})
}
