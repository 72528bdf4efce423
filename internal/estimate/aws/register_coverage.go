package aws

import "github.com/tfcost/tfcost/internal/estimate"

// registerCoverage adds the wider AWS coverage (EKS, Lambda, DynamoDB, …).
func registerCoverage(r *estimate.Registry) {
	for _, rule := range []estimate.Rule{
		autoscalingGroup(),
		eksCluster(), eksNodeGroup(), eksFargateProfile(),
		lambdaFunction(),
		dynamodbTable(),
		cloudwatchLogGroup(), cloudwatchMetricAlarm(), cloudwatchDashboard(),
		elasticacheCluster(), elasticacheReplicationGroup(),
		rdsCluster(), rdsClusterInstance(),
		efsFileSystem(),
		vpcEndpoint(),
		elb(),
		kmsKey(), secretsmanagerSecret(),
		sqsQueue(), snsTopic(),
		route53Zone(), route53Record(),
		ecrRepository(),
		opensearchDomain(), elasticsearchDomain(),
		apiGatewayRestAPI(), apigatewayv2API(),
		cloudfrontDistribution(),
		ebsSnapshot(),
		ec2TransitGatewayVpcAttachment(),
		kinesisStream(),
		sfnStateMachine(),
		mskCluster(),
		redshiftCluster(),
		acmCertificate(), ssmParameter(),
	} {
		r.Add(rule)
	}
}
