"""Observability and account-level extras, made by hand the way an operator does: log metric and
subscription filters, log resource policies, dashboards, Secrets Manager policies and rotation, SSM
documents and maintenance windows, SES identities, budgets, ECR registry settings.

Every AWS name starts with ``obs-`` (the fixtures' Terraform names with ``obs_``)."""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import LAMBDA_TRUST, once
from emulator.scenario.context import BuildContext

LOG_GROUP = "obs-app"
SSM_DOCUMENT = json.dumps({"schemaVersion": "2.2", "description": "Restart the obs app", "mainSteps": [
    {"action": "aws:runShellScript", "name": "restart", "inputs": {"runCommand": ["systemctl restart obs-app"]}}]},
    indent=2)
LOGS_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"Service": "logs.amazonaws.com"}}]}


def _log_group(ctx: BuildContext) -> None:
    def make() -> None:
        ctx.client("logs").create_log_group(logGroupName=LOG_GROUP)
        ctx.record("aws_cloudwatch_log_group", LOG_GROUP, None)

    once(ctx, "obs:log-group", make)


def cloudwatch_log_metric_filter(ctx: BuildContext) -> None:
    """obs-app's ERROR lines counted as obs/Errors."""
    _log_group(ctx)
    ctx.client("logs").put_metric_filter(
        logGroupName=LOG_GROUP, filterName="obs-errors", filterPattern="ERROR",
        metricTransformations=[{"metricName": "Errors", "metricNamespace": "obs", "metricValue": "1"}])
    ctx.record("aws_cloudwatch_log_metric_filter", f"{LOG_GROUP}:obs-errors", None)


def cloudwatch_log_subscription_filter(ctx: BuildContext) -> None:
    """obs-app's events shipped to the obs-logs Kinesis stream through the obs-logs-to-kinesis role."""
    _log_group(ctx)
    kinesis = ctx.client("kinesis")
    kinesis.create_stream(StreamName="obs-logs", ShardCount=1)
    ctx.record("aws_kinesis_stream", "obs-logs", None)
    stream_arn = kinesis.describe_stream(StreamName="obs-logs")["StreamDescription"]["StreamARN"]
    role_arn = ctx.client("iam").create_role(RoleName="obs-logs-to-kinesis",
                                             AssumeRolePolicyDocument=json.dumps(LOGS_TRUST))["Role"]["Arn"]
    ctx.record("aws_iam_role", "obs-logs-to-kinesis", None)
    ctx.client("logs").put_subscription_filter(logGroupName=LOG_GROUP, filterName="obs-ship", filterPattern="",
                                               destinationArn=stream_arn, roleArn=role_arn)
    ctx.record("aws_cloudwatch_log_subscription_filter", f"{LOG_GROUP}|obs-ship", None)


def cloudwatch_log_resource_policy(ctx: BuildContext) -> None:
    """Route 53 may write query logs to the account's log groups."""
    document = {"Version": "2012-10-17", "Statement": [{
        "Sid": "Route53QueryLogs", "Effect": "Allow", "Principal": {"Service": "route53.amazonaws.com"},
        "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:*:*:log-group:*"}]}
    ctx.client("logs").put_resource_policy(policyName="obs-route53-query-logs", policyDocument=json.dumps(document))
    ctx.record("aws_cloudwatch_log_resource_policy", "obs-route53-query-logs", None)


def cloudwatch_query_definition(ctx: BuildContext) -> None:
    """A saved Logs Insights query over obs-app: the latest errors."""
    _log_group(ctx)
    definition_id = ctx.client("logs").put_query_definition(
        name="obs-latest-errors", logGroupNames=[LOG_GROUP],
        queryString="fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20",
    )["queryDefinitionId"]
    account = ctx.client("sts").get_caller_identity()["Account"]
    ctx.record("aws_cloudwatch_query_definition",
               f"arn:aws:logs:{ctx.client('logs').meta.region_name}:{account}:query-definition:{definition_id}", None)


def cloudwatch_dashboard(ctx: BuildContext) -> None:
    """One text widget and one metric widget."""
    body = {"widgets": [
        {"type": "text", "x": 0, "y": 0, "width": 6, "height": 3, "properties": {"markdown": "obs service"}},
        {"type": "metric", "x": 6, "y": 0, "width": 12, "height": 6, "properties": {
            "metrics": [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "obs-jobs"]],
            "period": 300, "stat": "Average", "region": "us-east-1", "title": "obs backlog"}}]}
    ctx.client("cloudwatch").put_dashboard(DashboardName="obs-main", DashboardBody=json.dumps(body))
    ctx.record("aws_cloudwatch_dashboard", "obs-main", None)


