"""Helpers of the codify round trips (tests/stacks/test_codify_roundtrip.py).

One account for every case: the hand-built prod account, built once, brought into state once with
the importer's own gate (plan, verify, apply --batch all of the full prod config). A case then puts
that state back without one construct's entries (a new serial, same lineage, through the emulator's
S3: the backend the config names), synthesizes prod without the construct, codifies what is now
unmanaged and synthesizes prod with the generated module in its place, the rest of the stack rewired
to it as a user would (every reference to a removed resource now names the generated resource holding
the same live object, so ``network.vpc.id`` reads the generated VPC)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from tests.tools import PROJECT_ROOT

PARAMETER = re.compile(r"^\s+# (\w+): (aws_\w+)\.(\w+)\.([\w.]+) \(an object outside this module\)$", re.M)
SECRET = re.compile(r"^\s+# (\w+): a secret, never in code", re.M)
SECRET_OF = re.compile(r"^\s+# ([\w.]+): sensitive, never written: the `(\w+)` parameter\n(?:\s+#.*\n)*?"
                       r"\s+# import id: (.+)$", re.M)
GENERATED = re.compile(r"^\s+# import id: (.+)\n\s+self\.(\w+) = ", re.M)
TOTAL = re.compile(r"total\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)")
_INTERPOLATION = re.compile(r"\$\{((?:[^{}]|\{[^{}]*\})*)\}")
_TRAVERSAL = re.compile(r"(?<![\w.])((?:data\.)?aws_\w+\.\w+)((?:\.[A-Za-z_]\w*|\[\d+\])+)")


def importer(env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess:
    """``python -m importer ARGS`` in the project root with ``env``."""
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=dict(env),
                          capture_output=True, text=True, timeout=1800)


@dataclass
class Account:
    """The built account with the whole prod stack in state."""

    env: dict[str, str]  # the importer's environment (emulator + Terraform mirror)
    environ: dict[str, str]  # the Terraform environment build_account used
    records: list  # builder records (type, import_id, code_path)
    inventory: Path  # discovery of every supported type
    full_config: dict[str, Any]
    full_state: dict[str, Any]
    bucket: str
    key: str


def synth(emulator, outdir: Path):
    """(app, prod stack) built for the emulator into ``outdir`` (not synthesized yet)."""
    from stacks.app import build_app
    from stacks.config import PROD
    from stacks.settings import ProviderSettings

    app, stacks = build_app([PROD], ProviderSettings(endpoint_url=emulator.endpoint), outdir=outdir)
    return app, stacks[PROD.name]


def stack_dir(outdir: Path) -> Path:
    """The synthesized prod stack's directory."""
    from stacks.config import PROD

    return outdir / "stacks" / PROD.name


def addresses_of(config: Mapping[str, Any], construct: str) -> set[str]:
    """Resource and data addresses whose construct path starts with ``construct/``."""
    found = set()
    for kind, prefix in (("resource", ""), ("data", "data.")):
        for tf_type, instances in config.get(kind, {}).items():
            for name, body in instances.items():
                path = body.get("//", {}).get("metadata", {}).get("path", "")
                if path.split("/", 1)[-1].startswith(f"{construct}/"):
                    found.add(f"{prefix}{tf_type}.{name}")
    return found


def _state_address(resource: Mapping[str, Any]) -> str:
    return f"{'data.' if resource.get('mode') == 'data' else ''}{resource['type']}.{resource['name']}"


def put_state_without(account: Account, emulator, construct: str) -> set[str]:
    """Write the full state minus ``construct``'s entries into the backend (serial bumped); return
    the addresses removed."""
    s3 = emulator.client("s3")
    current = json.loads(s3.get_object(Bucket=account.bucket, Key=account.key)["Body"].read())
    dropped = addresses_of(account.full_config, construct)
    state = dict(account.full_state)
    state["resources"] = [r for r in state["resources"] if _state_address(r) not in dropped]
    state["serial"] = max(current["serial"], account.full_state["serial"]) + 1
    s3.put_object(Bucket=account.bucket, Key=account.key, Body=json.dumps(state, indent=2).encode())
    return dropped


def _state_values(state: Mapping[str, Any]) -> dict[str, Any]:
    return {_state_address(r): r["instances"][0]["attributes"] for r in state["resources"] if r.get("instances")}


def _walk(value: Any, steps: str) -> Any:
    for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", steps):
        value = value[int(index)] if index else value[name]
    return value


