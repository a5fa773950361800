"""The codify engine: live objects -> CodifyResult, with values from what the provider itself reads.

One sandbox directory, one ``terraform init`` and a few plans for every object at once:
1. a provider block and one ``import`` block per object; ``plan -generate-config-out`` writes
   ``generated.tf`` (which fails validation in known places);
2. line edits of that file (:mod:`importer.codify.clean`) until Terraform accepts it, removing what
   its own errors name (bounded); then ``plan -out`` + ``show -json`` give each generated argument
   (``configuration...expressions`` names them, the planned values hold them) — no HCL parser;
3. cleaning on values, secrets left out, references (:mod:`importer.codify.references`);
4. the cleaned configuration as ``.tf.json`` (references to codified resources as interpolations)
   planned again; an argument the plan would still change is dropped with a comment (bounded).
The emulator or AWS is reached through the environment given (``AWS_ENDPOINT_URL``...).

Speed (``benchmarks/codify.py``; :class:`Tuning`, same result whatever the tuning): after ``init`` one
provider process serves every command (:mod:`importer.terraform.provider_server`), plans run with a
higher ``-parallelism``, a check round after the first plans only what the last one changed, and
check rounds end once one drops nothing."""

from __future__ import annotations

import json
import re
import shutil
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from importer.codify import clean
from importer.codify.model import CodifiedResource, CodifyResult, Reference, Template
from importer.codify.references import Target, declared_references, find_cycle, references_of, resolve, \
    target_identifiers
from importer.desired.evaluated import first_error, terraform_environ
from importer.discovery.inventory import LiveObject
from importer.ids import TfAddress
from importer.specs.facts import all_facts
from importer.terraform.provider_server import served_provider
from importer.terraform.runner import Terraform, TerraformError

PROVIDER_VERSION = ">= 5.100.0, < 7.0.0"
MAX_ROUNDS = 6
_PLAN = "codify.tfplan"


class CodifyError(RuntimeError):
    """Terraform could not generate or plan the configuration (its first error in one line)."""


def construct_names(objects: Sequence[LiveObject]) -> dict[tuple[str, str], str]:
    """(type, import ID) -> a snake_case name unique within its type, from the object's name, Name
    tag or ID; ties numbered in import-ID order (deterministic)."""
    names: dict[tuple[str, str], str] = {}
    used: set[tuple[str, str]] = set()
    for item in sorted(objects, key=lambda o: (o.type, o.import_id)):
        attributes = item.attributes or {}
        tags = attributes.get("tags") if isinstance(attributes.get("tags"), dict) else {}
        raw = next((str(v) for v in (attributes.get("name"), (item.identity or {}).get("name"),
                                     (tags or {}).get("Name"), (item.identity or {}).get("tags.Name"),
                                     item.import_id) if v), item.import_id)
        raw = raw.rstrip("/").split("/")[-1] if raw.startswith(("arn:", "http")) else raw
        base = re.sub(r"[^a-z0-9]+", "_", raw.lower()).strip("_") or "object"
        base = base if base[0].isalpha() else f"r_{base}"
        name, number = base, 2
        while (item.type, name) in used:
            name, number = f"{base}_{number}", number + 1
        used.add((item.type, name))
        names[(item.type, item.import_id)] = name
    return names


def _escape(value: Any) -> Any:
    """A literal for Terraform's JSON syntax: ``${`` and ``%{`` are not interpolations."""
    if isinstance(value, str):
        return value.replace("${", "$${").replace("%{", "%%{")
    if isinstance(value, list):
        return [_escape(v) for v in value]
    if isinstance(value, dict):
        return {k: _escape(v) for k, v in value.items()}
    return value


def _as_json(value: Any, literal: Mapping[Reference, str], codified: set[str]) -> Any:
    """A value for the check configuration: references to codified resources as interpolations,
    references into the code (not in the sandbox) as their literal values."""
    if isinstance(value, Reference):
        return f"${{{value.expression}}}" if value.address in codified else _escape(literal[value])
    if isinstance(value, Template):
        return "".join(_as_json(p, literal, codified) if isinstance(p, Reference) else _escape(p) for p in value.parts)
    if isinstance(value, list):
        return [_as_json(v, literal, codified) for v in value]
    if isinstance(value, dict):
        return {k: _as_json(v, literal, codified) for k, v in value.items()}
    return _escape(value)


