"""Cleaning what ``terraform plan -generate-config-out`` writes, with the facts of
``importer/data/codify_clean.json``.

Two levels, no HCL parser: (1) line edits on the generated file while it is still HCL (it is
``terraform fmt`` output: one resource per ``resource "T" "N" {`` ... ``}``, one argument per line
at a fixed indentation), driven by the facts and by Terraform's own validation errors, which name
the resource and the argument (``"availability_zone": conflicts with availability_zone_id``);
(2) on the values Terraform then reads back (plain dicts): nulls and empties dropped, secrets left
out and named, facts' drops applied, every change explained by a comment."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from importer.codify.model import CodifyResult
from importer.discovery.inventory import sensitive_path
from importer.specs.facts import not_restored_by_type

FACTS_PATH = Path(__file__).resolve().parent.parent / "data" / "codify_clean.json"
_RESOURCE = re.compile(r'^resource "([^"]+)" "([^"]+)" \{\s*$')
_ARGUMENT = re.compile(r'^(\s*)([A-Za-z_][A-Za-z0-9_-]*)\s*(=|\{)')
_EMPTY_LINE = re.compile(r'^\s+[A-Za-z_][A-Za-z0-9_-]*\s*=\s*null\s*(#.*)?$')
_EMPTY_TOP = re.compile(r'^  [A-Za-z_][A-Za-z0-9_-]*\s*=\s*(""|\[\]|\{\})\s*$')
# Terraform's validation errors that name the argument to remove, and how to read the name.
_NAMED = (
    re.compile(r'"([\w.]+)": conflicts with ([\w.]+)'),
    re.compile(r'"([\w.]+)": only one of `'),
    re.compile(r'"([\w.]+)": all of `'),
    re.compile(r'^expected ([\w.]+) to be'),
    re.compile(r'^([\w.]+) must not be'),
    re.compile(r'Attribute ([\w.]+) requires \d+ item minimum'),
    re.compile(r'The argument "([\w.]+)" is required, but no definition'),
)
NOT_READ = object()  # a value import did not read (see as_read)
_ONE_OF = re.compile(r'"([\w.]+)": one of `([\w,]+)` must be specified')


@dataclass(frozen=True)
class TypeFacts:
    """What codify knows about one type (see the data file's ``_about``)."""

    drop: Mapping[str, str] = field(default_factory=dict)
    keep: tuple[str, ...] = ()
    placeholders: Mapping[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _facts() -> dict[str, Any]:
    return json.loads(FACTS_PATH.read_text())


def type_facts(tf_type: str) -> TypeFacts:
    """The facts of one type, with the drops every type shares."""
    entry = _facts()["types"].get(tf_type, {})
    return TypeFacts({**_facts()["always_drop"], **entry.get("drop", {})}, tuple(entry.get("keep", ())),
                     dict(entry.get("placeholders", {})))


def identifier_attributes() -> tuple[str, ...]:
    """Target attributes a reference may read, in order of preference."""
    return tuple(_facts()["identifier_attributes"])


# ---- level 1: the generated HCL, by lines --------------------------------------------------------

def split_generated(text: str) -> dict[str, list[str]]:
    """``generated.tf`` -> address -> the body lines of its resource block (without the braces)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        found = _RESOURCE.match(line)
        if found:
            current = blocks.setdefault(f"{found.group(1)}.{found.group(2)}", [])
        elif line == "}":
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _extent(lines: list[str], start: int) -> int:
    """The index after the argument starting at ``start`` (its continuation lines are indented
    deeper, its closing bracket line at the same indentation)."""
    depth, end = _indent(lines[start]), start + 1
    opens = lines[start].rstrip().endswith(("{", "[", "("))
    while end < len(lines):
        line = lines[end]
        if line.strip() and (_indent(line) > depth or (opens and _indent(line) == depth and line.strip()[0] in "}])")):
            if _indent(line) == depth:
                return end + 1
            end += 1
        else:
            break
    return end


def remove_path(lines: list[str], path: list[str], indent: int = 2) -> bool:
    """Remove the argument at ``path`` (``["default_action", "0", "order"]``) from block body
    ``lines`` whose arguments sit at ``indent``; True when something was removed."""
    name, rest = path[0], path[1:]
    index = int(rest[0]) if rest and rest[0].isdigit() else 0
    if rest and rest[0].isdigit():
        rest = rest[1:]
    seen = 0
    for position, line in enumerate(lines):
        found = _ARGUMENT.match(line)
        if not found or len(found.group(1)) != indent or found.group(2) != name:
            continue
        end = _extent(lines, position)
        if not rest:
            del lines[position:end]
            return True
        if seen == index:
            inner = lines[position + 1:end - 1]
            if remove_path(inner, rest, indent + 2):
                lines[position + 1:end - 1] = inner
                return True
            return False
        seen += 1
    return False


def prune_generated(tf_type: str, lines: list[str]) -> list[str]:
    """Drop ``null`` lines anywhere, empty top-level values, and the facts' drops; add the facts'
    placeholders under ``lifecycle { ignore_changes }``."""
    facts = type_facts(tf_type)
    kept = [line for line in lines if not _EMPTY_LINE.match(line) and not _EMPTY_TOP.match(line)]
    for name in sorted(facts.drop):
        while remove_path(kept, [name]):
            pass
    for name in sorted(facts.placeholders):
        while remove_path(kept, [name]):
            pass
    if facts.placeholders:
        kept += [f"  {name} = {json.dumps(value)}" for name, value in sorted(facts.placeholders.items())]
        kept += [f"  lifecycle {{ ignore_changes = [{', '.join(sorted(facts.placeholders))}] }}"]
    return kept


@dataclass(frozen=True)
class Removal:
    """An argument Terraform's validation named for removal (``path`` dotted, block indexes kept)."""

    address: str
    path: str
    reason: str


def error_removals(output: str) -> tuple[list[Removal], list[tuple[str, str]]]:
    """Read Terraform's validation errors: the arguments to remove, and (address, error) for the
    errors that name nothing removable."""
    removals, unresolved = [], []
    for block in output.split("Error: ")[1:]:
        address = re.search(r"with ([\w.\-\[\]\"]+),", block)
        if not address:
            continue
        text = " ".join(part.strip(" │╷╵") for part in block.splitlines())
        tf_type = address.group(1).split(".")[0]
        keep = type_facts(tf_type).keep
        named = next((m for pattern in _NAMED for m in [pattern.search(text)] if m), None)
        if named is None:
            unresolved.append((address.group(1), block.splitlines()[0].strip()))
            continue
        path = named.group(1)
        if path in keep:
            partner = named.group(2) if named.re.groups > 1 else None
            if partner is None or partner in keep:
                continue
            path = partner
        if "is required, but no definition" in text and "." in path:
            path = path.split(".")[0]  # an empty nested block the provider wrote: drop the block
        reason = block.splitlines()[0].strip() if "expected" in text or "must not" in text else \
            f"Terraform: {text[text.find(chr(34) + named.group(1)):][:120].strip()}"
        removals.append(Removal(address.group(1), path, reason))
    unique = {(r.address, r.path): r for r in reversed(removals)}  # the first reason for each argument
    return [unique[key] for key in sorted(unique)], sorted(set(unresolved))


def apply_removals(blocks: dict[str, list[str]], removals: list[Removal]) -> list[Removal]:
    """Remove each named argument from its block; the removals that changed something."""
    done = []
    for removal in removals:
        lines = blocks.get(removal.address)
        if lines is not None and remove_path(lines, removal.path.split(".")):
            done.append(removal)
    return done


def render_generated(blocks: Mapping[str, list[str]]) -> str:
    """The blocks back as HCL."""
    out = []
    for address in sorted(blocks):
        tf_type, name = address.split(".", 1)
        out += [f'resource "{tf_type}" "{name}" {{', *blocks[address], "}", ""]
    return "\n".join(out)


# ---- level 2: the values Terraform read ----------------------------------------------------------

def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _prune(value: Any) -> Any:
    """Nulls dropped inside nested blocks; empties kept there (an empty block such as a WAF
    ``allow {}`` means something, a required nested argument may be read back as "")."""
    if isinstance(value, list):
        return [_prune(item) for item in value]
    if isinstance(value, dict):
        return {key: _prune(item) for key, item in value.items() if item is not None}
    return value


def as_read(tf_type: str, values: Mapping[str, Any], read: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` against what import read (``read``: the plan's ``before``): a top-level JSON text put
    back as read when both hold the same document (``jsonencode()`` in the generated file re-spaces and
    re-orders it, and providers that compare the text, such as an EventBridge target's ``input``, plan a
    change); an argument the provider's tests list as not read back by import, and that import left
    null, marked NOT_READ (Terraform wrote the provider's default, not anything live)."""
    unread = not_restored_by_type().get(tf_type, frozenset()) - set(type_facts(tf_type).placeholders)
    out = {}
    for name, value in values.items():
        if isinstance(value, str) and isinstance(read.get(name), str) and value != read[name] \
                and _same_json(value, read[name]):
            value = read[name]
        out[name] = NOT_READ if name in unread and name in read and read[name] is None and value is not None \
            else value
    return out


def _same_json(one: str, other: str) -> bool:
    try:
        return json.loads(one) == json.loads(other)
    except ValueError:
        return False


def clean_values(tf_type: str, values: Mapping[str, Any], sensitive: Mapping[str, Any],
                 blocks: frozenset[str] = frozenset()) -> tuple[dict[str, Any], list[str], list[str]]:
    """(arguments, comments, secrets) of one resource from the generated arguments' values.
    ``sensitive`` is Terraform's ``after_sensitive`` for it; ``blocks`` names nested-block arguments
    (their nulls and empties are dropped inside too)."""
    facts = type_facts(tf_type)
    arguments, comments, secrets = {}, [], []
    for name in sorted(values):
        value = values[name]
        if value is NOT_READ:
            comments.append(f"{name}: dropped (import does not read it back: Terraform wrote the provider's default)")
            continue
        if name in facts.placeholders or sensitive_path(tf_type, (name,)) or _marked(sensitive.get(name)):
            if not _empty(value) or name in facts.placeholders:
                secrets.append(name)
                comments.append(f"{name}: left out, given from outside "
                                + ("(import cannot read it back)" if name in facts.placeholders and
                                   not sensitive_path(tf_type, (name,)) else "(sensitive)"))
            continue
        if name in facts.drop:
            if not _empty(value):
                comments.append(f"{name}: dropped ({facts.drop[name]})")
            continue
        value = _prune(value) if name in blocks else value
        if _empty(value):
            continue
        arguments[name] = value
    return arguments, comments, secrets


def _marked(mark: Any) -> bool:
    """Whether Terraform's sensitivity mark covers any part of a value."""
    if mark is True:
        return True
    if isinstance(mark, dict):
        return any(_marked(v) for v in mark.values())
    if isinstance(mark, list):
        return any(_marked(v) for v in mark)
    return False


def without_default_tags(result: CodifyResult, default_tags: Mapping[str, str] | None) -> CodifyResult:
    """``result`` with each resource's ``tags`` keys that the stack's provider adds through
    ``default_tags`` (same key, same value) left out: the stack tags them already, and a ``tags`` that
    repeats them differs from what import records under that provider (a tags-only update)."""
    if not default_tags:
        return result
    resources = []
    for resource in result.resources:
        tags = resource.arguments.get("tags")
        if isinstance(tags, dict) and any(default_tags.get(key) == value for key, value in tags.items()):
            kept = {key: value for key, value in tags.items() if default_tags.get(key) != value}
            arguments = {key: value for key, value in resource.arguments.items() if key != "tags"}
            resource = replace(resource, arguments=arguments | ({"tags": kept} if kept else {}))
        resources.append(resource)
    return replace(result, resources=tuple(resources))
