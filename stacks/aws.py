"""The AWS provider classes the stacks use, from the bindings of the selected backend.

How they are resolved: :mod:`stacks` picks the backend once (``RETAINWISE_CDK``, else the installed
one, cdktf first); this module imports each class by its plain path from that backend's prebuilt
bindings, ``cdktf_cdktf_provider_aws.<submodule>`` or ``cdktn_provider_aws.<submodule>`` (the same
submodules and class names). Type checkers and IDEs follow the ``TYPE_CHECKING`` branch (cdktf).
Under cdktf, :mod:`stacks` first registers its stand-in for the bindings' top level so only these
submodules load. A class a stack needs is added to both lists (tests/stacks/test_cdktn_backend.py
checks they name the same classes from the same submodules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stacks import CDK_BACKEND

if TYPE_CHECKING or CDK_BACKEND == "cdktf":
    from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
    from cdktf_cdktf_provider_aws.appautoscaling_policy import AppautoscalingPolicy
    from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget
    from cdktf_cdktf_provider_aws.cloudwatch_event_rule import CloudwatchEventRule
    from cdktf_cdktf_provider_aws.cloudwatch_event_target import CloudwatchEventTarget
    from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
    from cdktf_cdktf_provider_aws.cloudwatch_metric_alarm import CloudwatchMetricAlarm
    from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
    from cdktf_cdktf_provider_aws.data_aws_elb_service_account import DataAwsElbServiceAccount
    from cdktf_cdktf_provider_aws.db_instance import DbInstance
    from cdktf_cdktf_provider_aws.db_parameter_group import DbParameterGroup, DbParameterGroupParameter
    from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
    from cdktf_cdktf_provider_aws.ecr_lifecycle_policy import EcrLifecyclePolicy
    from cdktf_cdktf_provider_aws.ecr_repository import EcrRepository
    from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster, EcsClusterSetting
    from cdktf_cdktf_provider_aws.ecs_service import EcsService, EcsServiceLoadBalancer
    from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinition
    from cdktf_cdktf_provider_aws.eip import Eip
    from cdktf_cdktf_provider_aws.flow_log import FlowLog
    from cdktf_cdktf_provider_aws.iam_policy import IamPolicy
    from cdktf_cdktf_provider_aws.iam_role import IamRole
    from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
    from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
    from cdktf_cdktf_provider_aws.internet_gateway import InternetGateway
    from cdktf_cdktf_provider_aws.kms_alias import KmsAlias
    from cdktf_cdktf_provider_aws.kms_key import KmsKey
    from cdktf_cdktf_provider_aws.lambda_function import LambdaFunction
    from cdktf_cdktf_provider_aws.lambda_permission import LambdaPermission
    from cdktf_cdktf_provider_aws.lb import Lb, LbAccessLogs
    from cdktf_cdktf_provider_aws.lb_listener import LbListener, LbListenerDefaultAction
    from cdktf_cdktf_provider_aws.lb_listener_rule import LbListenerRule, LbListenerRuleAction, LbListenerRuleCondition
    from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup
    from cdktf_cdktf_provider_aws.nat_gateway import NatGateway
    from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags
    from cdktf_cdktf_provider_aws.route import Route
    from cdktf_cdktf_provider_aws.route53_record import Route53Record
    from cdktf_cdktf_provider_aws.route53_zone import Route53Zone
    from cdktf_cdktf_provider_aws.route_table import RouteTable
    from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation
    from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
    from cdktf_cdktf_provider_aws.s3_bucket_cors_configuration import (
        S3BucketCorsConfiguration,
        S3BucketCorsConfigurationCorsRule,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfiguration,
        S3BucketLifecycleConfigurationRule,
        S3BucketLifecycleConfigurationRuleExpiration,
        S3BucketLifecycleConfigurationRuleFilter,
        S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_ownership_controls import (
        S3BucketOwnershipControls,
        S3BucketOwnershipControlsRule,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy
    from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
    from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
        S3BucketServerSideEncryptionConfigurationA,
        S3BucketServerSideEncryptionConfigurationRuleA,
        S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
    )
    from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
        S3BucketVersioningA,
        S3BucketVersioningVersioningConfiguration,
    )
    from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup
    from cdktf_cdktf_provider_aws.sns_topic import SnsTopic
    from cdktf_cdktf_provider_aws.sns_topic_subscription import SnsTopicSubscription
    from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue
    from cdktf_cdktf_provider_aws.sqs_queue_policy import SqsQueuePolicy
    from cdktf_cdktf_provider_aws.ssm_parameter import SsmParameter
    from cdktf_cdktf_provider_aws.subnet import Subnet
    from cdktf_cdktf_provider_aws.vpc import Vpc
    from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint
    from cdktf_cdktf_provider_aws.vpc_security_group_egress_rule import VpcSecurityGroupEgressRule
    from cdktf_cdktf_provider_aws.vpc_security_group_ingress_rule import VpcSecurityGroupIngressRule
    from cdktf_cdktf_provider_aws.wafv2_ip_set import Wafv2IpSet
    from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl, Wafv2WebAclRule
    from cdktf_cdktf_provider_aws.wafv2_web_acl_association import Wafv2WebAclAssociation
    from cdktf_cdktf_provider_aws.wafv2_web_acl_logging_configuration import Wafv2WebAclLoggingConfiguration
else:
    from cdktn_provider_aws.acm_certificate import AcmCertificate
    from cdktn_provider_aws.appautoscaling_policy import AppautoscalingPolicy
    from cdktn_provider_aws.appautoscaling_target import AppautoscalingTarget
    from cdktn_provider_aws.cloudwatch_event_rule import CloudwatchEventRule
    from cdktn_provider_aws.cloudwatch_event_target import CloudwatchEventTarget
    from cdktn_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
    from cdktn_provider_aws.cloudwatch_metric_alarm import CloudwatchMetricAlarm
    from cdktn_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
    from cdktn_provider_aws.data_aws_elb_service_account import DataAwsElbServiceAccount
    from cdktn_provider_aws.db_instance import DbInstance
    from cdktn_provider_aws.db_parameter_group import DbParameterGroup, DbParameterGroupParameter
    from cdktn_provider_aws.db_subnet_group import DbSubnetGroup
    from cdktn_provider_aws.ecr_lifecycle_policy import EcrLifecyclePolicy
    from cdktn_provider_aws.ecr_repository import EcrRepository
    from cdktn_provider_aws.ecs_cluster import EcsCluster, EcsClusterSetting
    from cdktn_provider_aws.ecs_service import EcsService, EcsServiceLoadBalancer
    from cdktn_provider_aws.ecs_task_definition import EcsTaskDefinition
    from cdktn_provider_aws.eip import Eip
    from cdktn_provider_aws.flow_log import FlowLog
    from cdktn_provider_aws.iam_policy import IamPolicy
    from cdktn_provider_aws.iam_role import IamRole
    from cdktn_provider_aws.iam_role_policy import IamRolePolicy
    from cdktn_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
    from cdktn_provider_aws.internet_gateway import InternetGateway
    from cdktn_provider_aws.kms_alias import KmsAlias
    from cdktn_provider_aws.kms_key import KmsKey
    from cdktn_provider_aws.lambda_function import LambdaFunction
    from cdktn_provider_aws.lambda_permission import LambdaPermission
    from cdktn_provider_aws.lb import Lb, LbAccessLogs
    from cdktn_provider_aws.lb_listener import LbListener, LbListenerDefaultAction
    from cdktn_provider_aws.lb_listener_rule import LbListenerRule, LbListenerRuleAction, LbListenerRuleCondition
    from cdktn_provider_aws.lb_target_group import LbTargetGroup
    from cdktn_provider_aws.nat_gateway import NatGateway
    from cdktn_provider_aws.provider import AwsProvider, AwsProviderDefaultTags
    from cdktn_provider_aws.route import Route
    from cdktn_provider_aws.route53_record import Route53Record
    from cdktn_provider_aws.route53_zone import Route53Zone
    from cdktn_provider_aws.route_table import RouteTable
    from cdktn_provider_aws.route_table_association import RouteTableAssociation
    from cdktn_provider_aws.s3_bucket import S3Bucket
    from cdktn_provider_aws.s3_bucket_cors_configuration import (
        S3BucketCorsConfiguration,
        S3BucketCorsConfigurationCorsRule,
    )
    from cdktn_provider_aws.s3_bucket_lifecycle_configuration import (
        S3BucketLifecycleConfiguration,
        S3BucketLifecycleConfigurationRule,
        S3BucketLifecycleConfigurationRuleExpiration,
        S3BucketLifecycleConfigurationRuleFilter,
        S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
    )
    from cdktn_provider_aws.s3_bucket_ownership_controls import S3BucketOwnershipControls, S3BucketOwnershipControlsRule
    from cdktn_provider_aws.s3_bucket_policy import S3BucketPolicy
    from cdktn_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
    from cdktn_provider_aws.s3_bucket_server_side_encryption_configuration import (
        S3BucketServerSideEncryptionConfigurationA,
        S3BucketServerSideEncryptionConfigurationRuleA,
        S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
    )
    from cdktn_provider_aws.s3_bucket_versioning import S3BucketVersioningA, S3BucketVersioningVersioningConfiguration
    from cdktn_provider_aws.secretsmanager_secret import SecretsmanagerSecret
    from cdktn_provider_aws.security_group import SecurityGroup
    from cdktn_provider_aws.sns_topic import SnsTopic
    from cdktn_provider_aws.sns_topic_subscription import SnsTopicSubscription
    from cdktn_provider_aws.sqs_queue import SqsQueue
    from cdktn_provider_aws.sqs_queue_policy import SqsQueuePolicy
    from cdktn_provider_aws.ssm_parameter import SsmParameter
    from cdktn_provider_aws.subnet import Subnet
    from cdktn_provider_aws.vpc import Vpc
    from cdktn_provider_aws.vpc_endpoint import VpcEndpoint
    from cdktn_provider_aws.vpc_security_group_egress_rule import VpcSecurityGroupEgressRule
    from cdktn_provider_aws.vpc_security_group_ingress_rule import VpcSecurityGroupIngressRule
    from cdktn_provider_aws.wafv2_ip_set import Wafv2IpSet
    from cdktn_provider_aws.wafv2_web_acl import Wafv2WebAcl, Wafv2WebAclRule
    from cdktn_provider_aws.wafv2_web_acl_association import Wafv2WebAclAssociation
    from cdktn_provider_aws.wafv2_web_acl_logging_configuration import Wafv2WebAclLoggingConfiguration

__all__ = [
    "AcmCertificate",
    "AppautoscalingPolicy",
    "AppautoscalingTarget",
    "AwsProvider",
    "AwsProviderDefaultTags",
    "CloudwatchEventRule",
    "CloudwatchEventTarget",
    "CloudwatchLogGroup",
    "CloudwatchMetricAlarm",
    "DataAwsCallerIdentity",
    "DataAwsElbServiceAccount",
    "DbInstance",
    "DbParameterGroup",
    "DbParameterGroupParameter",
    "DbSubnetGroup",
    "EcrLifecyclePolicy",
    "EcrRepository",
    "EcsCluster",
    "EcsClusterSetting",
    "EcsService",
    "EcsServiceLoadBalancer",
    "EcsTaskDefinition",
    "Eip",
    "FlowLog",
    "IamPolicy",
    "IamRole",
    "IamRolePolicy",
    "IamRolePolicyAttachment",
    "InternetGateway",
    "KmsAlias",
    "KmsKey",
    "LambdaFunction",
    "LambdaPermission",
    "Lb",
    "LbAccessLogs",
    "LbListener",
    "LbListenerDefaultAction",
    "LbListenerRule",
    "LbListenerRuleAction",
    "LbListenerRuleCondition",
    "LbTargetGroup",
    "NatGateway",
    "Route",
    "Route53Record",
    "Route53Zone",
    "RouteTable",
    "RouteTableAssociation",
    "S3Bucket",
    "S3BucketCorsConfiguration",
    "S3BucketCorsConfigurationCorsRule",
    "S3BucketLifecycleConfiguration",
    "S3BucketLifecycleConfigurationRule",
    "S3BucketLifecycleConfigurationRuleExpiration",
    "S3BucketLifecycleConfigurationRuleFilter",
    "S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration",
    "S3BucketOwnershipControls",
    "S3BucketOwnershipControlsRule",
    "S3BucketPolicy",
    "S3BucketPublicAccessBlock",
    "S3BucketServerSideEncryptionConfigurationA",
    "S3BucketServerSideEncryptionConfigurationRuleA",
    "S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA",
    "S3BucketVersioningA",
    "S3BucketVersioningVersioningConfiguration",
    "SecretsmanagerSecret",
    "SecurityGroup",
    "SnsTopic",
    "SnsTopicSubscription",
    "SqsQueue",
    "SqsQueuePolicy",
    "SsmParameter",
    "Subnet",
    "Vpc",
    "VpcEndpoint",
    "VpcSecurityGroupEgressRule",
    "VpcSecurityGroupIngressRule",
    "Wafv2IpSet",
    "Wafv2WebAcl",
    "Wafv2WebAclAssociation",
    "Wafv2WebAclLoggingConfiguration",
    "Wafv2WebAclRule",
]
