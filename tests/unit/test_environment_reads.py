"""Settings come from the environment in one place: ``importer/cli/settings.py`` is the only module
of ``importer/`` that reads ``os.environ`` (or ``os.getenv``, ``os.environb``, ``os.putenv``);
everything else receives the values it needs as arguments."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.tools import PROJECT_ROOT

SETTINGS = PROJECT_ROOT / "importer" / "cli" / "settings.py"
READS = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def _environment_reads(path: Path) -> list[int]:
    """Line numbers in ``path`` that touch the process environment through ``os``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr in READS and isinstance(node.value, ast.Name) \
                and node.value.id in ("os", "posix"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module in ("os", "posix", "nt"):
            if any(alias.name in READS for alias in node.names):
                lines.append(node.lineno)
    return lines


def test_only_the_settings_module_reads_the_environment():
    readers = {str(path.relative_to(PROJECT_ROOT)): lines
               for path in sorted((PROJECT_ROOT / "importer").rglob("*.py"))
               if path != SETTINGS and (lines := _environment_reads(path))}
    assert not readers, f"read the environment in importer/cli/settings.py and pass the values down: {readers}"
    assert _environment_reads(SETTINGS)  # the scan does find the one place


def test_the_scan_sees_every_way_of_reading_it(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom os import getenv\na = os.environ['X']\nb = os.getenv('Y')\nc = self.environ\n")
    assert sorted(_environment_reads(sample)) == [2, 3, 4]