def _generated_values(expressions: Any, values: Any) -> Any:
    """The planned values of exactly the arguments the configuration sets (blocks recursed)."""
    if isinstance(expressions, list):
        items = values if isinstance(values, list) else []
        return [_generated_values(e, items[i] if i < len(items) else {}) for i, e in enumerate(expressions)]
    if _is_block(expressions):
        values = values if isinstance(values, dict) else {}
        return {key: _generated_values(item, values.get(key)) for key, item in expressions.items()}
    return values


def _is_block(expression: Any) -> bool:
    """A single nested block's expressions (an attribute's is ``{constant_value|references}``, or
    ``{}`` for a function call reading nothing, such as ``jsonencode({...})``)."""
    return isinstance(expression, dict) and bool(expression) and not ({"constant_value", "references"} & set(expression))


@dataclass
class RunLog:
    """Every Terraform run of one codify call, in order: (phase, command, seconds). Phases: init,
    generate (plan -generate-config-out), repair (validation rounds), check (import-only plans)."""

    runs: list[tuple[str, str, float]] = field(default_factory=list)

    def seconds(self, phase: str | None = None) -> float:
        """Total seconds of one phase (all phases when None)."""
        return sum(s for p, _, s in self.runs if phase in (None, p))

    def count(self, phase: str | None = None) -> int:
        """Terraform runs of one phase (all when None)."""
        return sum(1 for p, _, _ in self.runs if phase in (None, p))


@dataclass(frozen=True)
class Tuning:
    """How the engine runs Terraform (the result is the same whatever the tuning)."""

    parallelism: int = 10  # Terraform's default
    stop_when_stuck: bool = True  # check rounds end when one drops nothing (else MAX_ROUNDS of the same plan)
    target_rechecks: bool = True  # a check round after the first plans only what the last one changed
    reattach_provider: bool = True  # one provider process for every command after init


BASELINE = Tuning(stop_when_stuck=False, target_rechecks=False, reattach_provider=False)  # the engine before the speed work
FAST = Tuning(parallelism=32)


class _Sandbox:
    def __init__(self, workdir: Path, environ: Mapping[str, str], timeout: int, log: RunLog,
                 tuning: Tuning = BASELINE) -> None:
        self.root = Path(workdir).resolve() / "codify"
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.terraform = Terraform(self.root, terraform_environ(environ), timeout_seconds=timeout)
        self.log, self.phase, self.tuning = log, "init", tuning
        self._served = ExitStack()

    def _timed(self, command: str, call):
        started = time.monotonic()
        try:
            return call()
        finally:
            self.log.runs.append((self.phase, command, time.monotonic() - started))

    def init(self) -> None:
        """``terraform init``; then, when tuned so, one provider process serves every later command."""
        self._timed("init", self.terraform.init)
        if self.tuning.reattach_provider:
            reattach = self._served.enter_context(served_provider(self.root, self.terraform.environ))
            self.terraform = replace(self.terraform, environ={**self.terraform.environ, **reattach})

    def close(self) -> None:
        """Stop the provider process, if one was started."""
        self._served.close()

    def write(self, name: str, content: Any) -> None:
        text = content if isinstance(content, str) else json.dumps(content, indent=1, sort_keys=True) + "\n"
        (self.root / name).write_text(text)

    def remove(self, name: str) -> None:
        (self.root / name).unlink(missing_ok=True)

    def plan(self, *extra: str) -> tuple[bool, str]:
        result = self._timed("plan", lambda: self.terraform.run(
            "plan", "-input=false", "-no-color", "-lock=false", f"-out={_PLAN}", *self._parallelism(), *extra,
            check=False))
        return result.returncode == 0, result.stderr or ""

    def _parallelism(self) -> list[str]:
        return [] if self.tuning.parallelism == BASELINE.parallelism else [f"-parallelism={self.tuning.parallelism}"]

    def show(self) -> dict[str, Any]:
        return self._timed("show", lambda: self.terraform.show_json(_PLAN))


def codify(objects: Sequence[LiveObject], *, region: str, environ: Mapping[str, str], workdir: Path,
           in_code: Mapping[str, str] = {}, known: Sequence[LiveObject] = (), timeout: int = 1800,
           log: RunLog | None = None, tuning: Tuning = FAST) -> CodifyResult:
    """Codify ``objects``. ``in_code`` maps an address already in the code to the live import ID it
    holds (plan.json's managed/imported entries); ``known`` are the inventory's objects, to read
    those targets' ARNs and names; ``log`` receives every Terraform run with its phase and time.
    Nothing is written outside ``workdir``."""
    names = construct_names(objects)
    by_address = {f"{o.type}.{names[(o.type, o.import_id)]}": o for o in objects}
    box = _Sandbox(workdir, environ, timeout, log if log is not None else RunLog(), tuning)
    box.write("main.tf.json", _root_config(region, by_address))
    try:
        box.init()
    except TerraformError as error:
        raise CodifyError(f"terraform init: {first_error(str(error))}") from error
    try:
        return _codify_in(box, by_address, region=region, in_code=in_code, known=known, tuning=tuning)
    finally:
        box.close()


