"""Where intake writes: the Python module (``--output``) and, beside it, ``<stem>_modules/`` with copies
of the local modules the construct ships as assets. Both are checked before any work (an existing
file or directory intake did not write is never replaced) and the user's folder is only read."""

from __future__ import annotations

import shutil
from pathlib import Path

from importer.intake.project import HclProject, IntakeError
from importer.intake.rewrite import MARKER

MODULES_MARKER = ".written-by-importer-intake"
_IGNORED = shutil.ignore_patterns(".terraform", ".git", "*.tfstate", "*.tfstate.backup", ".terraform.lock.hcl")


def modules_dir(output: Path) -> Path:
    """The directory of local module copies for ``output`` (``legacy.py`` -> ``legacy_modules``)."""
    return output.with_name(f"{output.stem}_modules")


def check_output(output: Path) -> None:
    """One line (IntakeError) when ``output`` or its modules directory cannot be written by intake."""
    if not output.parent.is_dir():
        raise IntakeError(f"{output.parent} does not exist: create it or choose another --output")
    if output.is_dir():
        raise IntakeError(f"{output} is a directory: --output names the Python module to write")
    if output.exists() and not output.read_text(errors="replace").startswith(f'"""{MARKER}'):
        raise IntakeError(f"{output} exists and intake did not write it: choose another --output or move it away")
    copies = modules_dir(output)
    if copies.exists() and not (copies / MODULES_MARKER).is_file():
        raise IntakeError(f"{copies} exists and intake did not write it: move it away or choose another --output")


def copy_modules(project: HclProject, output: Path) -> Path | None:
    """Copy the project's local modules into :func:`modules_dir` (replacing an earlier intake copy);
    None when the project calls no local module."""
    local = sorted({call.directory for call in project.modules if call.local})
    copies = modules_dir(output)
    if not local:
        return None
    if copies.exists():
        shutil.rmtree(copies)
    for directory in local:
        shutil.copytree(project.root / directory, copies / directory, ignore=_IGNORED)
    (copies / MODULES_MARKER).write_text("Copies of local Terraform modules, written by `python -m importer intake`.\n")
    return copies
