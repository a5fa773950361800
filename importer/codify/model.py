"""The codify interface: what the engine (generate.py) hands to the emitter.

Values are JSON-like exactly as Terraform's configuration holds them: scalars,
lists, dicts; a nested block is a list of dicts (one dict per block). A value
that refers to another object is a `Reference` (target address + attribute).

A string that EMBEDS a reference (e.g. a policy document holding a queue ARN)
is a `Template`: `parts` is a tuple of `str | Reference`; joined with each
Reference replaced by its value it gives back the original string. Emitters
render it as an f-string / Fn.join / "${...}" interpolation. A value that is
exactly one reference is a bare `Reference`, never a one-part Template.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True, order=True)
class Reference:
    """`address` (e.g. "aws_sqs_queue.jobs_dlq") and the `attribute` read ("arn")."""

    address: str
    attribute: str

    @property
    def expression(self) -> str:
        """Terraform expression text, e.g. aws_sqs_queue.jobs_dlq.arn."""
        return f"{self.address}.{self.attribute}"


@dataclass(frozen=True)
class Template:
    """A string with embedded references: parts are str | Reference, in order."""

    parts: tuple[Union[str, Reference], ...]

    def references(self) -> tuple[Reference, ...]:
        """The references inside, in order."""
        return tuple(p for p in self.parts if isinstance(p, Reference))


@dataclass(frozen=True)
class CodifiedResource:
    """One live object as code: type, construct name, import id and cleaned arguments.

    `arguments` values may contain Reference / Template anywhere (also inside
    lists and nested-block dicts). `comments` say why something was dropped or
    changed (one line each); `secrets` name top-level arguments left out that the
    code must take from outside: sensitive ones ("password", "environment", an SSM
    "value") and required ones import cannot read back (a Lambda's "filename").
    """

    tf_type: str
    name: str
    import_id: str
    arguments: dict[str, Any]
    comments: tuple[str, ...] = ()
    secrets: tuple[str, ...] = ()

    @property
    def address(self) -> str:
        """Terraform address of the codified resource, e.g. aws_sqs_queue.jobs."""
        return f"{self.tf_type}.{self.name}"


@dataclass(frozen=True)
class CodifyResult:
    """All codified resources (sorted by address) and the external references.

    `external` maps a Reference to an object already in the existing code that
    exposes no attribute to read it from -> the constructor parameter name the
    emitted construct takes for it (e.g. "jobs_dlq_arn").
    """

    resources: tuple[CodifiedResource, ...]
    external: dict[Reference, str] = field(default_factory=dict)
    # objects that could not be codified: "address: Terraform's reason" (sorted)
    skipped: tuple[str, ...] = ()
