package estimate

// KeyFaultTolerant is the usage key (true/false) that marks compute as able
// to lose an instance or task at any time: `tfcost recommend` then considers
// spot for it. The tag fault_tolerant = "true" does the same.
const KeyFaultTolerant = "fault_tolerant"

// faultTolerantTypes are the types KeyFaultTolerant applies to; their rules'
// usage keys are extended with it so usage files using it do not warn.
var faultTolerantTypes = []string{"aws_instance", "aws_autoscaling_group", "aws_eks_node_group", "aws_ecs_service"}