def _codify_in(box: "_Sandbox", by_address: dict[str, LiveObject], *, region: str, in_code: Mapping[str, str],
               known: Sequence[LiveObject], tuning: Tuning) -> CodifyResult:
    """Generate, repair, read, clean and check in the initialised sandbox ``box``."""
    skipped: list[str] = []
    box.phase = "generate"
    box.plan("-generate-config-out=generated.tf")
    if not (box.root / "generated.tf").exists():
        raise CodifyError("terraform plan -generate-config-out wrote nothing")
    blocks = clean.split_generated((box.root / "generated.tf").read_text())
    notes: dict[str, list[str]] = {address: [] for address in by_address}
    blocks = {address: clean.prune_generated(address.split(".")[0], lines) for address, lines in blocks.items()}
    box.phase = "repair"
    for _ in range(MAX_ROUNDS):
        box.write("generated.tf", clean.render_generated(blocks))
        ok, errors = box.plan()
        if ok:
            break
        removals, unresolved = clean.error_removals(errors)
        for removal in clean.apply_removals(blocks, removals):
            notes[removal.address].append(f"{removal.path}: dropped ({removal.reason})")
        if not removals and not unresolved:  # errors naming nothing removable: leave those objects out
            unresolved = sorted({(a, "not accepted by Terraform") for a in re.findall(r"with ([\w.]+),", errors)})
        progress = bool(removals) or bool(unresolved)
        for address, error in unresolved:
            if address in blocks:
                del blocks[address], by_address[address]
                skipped.append(f"{address}: {error}")
        if not progress:
            raise CodifyError(f"generated configuration not accepted: {first_error(errors)}")
        box.write("main.tf.json", _root_config(region, by_address))
    else:
        raise CodifyError(f"generated configuration still not accepted after {MAX_ROUNDS} rounds")
    plan = box.show()
    arguments, comments, secrets, identifiers = _read_generated(plan, by_address)
    for address in arguments:
        comments[address] = notes[address] + comments[address]
    targets = [Target(a, a.split(".")[0], identifiers[a]) for a in sorted(arguments)]
    targets += _code_targets(in_code, known)
    literal = {Reference(t.address, attribute): value for t in targets for attribute, value in t.identifiers.items()}
    resolved = _references(arguments, targets)
    box.remove("generated.tf")
    box.phase = "check"
    targets: list[str] = []
    for _ in range(MAX_ROUNDS):
        box.write("codified.tf.json", _check_config(resolved, secrets, literal))
        ok, errors = box.plan(*(f"-target={address}" for address in targets))
        if not ok:
            raise CodifyError(f"cleaned configuration not accepted: {first_error(errors)}")
        changing = _changing(box.show(), resolved)
        if not changing:
            break
        dropped = False
        for address, names_changed in changing.items():
            for name in names_changed:
                if name in resolved[address]:
                    comments[address].append(f"{name}: dropped (import reads it back otherwise; the plan would change it)")
                    del resolved[address][name]
                    dropped = True
        if not dropped and tuning.stop_when_stuck:  # the same configuration plans the same way again
            break
        # what planned no-op keeps its configuration, and what it reads planned no-op: plan the rest again
        targets = sorted(changing) if tuning.target_rechecks else []
    if changing:
        for address in sorted(changing):  # left out, with the reason, rather than codified unclean
            skipped.append(f"{address}: the import plan still changes {', '.join(changing[address])}")
            del resolved[address]
    codified = set(resolved)
    external = {ref: f"{TfAddress.parse(ref.address).name.lower()}_{ref.attribute}"
                for address in sorted(resolved) for ref in references_of(resolved[address])
                if ref.address not in codified}
    resources = tuple(CodifiedResource(tf_type=address.split(".")[0], name=address.split(".", 1)[1],
                                       import_id=by_address[address].import_id, arguments=resolved[address],
                                       comments=tuple(comments[address]), secrets=tuple(sorted(secrets[address])))
                      for address in sorted(resolved))
    shutil.rmtree(box.root, ignore_errors=True)  # generated.tf and plan files hold values read live
    return CodifyResult(resources=resources, external=dict(sorted(external.items())), skipped=tuple(sorted(skipped)))


