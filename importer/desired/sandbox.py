"""A sandbox copy of a Terraform configuration for evaluation: the configuration's own files copied,
everything else beside them linked (modules, Lambda zips, var files), paths outside its directory that
it names relatively (``source = "../../modules/vpc"``) linked at the same relative place, and a
backend override so that Terraform never touches the user's backend or state."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

OVERRIDE_NAME = "zzzz_importer_backend_override.tf.json"
_CONFIG_SUFFIXES = (".tf", ".tf.json")
_VARS_SUFFIXES = (".tfvars", ".tfvars.json")
_NEVER_COPIED = {".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup",
                 "terraform.tfstate.d"}
# string literals that name a relative path: ``"../x"``, ``"./x"``, ``"${path.module}/../x"``
_RELATIVE = re.compile(r'"(?:\$\{path\.module\}/)?(\.{1,2}/[^"$]*)"')


@dataclass(frozen=True)
class Sandbox:
    """Where Terraform runs (``root``) and the var files it is given (copied into the sandbox)."""

    root: Path
    var_files: tuple[Path, ...]


def _is_config(path: Path) -> bool:
    return path.name.endswith(_CONFIG_SUFFIXES)


def _auto_vars(path: Path) -> bool:
    return path.name in ("terraform.tfvars", "terraform.tfvars.json") or path.name.endswith(
        tuple(".auto" + suffix for suffix in _VARS_SUFFIXES))


def _named_paths(directory: Path, files: Iterable[Path]) -> set[Path]:
    """Existing paths that the files name relatively (module sources, files read by functions)."""
    found = set()
    for file in files:
        try:
            text = file.read_text(errors="replace")
        except OSError:
            continue
        for relative in _RELATIVE.findall(text):
            target = Path(os.path.normpath(directory / relative))
            if target.exists():
                found.add(target)
    return found


def referenced_outside(root: Path, files: Iterable[Path]) -> set[Path]:
    """Every path outside ``root`` that the configuration (and the local modules it reaches,
    recursively) names relatively."""
    outside, seen, pending = set(), set(), [(root, list(files))]
    while pending:
        directory, sources = pending.pop()
        for target in _named_paths(directory, sources):
            if not target.is_relative_to(root):
                outside.add(target)
            if target.is_dir() and target not in seen:
                seen.add(target)
                pending.append((target, [f for f in target.iterdir() if f.is_file() and _is_config(f)]))
    return outside


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        return
    target.symlink_to(source.resolve(), target_is_directory=source.is_dir())


def prepare(config_path: Path, workdir: Path, var_files: Iterable[Path] = (), *,
            backend: Mapping[str, Any] | None) -> Sandbox:
    """Lay out ``workdir`` for running Terraform on ``config_path`` (a ``.tf.json`` file, or a
    directory of ``.tf``/``.tf.json`` files); returns where to run it. Nothing is written beside the
    configuration: its files are copied, the rest is linked. ``backend`` (``{"local": {"path":
    ...}}``) overrides the configured backend; None keeps it (only apply writes the real state)."""
    config_path = Path(config_path).resolve()
    root = config_path if config_path.is_dir() else config_path.parent
    own = sorted(f for f in root.iterdir() if f.is_file() and _is_config(f)) if config_path.is_dir() \
        else [config_path]
    outside = referenced_outside(root, own)
    ancestor = Path(os.path.commonpath([root, *outside])) if outside else root
    tree = workdir / "tree"
    sandbox_root = tree / root.relative_to(ancestor)
    sandbox_root.mkdir(parents=True, exist_ok=True)
    for entry in sorted(root.iterdir()):
        if entry.name in _NEVER_COPIED or entry.name == OVERRIDE_NAME or workdir.resolve().is_relative_to(entry):
            continue  # (the sandbox itself may sit beside the configuration)
        if _is_config(entry) and entry.is_file():
            if entry in own:
                shutil.copyfile(entry, sandbox_root / entry.name)
        elif entry.is_file() and _auto_vars(entry):
            shutil.copyfile(entry, sandbox_root / entry.name)
        else:
            _link_or_copy(entry, sandbox_root / entry.name)
    for path in sorted(outside):
        if not any(other != path and path.is_relative_to(other) for other in outside):
            _link_or_copy(path, tree / path.relative_to(ancestor))
    if backend is not None:
        (sandbox_root / OVERRIDE_NAME).write_text(json.dumps({"terraform": {"backend": dict(backend)}}, indent=2) + "\n")
    copied = []
    for position, var_file in enumerate(var_files):
        target = workdir / "vars" / f"{position}-{Path(var_file).name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(var_file, target)
        copied.append(target)
    return Sandbox(sandbox_root, tuple(copied))


def local_backend(state: Path) -> dict[str, Any]:
    """A local backend keeping the state at ``state`` (an absolute path)."""
    return {"local": {"path": str(Path(state).resolve())}}
