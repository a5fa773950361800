"""The layering DESIGN.md promises, checked on the source: ``importer/`` runs against a real
account alone, so it imports neither the emulator, moto, the stacks nor CDKTF; the emulator
depends on the importer, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.tools import PROJECT_ROOT

FORBIDDEN_IN_IMPORTER = ("emulator", "moto", "stacks", "cdktf", "cdktf_cdktf_provider_aws", "werkzeug")


def _imported_roots(path: Path) -> set[str]:
    """The top-level package of every import in ``path`` (module level or inside functions)."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_importer_imports_neither_emulator_moto_stacks_nor_cdktf():
    offenders = {str(path.relative_to(PROJECT_ROOT)): sorted(_imported_roots(path) & set(FORBIDDEN_IN_IMPORTER))
                 for path in sorted((PROJECT_ROOT / "importer").rglob("*.py"))}
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, offenders


def test_the_emulator_lives_beside_the_importer():
    assert not (PROJECT_ROOT / "importer" / "emulator").exists()
    assert (PROJECT_ROOT / "emulator" / "scenario").is_dir() and (PROJECT_ROOT / "emulator" / "fidelity").is_dir()
    uses = set().union(*(_imported_roots(path) for path in (PROJECT_ROOT / "emulator").rglob("*.py")))
    assert "importer" in uses  # it builds on the importer (one direction)
