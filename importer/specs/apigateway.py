"""API Gateway v1 (REST APIs): the API, its resource tree (resources, methods, integrations and their
responses), deployments, stages, the API's resource policy, usage plans, custom domain names and base
path mappings.

The whole tree of one API comes from ONE ``GetResources`` call with ``embed=methods`` (the runner makes
identical calls once): resources carry their methods, methods their integration and method responses,
integrations their integration responses, so no per-method ``GetMethod``/``GetIntegration`` call is made.
The API's policy comes with ``GetRestApis``. The root resource ``/`` is made by AWS with the API: excluded.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_API = "aws_api_gateway_rest_api"
_REST_API = Reference("rest_api_id", _API, "RestApiId")
# One call per API for the whole tree; "limit" keeps it to one page for trees up to 500 resources.
_TREE = Call("GetResources", items="items[]", params={"restApiId": "=id", "embed": ["methods"], "limit": 500},
             absent_on=("NotFoundException",))
# Inherited on the API (RestApiId = its id; an API has no "path", so ResourceId stays empty) and again on
# each resource when its methods are exploded (RestApiId kept; ResourceId = the resource's id).
_TREE_INHERIT = {"RestApiId": "RestApiId || id", "ResourceId": "path && id"}
_METHODS = "values(resourceMethods || `{}`)"
_INTEGRATED = f"{_METHODS}[?methodIntegration]"
_RESOURCE = Reference("resource_id", "aws_api_gateway_resource", "ResourceId")
_METHOD_ID = "{RestApiId}/{ResourceId}/{httpMethod}"
_RESPONSE_ID = "{RestApiId}/{ResourceId}/{HttpMethod}/{statusCode}"
_BASE_PATH = "trim_prefix(basePath, '(none)')"  # AWS answers '(none)' for the root mapping; Terraform says ''

SPECS = (
    ResourceSpec(
        type=_API, service="apigateway", list=Call("GetRestApis", items="items[]", params={"limit": 500}),
        import_id="{id}", identity={"name": "name"},
        attributes={"name": "name", "description": "description", "root_resource_id": "rootResourceId"},
        note="the API's body (OpenAPI import) is not read: the tree is read as its own types",
    ),
    ResourceSpec(
        type="aws_api_gateway_rest_api_policy", service="apigateway",
        list=Call("GetRestApis", items="items[]", params={"limit": 500}), import_id="{id}", exclude="!policy",
        identity={"rest_api_id": "id"}, references=(Reference("rest_api_id", _API, "id"),),
        inline_in=(_API, "policy"),
        note="exists only when the API has a resource policy (also settable through aws_api_gateway_rest_api)",
    ),
    ResourceSpec(
        type="aws_api_gateway_resource", service="apigateway", parent=_API, list=_TREE, inherit=_TREE_INHERIT,
        import_id="{RestApiId}/{id}", exclude="!parentId", aliases=("id",),
        identity={"path_part": "pathPart"},
        references=(_REST_API, Reference("parent_id", "aws_api_gateway_resource", "parentId")),
        attributes={"id": "id", "path": "path", "path_part": "pathPart", "parent_id": "parentId"},
        note="the root resource / is AWS's (the API's root_resource_id); one GetResources call per API",
    ),
    ResourceSpec(
        type="aws_api_gateway_method", service="apigateway", parent=_API, list=_TREE, inherit=_TREE_INHERIT,
        explode=_METHODS, import_id=_METHOD_ID, identity={"http_method": "httpMethod"},
        references=(_REST_API, _RESOURCE),
        attributes={"http_method": "httpMethod", "authorization": "authorizationType",
                    "api_key_required": "apiKeyRequired"},
    ),
    ResourceSpec(
        type="aws_api_gateway_integration", service="apigateway", parent=_API, list=_TREE, inherit=_TREE_INHERIT,
        explode=_INTEGRATED, import_id=_METHOD_ID, identity={"http_method": "httpMethod"},
        references=(_REST_API, _RESOURCE),
        attributes={"http_method": "httpMethod", "type": "methodIntegration.type", "uri": "methodIntegration.uri"},
    ),
    ResourceSpec(
        type="aws_api_gateway_method_response", service="apigateway", parent=_API, list=_TREE,
        inherit=_TREE_INHERIT, explode=f"each_child({_METHODS}, &values(methodResponses || `{{}}`), "
                                      "&{HttpMethod: httpMethod})",
        import_id=_RESPONSE_ID, identity={"http_method": "HttpMethod", "status_code": "statusCode"},
        references=(_REST_API, _RESOURCE),
        attributes={"http_method": "HttpMethod", "status_code": "statusCode"},
    ),
    ResourceSpec(
        type="aws_api_gateway_integration_response", service="apigateway", parent=_API, list=_TREE,
        inherit=_TREE_INHERIT,
        explode=f"each_child({_INTEGRATED}, &values(methodIntegration.integrationResponses || `{{}}`), "
                "&{HttpMethod: httpMethod})",
        import_id=_RESPONSE_ID, identity={"http_method": "HttpMethod", "status_code": "statusCode"},
        references=(_REST_API, _RESOURCE),
        attributes={"http_method": "HttpMethod", "status_code": "statusCode", "selection_pattern": "selectionPattern"},
    ),
    ResourceSpec(
        type="aws_api_gateway_deployment", service="apigateway", parent=_API,
        list=Call("GetDeployments", items="items[]", params={"restApiId": "=id", "limit": 500},
                  absent_on=("NotFoundException",)),
        inherit={"RestApiId": "id"}, import_id="{RestApiId}/{id}", aliases=("id",), references=(_REST_API,),
        attributes={"id": "id", "description": "description"},
        note="a deployment has no name: matched by its API (one deployment per API in code is the usual case)",
    ),
    ResourceSpec(
        type="aws_api_gateway_stage", service="apigateway", parent=_API,
        list=Call("GetStages", items="item[]", params={"restApiId": "=id"}, absent_on=("NotFoundException",)),
        inherit={"RestApiId": "id"}, import_id="{RestApiId}/{stageName}", identity={"stage_name": "stageName"},
        references=(_REST_API, Reference("deployment_id", "aws_api_gateway_deployment", "deploymentId")),
        attributes={"stage_name": "stageName", "deployment_id": "deploymentId"},
    ),
    ResourceSpec(
        type="aws_api_gateway_usage_plan", service="apigateway",
        list=Call("GetUsagePlans", items="items[]", params={"limit": 500}), import_id="{id}",
        identity={"name": "name"}, attributes={"name": "name", "description": "description"},
        note="the API stages it covers are not declared as references (a nested block)",
    ),
    ResourceSpec(
        type="aws_api_gateway_domain_name", service="apigateway",
        list=Call("GetDomainNames", items="items[]", params={"limit": 500}), import_id="{domainName}",
        identity={"domain_name": "domainName"},
        references=(Reference("certificate_arn", "aws_acm_certificate", "certificateArn"),
                    Reference("regional_certificate_arn", "aws_acm_certificate", "regionalCertificateArn")),
        attributes={"domain_name": "domainName", "regional_domain_name": "regionalDomainName"},
        note="public custom domain names; a private one's import ID also carries its domainNameId",
    ),
    ResourceSpec(
        type="aws_api_gateway_base_path_mapping", service="apigateway", parent="aws_api_gateway_domain_name",
        list=Call("GetBasePathMappings", items="items[]", params={"domainName": "=domainName", "limit": 500},
                  absent_on=("NotFoundException",)),
        inherit={"DomainName": "domainName"}, fields={"BasePath": _BASE_PATH},
        import_id="{DomainName}/{BasePath}", identity={"base_path": _BASE_PATH},
        references=(Reference("domain_name", "aws_api_gateway_domain_name", "DomainName"),
                    Reference("api_id", _API, "restApiId")),
        attributes={"base_path": _BASE_PATH, "stage_name": "stage"},
        note="the root mapping (AWS answers basePath '(none)') is imported as 'domain/'",
    ),
)
