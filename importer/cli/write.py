"""The one way a command writes a file: the whole text to a new file in the same directory,
flushed to disk, then renamed over the target. A reader (or a crash) sees the old file or the new
one, never half of either."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PUBLIC = 0o666  # the umask applies, as for any new file
PRIVATE = 0o600  # owner only: never widened, not even for a moment


def write_atomic(path: Path, text: str, mode: int = PUBLIC) -> Path:
    """Write ``text`` to ``path`` atomically (parents created); ``mode=PRIVATE`` for files only their
    owner may read. Returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)
    return path


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: some filesystems refuse to open a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
