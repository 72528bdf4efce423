package aws

import "github.com/tfcost/tfcost/internal/estimate"

// freeTypes are AWS resource types that AWS does not charge for by themselves
// (their cost, if any, is carried by the resources that use them). Types
// that are billed by usage (Route 53 records: queries; SNS subscriptions:
// deliveries; CloudWatch metric filters: custom metrics; flow logs: vended
// log ingestion) are deliberately absent.
var freeTypes = []string{
	// IAM and account settings.
	"aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
	"aws_iam_role_policies_exclusive", "aws_iam_role_policy_attachments_exclusive",
	"aws_iam_user", "aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_group", "aws_iam_group_policy",
	"aws_iam_group_policy_attachment", "aws_iam_group_membership", "aws_iam_user_group_membership",
	"aws_iam_instance_profile", "aws_iam_policy_attachment", "aws_iam_access_key", "aws_iam_service_linked_role",
	"aws_iam_openid_connect_provider", "aws_iam_saml_provider", "aws_iam_account_password_policy", "aws_iam_account_alias",
	"aws_iam_user_login_profile", "aws_iam_user_ssh_key", "aws_iam_server_certificate",
	"aws_organizations_organization", "aws_organizations_organizational_unit", "aws_organizations_account",
	"aws_organizations_policy", "aws_organizations_policy_attachment", "aws_account_alternate_contact",
	"aws_resourcegroups_group",
	// VPC plumbing.
	"aws_vpc", "aws_default_vpc", "aws_subnet", "aws_default_subnet", "aws_route_table", "aws_default_route_table",
	"aws_route_table_association", "aws_main_route_table_association", "aws_route", "aws_internet_gateway",
	"aws_internet_gateway_attachment", "aws_egress_only_internet_gateway", "aws_network_acl", "aws_default_network_acl",
	"aws_network_acl_rule", "aws_network_acl_association", "aws_vpc_dhcp_options", "aws_default_vpc_dhcp_options",
	"aws_vpc_dhcp_options_association", "aws_vpc_ipv4_cidr_block_association", "aws_vpc_endpoint_route_table_association",
	"aws_vpc_endpoint_subnet_association", "aws_vpc_endpoint_security_group_association",
	"aws_vpc_endpoint_service_allowed_principal", "aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter",
	"aws_vpc_peering_connection_options", "aws_ec2_managed_prefix_list", "aws_ec2_managed_prefix_list_entry",
	"aws_security_group", "aws_default_security_group", "aws_security_group_rule",
	"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
	"aws_network_interface", "aws_network_interface_attachment", "aws_network_interface_sg_attachment",
	"aws_eip_association",
	// EC2 configuration (instances, volumes and addresses carry the cost).
	"aws_key_pair", "aws_launch_template", "aws_launch_configuration", "aws_placement_group", "aws_volume_attachment",
	"aws_ami_launch_permission", "aws_ec2_tag", "aws_ebs_encryption_by_default", "aws_ebs_default_kms_key",
	"aws_ec2_serial_console_access",
	"aws_autoscaling_policy", "aws_autoscaling_lifecycle_hook", "aws_autoscaling_notification", "aws_autoscaling_schedule",
	"aws_autoscaling_attachment", "aws_autoscaling_group_tag", "aws_autoscaling_traffic_source_attachment",
	"aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action",
	// Load balancer configuration (the load balancer carries the cost).
	"aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule", "aws_alb_listener_rule", "aws_lb_target_group",
	"aws_alb_target_group", "aws_lb_target_group_attachment", "aws_alb_target_group_attachment",
	"aws_lb_listener_certificate", "aws_alb_listener_certificate", "aws_lb_cookie_stickiness_policy",
	"aws_app_cookie_stickiness_policy", "aws_load_balancer_policy", "aws_load_balancer_listener_policy",
	"aws_load_balancer_backend_server_policy", "aws_lb_ssl_negotiation_policy", "aws_proxy_protocol_policy",
	"aws_elb_attachment",
	// Containers: clusters and task definitions cost nothing; tasks and
	// instances do.
	"aws_ecs_task_definition", "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_capacity_provider",
	"aws_ecs_account_setting_default", "aws_ecs_tag", "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy",
	// Certificate validation records nothing billable (aws_acm_certificate has
	// its own rule: private-CA certificates are billed).
	"aws_acm_certificate_validation",
	// S3 bucket sub-resources (the bucket's usage carries storage and requests).
	"aws_s3_bucket_policy", "aws_s3_bucket_acl", "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block",
	"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_ownership_controls",
	"aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_cors_configuration", "aws_s3_bucket_website_configuration",
	"aws_s3_bucket_logging", "aws_s3_bucket_notification", "aws_s3_bucket_request_payment_configuration",
	"aws_s3_bucket_accelerate_configuration", "aws_s3_bucket_replication_configuration",
	"aws_s3_account_public_access_block",
	// Policies, permissions, wiring.
	"aws_cloudwatch_log_resource_policy", "aws_cloudwatch_log_subscription_filter", "aws_cloudwatch_log_stream",
	"aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_kms_alias", "aws_kms_grant",
	"aws_lambda_permission", "aws_lambda_alias", "aws_lambda_event_source_mapping",
	"aws_lambda_function_event_invoke_config", "aws_sns_topic_policy", "aws_sqs_queue_policy",
	"aws_sqs_queue_redrive_policy", "aws_sqs_queue_redrive_allow_policy", "aws_ecr_registry_policy",
	"aws_route53_zone_association", "aws_wafv2_web_acl_association",
	"aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_method_response",
	"aws_api_gateway_integration", "aws_api_gateway_integration_response", "aws_api_gateway_deployment",
	"aws_api_gateway_model", "aws_api_gateway_authorizer", "aws_api_gateway_base_path_mapping",
	"aws_api_gateway_rest_api_policy", "aws_api_gateway_account", "aws_apigatewayv2_route",
	"aws_apigatewayv2_integration", "aws_apigatewayv2_deployment", "aws_apigatewayv2_authorizer",
	"aws_apigatewayv2_stage",
	// Database and cache configuration (instances and nodes carry the cost).
	"aws_db_subnet_group", "aws_db_parameter_group", "aws_db_option_group", "aws_rds_cluster_parameter_group",
	"aws_elasticache_subnet_group", "aws_elasticache_parameter_group", "aws_docdb_subnet_group",
	"aws_docdb_cluster_parameter_group", "aws_neptune_subnet_group", "aws_neptune_parameter_group",
	"aws_neptune_cluster_parameter_group", "aws_redshift_subnet_group", "aws_redshift_parameter_group",
	"aws_dax_subnet_group", "aws_dax_parameter_group",
	// S3 objects: their bytes and requests are the bucket's usage.
	"aws_s3_object", "aws_s3_bucket_object",
	// Transit gateways and VPN gateways bill per attachment/connection, not
	// for the gateway or its routing.
	"aws_ec2_transit_gateway", "aws_ec2_transit_gateway_route", "aws_ec2_transit_gateway_route_table",
	"aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation",
	"aws_vpn_gateway", "aws_vpn_gateway_attachment", "aws_vpn_gateway_route_propagation", "aws_customer_gateway",
	// EKS add-ons and pod identity: the pods' compute carries the cost.
	"aws_eks_addon", "aws_eks_pod_identity_association", "aws_eks_access_entry", "aws_eks_access_policy_association",
	// Versions, identities and wiring billed on their parent resource.
	"aws_secretsmanager_secret_version", "aws_secretsmanager_secret_policy", "aws_cloudfront_origin_access_identity",
	"aws_cloudfront_origin_access_control", "aws_lambda_function_url", "aws_codedeploy_app",
	"aws_config_configuration_recorder_status", "aws_config_delivery_channel", "aws_wafv2_web_acl_logging_configuration",
	"aws_elasticsearch_domain_policy", "aws_opensearch_domain_policy",
	"aws_backup_plan", "aws_backup_selection",
	"aws_ses_domain_identity", "aws_ses_email_identity", "aws_ses_domain_dkim",
	// Lambda layers: their bytes count toward the account's 75 GB code
	// storage quota, with no separate charge; invocations bill the function.
	"aws_lambda_layer_version",
	// Configuration objects billed through the resource that uses them:
	// CloudFront policies (the distribution's requests), API Gateway usage
	// plans and keys (the API's requests), WAF IP sets (the web ACL's rules),
	// SES configuration sets and event destinations (emails sent; the
	// destination's own service bills its events), and Direct Connect
	// gateways (billed on connections and data transfer, not the gateway).
	"aws_cloudfront_response_headers_policy", "aws_api_gateway_usage_plan", "aws_api_gateway_usage_plan_key",
	"aws_api_gateway_api_key", "aws_wafv2_ip_set", "aws_ses_configuration_set", "aws_ses_event_destination",
	"aws_dx_gateway",
}

// registerFree runs last: a type another file already prices (a coverage
// rule) keeps its rule rather than panicking on a duplicate.
func registerFree(r *estimate.Registry) {
	for _, t := range freeTypes {
		if _, ok := r.Rule(t); !ok {
			r.AddFree(t)
		}
	}
}
