package acceptance

import (
	"path/filepath"
	"testing"
)

// Infracost's terraform_v0.14_plan.json (Terraform 0.14.11, format 0.1) and
// terraform_v0.12_plan.json (0.12.31, the same configuration).
//
// Region: the root provider block says region = "us-east-1" (constant);
// module.instances and module.db have their own provider blocks, also
// "us-east-1"; the nested db_1/db_2 modules inherit. So every resource is
// priced in us-east-1 from the provider configuration.
//
// Resources (12 aws_instance, 2 aws_db_instance, the rest free):
//   - aws_instance ×12, all instance_type = "t3.nano", ami ami-0ff8a91507f77f867:
//     instance_1, instance_counted[0], instance_named["test.1"] and the same
//     three in module.instances are no-ops: root_block_device 8 GB gp2,
//     ebs_optimized false, monitoring false, tenancy default,
//     credit_specification unlimited, no ebs_block_device.
//     instance_2, instance_counted[1], instance_named["test.2"] and the three
//     in module.instances are creates: root_block_device, monitoring,
//     tenancy and ebs_optimized unknown until apply, credit_specification []
//     (t3 default: unlimited).
//   - module.db.module.db_1…aws_db_instance.this[0]: update (values equal),
//     engine mysql, db.t3.micro, allocated_storage 5, storage_type gp2,
//     multi_az false, backup_retention_period 0.
//   - module.db.module.db_2…aws_db_instance.this[0]: create, same class,
//     engine and storage; storage_type and backup_retention_period unknown.
//   - aws_default_vpc ×2, aws_iam_role, aws_iam_role_policy_attachment,
//     aws_db_option_group, aws_db_parameter_group, aws_db_subnet_group
//     (per db module): free.
//
// Figures (us-east-1, 730 h a month):
//
//	t3.nano                ec2_ondemand_linux.csv        0.0052 USD/h
//	EBS gp2                aws_unit_prices.csv (ebs)     0.1 USD/GB-month
//	T3 unlimited credits   aws_unit_prices.csv (ec2)     0.05 USD/vCPU-hour (usage-based)
//	db.t3.micro mysql      rds_instance_hourly.csv       0.017 USD/h (single-az)
//	RDS gp2 Single-AZ      aws_unit_prices.csv (rds)     0.115 USD/GB-month
//	RDS backup storage     aws_unit_prices.csv (rds)     0.095 USD/GB-month (usage-based)
//
// Per instance: 0.0052 × 730 = 3.796; root volume 8 GB × 0.1 = 0.8 (a
// created instance's root volume is unknown: EC2 creates the AMI's size, 8 GB
// for this Amazon Linux AMI, as gp2); CPU credits add nothing without usage.
// 3.796 + 0.8 = 4.596.
// Per database: 0.017 × 730 = 12.41; storage 5 × 0.115 = 0.575;
// backup adds nothing without usage. 12.41 + 0.575 = 12.985.
// Total: 12 × 4.596 + 2 × 12.985 = 55.152 + 25.97 = 81.122.
//
// Not in tfcost's model (so not in these figures): the six no-op instances
// have public IPv4 addresses (associate_public_ip_address, public_ip), which
// AWS bills at 0.005 USD/h (3.65 a month each) since February 2024; only
// aws_eip is priced for that today.
const (
	v014Instance = "4.596"
	v014DB       = "12.985"
	v014Total    = "81.122"
	// Before the change only the six no-op instances and db_1 exist:
	// 6 × 4.596 + 12.985 = 27.576 + 12.985 = 40.561.
	v014PriorTotal = "40.561"
)

