"""API Gateway (REST and HTTP APIs) and Cognito, made the way a person clicks them together: an orders REST
API with one mocked GET /orders, deployed to a prod stage behind a custom domain; an HTTP API proxying to a
backend; a user pool with its app client, hosted-UI domain, group and resource server; an identity pool.

Every object is made once per build (``once``) and recorded once, whichever types ask for it.
"""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import once
from emulator.scenario.context import BuildContext

REST_API = "api-orders"
DOMAIN = "api-orders.example.com"
HTTP_API = "api-events"
HTTP_DOMAIN = "api-events.example.com"
BACKEND = "https://backend.example.com/events"


def _made(ctx: BuildContext, key: str, make) -> str:
    """The ID ``make()`` returned the first time ``key`` was asked for in this build."""
    if key not in ctx.ids:
        ctx.ids[key] = make()
    return ctx.ids[key]


# -- REST API (v1) -------------------------------------------------------------------------------


def _rest_api(ctx: BuildContext) -> str:
    def make() -> str:
        api_id = ctx.client("apigateway").create_rest_api(name=REST_API, description="Orders API")["id"]
        ctx.record("aws_api_gateway_rest_api", api_id, None)
        return api_id
    return _made(ctx, "api:rest_api", make)


def _resource(ctx: BuildContext) -> str:
    api_id = _rest_api(ctx)

    def make() -> str:
        apigw = ctx.client("apigateway")
        root = next(r["id"] for r in apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/")
        resource_id = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="orders")["id"]
        ctx.record("aws_api_gateway_resource", f"{api_id}/{resource_id}", None)
        return resource_id
    return _made(ctx, "api:resource", make)


def _method(ctx: BuildContext) -> tuple[str, str]:
    api_id, resource_id = _rest_api(ctx), _resource(ctx)

    def make() -> str:
        ctx.client("apigateway").put_method(restApiId=api_id, resourceId=resource_id, httpMethod="GET",
                                            authorizationType="NONE")
        ctx.record("aws_api_gateway_method", f"{api_id}/{resource_id}/GET", None)
        return "GET"
    _made(ctx, "api:method", make)
    return api_id, resource_id


def _integration(ctx: BuildContext) -> tuple[str, str]:
    api_id, resource_id = _method(ctx)

    def make() -> str:
        ctx.client("apigateway").put_integration(
            restApiId=api_id, resourceId=resource_id, httpMethod="GET", type="MOCK", connectionType="INTERNET",
            passthroughBehavior="WHEN_NO_MATCH", timeoutInMillis=29000,
            requestTemplates={"application/json": '{"statusCode": 200}'})
        ctx.record("aws_api_gateway_integration", f"{api_id}/{resource_id}/GET", None)
        return "MOCK"
    _made(ctx, "api:integration", make)
    return api_id, resource_id


def _method_response(ctx: BuildContext) -> tuple[str, str]:
    api_id, resource_id = _method(ctx)

    def make() -> str:
        ctx.client("apigateway").put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod="GET",
                                                     statusCode="200", responseModels={"application/json": "Empty"})
        ctx.record("aws_api_gateway_method_response", f"{api_id}/{resource_id}/GET/200", None)
        return "200"
    _made(ctx, "api:method_response", make)
    return api_id, resource_id


def _integration_response(ctx: BuildContext) -> None:
    api_id, resource_id = _integration(ctx)
    _method_response(ctx)

    def make() -> str:
        ctx.client("apigateway").put_integration_response(
            restApiId=api_id, resourceId=resource_id, httpMethod="GET", statusCode="200",
            responseTemplates={"application/json": '{"orders": []}'})
        ctx.record("aws_api_gateway_integration_response", f"{api_id}/{resource_id}/GET/200", None)
        return "200"
    _made(ctx, "api:integration_response", make)


def _deployment(ctx: BuildContext) -> tuple[str, str]:
    api_id = _rest_api(ctx)
    _integration_response(ctx)

    def make() -> str:
        deployment_id = ctx.client("apigateway").create_deployment(restApiId=api_id, description="orders")["id"]
        ctx.record("aws_api_gateway_deployment", f"{api_id}/{deployment_id}", None)
        return deployment_id
    return api_id, _made(ctx, "api:deployment", make)


def _stage(ctx: BuildContext) -> tuple[str, str]:
    api_id, deployment_id = _deployment(ctx)

    def make() -> str:
        ctx.client("apigateway").create_stage(restApiId=api_id, stageName="prod", deploymentId=deployment_id)
        ctx.record("aws_api_gateway_stage", f"{api_id}/prod", None)
        return "prod"
    return api_id, _made(ctx, "api:stage", make)


def rest_api_policy(ctx: BuildContext) -> None:
    """Only callers from the company's network may invoke the orders API."""
    api_id = _rest_api(ctx)
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
        "Resource": f"arn:aws:execute-api:{ctx.region}:{ctx.account_id}:{api_id}/*",
        "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}

    def make() -> None:
        ctx.client("apigateway").update_rest_api(restApiId=api_id, patchOperations=[
            {"op": "replace", "path": "/policy", "value": json.dumps(policy)}])
        ctx.record("aws_api_gateway_rest_api_policy", api_id, None)
    once(ctx, "api:rest_api_policy", make)


def usage_plan(ctx: BuildContext) -> None:
    """Partners get 10 requests per second on the prod stage."""
    api_id, stage = _stage(ctx)

    def make() -> None:
        plan_id = ctx.client("apigateway").create_usage_plan(
            name="api-partners", description="Partner quota", apiStages=[{"apiId": api_id, "stage": stage}],
            throttle={"burstLimit": 20, "rateLimit": 10.0})["id"]
        ctx.record("aws_api_gateway_usage_plan", plan_id, None)
    once(ctx, "api:usage_plan", make)


def _domain_name(ctx: BuildContext) -> str:
    def make() -> str:
        certificate_arn = ctx.client("acm").request_certificate(DomainName=DOMAIN, ValidationMethod="DNS")[
            "CertificateArn"]
        ctx.record("aws_acm_certificate", certificate_arn, None)
        ctx.client("apigateway").create_domain_name(domainName=DOMAIN, regionalCertificateArn=certificate_arn,
                                                    endpointConfiguration={"types": ["REGIONAL"]},
                                                    securityPolicy="TLS_1_2")
        ctx.record("aws_api_gateway_domain_name", DOMAIN, None)
        return DOMAIN
    return _made(ctx, "api:domain_name", make)


def base_path_mapping(ctx: BuildContext) -> None:
    """api-orders.example.com/v1 serves the prod stage."""
    domain = _domain_name(ctx)
    api_id, stage = _stage(ctx)

    def make() -> None:
        ctx.client("apigateway").create_base_path_mapping(domainName=domain, restApiId=api_id, stage=stage,
                                                          basePath="v1")
        ctx.record("aws_api_gateway_base_path_mapping", f"{domain}/v1", None)
    once(ctx, "api:base_path_mapping", make)


BUILDERS = {
    "aws_api_gateway_rest_api": _rest_api,
    "aws_api_gateway_resource": _resource,
    "aws_api_gateway_method": _method,
    "aws_api_gateway_integration": _integration,
    "aws_api_gateway_method_response": _method_response,
    "aws_api_gateway_integration_response": _integration_response,
    "aws_api_gateway_deployment": _deployment,
    "aws_api_gateway_stage": _stage,
    "aws_api_gateway_rest_api_policy": rest_api_policy,
    "aws_api_gateway_usage_plan": usage_plan,
    "aws_api_gateway_domain_name": _domain_name,
    "aws_api_gateway_base_path_mapping": base_path_mapping,
}
