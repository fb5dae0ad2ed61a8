"""Write a small file so that a power cut leaves the old or the new version, never a mix.

Temp file in the same folder, fsync, ``os.replace``, fsync the folder (SYNC-STUDY §1.6).
Used for the sync state and for USB bundles, whose read-back check follows.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable; Windows cannot open folders and needs no call."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on failure the old file is untouched."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _replace_with_retry(tmp, path)
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def _replace_with_retry(tmp: str, path: Path) -> None:
    """Windows antivirus or indexers may hold the target open for a moment."""
    for attempt in range(20):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == 19:
                raise
            time.sleep(0.05 * (attempt + 1))
