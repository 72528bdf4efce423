package aws

import (
	"strings"
	"testing"
)

// rds_instance_hourly.csv, us-east-1 Single-AZ (S2): db.t3.micro mysql 0.017,
// postgres 0.018, sqlserver-ex 0.022; db.m5.large postgres 0.178, ri 1yr no
// upfront 0.114. aws_unit_prices.csv, us-east-1 rds (S4): db.t3.large MySQL
// Multi-AZ 0.272; gp2 0.115 Single-AZ / 0.23 Multi-AZ; gp3 0.115 / 0.23;
// gp3 IOPS above baseline 0.02 / 0.04; io1 0.125 + 0.1 per IOPS (Single-AZ);
// magnetic 0.1; backup beyond free 0.095.
func TestDBInstance(t *testing.T) {
	tests := []struct {
		name, values, usage string
		want                map[string]string
		total               string
	}{
		// 0.017 × 730 = 12.41; 20 × 0.115 = 2.3
		{name: "mysql single-az gp2",
			values: `{"engine":"mysql","instance_class":"db.t3.micro","allocated_storage":20,"storage_type":"gp2"}`,
			want:   map[string]string{"Database instance (on-demand, Single-AZ, db.t3.micro)": "12.41", "Storage (gp2, Single-AZ)": "2.3", "Backup storage": ""},
			total:  "14.71"},
		// storage_type unset → gp2 (provider default)
		{name: "default storage type", values: `{"engine":"postgres","instance_class":"db.t3.micro","allocated_storage":20}`,
			// 0.018 × 730 = 13.14; 20 × 0.115 = 2.3
			want: map[string]string{"Storage (gp2, Single-AZ)": "2.3"}, total: "15.44"},
		// exact Multi-AZ figure: 0.272 × 730 = 198.56; 30 × 0.23 = 6.9
		{name: "multi-az exact catalog figure",
			values: `{"engine":"mysql","instance_class":"db.t3.large","multi_az":true,"allocated_storage":30}`,
			want:   map[string]string{"Database instance (on-demand, Multi-AZ, db.t3.large)": "198.56", "Storage (gp2, Multi-AZ)": "6.9"},
			total:  "205.46"},
		// approximate Multi-AZ: 2 × 0.018 × 730 = 26.28; 20 × 0.23 = 4.6
		{name: "multi-az approximated",
			values: `{"engine":"postgres","instance_class":"db.t3.micro","multi_az":true,"allocated_storage":20}`,
			want:   map[string]string{"Database instance (on-demand, Multi-AZ, db.t3.micro)": "26.28", "Storage (gp2, Multi-AZ)": "4.6"},
			total:  "30.88"},
		// io1: 100 × 0.125 = 12.5; 1200 × 0.1 = 120; 0.136 × 730 = 99.28; backup 1000 × 0.095 = 95
		{name: "io1 with backup usage",
			values: `{"engine":"mysql","instance_class":"db.t3.large","allocated_storage":100,"storage_type":"io1","iops":1200}`,
			usage:  "additional_backup_storage_gb: 1000",
			want:   map[string]string{"Storage (io1, Single-AZ)": "12.5", "Provisioned IOPS (io1, Single-AZ)": "120", "Backup storage": "95"},
			total:  "326.78"},
		// gp3 ≥ 400 GB: baseline 12,000 IOPS; 400 × 0.115 = 46; (13000-12000) × 0.02 = 20
		{name: "gp3 above high baseline",
			values: `{"engine":"postgres","instance_class":"db.t3.micro","allocated_storage":400,"storage_type":"gp3","iops":13000}`,
			want:   map[string]string{"Storage (gp3, Single-AZ)": "46", "Provisioned IOPS above 12000 (gp3, Single-AZ)": "20"}},
		// gp3 < 400 GB: baseline 3,000; (4000-3000) × 0.02 = 20
		{name: "gp3 above low baseline",
			values: `{"engine":"mysql","instance_class":"db.t3.micro","allocated_storage":100,"storage_type":"gp3","iops":4000}`,
			want:   map[string]string{"Provisioned IOPS above 3000 (gp3, Single-AZ)": "20"}},
		// gp3 at 12,000 IOPS with 400 GB: within baseline, no IOPS line; 400 × 0.115 = 46; 0.017 × 730 = 12.41
		{name: "gp3 within baseline",
			values: `{"engine":"mysql","instance_class":"db.t3.micro","allocated_storage":400,"storage_type":"gp3","iops":12000}`,
			total:  "58.41"},
		// magnetic: 40 × 0.1 = 4
		{name: "magnetic", values: `{"engine":"mysql","instance_class":"db.t3.micro","allocated_storage":40,"storage_type":"standard"}`,
			want: map[string]string{"Storage (magnetic)": "4"}},
		// reserved 1yr no upfront: 0.114 × 730 = 83.22
		{name: "reserved", values: `{"engine":"postgres","instance_class":"db.m5.large","allocated_storage":20}`,
			usage: "reserved_instance_term: 1_year\nreserved_instance_payment_option: no_upfront",
			want:  map[string]string{"Database instance (reserved, Single-AZ, db.m5.large)": "83.22"}},
		// a reservation is billed every hour: still 0.114 × 730 = 83.22 with monthly_hrs
		{name: "reserved ignores scheduling", values: `{"engine":"postgres","instance_class":"db.m5.large","allocated_storage":20}`,
			usage: "reserved_instance_term: 1_year\nreserved_instance_payment_option: no_upfront\nmonthly_hrs: 100",
			want:  map[string]string{"Database instance (reserved, Single-AZ, db.m5.large)": "83.22"}},
		// SQL Server Express: 0.022 × 730 = 16.06
		{name: "sqlserver-ex", values: `{"engine":"sqlserver-ex","instance_class":"db.t3.micro","allocated_storage":20}`,
			want: map[string]string{"Database instance (on-demand, Single-AZ, db.t3.micro)": "16.06"}},
		// scheduled dev database: 0.017 × 300 = 5.1; storage stays monthly 2.3
		{name: "scheduling keys", values: `{"engine":"mysql","instance_class":"db.t3.micro","allocated_storage":20}`,
			usage: "monthly_hrs: 300", total: "7.4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := priceOne(t, "aws_db_instance", tt.values, tt.usage, "us-east-1")
			for name, want := range tt.want {
				assertMonthly(t, r, name, want)
			}
			if tt.total != "" {
				assertTotal(t, r, tt.total)
			}
		})
	}
}

