"""The instance-level reader: Terraform itself evaluates the configuration (modules, count/for_each,
variables, locals, data sources) in a sandbox with an empty state, and every planned resource
instance becomes one DesiredResource.

A body holds the instance's known planned values (sensitive ones left out). An attribute Terraform
cannot know before apply (``vpc_id = aws_vpc.this.id``) holds a reference string
``${<instance address>.<attribute>}`` resolved from the configuration's references
(:mod:`importer.desired.resolve`); when the instance cannot be told (a reference to a whole
count/for_each resource without a matching key) it holds a sorted list of every candidate's
reference string instead. Instances read for values Terraform already knew (a queue's name) are
listed in ``depends_on``, with the block's own ``depends_on``, so the dependency graph keeps them.

Limits of what the plan JSON tells: an expression's text is not in it, only what it reads. A single
reference string says the value is computed from that one attribute (``"${aws_vpc.a.id}-x"`` reads
the same as ``aws_vpc.a.id``); a list says it reads several instances or one of several; a traversal
through a computed index (``aws_subnet.a[count.index].id``) is reported without its attribute, so the
reference names the whole instance (``${aws_subnet.a[0]}``); values read through ``local`` are not
followed (locals are not in the plan JSON). Import blocks in the configuration are planned too (the
provider reads those objects)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

from importer.desired.config import ConfigError, DesiredConfig, DesiredResource
from importer.discovery.inventory import sensitive_path
from importer.desired.expressions import references_in
from importer.desired.resolve import Resolver
from importer.desired.sandbox import local_backend, prepare
from importer.graph.terraform_graph import reach
from importer.ids import TfAddress
from importer.terraform.runner import Terraform, TerraformError

PLAN_FILE = "evaluate.tfplan"
_DROPPED_ENVIRONMENT = ("TF_DATA_DIR", "TF_CLI_ARGS", "TF_CLI_ARGS_init", "TF_CLI_ARGS_plan", "TF_CLI_ARGS_show",
                        "TF_WORKSPACE")
_ABSENT = object()


class EvaluationError(ConfigError):
    """Terraform could not evaluate the configuration (its own error message is kept)."""


def plan_json(config_path: Path, *, var_files: Iterable[Path] = (), variables: Mapping[str, str] | None = None,
              workdir: Path, environ: Mapping[str, str], timeout_seconds: int = 1800) -> dict[str, Any]:
    """The plan JSON of :func:`evaluation` (without the graph)."""
    return evaluation(config_path, var_files=var_files, variables=variables, workdir=workdir, environ=environ,
                      timeout_seconds=timeout_seconds, graph=False)[0]


def evaluation(config_path: Path, *, var_files: Iterable[Path] = (), variables: Mapping[str, str] | None = None,
               workdir: Path, environ: Mapping[str, str], timeout_seconds: int = 1800,
               graph: bool = True) -> tuple[dict[str, Any], str]:
    """Evaluate ``config_path`` (a ``.tf.json`` file or a directory of ``.tf``/``.tf.json`` files)
    with the real Terraform (``init``, ``plan -refresh=false`` on an empty sandbox state, ``show
    -json``) in ``workdir``, with ``var_files`` and ``variables`` as ``-var-file``/``-var`` give them
    (in that order); ``environ`` is the full process environment Terraform runs with (credentials,
    region, provider mirror). The user's backend and state are never touched. With ``graph``, also
    ``terraform graph`` (the dependency graph ``-target`` follows), else "" in its place."""
    config_path = Path(config_path)
    if not config_path.exists():
        raise ConfigError(f"{config_path}: no such file or directory")
    workdir = Path(workdir).resolve()
    extra = [Path(f) for f in var_files]
    if variables:
        extra.append(write_variables(workdir / "cli-variables.tfvars", variables))
    sandbox = prepare(config_path, workdir, extra, backend=local_backend(workdir / "terraform.tfstate"))
    terraform = Terraform(sandbox.root, terraform_environ(environ), timeout_seconds=timeout_seconds,
                          launch_dir=user_directory(config_path))
    plan_file = str(workdir / PLAN_FILE)
    try:
        terraform.init()
        terraform.plan(plan_file, "-refresh=false", "-lock=false", *(f"-var-file={f}" for f in sandbox.var_files))
        plan = terraform.show_json(plan_file)
        dot = terraform.run("graph", "-no-color").stdout if graph else ""
    except TerraformError as error:
        raise EvaluationError(f"{config_path}: Terraform could not evaluate the configuration: "
                              f"{first_error(str(error))}") from error
    return plan, dot


_LOCATION = re.compile(r"^\s*on (\S+ line \d+)")


def first_error(output: str) -> str:
    """Terraform's first error in one line: ``Error: <summary> (<file> line <n>): <detail>``; the
    output's last line when it holds no ``Error:`` (a timeout, a missing binary)."""
    lines = [line.strip("│╷╵ ").rstrip() for line in output.splitlines()]
    start = next((i for i, line in enumerate(lines) if line.startswith("Error: ")), None)
    if start is None:
        return next((line for line in reversed(lines) if line), "no output")
    summary, location, detail = lines[start], "", []
    for line in lines[start + 1:]:
        if line.startswith("Error: "):
            break
        found = _LOCATION.match(line)
        if found and not location:
            location = f" ({found.group(1).rstrip(':')})"
        elif line and not found and not re.match(r"^\s*\d+:|^\s*[│├└]", line) and not line.startswith(("  ", "(")):
            detail.append(line)
        elif detail and not line:
            break
    return summary + location + (": " + " ".join(detail) if detail else "")


