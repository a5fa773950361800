"""Typed identifiers: Terraform types and addresses are never passed around as bare strings."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True, order=True)
class TfType:
    """A Terraform resource type such as ``aws_vpc``."""

    value: str

    def __post_init__(self) -> None:
        if not _TYPE_PATTERN.match(self.value):
            raise ValueError(f"not a Terraform resource type: {self.value!r}")

    @property
    def provider(self) -> str:
        """The provider prefix (``aws`` for ``aws_vpc``)."""
        return self.value.split("_", 1)[0]

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class TfAddress:
    """A resource address in the root module: ``<type>.<name>``."""

    type: TfType
    name: str

    def __post_init__(self) -> None:
        if not _NAME_PATTERN.match(self.name):
            raise ValueError(f"not a Terraform resource name: {self.name!r}")

    @classmethod
    def parse(cls, text: str) -> "TfAddress":
        """Parse ``aws_vpc.main``; module paths and indexes are not root resources and are refused."""
        type_part, dot, name = text.partition(".")
        if not dot or "." in name or "[" in name:
            raise ValueError(f"not a root-module resource address: {text!r}")
        return cls(TfType(type_part), name)

    def __str__(self) -> str:
        return f"{self.type}.{self.name}"
