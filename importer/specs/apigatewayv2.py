"""API Gateway v2 (HTTP and WebSocket APIs): APIs, their integrations, routes and stages (one list call
per API each), custom domain names and their API mappings (one call per domain), VPC links.

Stages API Gateway manages itself (``$default`` of a quick-created API: ``ApiGatewayManaged``) are excluded.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_API = "aws_apigatewayv2_api"
_API_REF = Reference("api_id", _API, "ApiId")
_INHERIT = {"ApiId": "ApiId"}


def _per_api(operation: str) -> Call:
    return Call(operation, items="Items[]", params={"ApiId": "=ApiId", "MaxResults": "500"},
                absent_on=("NotFoundException",))


SPECS = (
    ResourceSpec(
        type=_API, service="apigatewayv2", list=Call("GetApis", items="Items[]", params={"MaxResults": "500"}),
        import_id="{ApiId}", identity={"name": "Name", "protocol_type": "ProtocolType"},
        attributes={"name": "Name", "protocol_type": "ProtocolType", "api_endpoint": "ApiEndpoint"},
        note="an API made from an OpenAPI body is read as its routes and integrations",
    ),
    ResourceSpec(
        type="aws_apigatewayv2_integration", service="apigatewayv2", parent=_API, list=_per_api("GetIntegrations"),
        inherit=_INHERIT, import_id="{ApiId}/{IntegrationId}", aliases=("IntegrationId",),
        exclude="ApiGatewayManaged", identity={"integration_type": "IntegrationType"},
        references=(_API_REF, Reference("connection_id", "aws_apigatewayv2_vpc_link", "ConnectionId")),
        attributes={"id": "IntegrationId", "integration_type": "IntegrationType", "integration_uri": "IntegrationUri",
                    "integration_method": "IntegrationMethod"},
        note="integrations of a quick-created API are API Gateway's (ApiGatewayManaged)",
    ),
    ResourceSpec(
        type="aws_apigatewayv2_route", service="apigatewayv2", parent=_API, list=_per_api("GetRoutes"),
        inherit=_INHERIT, import_id="{ApiId}/{RouteId}", aliases=("RouteId",), exclude="ApiGatewayManaged",
        identity={"route_key": "RouteKey"},
        references=(_API_REF,
                    Reference("target", "aws_apigatewayv2_integration", "trim_prefix(Target, 'integrations/')")),
        attributes={"id": "RouteId", "route_key": "RouteKey", "target": "Target",
                    "authorization_type": "AuthorizationType"},
        note="routes of a quick-created API are API Gateway's (ApiGatewayManaged)",
    ),
    ResourceSpec(
        type="aws_apigatewayv2_stage", service="apigatewayv2", parent=_API, list=_per_api("GetStages"),
        inherit=_INHERIT, import_id="{ApiId}/{StageName}", exclude="ApiGatewayManaged",
        identity={"name": "StageName"}, references=(_API_REF,),
        attributes={"name": "StageName", "auto_deploy": "AutoDeploy"},
        note="the $default stage of a quick-created API is API Gateway's (ApiGatewayManaged)",
    ),
    ResourceSpec(
        type="aws_apigatewayv2_domain_name", service="apigatewayv2",
        list=Call("GetDomainNames", items="Items[]", params={"MaxResults": "500"}), import_id="{DomainName}",
        identity={"domain_name": "DomainName"},
        references=(Reference("domain_name_configuration.certificate_arn", "aws_acm_certificate",
                              "DomainNameConfigurations[0].CertificateArn"),),
        attributes={"domain_name": "DomainName",
                    "target_domain_name": "DomainNameConfigurations[0].ApiGatewayDomainName"},
    ),
    ResourceSpec(
        type="aws_apigatewayv2_api_mapping", service="apigatewayv2", parent="aws_apigatewayv2_domain_name",
        list=Call("GetApiMappings", items="Items[]", params={"DomainName": "=DomainName", "MaxResults": "500"},
                  absent_on=("NotFoundException",)),
        inherit={"DomainName": "DomainName"}, import_id="{ApiMappingId}/{DomainName}", aliases=("ApiMappingId",),
        identity={"api_mapping_key": "ApiMappingKey || ''"},
        references=(_API_REF, Reference("domain_name", "aws_apigatewayv2_domain_name", "DomainName")),
        attributes={"api_mapping_key": "ApiMappingKey", "stage": "Stage"},
    ),
    ResourceSpec(
        type="aws_apigatewayv2_vpc_link", service="apigatewayv2", list=Call("GetVpcLinks", items="Items[]"),
        import_id="{VpcLinkId}", identity={"name": "Name"},
        references=(Reference("subnet_ids", "aws_subnet", "SubnetIds"),
                    Reference("security_group_ids", "aws_security_group", "SecurityGroupIds")),
        attributes={"name": "Name"},
        note="VPC links for HTTP APIs (v1 REST APIs' VPC links are another type)",
    ),
)
