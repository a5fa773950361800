"""IAM (global): roles, their inline policies and managed-policy attachments, customer managed policies,
users, groups and users' group memberships; instance profiles.

All but instance profiles come from one paginated ``GetAccountAuthorizationDetails`` call (the runner
makes identical calls once): roles carry their inline policies and attached policies, so no per-role
``ListRolePolicies``/``ListAttachedRolePolicies`` calls are needed. Policy documents are in the
response but never kept as attributes.
"""

from importer.specs.base import GLOBAL, Call, Reference, ResourceSpec

# Roles, customer managed policies, users and groups in one answer; MaxItems keeps the page count low.
_DETAILS = {"Filter": ["Role", "LocalManagedPolicy", "User", "Group"], "MaxItems": 1000}
_USERS = Call("GetAccountAuthorizationDetails", items="UserDetailList[]", params=_DETAILS)
_ROLES = Call("GetAccountAuthorizationDetails", items="RoleDetailList[]", params=_DETAILS)
_ROLE = Reference("role", "aws_iam_role", "RoleName")
# The ARN ends with the name (after the path); the emulator's answer has no PolicyName field.
_POLICY_NAME = "PolicyName || split_part(Arn, '/', `-1`)"

SPECS = (
    ResourceSpec(
        type="aws_iam_role", service="iam", scope=GLOBAL, list=_ROLES, import_id="{RoleName}",
        # Service-linked roles and the roles IAM Identity Center creates are AWS's, not the account's code.
        exclude="starts_with(Path, '/aws-service-role/') || starts_with(Path, '/aws-reserved/')",
        identity={"name": "RoleName"}, aliases=("Arn", "RoleId"),
        references=(Reference("permissions_boundary", "aws_iam_policy", "PermissionsBoundary.PermissionsBoundaryArn"),),
        attributes={"arn": "Arn", "path": "Path"},
        note="service-linked (/aws-service-role/) and Identity Center (/aws-reserved/) roles are AWS defaults",
    ),
    ResourceSpec(
        type="aws_iam_role_policy", service="iam", scope=GLOBAL, list=_ROLES,
        explode="RolePolicyList", inherit={"RoleName": "RoleName"}, import_id="{RoleName}:{PolicyName}",
        identity={"role": "RoleName", "name": "PolicyName"}, references=(_ROLE,), drop_with_excluded=("role",),
        attributes={"name": "PolicyName"},
    ),
    ResourceSpec(
        type="aws_iam_role_policy_attachment", service="iam", scope=GLOBAL, list=_ROLES,
        explode="AttachedManagedPolicies", inherit={"RoleName": "RoleName"}, import_id="{RoleName}/{PolicyArn}",
        identity={"role": "RoleName", "policy_arn": "PolicyArn"}, drop_with_excluded=("role",),
        references=(_ROLE, Reference("policy_arn", "aws_iam_policy", "PolicyArn")),
        attributes={"policy_arn": "PolicyArn"},
    ),
    ResourceSpec(
        type="aws_iam_policy", service="iam", scope=GLOBAL,
        list=Call("GetAccountAuthorizationDetails", items="Policies[]", params=_DETAILS),
        import_id="{Arn}", identity={"name": _POLICY_NAME}, aliases=("Arn", _POLICY_NAME, "PolicyId"),
        attributes={"name": _POLICY_NAME, "arn": "Arn", "path": "Path", "description": "Description"},
        note="LocalManagedPolicy: customer managed policies only (AWS managed ones are not resources of the account)",
    ),
    ResourceSpec(
        type="aws_iam_user", service="iam", scope=GLOBAL, list=_USERS, import_id="{UserName}",
        identity={"name": "UserName"}, aliases=("Arn", "UserId"),
        references=(Reference("permissions_boundary", "aws_iam_policy", "PermissionsBoundary.PermissionsBoundaryArn"),),
        attributes={"arn": "Arn", "name": "UserName", "path": "Path"},
        note="access keys, login profiles and SSH keys are other types (secrets: never read)",
    ),
    ResourceSpec(
        type="aws_iam_group", service="iam", scope=GLOBAL,
        list=Call("GetAccountAuthorizationDetails", items="GroupDetailList[]", params=_DETAILS),
        import_id="{GroupName}", identity={"name": "GroupName"}, aliases=("Arn", "GroupId"),
        attributes={"arn": "Arn", "name": "GroupName", "path": "Path"},
    ),
    ResourceSpec(
        type="aws_iam_user_group_membership", service="iam", scope=GLOBAL, list=_USERS,
        fields={"Groups": "join('/', GroupList)"}, import_id="{UserName}/{Groups}", exclude="!GroupList",
        identity={"user": "UserName"},
        references=(Reference("user", "aws_iam_user", "UserName"), Reference("groups", "aws_iam_group", "GroupList")),
        attributes={"user": "UserName", "groups": "GroupList"},
        note="one object per user with all its groups (the provider's import ID user/group1/group2); code that "
             "splits a user's groups over several memberships matches none",
    ),
    ResourceSpec(
        type="aws_iam_instance_profile", service="iam", scope=GLOBAL,
        list=Call("ListInstanceProfiles", items="InstanceProfiles[]"), import_id="{InstanceProfileName}",
        identity={"name": "InstanceProfileName"}, aliases=("Arn", "InstanceProfileId"),
        references=(Reference("role", "aws_iam_role", "Roles[0].RoleName"),),
        attributes={"arn": "Arn", "name": "InstanceProfileName", "path": "Path", "role": "Roles[0].RoleName"},
    ),
)
