// Package bench generates large, realistic Terraform plans and measures
// tfcost on them (see bench_test.go and RESULTS.md). The generator is
// deterministic, so figures from different runs compare.
package bench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ResourcesPerUnit is the size of one "service" unit of the generated
// plans: a small application stack repeated through module count.
const ResourcesPerUnit = 20

// unitsPerCall is how many instances (count) each module call has; every
// call gets its own configuration block, as Terraform writes it.
const unitsPerCall = 100

// kind is one resource of a unit.
type kind struct {
	typ, name string
	count     int // instances per unit (count = N inside the module)
	// attrs returns the known attribute members (without braces) of
	// instance i of unit u; computed lists what is known only after apply.
	attrs    func(g *gen, u, i int) string
	computed []string
	// config is the resource's configuration "expressions" object.
	config string
}

// The unit's resources: 3+2+1+1+1+1+1+1+1+2+3+3 = 20.
var kinds = []kind{
	{"aws_instance", "app", 3, instanceAttrs, []string{"arn", "id", "private_ip", "public_ip", "private_dns", "primary_network_interface_id", "instance_state", "ipv6_addresses", "outpost_arn", "password_data", "placement_group", "host_id"},
		`{"ami":{"references":["var.ami"]},"instance_type":{"constant_value":"m5.large"},"monitoring":{"constant_value":true},"subnet_id":{"references":["var.subnet_ids","count.index"]},"vpc_security_group_ids":{"references":["aws_security_group.sg.id","aws_security_group.sg"]},"root_block_device":[{"volume_size":{"constant_value":50},"volume_type":{"constant_value":"gp3"}}],"ebs_block_device":[{"device_name":{"constant_value":"/dev/sdf"},"volume_size":{"constant_value":100},"volume_type":{"constant_value":"io2"},"iops":{"constant_value":4000}}],"tags":{"references":["var.tags"]}}`},
	{"aws_ebs_volume", "data", 2, ebsAttrs, []string{"arn", "id", "snapshot_id"},
		`{"availability_zone":{"constant_value":"us-east-1a"},"size":{"constant_value":500},"type":{"constant_value":"gp3"},"iops":{"constant_value":6000},"throughput":{"constant_value":250},"tags":{"references":["var.tags"]}}`},
	{"aws_s3_bucket", "assets", 1, s3Attrs, []string{"arn", "id", "bucket_domain_name", "bucket_regional_domain_name", "hosted_zone_id", "region", "website_domain", "website_endpoint"},
		`{"bucket":{"references":["var.name"]},"force_destroy":{"constant_value":false},"tags":{"references":["var.tags"]}}`},
	{"aws_lb", "web", 1, lbAttrs, []string{"arn", "arn_suffix", "dns_name", "id", "vpc_id", "zone_id"},
		`{"name":{"references":["var.name"]},"load_balancer_type":{"constant_value":"application"},"internal":{"constant_value":false},"subnets":{"references":["var.subnet_ids"]},"security_groups":{"references":["aws_security_group.sg.id","aws_security_group.sg"]},"tags":{"references":["var.tags"]}}`},
	{"aws_nat_gateway", "nat", 1, natAttrs, []string{"id", "network_interface_id", "private_ip", "public_ip", "association_id"},
		`{"allocation_id":{"references":["aws_eip.nat.id","aws_eip.nat"]},"subnet_id":{"references":["var.subnet_ids[0]","var.subnet_ids"]},"tags":{"references":["var.tags"]}}`},
	{"aws_eip", "nat", 1, eipAttrs, []string{"allocation_id", "arn", "association_id", "carrier_ip", "customer_owned_ip", "id", "instance", "network_interface", "private_dns", "private_ip", "public_dns", "public_ip", "ptr_record"},
		`{"domain":{"constant_value":"vpc"},"tags":{"references":["var.tags"]}}`},
	{"aws_db_instance", "db", 1, dbAttrs, []string{"address", "arn", "ca_cert_identifier", "endpoint", "hosted_zone_id", "id", "latest_restorable_time", "listener_endpoint", "master_user_secret", "replicas", "resource_id", "status"},
		`{"allocated_storage":{"constant_value":200},"engine":{"constant_value":"postgres"},"engine_version":{"constant_value":"16.3"},"instance_class":{"constant_value":"db.m6g.large"},"multi_az":{"constant_value":true},"storage_type":{"constant_value":"gp3"},"username":{"constant_value":"app"},"password":{"references":["var.db_password"]},"backup_retention_period":{"constant_value":7},"vpc_security_group_ids":{"references":["aws_security_group.sg.id","aws_security_group.sg"]},"tags":{"references":["var.tags"]}}`},
	{"aws_ecs_task_definition", "api", 1, taskDefAttrs, []string{"arn", "arn_without_revision", "id", "revision"},
		`{"family":{"references":["var.name"]},"cpu":{"constant_value":"1024"},"memory":{"constant_value":"2048"},"network_mode":{"constant_value":"awsvpc"},"requires_compatibilities":{"constant_value":["FARGATE"]},"container_definitions":{"references":["local.containers"]},"execution_role_arn":{"references":["aws_iam_role.role.arn","aws_iam_role.role"]},"runtime_platform":[{"cpu_architecture":{"constant_value":"ARM64"},"operating_system_family":{"constant_value":"LINUX"}}]}`},
	{"aws_ecs_service", "api", 1, ecsServiceAttrs, []string{"id", "iam_role", "triggers"},
		`{"name":{"references":["var.name"]},"cluster":{"references":["var.cluster_arn"]},"task_definition":{"references":["aws_ecs_task_definition.api.arn","aws_ecs_task_definition.api"]},"desired_count":{"constant_value":3},"launch_type":{"constant_value":"FARGATE"},"network_configuration":[{"subnets":{"references":["var.subnet_ids"]},"security_groups":{"references":["aws_security_group.sg.id","aws_security_group.sg"]}}],"load_balancer":[{"target_group_arn":{"references":["var.target_group_arn"]},"container_name":{"constant_value":"api"},"container_port":{"constant_value":8080}}]}`},
	{"aws_lambda_function", "worker", 2, lambdaAttrs, []string{"arn", "code_sha256", "id", "invoke_arn", "last_modified", "qualified_arn", "qualified_invoke_arn", "signing_job_arn", "signing_profile_version_arn", "source_code_size", "version"},
		`{"function_name":{"references":["var.name","count.index"]},"role":{"references":["aws_iam_role.role.arn","aws_iam_role.role"]},"handler":{"constant_value":"main.handler"},"runtime":{"constant_value":"python3.12"},"memory_size":{"constant_value":1024},"timeout":{"constant_value":30},"architectures":{"constant_value":["arm64"]},"filename":{"constant_value":"build/worker.zip"}}`},
	{"aws_iam_role", "role", 3, iamRoleAttrs, []string{"arn", "create_date", "id", "managed_policy_arns", "unique_id"},
		`{"name":{"references":["var.name","count.index"]},"assume_role_policy":{"references":["data.aws_iam_policy_document.assume.json","data.aws_iam_policy_document.assume"]},"tags":{"references":["var.tags"]}}`},
	{"aws_security_group", "sg", 3, sgAttrs, []string{"arn", "id", "owner_id"},
		`{"name":{"references":["var.name","count.index"]},"vpc_id":{"references":["var.vpc_id"]},"ingress":{"constant_value":[{"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.0.0.0/8"],"description":"https","ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}]},"egress":{"constant_value":[{"from_port":0,"to_port":0,"protocol":"-1","cidr_blocks":["0.0.0.0/0"],"description":"","ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}]},"tags":{"references":["var.tags"]}}`},
}

