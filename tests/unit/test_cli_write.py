"""Every command writes its files through :func:`importer.cli.write.write_atomic` and ends through
:func:`importer.cli.errors.finish` or an exception (one error-to-exit mapping): no command module
writes a file by hand or calls ``sys.exit``."""

from __future__ import annotations

import ast
import os
import stat

import pytest

from importer.cli.write import PRIVATE, write_atomic
from tests.tools import PROJECT_ROOT

COMMANDS = sorted(p for p in (PROJECT_ROOT / "importer" / "cli").glob("*.py") if p.name not in ("__init__.py", "write.py"))


def test_write_replaces_the_whole_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out" / "plan.json"
    write_atomic(target, "old")
    assert write_atomic(target, "new\n") == target
    assert target.read_text() == "new\n"
    assert [p.name for p in target.parent.iterdir()] == ["plan.json"]


def test_a_public_file_follows_the_umask_and_a_private_one_is_owner_only(tmp_path):
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.md", "x")
        write_atomic(tmp_path / "record.json", "x", mode=PRIVATE)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "record.json").stat().st_mode) == 0o600


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "verify.json"
    write_atomic(target, "old")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["verify.json"]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: p.name)
def test_commands_neither_exit_nor_write_by_hand(path):
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr == "exit" and getattr(node.value, "id", "") == "sys":
            found.append(f"sys.exit at line {node.lineno}")
        if isinstance(node, ast.Name) and node.id == "SystemExit":
            found.append(f"SystemExit at line {node.lineno}")
        if isinstance(node, ast.Attribute) and node.attr in ("write_text", "write_bytes") \
                and "scratch" not in ast.unparse(node.value):  # Terraform's scratch directories are not outputs
            found.append(f"{node.attr} at line {node.lineno}")
    assert not found, f"{path.name}: use errors.finish / write.write_atomic: {found}"