def cloudwatch_composite_alarm(ctx: BuildContext) -> None:
    """obs-service-down fires when the obs-errors metric alarm does."""
    cloudwatch = ctx.client("cloudwatch")
    cloudwatch.put_metric_alarm(AlarmName="obs-errors", Namespace="obs", MetricName="Errors", Statistic="Sum",
                                Period=300, EvaluationPeriods=1, Threshold=5, ComparisonOperator="GreaterThanThreshold")
    ctx.record("aws_cloudwatch_metric_alarm", "obs-errors", None)
    cloudwatch.put_composite_alarm(AlarmName="obs-service-down", AlarmRule='ALARM("obs-errors")',
                                   AlarmDescription="obs errors are firing")
    ctx.record("aws_cloudwatch_composite_alarm", "obs-service-down", None)


def _secret(ctx: BuildContext) -> str:
    def make() -> None:
        # A value is required to create it; it is never read back (and is no canary: nothing should carry it).
        arn = ctx.client("secretsmanager").create_secret(Name="obs-api-token", SecretString="obs-not-a-secret")["ARN"]
        ctx.ids["obs:secret"] = arn
        ctx.record("aws_secretsmanager_secret", arn, None)

    once(ctx, "obs:secret-made", make)
    return ctx.ids["obs:secret"]


def secretsmanager_secret_policy(ctx: BuildContext) -> None:
    """Nobody but the account deletes obs-api-token."""
    arn = _secret(ctx)
    document = {"Version": "2012-10-17", "Statement": [{
        "Sid": "NoDelete", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "secretsmanager:DeleteSecret",
        "Resource": "*"}]}
    ctx.client("secretsmanager").put_resource_policy(SecretId=arn, ResourcePolicy=json.dumps(document))
    ctx.record("aws_secretsmanager_secret_policy", arn, None)


def secretsmanager_secret_rotation(ctx: BuildContext) -> None:
    """obs-db-password rotates every 30 days through the obs-rotator function."""
    from stacks.functions.packaging import build_function

    role_arn = ctx.client("iam").create_role(RoleName="obs-rotator", AssumeRolePolicyDocument=json.dumps(
        LAMBDA_TRUST))["Role"]["Arn"]
    ctx.record("aws_iam_role", "obs-rotator", None)
    function_arn = ctx.client("lambda").create_function(
        FunctionName="obs-rotator", Role=role_arn, Runtime="python3.12", Handler="handler.handler",
        Code={"ZipFile": build_function("scheduler").content})["FunctionArn"]
    ctx.record("aws_lambda_function", "obs-rotator", None)
    secrets = ctx.client("secretsmanager")
    arn = secrets.create_secret(Name="obs-db-password", SecretString="obs-not-a-secret")["ARN"]
    ctx.record("aws_secretsmanager_secret", arn, None)
    secrets.rotate_secret(SecretId=arn, RotationLambdaARN=function_arn, RotationRules={"AutomaticallyAfterDays": 30})
    ctx.record("aws_secretsmanager_secret_rotation", arn, None)


def ssm_document(ctx: BuildContext) -> None:
    """A Command document that restarts the app service (its text is kept as sent: the fixture holds the same)."""
    ctx.client("ssm").create_document(Name="obs-restart-app", DocumentType="Command", DocumentFormat="JSON",
                                      Content=SSM_DOCUMENT)
    ctx.record("aws_ssm_document", "obs-restart-app", None)


def ssm_maintenance_window(ctx: BuildContext) -> None:
    """Sundays 02:00 UTC, two hours, no new tasks in the last hour."""
    window_id = ctx.client("ssm").create_maintenance_window(
        Name="obs-weekly", Schedule="cron(0 2 ? * SUN *)", Duration=2, Cutoff=1,
        AllowUnassociatedTargets=False)["WindowId"]
    ctx.record("aws_ssm_maintenance_window", window_id, None)


def _domain(ctx: BuildContext) -> None:
    def make() -> None:
        ctx.client("ses").verify_domain_identity(Domain="obs-mail.example.com")
        ctx.record("aws_ses_domain_identity", "obs-mail.example.com", None)

    once(ctx, "obs:ses-domain", make)


