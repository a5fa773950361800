"""Cognito: user pools with their app clients, hosted-UI domains, groups and resource servers (one list call
per pool each; the domain needs one DescribeUserPool per pool), and identity pools.

A user pool client's secret is never read: ``ListUserPoolClients`` gives what the import ID needs, and
``DescribeUserPoolClient`` (which returns the secret) is not called.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_POOL = "aws_cognito_user_pool"
_POOL_REF = Reference("user_pool_id", _POOL, "UserPoolId")
_INHERIT = {"UserPoolId": "Id"}
_MISSING = ("ResourceNotFoundException",)

SPECS = (
    ResourceSpec(
        type=_POOL, service="cognito-idp", list=Call("ListUserPools", items="UserPools[]", params={"MaxResults": 60}),
        import_id="{Id}", identity={"name": "Name"}, attributes={"name": "Name"},
        note="users are not resources of the account's code (aws_cognito_user is not discovered)",
    ),
    ResourceSpec(
        type="aws_cognito_user_pool_client", service="cognito-idp", parent=_POOL,
        list=Call("ListUserPoolClients", items="UserPoolClients[]", params={"UserPoolId": "=Id", "MaxResults": 60},
                  absent_on=_MISSING),
        inherit=_INHERIT, import_id="{UserPoolId}/{ClientId}", aliases=("ClientId",),
        identity={"name": "ClientName"}, references=(_POOL_REF,), attributes={"id": "ClientId", "name": "ClientName"},
        note="DescribeUserPoolClient is never called: it returns the client secret; import leaves generate_secret "
             "empty (provider 5.100), so code that sets it plans a replacement",
    ),
    ResourceSpec(
        type="aws_cognito_user_pool_domain", service="cognito-idp", parent=_POOL,
        list=Call("DescribeUserPool", items="UserPool | [Domain, CustomDomain][?@]", params={"UserPoolId": "=Id"},
                  absent_on=_MISSING),
        inherit=_INHERIT, import_id="{Value}", identity={"domain": "Value"}, references=(_POOL_REF,),
        attributes={"domain": "Value"},
        note="a pool's prefix domain and custom domain, from one DescribeUserPool per pool",
    ),
    ResourceSpec(
        type="aws_cognito_user_group", service="cognito-idp", parent=_POOL,
        list=Call("ListGroups", items="Groups[]", params={"UserPoolId": "=Id", "Limit": 60}, absent_on=_MISSING),
        inherit=_INHERIT, import_id="{UserPoolId}/{GroupName}", identity={"name": "GroupName"},
        references=(_POOL_REF, Reference("role_arn", "aws_iam_role", "RoleArn")),
        attributes={"name": "GroupName", "precedence": "Precedence"},
    ),
    ResourceSpec(
        type="aws_cognito_resource_server", service="cognito-idp", parent=_POOL,
        list=Call("ListResourceServers", items="ResourceServers[]", params={"UserPoolId": "=Id", "MaxResults": 50},
                  absent_on=_MISSING),
        inherit=_INHERIT, import_id="{UserPoolId}|{Identifier}", identity={"identifier": "Identifier"},
        references=(_POOL_REF,), attributes={"identifier": "Identifier", "name": "Name"},
    ),
    ResourceSpec(
        type="aws_cognito_identity_pool", service="cognito-identity",
        list=Call("ListIdentityPools", items="IdentityPools[]", params={"MaxResults": 60}),
        import_id="{IdentityPoolId}", identity={"identity_pool_name": "IdentityPoolName"},
        attributes={"identity_pool_name": "IdentityPoolName"},
        note="its identity providers need DescribeIdentityPool: not read (references to clients not declared)",
    ),
)
