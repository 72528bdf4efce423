package estimate

import "github.com/shopspring/decimal"

// Storage media for Footprint.Media, as Cloud Carbon Footprint classifies them.
const (
	MediaSSD = "ssd"
	MediaHDD = "hdd"
)

// Replication classes for Footprint.Replication: which of Cloud Carbon
// Footprint's per-service replication factors multiplies the line's energy.
// Empty means the default factor (1).
const (
	ReplicationS3          = "s3"                             // S3 Standard/IA/Glacier storage (6)
	ReplicationS3OneZone   = "s3_one_zone_reduced_redundancy" // One Zone-IA, RRS (2)
	ReplicationEBSVolume   = "ec2_ebs_volume"                 // EBS volumes (2)
	ReplicationEBSSnapshot = "ec2_ebs_snapshot"               // EBS snapshots (3)
	ReplicationEFS         = "efs"                            // EFS (3)
	ReplicationRDSMultiAZ  = "rds_multi_az"                   // Multi-AZ RDS instance and storage (2)
	ReplicationRDSAurora   = "rds_aurora"                     // Aurora storage (6)
	ReplicationRDSBackup   = "rds_backup"                     // RDS backups (3)
	ReplicationDynamoDB    = "dynamo_db"                      // DynamoDB (2)
	ReplicationECR         = "ecr_storage"                    // ECR storage (3)
	ReplicationEFSOneZone  = "efs_one_zone"                   // EFS One Zone

	// ReplicationElastiCacheBackup is CCF's factor for ElastiCache backups (3).
	ReplicationElastiCacheBackup = "document_elasticache_backup"
)

// Footprint is what the carbon model needs to know about the physical
// resources behind one cost component. Rules fill it where they know it
// (instances, volumes, stored GB); the carbon package turns it into kgCO2e.
// It never affects cost. All quantities are per month.
type Footprint struct {
	// InstanceType is an EC2 instance type, or an RDS/ElastiCache class
	// ("db.m5.large", "cache.r6g.large"): the carbon model drops the prefix
	// and uses the EC2 figures, as Cloud Carbon Footprint does.
	InstanceType string
	// InstanceHours is instance-hours per month (instances × running hours).
	InstanceHours decimal.Decimal
	// VCPUHours and MemoryGBHours describe compute without an instance type
	// (Fargate tasks, Lambda): energy uses the average watts per vCPU.
	VCPUHours     decimal.Decimal
	MemoryGBHours decimal.Decimal
	// StorageGBMonths is allocated (or, from usage, stored) GB-months on Media.
	StorageGBMonths decimal.Decimal
	Media           string
	// Replication names the replication factor (Replication* constants).
	Replication string
	// KgCO2e is the line's monthly footprint, set by carbon.Annotate (nil
	// before, or when tfcost has no figures for it).
	KgCO2e *decimal.Decimal
}

// CarbonSummary is an estimate's total footprint and how it was computed.
type CarbonSummary struct {
	// MonthlyKg is the total kgCO2e per month over resources with a footprint.
	MonthlyKg decimal.Decimal `json:"monthlyKgCO2e"`
	// OperationalKg and EmbodiedKg split MonthlyKg.
	OperationalKg decimal.Decimal `json:"operationalKgCO2e"`
	EmbodiedKg    decimal.Decimal `json:"embodiedKgCO2e"`
	// Method names the method, CoefficientSet the figures used.
	Method         string `json:"method"`
	CoefficientSet string `json:"coefficientSet"`
	// Resources counts resources with a footprint; Missing lists the types
	// of priced resources tfcost has no carbon figures for.
	Resources int      `json:"resources"`
	Missing   []string `json:"missing,omitempty"`
}

// UnitEconomics is the cost and footprint per unit of work, when usage gives
// the project's monthly requests.
type UnitEconomics struct {
	MonthlyRequests decimal.Decimal `json:"monthlyRequests"`
	// CostPer1kRequests is total monthly cost ÷ (requests / 1,000).
	CostPer1kRequests decimal.Decimal `json:"costPer1kRequests"`
	// KgCO2ePer1kRequests is nil when the estimate has no carbon figures.
	KgCO2ePer1kRequests *decimal.Decimal `json:"kgCO2ePer1kRequests,omitempty"`
}