def ses_domain_identity(ctx: BuildContext) -> None:
    """The domain the app sends mail from."""
    _domain(ctx)


def ses_domain_dkim(ctx: BuildContext) -> None:
    """Easy DKIM for the sending domain."""
    _domain(ctx)
    ctx.client("ses").verify_domain_dkim(Domain="obs-mail.example.com")
    ctx.record("aws_ses_domain_dkim", "obs-mail.example.com", None)


def ses_email_identity(ctx: BuildContext) -> None:
    """One verified sender address."""
    ctx.client("ses").verify_email_identity(EmailAddress="obs-alerts@example.com")
    ctx.record("aws_ses_email_identity", "obs-alerts@example.com", None)


def sesv2_configuration_set(ctx: BuildContext) -> None:
    """The configuration set transactional mail goes through."""
    ctx.client("sesv2").create_configuration_set(ConfigurationSetName="obs-transactional")
    ctx.record("aws_sesv2_configuration_set", "obs-transactional", None)


def budgets_budget(ctx: BuildContext) -> None:
    """A monthly cost budget of 100 USD."""
    account = ctx.client("sts").get_caller_identity()["Account"]
    ctx.client("budgets").create_budget(AccountId=account, Budget={
        "BudgetName": "obs-monthly", "BudgetType": "COST", "TimeUnit": "MONTHLY",
        "BudgetLimit": {"Amount": "100.0", "Unit": "USD"}})
    ctx.record("aws_budgets_budget", f"{account}:obs-monthly", None)


def ecr_repository_policy(ctx: BuildContext) -> None:
    """obs-app images may be pulled by the account's principals."""
    ecr = ctx.client("ecr")
    ecr.create_repository(repositoryName="obs-app")
    ctx.record("aws_ecr_repository", "obs-app", None)
    document = {"Version": "2012-10-17", "Statement": [{
        "Sid": "AccountPull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}
    ecr.set_repository_policy(repositoryName="obs-app", policyText=json.dumps(document))
    ctx.record("aws_ecr_repository_policy", "obs-app", None)


def ecr_pull_through_cache_rule(ctx: BuildContext) -> None:
    """Public ECR images cached under obs-ecr-public/."""
    ctx.client("ecr").create_pull_through_cache_rule(ecrRepositoryPrefix="obs-ecr-public",
                                                     upstreamRegistryUrl="public.ecr.aws")
    ctx.record("aws_ecr_pull_through_cache_rule", "obs-ecr-public", None)


def ecr_registry_scanning_configuration(ctx: BuildContext) -> None:
    """Scan obs-* images on push."""
    ecr = ctx.client("ecr")
    ecr.put_registry_scanning_configuration(scanType="BASIC", rules=[{
        "scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "obs-*", "filterType": "WILDCARD"}]}])
    ctx.record("aws_ecr_registry_scanning_configuration", ecr.describe_registry()["registryId"], None)


BUILDERS = {
    "aws_cloudwatch_log_metric_filter": cloudwatch_log_metric_filter,
    "aws_cloudwatch_log_subscription_filter": cloudwatch_log_subscription_filter,
    "aws_cloudwatch_log_resource_policy": cloudwatch_log_resource_policy,
    "aws_cloudwatch_dashboard": cloudwatch_dashboard,
    "aws_cloudwatch_query_definition": cloudwatch_query_definition,
    "aws_cloudwatch_composite_alarm": cloudwatch_composite_alarm,
    "aws_secretsmanager_secret_policy": secretsmanager_secret_policy,
    "aws_secretsmanager_secret_rotation": secretsmanager_secret_rotation,
    "aws_ssm_document": ssm_document,
    "aws_ssm_maintenance_window": ssm_maintenance_window,
    "aws_ses_domain_identity": ses_domain_identity,
    "aws_ses_domain_dkim": ses_domain_dkim,
    "aws_ses_email_identity": ses_email_identity,
    "aws_sesv2_configuration_set": sesv2_configuration_set,
    "aws_budgets_budget": budgets_budget,
    "aws_ecr_repository_policy": ecr_repository_policy,
    "aws_ecr_registry_scanning_configuration": ecr_registry_scanning_configuration,
    "aws_ecr_pull_through_cache_rule": ecr_pull_through_cache_rule,
}