// gen renders the members the attribute templates share.
type gen struct{}

func (g *gen) tagMembers(u int) string {
	return fmt.Sprintf(`"tags":{"Environment":"prod","Owner":"team-%d","Service":"svc-%05d"},"tags_all":{"Environment":"prod","ManagedBy":"terraform","Owner":"team-%d","Service":"svc-%05d"}`, u%40, u, u%40, u)
}

func instanceAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"ami":"ami-0c55b159cbfafe1f0","associate_public_ip_address":false,"availability_zone":"us-east-1%c","capacity_reservation_specification":[],"cpu_options":[],"credit_specification":[],"disable_api_stop":false,"disable_api_termination":false,"ebs_block_device":[{"delete_on_termination":true,"device_name":"/dev/sdf","encrypted":true,"iops":4000,"kms_key_id":"","snapshot_id":"","tags":null,"throughput":0,"volume_size":100,"volume_type":"io2"}],"ebs_optimized":true,"enclave_options":[],"ephemeral_block_device":[],"get_password_data":false,"hibernation":false,"iam_instance_profile":"svc-%05d-profile","instance_initiated_shutdown_behavior":"stop","instance_type":"m5.large","key_name":"deploy","launch_template":[],"maintenance_options":[],"metadata_options":[{"http_endpoint":"enabled","http_protocol_ipv6":"disabled","http_put_response_hop_limit":2,"http_tokens":"required","instance_metadata_tags":"disabled"}],"monitoring":true,"network_interface":[],"private_dns_name_options":[],"root_block_device":[{"delete_on_termination":true,"encrypted":true,"iops":3000,"kms_key_id":"","tags":null,"throughput":125,"volume_size":50,"volume_type":"gp3"}],"secondary_private_ips":[],"security_groups":[],"source_dest_check":true,"subnet_id":"subnet-%08x","tenancy":"default","timeouts":null,"user_data":"4b0d0b7c1f3b2f1e7d2a3c4b5a69788796a5b4c3","user_data_replace_on_change":false,"volume_tags":null,"vpc_security_group_ids":["sg-%08x"],%s`,
		'a'+rune(i%3), u, u*7+i, u*3, g.tagMembers(u))
}

func ebsAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"availability_zone":"us-east-1%c","encrypted":true,"final_snapshot":false,"iops":6000,"kms_key_id":"arn:aws:kms:us-east-1:123456789012:key/%08x-1111-2222-3333-444455556666","multi_attach_enabled":false,"outpost_arn":"","size":500,"throughput":250,"timeouts":null,"type":"gp3",%s`,
		'a'+rune(i%3), u, g.tagMembers(u))
}