func TestDBInstanceFlags(t *testing.T) {
	multi := `{"engine":"postgres","instance_class":"db.t3.micro","multi_az":true,"allocated_storage":20}`
	r := priceOne(t, "aws_db_instance", multi, "", "us-east-1")
	c := comp(t, r, "Database instance (on-demand, Multi-AZ, db.t3.micro)")
	if !c.Approximate || !strings.Contains(c.Note, "2×") || !c.Price.Equal(decimalOf("0.036")) {
		t.Errorf("approximate Multi-AZ: %+v", c)
	}
	est := pricePlanOpts(t, "us-east-1", "", testOptions{StrictPrices: true}, testResource{Type: "aws_db_instance", Values: multi})
	if c := comp(t, est.Resources[0], "Database instance (on-demand, Multi-AZ, db.t3.micro)"); !c.Unpriced {
		t.Errorf("--strict-prices must leave Multi-AZ unpriced: %+v", c)
	}
	exact := comp(t, priceOne(t, "aws_db_instance", `{"engine":"mysql","instance_class":"db.t3.large","multi_az":true,"allocated_storage":30}`, "", "us-east-1"),
		"Database instance (on-demand, Multi-AZ, db.t3.large)")
	if exact.Approximate {
		t.Errorf("exact catalog Multi-AZ figure must not be approximate")
	}
	r = priceOne(t, "aws_db_instance", `{"engine":"oracle-ee","instance_class":"db.m5.large","allocated_storage":20}`, "", "us-east-1")
	if c := comp(t, r, "Database instance (on-demand, Single-AZ, db.m5.large)"); !c.Unpriced {
		t.Errorf("oracle: %+v", c)
	}
	r = priceOneUnknown(t, "aws_db_instance", `{"engine":"mysql","allocated_storage":20}`, `{"instance_class":true}`, "", "us-east-1")
	if c := comp(t, r, "Database instance"); !c.Unknown {
		t.Errorf("unknown class: %+v", c)
	}
	r = priceOneUnknown(t, "aws_db_instance", `{"engine":"mysql","instance_class":"db.t3.micro"}`, `{"allocated_storage":true}`, "", "us-east-1")
	if c := comp(t, r, "Storage (gp2, Single-AZ)"); !c.Unknown {
		t.Errorf("unknown storage: %+v", c)
	}
}
