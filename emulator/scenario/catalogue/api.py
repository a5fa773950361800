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


# -- HTTP API (v2) -------------------------------------------------------------------------------


def _http_api(ctx: BuildContext) -> str:
    def make() -> str:
        api_id = ctx.client("apigatewayv2").create_api(Name=HTTP_API, ProtocolType="HTTP",
                                                       Description="Events API")["ApiId"]
        ctx.record("aws_apigatewayv2_api", api_id, None)
        return api_id
    return _made(ctx, "api:http_api", make)


def _http_integration(ctx: BuildContext) -> tuple[str, str]:
    api_id = _http_api(ctx)

    def make() -> str:
        integration_id = ctx.client("apigatewayv2").create_integration(
            ApiId=api_id, IntegrationType="HTTP_PROXY", IntegrationMethod="ANY", IntegrationUri=BACKEND,
            PayloadFormatVersion="1.0", ConnectionType="INTERNET", TimeoutInMillis=30000)["IntegrationId"]
        ctx.record("aws_apigatewayv2_integration", f"{api_id}/{integration_id}", None)
        return integration_id
    return api_id, _made(ctx, "api:http_integration", make)


def _http_route(ctx: BuildContext) -> None:
    api_id, integration_id = _http_integration(ctx)

    def make() -> str:
        route_id = ctx.client("apigatewayv2").create_route(ApiId=api_id, RouteKey="POST /events",
                                                           Target=f"integrations/{integration_id}")["RouteId"]
        ctx.record("aws_apigatewayv2_route", f"{api_id}/{route_id}", None)
        return route_id
    _made(ctx, "api:http_route", make)


def _http_stage(ctx: BuildContext) -> tuple[str, str]:
    api_id = _http_api(ctx)

    def make() -> str:
        ctx.client("apigatewayv2").create_stage(ApiId=api_id, StageName="live", AutoDeploy=True)
        ctx.record("aws_apigatewayv2_stage", f"{api_id}/live", None)
        return "live"
    return api_id, _made(ctx, "api:http_stage", make)


def _http_domain_name(ctx: BuildContext) -> str:
    def make() -> str:
        certificate_arn = ctx.client("acm").request_certificate(DomainName=HTTP_DOMAIN, ValidationMethod="DNS")[
            "CertificateArn"]
        ctx.record("aws_acm_certificate", certificate_arn, None)
        ctx.client("apigatewayv2").create_domain_name(DomainName=HTTP_DOMAIN, DomainNameConfigurations=[
            {"CertificateArn": certificate_arn, "EndpointType": "REGIONAL", "SecurityPolicy": "TLS_1_2"}])
        ctx.record("aws_apigatewayv2_domain_name", HTTP_DOMAIN, None)
        return HTTP_DOMAIN
    return _made(ctx, "api:http_domain_name", make)


def api_mapping(ctx: BuildContext) -> None:
    """api-events.example.com/v1 serves the live stage."""
    domain = _http_domain_name(ctx)
    api_id, stage = _http_stage(ctx)

    def make() -> None:
        mapping_id = ctx.client("apigatewayv2").create_api_mapping(DomainName=domain, ApiId=api_id, Stage=stage,
                                                                   ApiMappingKey="v1")["ApiMappingId"]
        ctx.record("aws_apigatewayv2_api_mapping", f"{mapping_id}/{domain}", None)
    once(ctx, "api:api_mapping", make)


def vpc_link(ctx: BuildContext) -> None:
    """api-private reaches services in a private subnet of its own VPC."""
    def make() -> None:
        ec2 = ctx.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.62.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "api-private"}]}])["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.62.1.0/24", AvailabilityZone="us-east-1a")[
            "Subnet"]["SubnetId"]
        ctx.record("aws_vpc", vpc, None)
        ctx.record("aws_subnet", subnet, None)
        link_id = ctx.client("apigatewayv2").create_vpc_link(Name="api-private", SubnetIds=[subnet])["VpcLinkId"]
        ctx.record("aws_apigatewayv2_vpc_link", link_id, None)
    once(ctx, "api:vpc_link", make)


# -- Cognito -------------------------------------------------------------------------------------


def _user_pool(ctx: BuildContext) -> str:
    def make() -> str:
        pool_id = ctx.client("cognito-idp").create_user_pool(
            PoolName="api-customers", UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
        ctx.record("aws_cognito_user_pool", pool_id, None)
        return pool_id
    return _made(ctx, "api:user_pool", make)


def _resource_server(ctx: BuildContext) -> str:
    pool_id = _user_pool(ctx)

    def make() -> str:
        ctx.client("cognito-idp").create_resource_server(
            UserPoolId=pool_id, Identifier="https://api-orders.example.com", Name="api-orders",
            Scopes=[{"ScopeName": "orders.read", "ScopeDescription": "Read orders"}])
        ctx.record("aws_cognito_resource_server", f"{pool_id}|https://api-orders.example.com", None)
        return "https://api-orders.example.com"
    return _made(ctx, "api:resource_server", make)


def user_pool_client(ctx: BuildContext) -> None:
    """The web app signs users in with the authorization code flow; no client secret (a public client)."""
    pool_id = _user_pool(ctx)

    def make() -> None:
        client_id = ctx.client("cognito-idp").create_user_pool_client(
            UserPoolId=pool_id, ClientName="api-web", GenerateSecret=False,
            ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
        ctx.record("aws_cognito_user_pool_client", f"{pool_id}/{client_id}", None)
    once(ctx, "api:user_pool_client", make)


def user_pool_domain(ctx: BuildContext) -> None:
    """The hosted sign-in page at the api-customers-login prefix domain."""
    pool_id = _user_pool(ctx)

    def make() -> None:
        ctx.client("cognito-idp").create_user_pool_domain(UserPoolId=pool_id, Domain="api-customers-login")
        ctx.record("aws_cognito_user_pool_domain", "api-customers-login", None)
    once(ctx, "api:user_pool_domain", make)


def user_group(ctx: BuildContext) -> None:
    """Administrators of the customer pool."""
    pool_id = _user_pool(ctx)

    def make() -> None:
        ctx.client("cognito-idp").create_group(UserPoolId=pool_id, GroupName="api-admins",
                                               Description="Administrators", Precedence=1)
        ctx.record("aws_cognito_user_group", f"{pool_id}/api-admins", None)
    once(ctx, "api:user_group", make)


def identity_pool(ctx: BuildContext) -> None:
    """Guests of the mobile app get temporary credentials."""
    def make() -> None:
        pool_id = ctx.client("cognito-identity").create_identity_pool(
            IdentityPoolName="api_mobile", AllowUnauthenticatedIdentities=True,
            AllowClassicFlow=False)["IdentityPoolId"]
        ctx.record("aws_cognito_identity_pool", pool_id, None)
    once(ctx, "api:identity_pool", make)


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
    "aws_apigatewayv2_api": _http_api,
    "aws_apigatewayv2_integration": _http_integration,
    "aws_apigatewayv2_route": _http_route,
    "aws_apigatewayv2_stage": _http_stage,
    "aws_apigatewayv2_domain_name": _http_domain_name,
    "aws_apigatewayv2_api_mapping": api_mapping,
    "aws_apigatewayv2_vpc_link": vpc_link,
    "aws_cognito_user_pool": _user_pool,
    "aws_cognito_user_pool_client": user_pool_client,
    "aws_cognito_user_pool_domain": user_pool_domain,
    "aws_cognito_user_group": user_group,
    "aws_cognito_resource_server": _resource_server,
    "aws_cognito_identity_pool": identity_pool,
}
