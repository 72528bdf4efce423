package aws

import "github.com/tfcost/tfcost/internal/estimate"

// freeTypes are AWS resource types that AWS does not charge for by themselves
// (their cost, if any, is carried by the resources that use them).
var freeTypes = []string{
	"aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
	"aws_security_group", "aws_security_group_rule", "aws_vpc", "aws_subnet", "aws_route_table",
	"aws_route_table_association", "aws_route", "aws_internet_gateway", "aws_ecs_task_definition",
	"aws_launch_template", "aws_launch_configuration",
}

func registerFree(r *estimate.Registry) { r.AddFree(freeTypes...) }
