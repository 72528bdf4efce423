package estimate

import (
	"regexp"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Footprints are derived from the catalog item a line is priced with, so
// every rule gets them without code of its own: quantify calls
// lineFootprint for each priced line. A rule may still set
// Component.Footprint itself (it wins). The media and replication choices
// follow Cloud Carbon Footprint's classification of the AWS usage types
// behind each item (shared/carbon/aws_storage_media.csv): EBS gp2/gp3/io1/io2
// SSD, st1/sc1/magnetic HDD, S3/EFS/ECR/DynamoDB timed storage HDD, RDS
// gp2/gp3/io1 and Aurora storage SSD, backups and snapshots HDD.

var (
	ec2InstanceItem = newItemMatcher(`^([a-z0-9-]+\.[a-z0-9-]+)/(linux|windows|rhel|sles)/(on_demand|spot|reserved/.+)$`)
	dbNodeItem      = newItemMatcher(`^((?:db|cache)\.[a-z0-9-]+\.[a-z0-9-]+)/[a-z0-9-]+(?:/single-az)?/(on_demand|reserved/.+)$`)
	rdsMultiAZItem  = newItemMatcher(`^(db\.[a-z0-9-]+\.[a-z0-9-]+) .* Multi-AZ instance$`)
	searchItem      = newItemMatcher(`^([a-z0-9-]+\.[a-z0-9-]+)\.search/(on_demand|reserved/.+)$`)
	ebsStorageItem  = newItemMatcher(`^(gp2|gp3|io1|io2|st1|sc1|standard \(magnetic\)) storage$`)
	// Lambda: 1,792 MB of configured memory counts as one vCPU (CCF).
	lambdaGBsPerVCPUs = decimal.NewFromInt(1792).Div(decimal.NewFromInt(1024))
	secondsPerHour    = decimal.NewFromInt(3600)
	acuPerVCPU        = decimal.NewFromInt(4) // aurora_serverless_acu_hours_per_vcpu_hour
)

// itemMatcher is a regexp over catalog item keys whose submatches are
// remembered per item: a plan prices the same few items over and over, and
// matching every priced line against these expressions was a visible part
// of pricing large plans. The cache is bounded (items can embed plan
// values such as an instance type) and safe for concurrent use.
type itemMatcher struct {
	re *regexp.Regexp
	mu sync.RWMutex
	m  map[string][]string
}

// maxItemMatches bounds each itemMatcher's cache.
const maxItemMatches = 4096

func newItemMatcher(expr string) *itemMatcher {
	return &itemMatcher{re: regexp.MustCompile(expr), m: map[string][]string{}}
}

// FindStringSubmatch is regexp's, remembered per item; callers must not
// modify the result.
func (c *itemMatcher) FindStringSubmatch(item string) []string {
	c.mu.RLock()
	m, ok := c.m[item]
	c.mu.RUnlock()
	if ok {
		return m
	}
	m = c.re.FindStringSubmatch(item)
	c.mu.Lock()
	if len(c.m) < maxItemMatches {
		c.m[item] = m
	}
	c.mu.Unlock()
	return m
}

// lineFootprint returns the footprint of a priced line's monthly quantity,
// or nil when the line has no physical footprint tfcost models (requests,
// IP addresses, load balancer hours, …).
func lineFootprint(l Line, monthly decimal.Decimal) *Footprint {
	if !monthly.IsPositive() {
		return nil
	}
	item := l.Item
	switch l.Service {
	case "ec2":
		if m := ec2InstanceItem.FindStringSubmatch(item); m != nil {
			return &Footprint{InstanceType: m[1], InstanceHours: monthly}
		}
	case "rds", "elasticache":
		if m := dbNodeItem.FindStringSubmatch(item); m != nil {
			f := &Footprint{InstanceType: m[1], InstanceHours: monthly}
			if strings.Contains(l.Name, "Multi-AZ") {
				f.Replication = ReplicationRDSMultiAZ
			}
			return f
		}
		if m := rdsMultiAZItem.FindStringSubmatch(item); m != nil {
			return &Footprint{InstanceType: m[1], InstanceHours: monthly, Replication: ReplicationRDSMultiAZ}
		}
		return dbStorageFootprint(l, monthly)
	case "opensearch":
		if m := searchItem.FindStringSubmatch(item); m != nil {
			return &Footprint{InstanceType: m[1], InstanceHours: monthly}
		}
	case "ebs":
		if m := ebsStorageItem.FindStringSubmatch(item); m != nil {
			media := MediaSSD
			if m[1] == "st1" || m[1] == "sc1" || strings.HasPrefix(m[1], "standard") {
				media = MediaHDD
			}
			return &Footprint{StorageGBMonths: monthly, Media: media, Replication: ReplicationEBSVolume}
		}
		if strings.HasPrefix(item, "snapshot storage") {
			return &Footprint{StorageGBMonths: monthly, Media: MediaHDD, Replication: ReplicationEBSSnapshot}
		}
	case "s3":
		if strings.Contains(item, "/ Storage") {
			rep := ReplicationS3
			if strings.HasPrefix(strings.ToLower(item), "one zone") {
				rep = ReplicationS3OneZone
			}
			return &Footprint{StorageGBMonths: monthly, Media: MediaHDD, Replication: rep}
		}
	case "efs":
		if strings.HasSuffix(item, "storage") {
			rep := ReplicationEFS
			if strings.HasPrefix(item, "one zone") {
				rep = ReplicationEFSOneZone
			}
			return &Footprint{StorageGBMonths: monthly, Media: MediaHDD, Replication: rep}
		}
	case "ecr":
		if item == "storage" {
			return &Footprint{StorageGBMonths: monthly, Media: MediaHDD, Replication: ReplicationECR}
		}
	case "dynamodb":
		if strings.Contains(item, "storage") {
			media := MediaHDD
			if strings.Contains(item, "PITR") {
				media = MediaSSD
			}
			return &Footprint{StorageGBMonths: monthly, Media: media, Replication: ReplicationDynamoDB}
		}
	case "fargate":
		switch {
		case strings.HasSuffix(item, "vCPU hour") && !strings.Contains(item, "license"):
			return &Footprint{VCPUHours: monthly}
		case strings.HasSuffix(item, "memory GB hour"):
			return &Footprint{MemoryGBHours: monthly}
		}
	case "lambda":
		if strings.HasPrefix(item, "duration") {
			gbHours := monthly.Div(secondsPerHour)
			return &Footprint{VCPUHours: gbHours.Div(lambdaGBsPerVCPUs), MemoryGBHours: gbHours}
		}
	}
	return nil
}

// dbStorageFootprint covers RDS and ElastiCache storage and backups, and
// Aurora Serverless capacity.
func dbStorageFootprint(l Line, monthly decimal.Decimal) *Footprint {
	item := l.Item
	switch {
	case item == "Aurora Serverless v2 ACU hour":
		return &Footprint{VCPUHours: monthly.Div(acuPerVCPU)}
	case item == "Aurora storage (standard)":
		return &Footprint{StorageGBMonths: monthly, Media: MediaSSD, Replication: ReplicationRDSAurora}
	case strings.Contains(item, "backup storage"):
		rep := ReplicationRDSBackup
		if l.Service == "elasticache" {
			rep = ReplicationElastiCacheBackup
		}
		return &Footprint{StorageGBMonths: monthly, Media: MediaHDD, Replication: rep}
	case strings.HasPrefix(item, "magnetic storage"):
		return &Footprint{StorageGBMonths: monthly, Media: MediaHDD}
	case strings.Contains(item, " storage ") && !strings.Contains(item, "IOPS"):
		f := &Footprint{StorageGBMonths: monthly, Media: MediaSSD}
		if strings.Contains(item, "Multi-AZ") {
			f.Replication = ReplicationRDSMultiAZ
		}
		return f
	}
	return nil
}
