"""Typed identifiers: Terraform types and addresses are never passed around as bare strings.

An address is a resource instance anywhere in a configuration: ``aws_vpc.main``,
``aws_subnet.private[0]``, ``module.queues["a.b"].aws_sqs_queue.this["orders"]``. Keys are
written the way Terraform writes them (numbers bare, strings quoted with escapes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Union

_TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_NAME_PATTERN = re.compile(rf"^{_NAME}$")
_KEY = r'\[(?:(?P<number>[0-9]+)|(?P<string>"(?:[^"\\]|\\.)*"))\]'
_MODULE_STEP = re.compile(rf"module\.(?P<name>{_NAME})(?:{_KEY})?\.")
_RESOURCE = re.compile(rf"(?P<type>[a-z][a-z0-9_]*)\.(?P<name>{_NAME})(?:{_KEY})?$")

InstanceKey = Union[int, str, None]


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


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}
_UNESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))|([$%])\4(?=\{)')


def _quoted(text: str) -> str:
    """Terraform's quoting of a string key (addrs.StringKey): HCL escapes, ``${``/``%{`` doubled,
    unprintable characters as ``\\uXXXX``."""
    out = []
    for position, char in enumerate(text):
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char in "$%":
            out.append(char * (2 if text[position + 1:position + 2] == "{" else 1))
        elif not char.isprintable():
            out.append(f"\\u{ord(char):04x}" if ord(char) < 65536 else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _unquoted(quoted: str) -> str:
    """The inverse of :func:`_quoted`."""
    def one(match: re.Match) -> str:
        short, long, escaped, introducer = match.groups()
        if introducer:
            return introducer
        if short or long:
            return chr(int(short or long, 16))
        return {"n": "\n", "r": "\r", "t": "\t"}.get(escaped, escaped)
    return _UNESCAPE.sub(one, quoted[1:-1])


def format_key(key: InstanceKey) -> str:
    """``[0]``, ``["a.b"]`` (Terraform's quoting), or "" for no key."""
    if key is None:
        return ""
    return f"[{key}]" if isinstance(key, int) else f"[{_quoted(key)}]"


def _key(match: re.Match) -> InstanceKey:
    if match.group("number") is not None:
        return int(match.group("number"))
    if match.group("string") is not None:
        return _unquoted(match.group("string"))
    return None


def parse_module_path(text: str) -> tuple[tuple[str, InstanceKey], ...]:
    """``module.a[0].module.b`` as ((name, key), ...); ValueError when it is not one."""
    steps, position, source = [], 0, text + "."
    while position < len(source):
        match = _MODULE_STEP.match(source, position)
        if match is None:
            raise ValueError(f"not a module path: {text!r}")
        steps.append((match.group("name"), _key(match)))
        position = match.end()
    return tuple(steps)


def format_module_path(steps: tuple[tuple[str, InstanceKey], ...]) -> str:
    """The inverse of :func:`parse_module_path`."""
    return ".".join(f"module.{name}{format_key(key)}" for name, key in steps)


@total_ordering
@dataclass(frozen=True)
class TfAddress:
    """A managed resource instance: type and name, the module path ("" in the root, else
    ``module.a[0].module.b`` in Terraform's spelling) and the count/for_each key (None for a
    resource without either)."""

    type: TfType
    name: str
    module: str = ""
    key: InstanceKey = None

    def __post_init__(self) -> None:
        if not _NAME_PATTERN.match(self.name):
            raise ValueError(f"not a Terraform resource name: {self.name!r}")
        if self.module:
            canonical = format_module_path(parse_module_path(self.module))
            object.__setattr__(self, "module", canonical)
        if isinstance(self.key, bool) or not isinstance(self.key, (int, str, type(None))):
            raise ValueError(f"not an instance key: {self.key!r}")

    @classmethod
    def parse(cls, text: str) -> "TfAddress":
        """Parse any managed instance address (``aws_vpc.main``, ``module.a["x"].aws_s3_bucket.b[0]``);
        ValueError for anything else (data sources, module calls, malformed keys)."""
        steps, position = [], 0
        while text.startswith("module.", position):
            match = _MODULE_STEP.match(text, position)
            if match is None:
                raise ValueError(f"not a resource address: {text!r}")
            steps.append((match.group("name"), _key(match)))
            position = match.end()
        match = _RESOURCE.match(text, position)
        if match is None or match.group("type") == "data":
            raise ValueError(f"not a resource address: {text!r}")
        return cls(TfType(match.group("type")), match.group("name"), format_module_path(tuple(steps)), _key(match))

    @property
    def is_root(self) -> bool:
        """True for a root-module resource without count/for_each (what a flat config declares)."""
        return not self.module and self.key is None

    @property
    def resource(self) -> str:
        """The resource without its own key: ``module.a[0].aws_subnet.private``."""
        return f"{self.module + '.' if self.module else ''}{self.type}.{self.name}"

    @property
    def unkeyed(self) -> str:
        """The resource with no key anywhere (what a ``removed`` block's ``from`` names):
        ``module.a.aws_subnet.private``."""
        module = format_module_path(tuple((name, None) for name, _ in parse_module_path(self.module))) \
            if self.module else ""
        return f"{module + '.' if module else ''}{self.type}.{self.name}"

    def _sort_key(self) -> tuple:
        key = (0, self.key, "") if isinstance(self.key, int) else (1, 0, self.key or "")
        return (self.module, self.type.value, self.name, self.key is not None, key)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TfAddress):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __str__(self) -> str:
        return f"{self.resource}{format_key(self.key)}"