func v014Wants(prior bool) []want {
	const r = "us-east-1"
	created := func(addr, monthly string) want {
		if prior {
			return skipped(addr, r).act("create")
		}
		return priced(addr, r, monthly).act("create")
	}
	createdFree := func(addr string) want {
		if prior {
			return skipped(addr, r).act("create")
		}
		return free(addr, r).act("create")
	}
	db1 := "module.db.module.db_1."
	db2 := "module.db.module.db_2."
	return []want{
		priced("aws_instance.instance_1", r, v014Instance).act("no-op"),
		created("aws_instance.instance_2", v014Instance),
		priced("aws_instance.instance_counted[0]", r, v014Instance).act("no-op"),
		created("aws_instance.instance_counted[1]", v014Instance),
		priced(`aws_instance.instance_named["test.1"]`, r, v014Instance).act("no-op"),
		created(`aws_instance.instance_named["test.2"]`, v014Instance),
		priced("module.instances.aws_instance.module_instance_1", r, v014Instance).act("no-op"),
		created("module.instances.aws_instance.module_instance_2", v014Instance),
		priced("module.instances.aws_instance.module_instance_counted[0]", r, v014Instance).act("no-op"),
		created("module.instances.aws_instance.module_instance_counted[1]", v014Instance),
		priced(`module.instances.aws_instance.module_instance_named["test.1"]`, r, v014Instance).act("no-op"),
		created(`module.instances.aws_instance.module_instance_named["test.2"]`, v014Instance),
		free("module.instances.aws_default_vpc.default", r).act("no-op"),
		free("module.db.aws_default_vpc.default", r).act("no-op"),

		priced(db1+"module.db_instance.aws_db_instance.this[0]", r, v014DB).act("update"),
		free(db1+"module.db_instance.aws_iam_role.enhanced_monitoring[0]", r),
		free(db1+"module.db_instance.aws_iam_role_policy_attachment.enhanced_monitoring[0]", r),
		free(db1+"module.db_option_group.aws_db_option_group.this[0]", r),
		free(db1+"module.db_parameter_group.aws_db_parameter_group.this[0]", r),
		free(db1+"module.db_subnet_group.aws_db_subnet_group.this[0]", r),

		created(db2+"module.db_instance.aws_db_instance.this[0]", v014DB),
		createdFree(db2 + "module.db_instance.aws_iam_role.enhanced_monitoring[0]"),
		createdFree(db2 + "module.db_instance.aws_iam_role_policy_attachment.enhanced_monitoring[0]"),
		createdFree(db2 + "module.db_option_group.aws_db_option_group.this[0]"),
		createdFree(db2 + "module.db_parameter_group.aws_db_parameter_group.this[0]"),
		createdFree(db2 + "module.db_subnet_group.aws_db_subnet_group.this[0]"),
	}
}

func TestTerraformV014Plan(t *testing.T) {
	testV014Config(t, "terraform_v0.14_plan.json")
}

// TestTerraformV012Plan: Terraform 0.12 wrote the same configuration's plan;
// the estimate must be the same, resource for resource.
func TestTerraformV012Plan(t *testing.T) {
	testV014Config(t, "terraform_v0.12_plan.json")
}

func testV014Config(t *testing.T, file string) {
	p := readPlan(t, filepath.Join(planDir, file))
	e := estimator(t, "")
	est := e.Estimate(p)
	checkEstimate(t, est, v014Total, v014Wants(false))
	for _, r := range est.Resources {
		if r.RegionSource != "provider" {
			t.Errorf("%s: region source %q, want provider (the provider block's constant)", r.Address, r.RegionSource)
		}
	}

	rs := byAddress(est)
	// A no-op instance: every value known.
	known := rs["aws_instance.instance_1"]
	checkLine(t, known, "", "Instance usage (Linux/UNIX, on-demand, t3.nano)", "730", "0.0052", "3.796")
	checkLine(t, known, "root_block_device", "Storage (gp2)", "8", "0.1", "0.8")
	checkUsageLine(t, known, "", "CPU credits", "0.05")
	// A created instance: the root volume is unknown until apply, priced as
	// EC2's default and said so, never as $0.
	created := rs["module.instances.aws_instance.module_instance_2"]
	checkLine(t, created, "", "Instance usage (Linux/UNIX, on-demand, t3.nano)", "730", "0.0052", "3.796")
	checkLine(t, created, "root_block_device", "Storage (gp2)", "8", "0.1", "0.8")
	if c := component(t, created, "root_block_device", "Storage (gp2)"); c.Note == "" {
		t.Errorf("%s: the root volume is unknown until apply but the line says nothing about it", created.Address)
	}
	for _, addr := range []string{
		"module.db.module.db_1.module.db_instance.aws_db_instance.this[0]",
		"module.db.module.db_2.module.db_instance.aws_db_instance.this[0]",
	} {
		db := rs[addr]
		checkLine(t, db, "", "Database instance (on-demand, Single-AZ, db.t3.micro)", "730", "0.017", "12.41")
		checkLine(t, db, "", "Storage (gp2, Single-AZ)", "5", "0.115", "0.575")
		checkUsageLine(t, db, "", "Backup storage", "0.095")
	}

	s := est.Summary
	if s.TotalResources != 26 || s.PricedResources != 14 || s.FreeResources != 12 || s.UnsupportedResources != 0 {
		t.Errorf("summary %+v, want 26 resources: 14 priced, 12 free, 0 unsupported", s)
	}

	// The prior side: what runs today.
	prior := e.EstimatePrior(p)
	checkEstimate(t, prior, v014PriorTotal, v014Wants(true))
}
