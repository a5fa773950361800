"""Names and shapes of the prebuilt CDKTF AWS bindings, as data and pure functions.

The bindings (``cdktf_cdktf_provider_aws``) are generated from the provider schema: module
``<type without aws_>``, class PascalCase of it, nested-block structs ``<Class><Block><Block>``.
The generator resolves a few name collisions by appending ``A``; those are listed here and a test
checks every name against the installed package. Whether a nested block is ONE struct or a LIST of
structs comes from the provider schema (``terraform providers schema -json``): the generator makes
a list block with ``max_items == 1`` a single struct, and object-typed attributes structs too.
This module never imports the bindings.
"""

from __future__ import annotations

import keyword
import re
from collections import Counter
from typing import Any, Iterable, Mapping

BINDINGS = "cdktf_cdktf_provider_aws"
SINGLE = "single"  # one struct
LIST = "list"  # a list of structs

# Resource classes the generator renamed (their plain name is a struct of another resource).
_RENAMED_CLASSES = {
    "aws_autoscaling_group_tag": "AutoscalingGroupTagA",
    "aws_dynamodb_table_replica": "DynamodbTableReplicaA",
    "aws_ec2_managed_prefix_list_entry": "Ec2ManagedPrefixListEntryA",
    "aws_network_interface_attachment": "NetworkInterfaceAttachmentA",
    "aws_s3_bucket_logging": "S3BucketLoggingA",
    "aws_s3_bucket_object_lock_configuration": "S3BucketObjectLockConfigurationA",
    "aws_s3_bucket_replication_configuration": "S3BucketReplicationConfigurationA",
    "aws_s3_bucket_server_side_encryption_configuration": "S3BucketServerSideEncryptionConfigurationA",
    "aws_s3_bucket_versioning": "S3BucketVersioningA",
    "aws_vpc_peering_connection_accepter": "VpcPeeringConnectionAccepterA",
}
# Structs of the renamed resources whose names a struct of ``aws_s3_bucket`` took first: ``A`` appended.
_SUFFIXED_STRUCTS = frozenset({
    "S3BucketObjectLockConfigurationRule", "S3BucketObjectLockConfigurationRuleDefaultRetention",
    "S3BucketServerSideEncryptionConfigurationRule",
    "S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault",
})
# Block paths the bindings take as ``typing.Any`` (too deep to type): plain dicts and lists from there on.
UNTYPED = {
    "aws_wafv2_web_acl": (("rule", "statement"),),
    "aws_wafv2_rule_group": (("rule", "statement"),),
}
# Argument names the bindings generator renames to ``<name>_attribute`` (members of every construct).
_RESERVED_ARGUMENTS = frozenset({"self", "node", "system"})
_IDENTIFIER = re.compile(r"[^0-9a-zA-Z_]+")

Shapes = Mapping[str, Mapping[tuple[str, ...], str]]  # tf_type -> block path -> SINGLE | LIST


def pascal(snake: str) -> str:
    """``default_action`` -> ``DefaultAction`` (the generator's casing: digits stay, ``wafv2`` -> ``Wafv2``)."""
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_") if part)


