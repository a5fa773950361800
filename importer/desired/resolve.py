"""Resolve the references of Terraform's plan JSON ``configuration`` to resource instances.

Terraform lists, per expression, the traversals it reads (``aws_vpc.this.id``, ``module.net[0].vpc_id``,
``var.vpc_id``, ``each.key``...) but not the expression itself, so a reference is followed through
module outputs and module input variables, within the module instance it is written in, to:
- the exact instance when the key is determined: the target has a single unkeyed instance, the
  reference carries a literal key, or it pairs with ``count.index``/``each.key`` (or is ``each.value``
  of a ``for_each`` over that resource) and the target has the same keys as the referring block,
  also through module outputs and input variables (a list built from that resource);
- otherwise every instance of the target (the caller records them all as candidates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from importer.ids import InstanceKey, TfAddress, format_module_path, parse_module_path

Steps = tuple[tuple[str, InstanceKey], ...]
_KEY = r'\[(?:\d+|"(?:[^"\\]|\\.)*")\]'
_MODULE_REF = re.compile(rf'^module\.([A-Za-z_][A-Za-z0-9_-]*)({_KEY})?(?:\.([A-Za-z_][A-Za-z0-9_-]*))?')
_RESOURCE_REF = re.compile(rf'^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)({_KEY})?((?:\.[A-Za-z_][A-Za-z0-9_-]*)*)')
_IGNORED = ("local", "path", "terraform", "data", "self")
_MAX_DEPTH = 32


@dataclass(frozen=True)
class Target:
    """One resource instance and the attribute read from it ("" for the whole object)."""

    address: TfAddress
    attribute: str

    def __str__(self) -> str:
        return f"${{{self.address}{'.' + self.attribute if self.attribute else ''}}}"


@dataclass(frozen=True)
class Context:
    """Where an expression is evaluated: the module instance, the key of the block instance
    (``count.index``/``each.key``), the keys its block expands to, and the resource its
    ``for_each`` iterates over, if any (what ``each.value`` is an instance of)."""

    steps: Steps
    key: InstanceKey = None
    keys: frozenset = frozenset()
    each_value_of: str | None = None


def _parse_key(text: str | None) -> InstanceKey:
    if not text:
        return None
    return TfAddress.parse(f"aws_x.y{text}").key


def _paired(targets: set[Target], context: Context) -> set[Target]:
    """The one target paired with the referring instance's key, when a ``count.index``/``each.key``
    expression reads a list or map built from one resource whose instances have exactly the
    referring block's keys (``element(module.net.subnet_ids, count.index)`` over
    ``aws_subnet.private[*].id``); else ``targets`` unchanged. The pairing is checked later by
    verify: an import under the wrong pair plans a change and is refused."""
    resources = {(target.address.module, str(target.address.type), target.address.name, target.attribute)
                 for target in targets}
    keys = {target.address.key for target in targets}
    if len(targets) < 2 or len(resources) != 1 or keys != set(context.keys) or context.key not in keys:
        return targets
    return {target for target in targets if target.address.key == context.key}


def most_specific(references: list[str]) -> list[str]:
    """Drop the shortened forms Terraform lists beside a traversal (``aws_vpc.this`` beside
    ``aws_vpc.this.id``)."""
    return [ref for ref in references
            if not any(other != ref and (other.startswith(ref + ".") or other.startswith(ref + "["))
                       for other in references)]


class Resolver:
    """Follows references over one plan JSON's configuration and planned instances."""

    def __init__(self, configuration: Mapping[str, Any], instances: list[TfAddress]):
        self.root = configuration.get("root_module", {}) or {}
        self.keys: dict[tuple[str, str], dict[InstanceKey, TfAddress]] = {}
        self.module_keys: dict[tuple[Steps, str], set[InstanceKey]] = {}
        for address in instances:
            self.keys.setdefault((address.module, f"{address.type}.{address.name}"), {})[address.key] = address
            steps = parse_module_path(address.module) if address.module else ()
            for depth in range(len(steps)):
                self.module_keys.setdefault((steps[:depth], steps[depth][0]), set()).add(steps[depth][1])

    def module_config(self, steps: Steps) -> Mapping[str, Any]:
        """The configuration block of the module that ``steps`` is an instance of."""
        module = self.root
        for name, _ in steps:
            module = (module.get("module_calls", {}).get(name, {}) or {}).get("module", {}) or {}
        return module

    def resource_config(self, steps: Steps, type_name: str, name: str) -> Mapping[str, Any]:
        """The resource block ``type.name`` of that module ({} when absent)."""
        return next((block for block in self.module_config(steps).get("resources", [])
                     if block.get("mode") == "managed" and block.get("type") == type_name and block.get("name") == name),
                    {})

    def context_of(self, address: TfAddress) -> Context:
        """The context a resource instance's own expressions are evaluated in."""
        steps = parse_module_path(address.module) if address.module else ()
        block = self.resource_config(steps, str(address.type), address.name)
        each = most_specific((block.get("for_each_expression") or {}).get("references", []))
        each_value_of = each[0] if len(each) == 1 and _RESOURCE_REF.match(each[0]) \
            and each[0].split(".", 1)[0] not in _IGNORED + ("var", "module", "count", "each") else None
        siblings = self.keys.get((address.module, f"{address.type}.{address.name}"), {})
        return Context(steps, address.key, frozenset(siblings), each_value_of)

    def resolve(self, references: list[str], context: Context, depth: int = 0) -> set[Target]:
        """Every instance (and attribute) an expression with these references reads."""
        if depth > _MAX_DEPTH:
            return set()
        specific = most_specific(list(references))
        keyed = any(ref in ("count.index", "each.key") for ref in specific)
        found: set[Target] = set()
        for ref in specific:
            targets = self._one(ref, context, keyed, depth)
            found |= _paired(targets, context) if keyed else targets
        return found

    def _one(self, ref: str, context: Context, keyed: bool, depth: int) -> set[Target]:
        head = ref.split(".", 1)[0].split("[", 1)[0]
        if head in _IGNORED or head in ("count", "each") and not ref.startswith("each.value"):
            return set()
        if ref.startswith("each.value"):
            if context.each_value_of is None:
                return set()
            match = _RESOURCE_REF.match(context.each_value_of)
            attribute = ref[len("each.value"):].lstrip(".")
            return self._instances(context.steps, match.group(1), match.group(2), context.key, attribute,
                                   context, exact=True)
        if head == "var":
            return self._variable(ref.split(".")[1], context, depth)
        if head == "module":
            return self._module_output(ref, context, keyed, depth)
        match = _RESOURCE_REF.match(ref)
        if match is None:
            return set()
        type_name, name, key_text, path = match.groups()
        if key_text:
            return self._instances(context.steps, type_name, name, _parse_key(key_text), path.lstrip("."), context,
                                   exact=True)
        return self._instances(context.steps, type_name, name, None, path.lstrip("."), context, keyed=keyed)

    def _instances(self, steps: Steps, type_name: str, name: str, key: InstanceKey, attribute: str,
                   context: Context, *, exact: bool = False, keyed: bool = False) -> set[Target]:
        found = self.keys.get((format_module_path(steps), f"{type_name}.{name}"), {})
        if exact:
            return {Target(found[key], attribute)} if key in found else set()
        if set(found) == {None}:
            return {Target(found[None], attribute)}
        if keyed and context.key in found and set(found) == set(context.keys):
            return {Target(found[context.key], attribute)}
        return {Target(address, attribute) for address in found.values()}

    def _variable(self, name: str, context: Context, depth: int) -> set[Target]:
        if not context.steps:
            return set()  # root variables are values
        parent, (call_name, call_key) = context.steps[:-1], context.steps[-1]
        call = self.module_config(parent).get("module_calls", {}).get(call_name, {}) or {}
        references = ((call.get("expressions") or {}).get(name) or {}).get("references", [])
        keys = frozenset(self.module_keys.get((parent, call_name), set()))
        caller = Context(parent, call_key, keys, None)
        return self.resolve(references, caller, depth + 1)

    def _module_output(self, ref: str, context: Context, keyed: bool, depth: int) -> set[Target]:
        match = _MODULE_REF.match(ref)
        if match is None or match.group(3) is None:
            return set()
        call_name, key_text, output = match.groups()
        keys = self.module_keys.get((context.steps, call_name), set())
        if key_text:
            chosen = {_parse_key(key_text)} & keys
        elif keys == {None}:
            chosen = {None}
        elif keyed and context.key in keys and keys == set(context.keys):
            chosen = {context.key}
        else:
            chosen = keys
        found: set[Target] = set()
        for key in chosen:
            steps = context.steps + ((call_name, key),)
            expression = (self.module_config(steps).get("outputs", {}).get(output) or {}).get("expression") or {}
            found |= self.resolve(expression.get("references", []), Context(steps), depth + 1)
        return found
