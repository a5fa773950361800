"""A Terraform resource type described as data: how to list it, how to name it for ``terraform
import``, what identifies it for matching against code, and what it references.

Every expression is JMESPath (with the few extra functions in ``importer.specs.functions``),
evaluated on one *item*: a dict from the list call (after ``explode``/``inherit``, and merged
with the ``detail`` call's response when there is one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from importer.ids import TfType

REGIONAL = "regional"
GLOBAL = "global"


@dataclass(frozen=True)
class Call:
    """One read-only API operation (its name as in the service model, e.g. ``DescribeVpcs``).

    ``params`` values that are strings starting with ``=`` are JMESPath expressions evaluated on
    the parent item (for per-parent or per-item calls); others are literal.
    """

    operation: str
    items: str = "@"
    params: Mapping[str, object] = field(default_factory=dict)
    # Error codes that mean "nothing here" for this call (e.g. NoSuchBucketPolicy): no item, no error.
    absent_on: tuple[str, ...] = ()
    # Another service's operation (e.g. a Cloud Map namespace's VPC is only on its Route 53 hosted zone).
    service: str | None = None


@dataclass(frozen=True)
class Reference:
    """The Terraform attribute ``attribute`` points at a ``target`` object whose identifier
    (import ID or one of its aliases) is the value of ``path`` in this item."""

    attribute: str
    target: str
    path: str


@dataclass(frozen=True)
class ResourceSpec:
    """Everything discovery and matching need to know about one Terraform type."""

    type: str
    service: str
    list: Call
    import_id: str
    identity: Mapping[str, str] = field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    parent: str | None = None
    inherit: Mapping[str, str] = field(default_factory=dict)
    explode: str | None = None
    detail: Call | None = None
    exclude: str | None = None
    # Also drop an item when one of these references points at an object its target spec excluded
    # (e.g. the default VPC's internet gateway, the default security group's rules).
    drop_with_excluded: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    attributes: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[str, str] = field(default_factory=dict)
    scope: str = REGIONAL
    note: str = ""
    # (parent type, argument, ...): the same setting a parent resource can hold inline (the parent is found by
    # this object's import ID or by its reference to the parent type). When the code's parent sets one of the
    # arguments, the object is that resource's, not unmanaged.
    inline_in: tuple[str, ...] | None = None
    # Other types describing the same AWS objects (a rule as aws_security_group_rule or as
    # aws_vpc_security_group_ingress_rule), found by a shared identifier: one claimed under either is not unmanaged.
    same_object_as: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        TfType(self.type)
        if self.scope not in (REGIONAL, GLOBAL):
            raise ValueError(f"{self.type}: scope must be {REGIONAL!r} or {GLOBAL!r}")

    def operations(self) -> set[str]:
        """Every API operation of the spec's own service this spec may call."""
        return {operation for service, operation in self.calls() if service == self.service}

    def needs_account(self) -> bool:
        """Whether a call parameter or an inherited field reads the account ID (``_account``)."""
        expressions = [*self.inherit.values(), *(value for call in (self.list, self.detail) if call
                                                 for value in call.params.values() if isinstance(value, str))]
        return any("_account" in expression for expression in expressions)

    def calls(self) -> set[tuple[str, str]]:
        """Every (service, operation) this spec may call (a call may name another service)."""
        return {(call.service or self.service, call.operation) for call in (self.list, self.detail) if call}