def _root_config(region: str, by_address: Mapping[str, LiveObject]) -> dict[str, Any]:
    return {
        "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": PROVIDER_VERSION}}},
        "provider": {"aws": {"region": region, "max_retries": 2, "s3_use_path_style": True,
                             "skip_credentials_validation": True, "skip_metadata_api_check": True}},
        "import": [{"to": address, "id": by_address[address].import_id} for address in sorted(by_address)],
    }


def _read_generated(plan: Mapping[str, Any], by_address: Mapping[str, LiveObject]):
    """Per address: cleaned arguments, comments, secrets, and the identifiers it exposes."""
    changes = {c["address"]: c.get("change", {}) for c in plan.get("resource_changes", [])}
    arguments, comments, secrets, identifiers = {}, {}, {}, {}
    for resource in plan.get("configuration", {}).get("root_module", {}).get("resources", []):
        address = resource["address"]
        if address not in by_address:
            continue
        change = changes.get(address, {})
        after = change.get("after") or {}
        expressions = resource.get("expressions", {}) or {}
        values = clean.as_read(address.split(".")[0], _generated_values(expressions, after),
                               change.get("before") or {})
        blocks = frozenset(k for k, e in expressions.items() if isinstance(e, list) or _is_block(e))
        arguments[address], comments[address], secrets[address] = clean.clean_values(
            address.split(".")[0], values, change.get("after_sensitive") or {}, blocks)
        identifiers[address] = target_identifiers(by_address[address].import_id, after)
    return arguments, comments, secrets, identifiers


def _code_targets(in_code: Mapping[str, str], known: Iterable[LiveObject]) -> list[Target]:
    by_id = {(o.type, o.import_id): o for o in known}
    targets = []
    for address in sorted(in_code):
        tf_type = str(TfAddress.parse(address).type)
        item = by_id.get((tf_type, in_code[address]))
        attributes = dict(item.attributes) if item else {}
        targets.append(Target(address, tf_type, target_identifiers(in_code[address], attributes)))
    return targets


def _references(arguments: Mapping[str, dict[str, Any]], targets: list[Target]) -> dict[str, dict[str, Any]]:
    """References resolved for every codified resource; an edge closing a cycle among codified
    resources stays literal (Terraform refuses cycles)."""
    declared = declared_references()
    forbidden: dict[str, set[str]] = {address: set() for address in arguments}
    while True:
        resolved = {address: resolve(address, address.split(".")[0], arguments[address], targets, declared,
                                     frozenset(forbidden[address])) for address in sorted(arguments)}
        edges = {a: {r.address for r in references_of(v) if r.address in arguments} for a, v in resolved.items()}
        cycle = find_cycle(edges)
        if cycle is None:
            return resolved
        source = max(cycle)
        forbidden[source].add(cycle[(cycle.index(source) + 1) % len(cycle)])


def _check_config(resolved, secrets, literal) -> dict[str, Any]:
    codified = set(resolved)
    resources: dict[str, dict[str, Any]] = {}
    for address in sorted(resolved):
        tf_type, name = address.split(".", 1)
        body = _as_json(resolved[address], literal, codified)
        facts = clean.type_facts(tf_type)
        body.update({key: facts.placeholders[key] for key in secrets[address] if key in facts.placeholders})
        if secrets[address]:
            body["lifecycle"] = {"ignore_changes": sorted(secrets[address])}
        resources.setdefault(tf_type, {})[name] = body
    return {"resource": resources}


def _changing(plan: Mapping[str, Any], resolved: Mapping[str, Any]) -> dict[str, list[str]]:
    """address -> top-level arguments the plan would change (anything but an import-only no-op)."""
    found = {}
    for change in plan.get("resource_changes", []):
        detail = change.get("change", {})
        if change["address"] not in resolved or detail.get("actions") in (["no-op"], ["read"]):
            continue
        before, after = detail.get("before") or {}, detail.get("after") or {}
        # arguments that touch only state (verify's gate accepts them) are not changes to AWS
        state_only = set(all_facts()[change["type"]].state_only) if detail.get("actions") == ["update"] \
            and change.get("type") in all_facts() else set()
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and k not in state_only)
        if changed:
            found[change["address"]] = changed
    return found