func s3Attrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"bucket":"acme-svc-%05d-assets","bucket_prefix":"","force_destroy":false,"object_lock_enabled":false,"acceleration_status":"","request_payer":"BucketOwner","cors_rule":[],"grant":[],"lifecycle_rule":[],"logging":[],"object_lock_configuration":[],"replication_configuration":[],"server_side_encryption_configuration":[],"versioning":[],"website":[],"timeouts":null,%s`,
		u, g.tagMembers(u))
}

func lbAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"access_logs":[],"client_keep_alive":3600,"connection_logs":[],"customer_owned_ipv4_pool":"","desync_mitigation_mode":"defensive","drop_invalid_header_fields":false,"enable_cross_zone_load_balancing":true,"enable_deletion_protection":false,"enable_http2":true,"enable_tls_version_and_cipher_suite_headers":false,"enable_waf_fail_open":false,"enable_xff_client_port":false,"idle_timeout":60,"internal":false,"ip_address_type":"ipv4","load_balancer_type":"application","name":"svc-%05d","preserve_host_header":false,"security_groups":["sg-%08x"],"subnet_mapping":[{"allocation_id":"","ipv6_address":"","outpost_id":"","private_ipv4_address":"","subnet_id":"subnet-%08x"},{"allocation_id":"","ipv6_address":"","outpost_id":"","private_ipv4_address":"","subnet_id":"subnet-%08x"}],"subnets":["subnet-%08x","subnet-%08x"],"timeouts":null,"xff_header_processing_mode":"append",%s`,
		u, u*3+1, u*7, u*7+1, u*7, u*7+1, g.tagMembers(u))
}

func natAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"connectivity_type":"public","secondary_allocation_ids":null,"secondary_private_ip_address_count":null,"subnet_id":"subnet-%08x",%s`, u*7, g.tagMembers(u))
}

func eipAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"address":null,"associate_with_private_ip":null,"customer_owned_ipv4_pool":null,"domain":"vpc","ipam_pool_id":null,"network_border_group":"us-east-1","public_ipv4_pool":"amazon","timeouts":null,%s`, g.tagMembers(u))
}

func dbAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"allocated_storage":200,"allow_major_version_upgrade":null,"apply_immediately":false,"auto_minor_version_upgrade":true,"availability_zone":"us-east-1a","backup_retention_period":7,"backup_target":"region","backup_window":"03:00-04:00","blue_green_update":[],"copy_tags_to_snapshot":true,"custom_iam_instance_profile":null,"db_name":"app","db_subnet_group_name":"svc-%05d","delete_automated_backups":true,"deletion_protection":true,"domain":null,"enabled_cloudwatch_logs_exports":["postgresql"],"engine":"postgres","engine_version":"16.3","final_snapshot_identifier":"svc-%05d-final","iam_database_authentication_enabled":false,"identifier":"svc-%05d","instance_class":"db.m6g.large","iops":3000,"kms_key_id":"arn:aws:kms:us-east-1:123456789012:key/%08x-aaaa-bbbb-cccc-ddddeeeeffff","maintenance_window":"sun:05:00-sun:06:00","manage_master_user_password":null,"max_allocated_storage":1000,"monitoring_interval":60,"multi_az":true,"network_type":"IPV4","option_group_name":"default:postgres-16","parameter_group_name":"default.postgres16","password":"not-a-real-password","performance_insights_enabled":true,"performance_insights_retention_period":7,"port":5432,"publicly_accessible":false,"replicate_source_db":null,"restore_to_point_in_time":[],"s3_import":[],"skip_final_snapshot":false,"snapshot_identifier":null,"storage_encrypted":true,"storage_throughput":125,"storage_type":"gp3","timeouts":null,"username":"app","vpc_security_group_ids":["sg-%08x"],%s`,
		u, u, u, u, u*3+2, g.tagMembers(u))
}

func taskDefAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"container_definitions":"[{\"name\":\"api\",\"image\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/api:%d\",\"cpu\":1024,\"memory\":2048,\"essential\":true,\"portMappings\":[{\"containerPort\":8080,\"hostPort\":8080,\"protocol\":\"tcp\"}],\"environment\":[{\"name\":\"SERVICE\",\"value\":\"svc-%05d\"}],\"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/svc-%05d\",\"awslogs-region\":\"us-east-1\",\"awslogs-stream-prefix\":\"api\"}}}]","cpu":"1024","ephemeral_storage":[{"size_in_gib":40}],"execution_role_arn":"arn:aws:iam::123456789012:role/svc-%05d-exec","family":"svc-%05d","inference_accelerator":[],"ipc_mode":null,"memory":"2048","network_mode":"awsvpc","pid_mode":null,"placement_constraints":[],"proxy_configuration":[],"requires_compatibilities":["FARGATE"],"runtime_platform":[{"cpu_architecture":"ARM64","operating_system_family":"LINUX"}],"skip_destroy":false,"task_role_arn":null,"track_latest":false,"volume":[],%s`,
		u%17, u, u, u, u, g.tagMembers(u))
}

func ecsServiceAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"alarms":[],"availability_zone_rebalancing":"DISABLED","capacity_provider_strategy":[],"cluster":"arn:aws:ecs:us-east-1:123456789012:cluster/prod","deployment_circuit_breaker":[{"enable":true,"rollback":true}],"deployment_controller":[],"deployment_maximum_percent":200,"deployment_minimum_healthy_percent":100,"desired_count":3,"enable_ecs_managed_tags":true,"enable_execute_command":false,"force_delete":null,"force_new_deployment":null,"health_check_grace_period_seconds":30,"launch_type":"FARGATE","load_balancer":[{"container_name":"api","container_port":8080,"elb_name":"","target_group_arn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/svc-%05d/%016x"}],"name":"svc-%05d","network_configuration":[{"assign_public_ip":false,"security_groups":["sg-%08x"],"subnets":["subnet-%08x","subnet-%08x"]}],"ordered_placement_strategy":[],"placement_constraints":[],"platform_version":"LATEST","propagate_tags":"SERVICE","scheduling_strategy":"REPLICA","service_connect_configuration":[],"service_registries":[],"timeouts":null,"volume_configuration":[],"wait_for_steady_state":false,%s`,
		u, u*977, u, u*3, u*7, u*7+1, g.tagMembers(u))
}

func lambdaAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"architectures":["arm64"],"code_signing_config_arn":null,"dead_letter_config":[],"description":"worker %d","environment":[{"variables":{"QUEUE":"svc-%05d-jobs","STAGE":"prod"}}],"ephemeral_storage":[{"size":512}],"file_system_config":[],"filename":"build/worker.zip","function_name":"svc-%05d-worker-%d","handler":"main.handler","image_config":[],"image_uri":null,"kms_key_arn":null,"layers":null,"logging_config":[],"memory_size":1024,"package_type":"Zip","publish":false,"replace_security_groups_on_destroy":null,"replacement_security_group_ids":null,"reserved_concurrent_executions":-1,"role":"arn:aws:iam::123456789012:role/svc-%05d-lambda","runtime":"python3.12","s3_bucket":null,"s3_key":null,"s3_object_version":null,"skip_destroy":false,"snap_start":[],"source_code_hash":"YmFzZTY0LWVuY29kZWQtc2hhMjU2LWhhc2gtb2YtemlwLWZpbGU=","timeout":30,"timeouts":null,"tracing_config":[{"mode":"PassThrough"}],"vpc_config":[],%s`,
		i, u, u, i, u, g.tagMembers(u))
}

func iamRoleAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"assume_role_policy":"{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"}}],\"Version\":\"2012-10-17\"}","description":null,"force_detach_policies":false,"inline_policy":[],"max_session_duration":3600,"name":"svc-%05d-role-%d","path":"/","permissions_boundary":null,%s`,
		u, i, g.tagMembers(u))
}

func sgAttrs(g *gen, u, i int) string {
	return fmt.Sprintf(`"description":"Managed by Terraform","egress":[{"cidr_blocks":["0.0.0.0/0"],"description":"","from_port":0,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"-1","security_groups":[],"self":false,"to_port":0}],"ingress":[{"cidr_blocks":["10.0.0.0/8"],"description":"https","from_port":443,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":443}],"name":"svc-%05d-sg-%d","name_prefix":"","revoke_rules_on_delete":false,"timeouts":null,"vpc_id":"vpc-%08x",%s`,
		u, i, u%50, g.tagMembers(u))
}

// actionOf spreads actions like a plan against a mostly existing estate:
// 70% create, 20% no-op, 6% update, 4% replace.
func actionOf(seq int) string {
	switch m := seq % 50; {
	case m < 35:
		return "create"
	case m < 45:
		return "no-op"
	case m < 48:
		return "update"
	default:
		return "replace"
	}
}

// computedKnown renders computed attributes of an existing object.
func computedKnown(k *kind, u, i int) string {
	var b strings.Builder
	for j, c := range k.computed {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%q:"%s-%05d-%d-%s"`, c, k.typ, u, i, c)
	}
	return b.String()
}

func computedUnknown(k *kind) string {
	var b strings.Builder
	for j, c := range k.computed {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%q:true`, c)
	}
	return b.String()
}