def snake(pascal_name: str) -> str:
    """``AdoptedAlarms`` -> ``adopted_alarms``."""
    return identifier(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", pascal_name))


def module_name(tf_type: str) -> str:
    """The bindings submodule of a Terraform type: ``aws_sqs_queue`` -> ``sqs_queue``."""
    return tf_type.removeprefix("aws_")


def class_name(tf_type: str) -> str:
    """The resource class: ``aws_sqs_queue`` -> ``SqsQueue`` (renamed ones from the table)."""
    return _RENAMED_CLASSES.get(tf_type) or pascal(module_name(tf_type))


def struct_name(tf_type: str, path: tuple[str, ...]) -> str:
    """The struct class of a nested block: (``aws_lb_listener``, (``default_action``, ``forward``)) ->
    ``LbListenerDefaultActionForward``."""
    name = pascal(module_name(tf_type)) + "".join(pascal(part) for part in path)
    if name == class_name(tf_type) + "Config" or (tf_type in _RENAMED_CLASSES and name in _SUFFIXED_STRUCTS):
        return name + "A"  # taken by the resource's own Config class, or by aws_s3_bucket's struct
    return name + "Struct" if name.lower().endswith("list") else name  # ``...List`` names the list class


def argument_name(name: str) -> str:
    """The keyword a binding takes for a Terraform argument: Python keywords get ``_`` (jsii), names
    the generator reserves get ``_attribute`` (``self`` -> ``self_attribute``)."""
    if name in _RESERVED_ARGUMENTS:
        return f"{name}_attribute"
    return f"{name}_" if keyword.iskeyword(name) else name


def identifier(text: str) -> str:
    """A snake_case Python identifier from any text (``prod-jobs.dlq`` -> ``prod_jobs_dlq``)."""
    name = _IDENTIFIER.sub("_", text).strip("_").lower() or "value"
    name = f"r_{name}" if name[0].isdigit() else name
    return f"{name}_" if keyword.iskeyword(name) else name


def member_names(resources: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """address -> construct member and ID for each (address, type, name): the name as an identifier,
    with the type appended where resources of two types share it (a role and a log group named alike)."""
    resources = list(resources)
    plain = {address: identifier(name) for address, _, name in resources}
    shared = Counter(plain.values())
    return {address: plain[address] if shared[plain[address]] == 1 else identifier(f"{name}_{module_name(tf_type)}")
            for address, tf_type, name in resources}


def _object_shapes(attributes: Mapping[str, Any], prefix: tuple[str, ...], out: dict) -> None:
    """Shapes of object-typed attributes (``["object", {...}]``, list/set of objects, nested_type)."""
    for name, attribute in attributes.items():
        path = prefix + (name,)
        nested = attribute.get("nested_type") if isinstance(attribute, dict) else None
        if nested:
            out[path] = SINGLE if nested.get("nesting_mode") == "single" else LIST
            _object_shapes(nested.get("attributes", {}), path, out)
            continue
        kind = attribute.get("type") if isinstance(attribute, dict) else attribute
        if isinstance(kind, list) and kind and kind[0] in ("list", "set") and isinstance(kind[1], list) \
                and kind[1][0] == "object":
            out[path] = LIST
            _object_shapes({k: {"type": v} for k, v in kind[1][1].items()}, path, out)
        elif isinstance(kind, list) and kind and kind[0] == "object":
            out[path] = SINGLE
            _object_shapes({k: {"type": v} for k, v in kind[1].items()}, path, out)


def _block_shapes(block: Mapping[str, Any], prefix: tuple[str, ...], out: dict) -> None:
    _object_shapes(block.get("attributes", {}), prefix, out)
    for name, nested in block.get("block_types", {}).items():
        path = prefix + (name,)
        single = nested.get("nesting_mode") in ("single", "group") or nested.get("max_items") == 1
        out[path] = SINGLE if single else LIST
        _block_shapes(nested.get("block", {}), path, out)


def shapes_from_schema(schema: Mapping[str, Any], types: set[str] | None = None) -> dict[str, dict]:
    """Per resource type, every nested block or object path -> SINGLE or LIST, from the JSON of
    ``terraform providers schema -json`` (the AWS provider's entry); ``types`` limits the result."""
    providers = schema.get("provider_schemas", {})
    aws = next((value for key, value in providers.items() if key.endswith("hashicorp/aws")), {})
    shapes: dict[str, dict] = {}
    for tf_type, resource in aws.get("resource_schemas", {}).items():
        if types is None or tf_type in types:
            out: dict[tuple[str, ...], str] = {}
            _block_shapes(resource.get("block", {}), (), out)
            untyped = UNTYPED.get(tf_type, ())
            shapes[tf_type] = {path: shape for path, shape in out.items()
                               if not any(path[:len(prefix)] == prefix for prefix in untyped)}
    return shapes
