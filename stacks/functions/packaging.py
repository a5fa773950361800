"""Byte-reproducible Lambda zips: same sources, same bytes, same ``source_code_hash``.

Timestamps and permissions inside the archive are fixed, so the hash in the synthesized
config equals the ``CodeSha256`` of code uploaded from any checkout. No dependency on CDKTF.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

FUNCTIONS_DIR = Path(__file__).resolve().parent
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class FunctionPackage:
    """A built zip: its bytes and the base64 SHA-256 Lambda reports as ``CodeSha256``."""

    name: str
    content: bytes

    @property
    def code_sha256(self) -> str:
        """Base64 of the SHA-256 of the zip, as Terraform's ``filebase64sha256`` computes it."""
        return base64.b64encode(hashlib.sha256(self.content).digest()).decode()

    def write(self, directory: Path) -> Path:
        """Write the zip as ``<directory>/<name>.zip`` (only if its bytes changed) and return its path."""
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.name}.zip"
        if not path.exists() or path.read_bytes() != self.content:
            path.write_bytes(self.content)
        return path


def build_function(name: str, source_root: Path = FUNCTIONS_DIR) -> FunctionPackage:
    """Zip every ``*.py`` file of ``<source_root>/<name>`` in sorted order with fixed metadata."""
    source_dir = source_root / name
    files = sorted(path for path in source_dir.rglob("*.py") if "__pycache__" not in path.parts)
    if not files:
        raise FileNotFoundError(f"no Python sources for function {name!r} in {source_dir}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(source_dir).as_posix(), date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return FunctionPackage(name=name, content=buffer.getvalue())
