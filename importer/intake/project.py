"""What intake reads of a hand-written Terraform folder: its root ``.tf`` files and its module calls
as Terraform itself resolves them (``terraform get`` in a scratch copy: ``.terraform/modules/
modules.json``), never by re-implementing the language. The user's folder is only read."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Mapping

from importer.terraform.runner import Terraform, TerraformError

_VARIABLE = re.compile(r'(?m)^\s*variable\s+"([^"]+)"')
_MODULE_BLOCK = re.compile(r'(?m)^\s*module\s+"')
_SKIPPED = shutil.ignore_patterns(".terraform", ".git", "*.tfstate", "*.tfstate.backup", ".terraform.lock.hcl")


class IntakeError(ValueError):
    """The folder cannot be converted; the message is one line."""


@dataclass(frozen=True)
class ModuleCall:
    """One ``module`` block of the root module: its name, source (and version), where Terraform put
    it (relative to the root, local sources only) and the input variables the module declares."""

    name: str
    source: str
    version: str | None = None
    directory: str | None = None
    inputs: tuple[str, ...] = ()

    @property
    def local(self) -> bool:
        """True for a ``./`` or ``../`` source (copied beside the generated module)."""
        return self.directory is not None


@dataclass(frozen=True)
class HclProject:
    """A Terraform folder to convert: its root files (name -> text, sorted) and module calls."""

    root: Path
    files: Mapping[str, str]
    modules: tuple[ModuleCall, ...] = ()

    @property
    def text(self) -> str:
        """The root module as one HCL text (the converter reads one file; blocks do not depend on
        which file they are in)."""
        return "\n".join(f"# {name}\n{body.rstrip()}\n" for name, body in self.files.items())

    def module(self, name: str) -> ModuleCall | None:
        """The root module call named ``name``."""
        return next((call for call in self.modules if call.name == name), None)


def _is_local(source: str) -> bool:
    return source.startswith(("./", "../"))


def _inputs(directory: Path) -> tuple[str, ...]:
    names = {name for path in sorted(directory.glob("*.tf")) for name in _VARIABLE.findall(path.read_text())}
    return tuple(sorted(names))


def _module_calls(root: Path, manifest: Mapping) -> tuple[ModuleCall, ...]:
    entries = [entry for entry in manifest.get("Modules", []) if entry.get("Key")]
    calls = []
    copied = [PurePosixPath(e["Dir"]) for e in entries if "." not in e["Key"] and _is_local(e.get("Source", ""))]
    for entry in sorted(entries, key=lambda e: e["Key"]):
        source, key, directory = entry.get("Source", ""), entry["Key"], PurePosixPath(entry.get("Dir", "."))
        local = _is_local(source)
        if local and (directory.is_absolute() or ".." in directory.parts):
            raise IntakeError(f"module {key}: source {source} lies outside {root}: intake copies only modules "
                              f"inside the folder it converts")
        if "." in key:  # a module inside a module: it must travel with a copied module directory
            if local and not any(directory == c or c in directory.parents for c in copied):
                raise IntakeError(f"module {key}: its source {source} is outside every module the root calls: "
                                  f"intake cannot copy it with them")
            continue
        calls.append(ModuleCall(name=key, source=source, version=entry.get("Version") or None,
                                directory=str(directory) if local else None,
                                inputs=_inputs(root / directory) if local else ()))
    return tuple(calls)


def read_project(root: Path, scratch: Path, environ: Mapping[str, str]) -> HclProject:
    """Read the folder ``root`` (its ``.tf`` files; module calls, when it has any, resolved by
    ``terraform get`` in a copy under ``scratch``). Raises IntakeError with one line when there is nothing to convert."""
    if not root.is_dir():
        raise IntakeError(f"{root} is not a directory")
    files = {path.name: path.read_text() for path in sorted(root.glob("*.tf")) if path.is_file()}
    json_files = sorted(path.name for path in root.glob("*.tf.json"))
    if json_files:
        raise IntakeError(f"{root / json_files[0]}: the converter reads HCL only; convert the .tf.json files by "
                          f"hand or give plan --config {root} directly")
    if not files:
        raise IntakeError(f"{root} holds no .tf file: nothing to convert")
    if not any(_MODULE_BLOCK.search(text) for text in files.values()):
        return HclProject(root=root, files=files)  # no module call: nothing for Terraform to resolve
    copy = scratch / "project"
    shutil.copytree(root, copy, ignore=_SKIPPED, symlinks=False)
    try:
        Terraform(copy, environ, timeout_seconds=300).run("get", "-no-color")
    except TerraformError as error:
        raise IntakeError(f"terraform get (to resolve the module calls) failed: "
                          f"{' '.join(str(error).split())[-400:]}") from error
    manifest_path = copy / ".terraform" / "modules" / "modules.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    return HclProject(root=root, files=files, modules=_module_calls(copy, manifest))