def terraform_environ(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` without what would send Terraform elsewhere than the sandbox (``TF_DATA_DIR``,
    ``TF_WORKSPACE``) or add arguments behind our back (``TF_CLI_ARGS*``)."""
    return {k: v for k, v in environ.items() if k not in _DROPPED_ENVIRONMENT}


def user_directory(config_path: Path) -> Path:
    """Where the user runs Terraform for ``config_path``: its directory (``path.cwd`` there)."""
    path = Path(config_path).resolve()
    return path if path.is_dir() else path.parent


def evaluate(config_path: Path, *, var_files: Iterable[Path] = (), variables: Mapping[str, str] | None = None,
             workdir: Path, environ: Mapping[str, str], timeout_seconds: int = 1800) -> DesiredConfig:
    """The desired instances of ``config_path``: :func:`evaluation` read by :func:`read_plan`."""
    plan, dot = evaluation(config_path, var_files=var_files, variables=variables, workdir=workdir,
                           environ=environ, timeout_seconds=timeout_seconds)
    return read_plan(plan, config_path, reach(dot))


def write_variables(path: Path, variables: Mapping[str, str]) -> Path:
    """``--var name=value`` as a var file (never on a logged command line): a value starting with
    ``[`` or ``{`` is an HCL expression, as Terraform reads it for complex types; else a string."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, value in variables.items():
        text = value.strip()
        lines.append(f"{name} = {text if text[:1] in '[{' else json.dumps(value).replace('${', '$${')}")
    path.write_text("\n".join(lines) + "\n")
    return path


def read_plan(plan: Mapping[str, Any], config_path: Path,
              blocks_reached: Mapping[str, frozenset[str]] | None = None) -> DesiredConfig:
    """The DesiredConfig of a plan JSON (``terraform show -json``) made from ``config_path`` on an
    empty state; backend and import blocks are read from the configuration's own files. With
    ``blocks_reached`` (:func:`importer.graph.terraform_graph.reach`), every instance also depends
    on every instance of the resource blocks its block reaches, as ``-target`` does."""
    changes = {change["address"]: change.get("change", {}) for change in plan.get("resource_changes", [])
               if change.get("mode") == "managed"}
    planned = list(_planned_resources(plan.get("planned_values", {}).get("root_module", {}) or {}))
    addresses = [TfAddress.parse(item["address"]) for item in planned]
    resolver = Resolver(plan.get("configuration", {}) or {}, addresses)
    instances_of: dict[str, list[TfAddress]] = {}
    for address in addresses:
        instances_of.setdefault(address.unkeyed, []).append(address)
    resources = []
    for address, item in zip(addresses, planned):
        context = resolver.context_of(address)
        steps_block = resolver.resource_config(context.steps, str(address.type), address.name)
        unknown = changes.get(item["address"], {}).get("after_unknown", {}) or {}

        def reference(expression: Mapping[str, Any], context=context) -> Any:
            targets = sorted(str(target) for target in resolver.resolve(expression.get("references", []), context))
            return _ABSENT if not targets else targets[0] if len(targets) == 1 else targets

        body = _merge(item.get("values", {}) or {}, unknown, item.get("sensitive_values", {}) or {},
                      steps_block.get("expressions", {}) or {}, reference)
        body = {key: value for key, value in (body if isinstance(body, dict) else {}).items()
                if not sensitive_path(str(address.type), (key,))}  # as discovery redacts them
        depends = _dependencies(resolver, context, steps_block, body)
        reached = (blocks_reached or {}).get(address.unkeyed, frozenset())
        depends = sorted(set(depends) | {str(other) for block in reached for other in instances_of.get(block, ())})
        resources.append(DesiredResource(address, {**body, "depends_on": depends} if depends else body))
    backend, imports = source_facts(config_path)
    provider = (plan.get("configuration", {}).get("provider_config", {}) or {}).get("aws", {}) or {}
    expressions = provider.get("expressions", {}) or {}
    variables = plan.get("variables", {}) or {}
    region = _value(expressions.get("region"), variables)
    blocks = expressions.get("default_tags") or []
    tags = _value(blocks[0].get("tags"), variables) if isinstance(blocks, list) and blocks else None
    return DesiredConfig(path=Path(config_path), resources=tuple(sorted(resources, key=lambda r: r.address)),
                         backend=backend, import_blocks=tuple(imports),
                         default_tags=dict(tags) if isinstance(tags, dict) else None,
                         provider_region=region if isinstance(region, str) else None)


def _expression_references(expression: Any) -> Iterable[list[str]]:
    """The references list of every expression in a block's expressions tree."""
    if _is_expression(expression):
        yield list(expression.get("references", []))
    elif isinstance(expression, Mapping):
        for item in expression.values():
            yield from _expression_references(item)
    elif isinstance(expression, list):
        for item in expression:
            yield from _expression_references(item)


def _dependencies(resolver: Resolver, context: Any, block: Mapping[str, Any], body: Mapping[str, Any]) -> list[str]:
    """Instances the block reads whose values Terraform already knew (so the body holds the value,
    not a reference), and its explicit ``depends_on``: as ``depends_on`` instance addresses."""
    in_body = {str(reference.address) for _, reference in references_in(body)}
    found = set()
    for references in _expression_references(block.get("expressions", {}) or {}):
        found |= {str(target.address) for target in resolver.resolve(references, context)}
    for dependency in block.get("depends_on", []) or []:
        found |= {str(target.address) for target in resolver.resolve([dependency], context)}
    return sorted(found - in_body)


def _planned_resources(module: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    for item in module.get("resources", []) or []:
        if item.get("mode") == "managed":
            yield item
    for child in module.get("child_modules", []) or []:
        yield from _planned_resources(child)


def _value(expression: Any, variables: Mapping[str, Any]) -> Any:
    """A provider argument's value: its constant, or the value of the one root variable it reads."""
    if not isinstance(expression, Mapping):
        return None
    if "constant_value" in expression:
        return expression["constant_value"]
    references = expression.get("references", [])
    if len(references) == 1 and references[0].startswith("var."):
        return (variables.get(references[0][4:]) or {}).get("value")
    return None


def _is_expression(expression: Any) -> bool:
    return isinstance(expression, Mapping) and ("references" in expression or "constant_value" in expression)


def _nested(expression: Any, key: Any) -> Any:
    """The expression of a nested attribute or block (the same expression inside a single one)."""
    if _is_expression(expression):
        return expression
    if isinstance(expression, Mapping):
        return expression.get(key)
    if isinstance(expression, list) and isinstance(key, int) and key < len(expression):
        return expression[key]
    return None


def _merge(value: Any, unknown: Any, sensitive: Any, expression: Any, reference) -> Any:
    """Known values, without sensitive ones, with reference strings where the value is unknown."""
    if sensitive is True:
        return _ABSENT
    if unknown is True:
        return reference(expression) if _is_expression(expression) else _ABSENT
    if isinstance(value, dict) or isinstance(unknown, dict) and value is None:
        value, unknown = value or {}, unknown if isinstance(unknown, dict) else {}
        sensitive = sensitive if isinstance(sensitive, dict) else {}
        merged = {}
        for key in sorted(set(value) | set(unknown)):
            item = _merge(value.get(key), unknown.get(key), sensitive.get(key), _nested(expression, key), reference)
            if item is not _ABSENT and item is not None:
                merged[key] = item
        return merged
    if isinstance(value, list) or isinstance(unknown, list) and value is None:
        value, unknown = value or [], unknown if isinstance(unknown, list) else []
        sensitive = sensitive if isinstance(sensitive, list) else []
        merged_list = []
        for index in range(max(len(value), len(unknown))):
            item = _merge(value[index] if index < len(value) else None, unknown[index] if index < len(unknown) else None,
                          sensitive[index] if index < len(sensitive) else None, _nested(expression, index), reference)
            merged_list.append(None if item is _ABSENT else item)
        return merged_list
    return value


_HCL_BACKEND = re.compile(r'(?m)^\s*backend\s+"([\w-]+)"\s*\{([^{}]*)\}')
_HCL_IMPORT = re.compile(r'(?m)^\s*import\s*\{([^{}]*)\}')
_HCL_STRING = re.compile(r'(?m)^\s*(\w+)\s*=\s*"([^"]*)"')
_HCL_SCALAR = re.compile(r'(?m)^\s*(\w+)\s*=\s*(true|false|-?\d+)\s*$')
_HCL_TO = re.compile(r'(?m)^\s*to\s*=\s*([^\s#]+)')


def source_facts(config_path: Path) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The backend block ({type: {literal arguments}}, {} when none) and the import blocks with a
    literal ``id`` of a configuration's own files (JSON parsed; HCL read for literal values only)."""
    path = Path(config_path)
    files = sorted(f for f in path.iterdir() if f.is_file() and f.name.endswith((".tf", ".tf.json"))) \
        if path.is_dir() else [path]
    backend: dict[str, Any] = {}
    imports: list[dict[str, str]] = []
    for file in files:
        text = file.read_text(errors="replace")
        if file.name.endswith(".json"):
            try:
                document = json.loads(text)
            except json.JSONDecodeError as error:
                raise ConfigError(f"{file}: not JSON ({error.msg} at line {error.lineno})") from error
            blocks = document.get("terraform", {}) if isinstance(document, dict) else {}
            for block in blocks if isinstance(blocks, list) else [blocks]:
                found = block.get("backend") if isinstance(block, dict) else None
                backend = dict(found) if isinstance(found, dict) and found else backend
            imports += [i for i in document.get("import", []) or [] if isinstance(i, dict) and "to" in i and "id" in i]
            continue
        for kind, arguments in _HCL_BACKEND.findall(text):
            values: dict[str, Any] = dict(_HCL_STRING.findall(arguments))
            values.update({k: json.loads(v) for k, v in _HCL_SCALAR.findall(arguments)})
            backend = {kind: values}
        for arguments in _HCL_IMPORT.findall(text):
            strings, to = dict(_HCL_STRING.findall(arguments)), _HCL_TO.search(arguments)
            if to and "id" in strings and "${" not in strings["id"]:
                imports.append({"to": to.group(1), "id": strings["id"]})
    return backend, imports