// WritePlan writes a plan of about n managed resources (rounded up to
// whole units) in format 1.2 shape: variables, planned_values,
// resource_changes, prior_state and configuration.
func WritePlan(w io.Writer, n int) error {
	units := (n + ResourcesPerUnit - 1) / ResourcesPerUnit
	calls := (units + unitsPerCall - 1) / unitsPerCall
	perCall := func(c int) int { return min(unitsPerCall, units-c*unitsPerCall) }
	// bufio keeps the first write error and Flush returns it, so the writes
	// below ignore their results.
	bw := bufio.NewWriterSize(w, 1<<20)
	g := &gen{}

	// A resource instance: walk every (call, unit, kind, index) in order.
	type inst struct {
		call, unit, idx int // unit is global; idx is the count index inside the module
		k               *kind
		seq             int
	}
	each := func(fn func(inst)) {
		seq := 0
		for c := 0; c < calls; c++ {
			for j := 0; j < perCall(c); j++ {
				u := c*unitsPerCall + j
				for ki := range kinds {
					for i := 0; i < kinds[ki].count; i++ {
						fn(inst{call: c, unit: u, idx: i, k: &kinds[ki], seq: seq})
						seq++
					}
				}
			}
		}
	}
	modAddr := func(c, u int) string { return fmt.Sprintf("module.svc_%03d[%d]", c, u-c*unitsPerCall) }
	provider := "registry.terraform.io/hashicorp/aws"

	_, _ = fmt.Fprintf(bw, `{"format_version":"1.2","terraform_version":"1.9.8","variables":{"region":{"value":"us-east-1"},"environment":{"value":"prod"}},`)

	// planned_values: every resource that exists after the change.
	_, _ = bw.WriteString(`"planned_values":{"root_module":{"child_modules":[`)
	lastMod := ""
	first := true
	each(func(x inst) {
		m := modAddr(x.call, x.unit)
		if m != lastMod {
			if lastMod != "" {
				_, _ = bw.WriteString(`]},`)
			}
			_, _ = fmt.Fprintf(bw, `{"address":%q,"resources":[`, m)
			lastMod, first = m, true
		}
		if !first {
			_ = bw.WriteByte(',')
		}
		first = false
		values := x.k.attrs(g, x.unit, x.idx)
		if a := actionOf(x.seq); a != "create" && a != "replace" {
			values += "," + computedKnown(x.k, x.unit, x.idx)
		}
		_, _ = fmt.Fprintf(bw, `{"address":"%s.%s.%s[%d]","mode":"managed","type":%q,"name":%q,"index":%d,"provider_name":%q,"schema_version":1,"values":{%s},"sensitive_values":{"tags":{},"tags_all":{}}}`,
			m, x.k.typ, x.k.name, x.idx, x.k.typ, x.k.name, x.idx, provider, values)
	})
	if lastMod != "" {
		_, _ = bw.WriteString(`]}`)
	}
	_, _ = bw.WriteString(`]}},`)

	// resource_changes.
	_, _ = bw.WriteString(`"resource_changes":[`)
	each(func(x inst) {
		if x.seq > 0 {
			_ = bw.WriteByte(',')
		}
		m := modAddr(x.call, x.unit)
		values := x.k.attrs(g, x.unit, x.idx)
		var actions, before, after, unknown string
		switch a := actionOf(x.seq); a {
		case "create":
			actions, before, after, unknown = `["create"]`, "null", "{"+values+"}", "{"+computedUnknown(x.k)+"}"
		case "no-op":
			full := "{" + values + "," + computedKnown(x.k, x.unit, x.idx) + "}"
			actions, before, after, unknown = `["no-op"]`, full, full, "{}"
		case "update":
			full := "{" + values + "," + computedKnown(x.k, x.unit, x.idx) + "}"
			old := strings.Replace(full, `"Environment":"prod"`, `"Environment":"staging"`, 2)
			actions, before, after, unknown = `["update"]`, old, full, "{}"
		case "replace":
			old := "{" + values + "," + computedKnown(x.k, x.unit, x.idx) + "}"
			actions, before, after, unknown = `["delete","create"]`, old, "{"+values+"}", "{"+computedUnknown(x.k)+"}"
		}
		_, _ = fmt.Fprintf(bw, `{"address":"%s.%s.%s[%d]","module_address":%q,"mode":"managed","type":%q,"name":%q,"index":%d,"provider_name":%q,"change":{"actions":%s,"before":%s,"after":%s,"after_unknown":%s,"before_sensitive":{},"after_sensitive":{"tags":{},"tags_all":{}}}}`,
			m, x.k.typ, x.k.name, x.idx, m, x.k.typ, x.k.name, x.idx, provider, actions, before, after, unknown)
	})
	_, _ = bw.WriteString(`],`)

	// prior_state: the objects that exist before the change.
	_, _ = bw.WriteString(`"prior_state":{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{"child_modules":[`)
	lastMod, first = "", true
	firstMod := true
	each(func(x inst) {
		if actionOf(x.seq) == "create" {
			return
		}
		m := modAddr(x.call, x.unit)
		if m != lastMod {
			if !firstMod {
				_, _ = bw.WriteString(`]},`)
			}
			_, _ = fmt.Fprintf(bw, `{"address":%q,"resources":[`, m)
			lastMod, first, firstMod = m, true, false
		}
		if !first {
			_ = bw.WriteByte(',')
		}
		first = false
		_, _ = fmt.Fprintf(bw, `{"address":"%s.%s.%s[%d]","mode":"managed","type":%q,"name":%q,"index":%d,"provider_name":%q,"schema_version":1,"values":{%s,%s},"sensitive_values":{}}`,
			m, x.k.typ, x.k.name, x.idx, x.k.typ, x.k.name, x.idx, provider, x.k.attrs(g, x.unit, x.idx), computedKnown(x.k, x.unit, x.idx))
	})
	if !firstMod {
		_, _ = bw.WriteString(`]}`)
	}
	_, _ = bw.WriteString(`]}}},`)

	// configuration: providers (one aliased), and one module call per
	// group of units, each with count and its own module block.
	_, _ = bw.WriteString(`"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","expressions":{"region":{"references":["var.region"]}}},"aws.west":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","alias":"west","expressions":{"region":{"constant_value":"us-west-2"}}}},"root_module":{"module_calls":{`)
	for c := 0; c < calls; c++ {
		if c > 0 {
			_ = bw.WriteByte(',')
		}
		_, _ = fmt.Fprintf(bw, `"svc_%03d":{"source":"./modules/service","count_expression":{"constant_value":%d},"expressions":{"name":{"references":["local.name"]},"subnet_ids":{"references":["var.subnet_ids"]},"tags":{"references":["local.tags"]}},"module":{"resources":[`, c, perCall(c))
		for ki, k := range kinds {
			if ki > 0 {
				_ = bw.WriteByte(',')
			}
			_, _ = fmt.Fprintf(bw, `{"address":"%s.%s","mode":"managed","type":%q,"name":%q,"provider_config_key":"aws","expressions":%s,"schema_version":1,"count_expression":{"constant_value":%d}}`,
				k.typ, k.name, k.typ, k.name, k.config, k.count)
		}
		_, _ = bw.WriteString(`],"variables":{"name":{},"subnet_ids":{},"tags":{}}}}`)
	}
	_, _ = bw.WriteString(`},"variables":{"region":{"default":"us-east-1"},"environment":{}}}},"timestamp":"2026-11-22T12:00:00Z","applyable":true,"complete":true,"errored":false}`)
	_ = bw.WriteByte('\n')
	return bw.Flush()
}

// GeneratePlan writes a plan of about n resources to dir and returns its
// path and size in bytes.
func GeneratePlan(dir string, n int) (string, int64, error) {
	path := filepath.Join(dir, fmt.Sprintf("plan-%d.json", n))
	f, err := os.Create(path)
	if err != nil {
		return "", 0, err
	}
	if err := WritePlan(f, n); err != nil {
		_ = f.Close() // the write error is the one to report
		return "", 0, err
	}
	if err := f.Close(); err != nil {
		return "", 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", 0, err
	}
	return path, st.Size(), nil
}