def resolve_dangling(config: dict[str, Any], state: Mapping[str, Any]) -> list[str]:
    """Replace every reference to an address the config no longer declares by the value the full
    state holds for it (what a user's hard-coded stop-gap would write), and drop such addresses from
    ``depends_on``; return the references replaced (sorted)."""
    declared = {f"{tf_type}.{name}" for tf_type, items in config.get("resource", {}).items() for name in items}
    declared |= {f"data.{tf_type}.{name}" for tf_type, items in config.get("data", {}).items() for name in items}
    values = _state_values(state)
    replaced: set[str] = set()

    def literal(address: str, steps: str) -> Any:
        replaced.add(address + steps)
        return _walk(values[address], steps)

    def in_expression(match: re.Match) -> str:
        if match.group(1) in declared:
            return match.group(0)
        return json.dumps(literal(match.group(1), match.group(2)))

    def fix(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (v if k == "//" else [d for d in v if d in declared] if k == "depends_on" else fix(v))
                    for k, v in value.items()}
        if isinstance(value, list):
            return [fix(item) for item in value]
        if not isinstance(value, str) or "${" not in value:
            return value
        whole = _TRAVERSAL.fullmatch(value[2:-1]) if value.startswith("${") and value.endswith("}") else None
        if whole and whole.group(1) not in declared and _INTERPOLATION.fullmatch(value):
            return literal(whole.group(1), whole.group(2))

        def interpolation(match: re.Match) -> str:
            single = _TRAVERSAL.fullmatch(match.group(1))
            if single and single.group(1) not in declared:
                text = literal(single.group(1), single.group(2))
                return str(text).replace("${", "$${") if isinstance(text, str) else json.dumps(text)
            return "${" + _TRAVERSAL.sub(in_expression, match.group(1)) + "}"

        return _INTERPOLATION.sub(interpolation, value)

    for kind in ("resource", "data", "output", "locals"):
        if kind in config:
            config[kind] = fix(config[kind])
    return sorted(replaced)


def synth_without(emulator, outdir: Path, construct: str, state: Mapping[str, Any]) -> tuple[Path, list[str]]:
    """Prod without ``construct``, its dangling references resolved to live values; (dir, references)."""
    app, stack = synth(emulator, outdir)
    assert stack.node.try_remove_child(construct), construct
    app.synth()
    path = stack_dir(outdir) / "cdk.tf.json"
    config = json.loads(path.read_text())
    replaced = resolve_dangling(config, state)
    path.write_text(json.dumps(config, indent=2))
    return path.parent, replaced


def synth_with(emulator, outdir: Path, construct: str, module: Path, class_name: str, records: list,
               full_config: Mapping[str, Any]) -> tuple[Path, dict[str, str]]:
    """Prod with the generated ``module`` in place of ``construct`` (its parameters wired from the
    stack's resources the module's comments name, secrets given from outside), every removed
    reference to a removed resource renamed to the generated one with its import ID; (dir, old address ->
    generated address)."""
    from cdktf import TerraformResource

    app, stack = synth(emulator, outdir)
    removed = stack.node.find_child(construct)
    assert stack.node.try_remove_child(construct)
    spec = importlib.util.spec_from_file_location(f"adopted_{construct}", module)
    generated = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generated)
    source = module.read_text()
    resources = {f"{c.terraform_resource_type}.{c.friendly_unique_id}": c for c in stack.node.find_all()
                 if isinstance(c, TerraformResource)}
    import_ids = {(r.type, r.code_path): r.import_id for r in records if r.code_path}
    # (type, import ID) pairs: a bucket and its sub-resources share one import ID
    old = {(r.terraform_resource_type, import_ids.get((r.terraform_resource_type, r.node.path.split("/", 1)[1]))): r
           for r in removed.node.find_all() if isinstance(r, TerraformResource)}
    wiring: dict[str, Any] = {name: getattr(resources[f"{tf_type}.{address}"], attribute)
                              for name, tf_type, address, attribute in PARAMETER.findall(source)}
    # secrets come from outside: what the stack gave the removed resource (a task definition's
    # container definitions must be valid even under ignore_changes), else a stand-in
    given = {}
    for path, name, import_id in SECRET_OF.findall(source):
        owner = next((r for (_, held), r in old.items() if held == import_id), None) if "." not in path else None
        given[name] = getattr(owner, f"{path}_input", None) if owner is not None else None  # the value configured
    wiring |= {name: given.get(name) or "given-from-outside" for name in SECRET.findall(source)}
    adopted = getattr(generated, class_name)(stack, f"adopted_{construct}", **wiring)
    by_id = {(getattr(adopted, attribute).terraform_resource_type, import_id): getattr(adopted, attribute)
             for import_id, attribute in GENERATED.findall(source)}
    renamed: dict[str, str] = {}  # old address (as the full stack named it) -> generated address
    for address in sorted(addresses_of(full_config, construct)):
        path = full_config["resource"].get(address.split(".")[0], {}).get(address.split(".", 1)[1], {})
        path = path.get("//", {}).get("metadata", {}).get("path", "/").split("/", 1)[1]
        target = by_id.get((address.split(".")[0], import_ids.get((address.split(".")[0], path), "")))
        if target is not None:
            renamed[address] = f"{target.terraform_resource_type}.{target.friendly_unique_id}"
    app.synth()
    # The rest of the stack read the removed resources' tokens when it was built, so their addresses
    # are fixed in it already: rename them to the generated resources (what rewiring by hand gives).
    path = stack_dir(outdir) / "cdk.tf.json"
    if renamed:
        pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in sorted(renamed)) + r")(?!\w)")
        path.write_text(pattern.sub(lambda m: renamed[m.group(1)], path.read_text()))
    return path.parent, renamed


def importer_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The process environment without the caller's AWS settings, plus ``environ`` (tables not cut)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | dict(environ) | {"COLUMNS": "200"}
