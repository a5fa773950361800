"""Render a CodifyResult as one idiomatic CDKTF Python module (pure: data in, source text out).

One ``Construct`` subclass; each resource ``self.<name> = Type(self, "<name>", ...)`` with the
bindings' classes and nested-block structs (see :mod:`importer.codify.naming`); references as
``self.<target>.<attribute>`` inside the module or constructor parameters for targets outside it;
string templates as f-strings; JSON documents as ``json.dumps({...})`` when that gives back the very
same text; sensitive arguments only as constructor parameters. No formatter is pinned in the
Pipfile, so the layout is fixed here: one argument per line, lines up to 120 characters.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, Mapping

from importer.codify import naming
from importer.codify.model import CodifiedResource, CodifyResult, Reference, Template

WIDTH = 120
INDENT = "    "
_PLACEHOLDER = "__codify_reference_{}__"
_PLACEHOLDER_PATTERN = re.compile(r"__codify_reference_(\d+)__")
_JSON_FORMS = ({}, {"separators": (",", ":")}, {"indent": 2}, {"indent": 4})


class EmitError(ValueError):
    """The result cannot be written as Python (a reference cycle between codified resources)."""


@dataclass
class _Context:
    """What rendering one resource needs: names of codified targets and of constructor parameters."""

    local: dict[str, str]  # codified address -> attribute name on self
    parameters: dict[Reference, str]  # reference to an object outside the module -> parameter
    shapes: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    tf_type: str = ""
    uses_json: bool = False
    structs: set[tuple[str, str]] = field(default_factory=set)  # (module, class)


def parameter_for(reference: Reference) -> str:
    """The constructor parameter for a reference to an object outside the module:
    ``aws_sns_topic.messaging_alerts_topic_1A2B.arn`` -> ``messaging_alerts_topic_1a2b_arn``."""
    name = reference.address.split(".", 1)[-1]
    return naming.identifier(f"{name}_{reference.attribute}")


def secret_parameter(resource: CodifiedResource, path: str) -> str:
    """The constructor parameter for a sensitive argument: ``<resource>_<path>`` (indexes dropped)."""
    return naming.identifier("_".join([resource.name] + [p for p in path.split(".") if not p.isdigit()]))


def _attribute_expression(base: str, attribute: str) -> str:
    """``self.db`` + ``master_user_secret.0.secret_arn`` -> ``self.db.master_user_secret.get(0).secret_arn``."""
    parts = [f".get({part})" if part.isdigit() else f".{naming.argument_name(part)}" for part in attribute.split(".")]
    return base + "".join(parts)


def _reference(ref: Reference, ctx: _Context) -> str:
    if ref.address in ctx.local:
        return _attribute_expression(f"self.{ctx.local[ref.address]}", ref.attribute)
    return ctx.parameters[ref]


def _escape_terraform(text: str) -> str:
    """Literal text as Terraform reads it back unchanged: ``${`` and ``%{`` would start a template."""
    return text.replace("${", "$${").replace("%{", "%%{")


def _string(text: str) -> str:
    return json.dumps(_escape_terraform(text), ensure_ascii=False)


def _fstring(parts: tuple, ctx: _Context) -> str:
    body = []
    for part in parts:
        if isinstance(part, Reference):
            body.append("{" + _reference(part, ctx) + "}")
        else:
            body.append(_string(part)[1:-1].replace("{", "{{").replace("}", "}}"))
    return 'f"' + "".join(body) + '"'


def _json_form(text: str) -> tuple[Any, dict] | None:
    """(parsed document, json.dumps options) when ``text`` is a JSON object or array that json.dumps
    writes back character for character; else None."""
    if not text.lstrip().startswith(("{", "[")):
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    for options in _JSON_FORMS:
        for ascii_only in (True, False):
            if json.dumps(document, ensure_ascii=ascii_only, **options) == text:
                return document, ({**options, "ensure_ascii": False} if not ascii_only else options)
    return None


def _render_json(text: str, references: list[Reference], ctx: _Context, indent: str) -> str | None:
    """``json.dumps({...})`` for a JSON text (its placeholders standing for ``references``)."""
    found = _json_form(text)
    if found is None:
        return None
    document, options = found
    ctx.uses_json = True
    value = _restore(document, references)
    extra = "".join(f", {key}={_option(value)}" for key, value in options.items())
    if isinstance(value, (dict, list)):  # the options and the argument's name share the line
        rendered = _join(*_container(value, ctx, indent, (), True), indent, WIDTH - 40 - len(extra))
    else:
        rendered = _value(value, ctx, indent, (), in_json=True)
    return f"json.dumps({rendered}{extra})"


def _option(value: Any) -> str:
    """A json.dumps option as source (double quotes, like the rest of the module)."""
    if isinstance(value, tuple):
        return "(" + ", ".join(json.dumps(item) for item in value) + ")"
    return repr(value)


def _restore(value: Any, references: list[Reference]) -> Any:
    """Put the references back where the placeholders stand (whole strings or parts of them)."""
    if isinstance(value, dict):
        return {key: _restore(item, references) for key, item in value.items()}
    if isinstance(value, list):
        return [_restore(item, references) for item in value]
    if not isinstance(value, str) or not _PLACEHOLDER_PATTERN.search(value):
        return value
    pieces = _PLACEHOLDER_PATTERN.split(value)  # text, index, text, index, ..., text
    parts = tuple(references[int(piece)] if odd else piece
                  for odd, piece in ((i % 2 == 1, piece) for i, piece in enumerate(pieces)) if odd or piece)
    return parts[0] if len(parts) == 1 and isinstance(parts[0], Reference) else Template(parts)


def _join(items: list[str], opener: str, closer: str, indent: str, room: int = WIDTH - 40) -> str:
    """Items on one line when they fit in ``room`` columns after ``indent``, else one per line."""
    inline = opener + ", ".join(items) + closer
    if len(indent) + len(inline) <= room and "\n" not in inline:
        return inline
    inner = indent + INDENT
    return opener + "\n" + "".join(f"{inner}{item},\n" for item in items) + indent + closer


def _value(value: Any, ctx: _Context, indent: str, path: tuple[str, ...], in_json: bool = False) -> str:
    """Python source for one argument value at ``path`` (the block path, for struct shapes)."""
    if isinstance(value, _Parameter):
        return value.name
    if isinstance(value, Reference):
        return _reference(value, ctx)
    if isinstance(value, Template):
        if not in_json:
            numbers = iter(range(len(value.parts)))
            joined = "".join(_PLACEHOLDER.format(next(numbers)) if isinstance(p, Reference) else p
                             for p in value.parts)
            rendered = _render_json(joined, list(value.references()), ctx, indent)
            if rendered:
                return rendered
        return _fstring(value.parts, ctx)
    if isinstance(value, str):
        return (None if in_json else _render_json(value, [], ctx, indent)) or _string(value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return repr(value)
    shape = ctx.shapes.get(path) if not in_json else None
    if isinstance(value, list) and shape == naming.SINGLE and len(value) == 1 and isinstance(value[0], dict):
        return _struct(value[0], ctx, indent, path)
    if isinstance(value, dict) and shape in (naming.SINGLE, naming.LIST):
        return _struct(value, ctx, indent, path)
    if isinstance(value, (list, dict)):
        return _join(*_container(value, ctx, indent, path, in_json), indent)
    raise EmitError(f"cannot write a {type(value).__name__} value at {'.'.join(path) or 'top level'}")


def _container(value: list | dict, ctx: _Context, indent: str, path: tuple[str, ...],
               in_json: bool) -> tuple[list[str], str, str]:
    """The items of a list or map (a list of structs where the schema says so), and its brackets."""
    inner = indent + INDENT
    if isinstance(value, dict):
        return [f"{_string(key)}: {_value(item, ctx, inner, path, in_json)}" for key, item in value.items()], "{", "}"
    if not in_json and ctx.shapes.get(path) == naming.LIST:
        return [_struct(item, ctx, inner, path) for item in value], "[", "]"
    return [_value(item, ctx, inner, path, in_json) for item in value], "[", "]"


def _omitted(value: Any, shape: str | None) -> bool:
    """Nothing to write: no value, or no block where the bindings take one struct."""
    return value is None or (shape == naming.SINGLE and value == [])


def _struct(body: Mapping[str, Any], ctx: _Context, indent: str, path: tuple[str, ...]) -> str:
    name = naming.struct_name(ctx.tf_type, path)
    ctx.structs.add((naming.module_name(ctx.tf_type), name))
    items = [f"{naming.argument_name(key)}={_value(item, ctx, indent + INDENT, path + (key,))}"
             for key, item in body.items() if not _omitted(item, ctx.shapes.get(path + (key,)))]
    return _join(items, f"{name}(", ")", indent)


def _with_secrets(resource: CodifiedResource, parameters: dict[str, str]) -> dict[str, Any]:
    """The arguments with each sensitive one set to its constructor parameter (``parameters``: path -> name)."""
    arguments = _copy(resource.arguments)
    for path, parameter in parameters.items():
        target: Any = arguments
        keys = [int(p) if p.isdigit() else p for p in path.split(".")]
        for key, following in zip(keys, keys[1:]):
            if isinstance(key, int):
                while len(target) <= key:
                    target.append({})
                target = target[key]
            else:
                target = target.setdefault(key, [] if isinstance(following, int) else {})
        target[keys[-1]] = _Parameter(parameter)
    return arguments


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _traversal(path: str) -> str:
    """``environment.0.variables`` -> ``environment[0].variables`` (Terraform's attribute path)."""
    return re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", path)


@dataclass(frozen=True)
class _Parameter:
    """A constructor parameter standing for a value (a secret)."""

    name: str


def _order(resources: tuple[CodifiedResource, ...]) -> list[CodifiedResource]:
    """Resources so that each comes after those it references (ties: the given order)."""
    by_address = {resource.address: resource for resource in resources}
    needs = {r.address: sorted({ref.address for ref in _references(r.arguments)} & set(by_address) - {r.address})
             for r in resources}
    ordered: list[CodifiedResource] = []
    done: set[str] = set()
    while len(ordered) < len(resources):
        ready = [r for r in resources if r.address not in done and all(n in done for n in needs[r.address])]
        if not ready:
            cycle = sorted(a for a in by_address if a not in done)
            raise EmitError(f"the codified resources reference each other in a cycle: {', '.join(cycle[:6])}")
        ordered.append(ready[0])
        done.add(ready[0].address)
    return ordered


def _references(value: Any):
    if isinstance(value, Reference):
        yield value
    elif isinstance(value, Template):
        yield from value.references()
    elif isinstance(value, dict):
        for item in value.values():
            yield from _references(item)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


def _resource(resource: CodifiedResource, attribute: str, ctx: _Context, secrets: dict[str, str]) -> str:
    indent = INDENT * 2
    arguments = _with_secrets(resource, secrets)
    lines = [f"{indent}# {line}" for note in resource.comments
             for line in textwrap.wrap(note, WIDTH - len(indent) - 2) or [""]]
    lines += [f"{indent}# {path}: sensitive, never written: the `{name}` parameter" for path, name in secrets.items()]
    lines.append(f"{indent}# import id: {resource.import_id}")
    call = [f'self, "{attribute}"']
    inner = indent + INDENT
    for key, value in arguments.items():
        if _omitted(value, ctx.shapes.get((key,))):
            continue
        call.append(f"{naming.argument_name(key)}={_value(value, ctx, inner, (key,))}")
    if secrets:  # import reads no secret back (or the given one differs): the plan must not change it
        ignored = ", ".join(json.dumps(_traversal(path)) for path in sorted(secrets))
        call.append(f"lifecycle=TerraformResourceLifecycle(ignore_changes=[{ignored}])")
    head = f"{indent}self.{attribute} = {naming.class_name(resource.tf_type)}("
    inline = head + ", ".join(call) + ")"
    if len(inline) <= WIDTH and "\n" not in inline:
        lines.append(inline)
    else:
        lines.append(head)
        lines += [f"{inner}{item}," for item in call]
        lines.append(f"{indent})")
    return "\n".join(lines)


@dataclass(frozen=True)
class Emitted:
    """The module's source, and what the summary reports about it."""

    source: str
    parameters: tuple[str, ...]
    secrets: tuple[str, ...]


def render_module(result: CodifyResult, class_name: str, *, shapes: naming.Shapes | None = None,
                  origin: str = "the live account") -> Emitted:
    """The CDKTF Python module for ``result``: one Construct subclass ``class_name`` holding every
    resource. ``shapes`` (from the provider schema) say which nested blocks are one struct or a list."""
    resources = _order(tuple(sorted(result.resources, key=lambda resource: resource.address)))
    local = naming.member_names((r.address, r.tf_type, r.name) for r in resources)
    outside = sorted({ref for r in resources for ref in _references(r.arguments) if ref.address not in local})
    parameters = {ref: result.external.get(ref) or parameter_for(ref) for ref in outside}
    secret_names = {r.address: {path: secret_parameter(r, path) for path in r.secrets} for r in resources}
    structs: set[tuple[str, str]] = set()
    body, uses_json = [], False
    for resource in resources:
        ctx = _Context(local, parameters, (shapes or {}).get(resource.tf_type, {}), resource.tf_type)
        body.append(_resource(resource, local[resource.address], ctx, secret_names[resource.address]))
        uses_json |= ctx.uses_json
        structs |= ctx.structs
    imports = sorted({(naming.module_name(r.tf_type), naming.class_name(r.tf_type)) for r in resources} | structs)
    by_module: dict[str, list[str]] = {}
    for module, name in imports:
        by_module.setdefault(module, []).append(name)
    reference_names = sorted(set(parameters.values()))
    secret_list = sorted({name for names in secret_names.values() for name in names.values()})
    signature = ["self", "scope: Construct", "construct_id: str"]
    if reference_names or secret_list:
        signature.append("*")
        signature += [f"{name}: str" for name in reference_names] + [f"{name}: Any" for name in secret_list]
    wiring = _join([f'self, "{naming.snake(class_name)}"'] + [f"{name}=..." for name in reference_names + secret_list],
                   f"{class_name}(", ")", INDENT, WIDTH)
    lines = [f'"""{len(resources)} live objects of {origin}, codified by `python -m importer codify`.', "",
             "Review before use. Wire it into a stack with one line, e.g.:", "", INDENT + wiring, "",
             '"""', "", "from __future__ import annotations", ""]
    standard = (["import json"] if uses_json else []) + (["from typing import Any"] if secret_list else [])
    lines += standard + ([""] if standard else [])
    if secret_list:
        lines.append("from cdktf import TerraformResourceLifecycle")
    lines.append("from constructs import Construct")
    for module, names in sorted(by_module.items()):
        lines.append(_import_line(module, names))
    lines += ["", "", f"class {class_name}(Construct):",
              f'{INDENT}"""{len(resources)} resources adopted from {origin}."""', ""]
    head = f"{INDENT}def __init__(" + ", ".join(signature) + ") -> None:"
    if len(head) <= WIDTH:
        lines.append(head)
    else:
        lines.append(f"{INDENT}def __init__(")
        lines += [f"{INDENT * 2}{item}," for item in signature]
        lines.append(f"{INDENT}) -> None:")
    for ref, name in sorted(parameters.items(), key=lambda item: item[1]):  # one line each: tools read them
        lines.append(f"{INDENT * 2}# {name}: {ref.expression} (an object outside this module)")
    for name in secret_list:
        lines.append(f"{INDENT * 2}# {name}: a secret, never in code: pass it from a variable or a secret store")
    lines.append(f"{INDENT * 2}super().__init__(scope, construct_id)")
    for block in body:
        lines += [block]
    source = "\n".join(lines) + "\n"
    return Emitted(source, tuple(reference_names), tuple(secret_list))


def _import_line(module: str, names: list[str]) -> str:
    line = f"from {naming.BINDINGS}.{module} import {', '.join(names)}"
    if len(line) <= WIDTH:
        return line
    return f"from {naming.BINDINGS}.{module} import (\n" + "".join(f"{INDENT}{n},\n" for n in names) + ")"


@dataclass(frozen=True)
class Counts:
    """What a resource's arguments hold: references, literal values, and literals that look like
    AWS identifiers (ARNs, ``sg-0abc…``-style IDs, URLs of queues): those a reviewer should look at."""

    references: int = 0
    literals: int = 0
    literal_ids: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.references + other.references, self.literals + other.literals,
                      self.literal_ids + other.literal_ids)


_ID_LIKE = re.compile(r"^(arn:aws[\w-]*:|https://sqs\.|[a-z]+-[0-9a-f]{8,17}$|(app|net|targetgroup)/[\w-]+/[0-9a-f]{16}$)")


def value_counts(value: Any) -> Counts:
    """Counts over one argument value (or a resource's whole arguments)."""
    if isinstance(value, Reference):
        return Counts(references=1)
    if isinstance(value, Template):
        return Counts(references=len(value.references()))
    if isinstance(value, dict):
        return sum((value_counts(item) for item in value.values()), Counts())
    if isinstance(value, list):
        return sum((value_counts(item) for item in value), Counts())
    if value is None:
        return Counts()
    return Counts(literals=1, literal_ids=int(isinstance(value, str) and bool(_ID_LIKE.match(value))))
