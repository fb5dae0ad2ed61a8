"""Replace a whole file so a power cut leaves the old or the new one, never a mix.

The recipe (DESIGN §3): write a temp file in the same folder, fsync it, ``os.replace`` it
over the target, fsync the folder so the rename itself is on disk. Optionally the current
file is first renamed to a "previous generation" name, so a reader that finds the new file
damaged (file systems that reorder data writes after a rename) still has the old one.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from tutor.store.errors import store_error_from_os

_BINARY = getattr(os, "O_BINARY", 0)
_REPLACE_ATTEMPTS = 6
_REPLACE_DELAY_S = 0.05


def fsync_folder(folder: Path) -> None:
    """Make a create/rename/delete inside ``folder`` durable.

    Windows cannot open a folder for fsync (and NTFS journals renames itself), so there this
    does nothing.
    """
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data``; ``os.write`` may write fewer than asked."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def replace_file(
    src: Path,
    dst: Path,
    *,
    attempts: int = _REPLACE_ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
    windows: bool = os.name == "nt",
) -> None:
    """``os.replace`` that retries on Windows, where antivirus or an indexer briefly holds files.

    On Windows a ``PermissionError`` from a rename is usually that short hold, so it is tried
    again a few times with growing pauses. Elsewhere it means a real lack of rights and is
    raised at once.
    """
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if not windows or attempt == attempts - 1:
                raise
            sleep(_REPLACE_DELAY_S * (attempt + 1))


def read_file(path: Path) -> bytes | None:
    """The bytes of ``path``, or ``None`` when it does not exist."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def write_file_atomic(path: Path, data: bytes, *, previous: Path | None = None) -> None:
    """Put ``data`` at ``path`` durably; with ``previous``, keep the current file there first.

    Raises a :class:`~tutor.store.errors.StoreError` (``DiskFullError`` when out of space);
    the temp file is removed, and ``path`` is still the old file or, if the failure came
    after the old file was moved to ``previous``, absent with the old content at ``previous``.
    """
    folder = path.parent
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o644)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if previous is not None and path.exists():
            replace_file(path, previous)
            fsync_folder(folder)
        replace_file(tmp, path)
        fsync_folder(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise store_error_from_os(exc, path) from exc


def move_aside(path: Path, label: str = "damaged") -> Path:
    """Rename ``path`` to ``<name>.<label>-<n>`` (first free ``n``) and return the new path.

    Damaged files are kept, never deleted, so a trainer or developer can still look at them.
    """
    n = 1
    while True:
        target = path.with_name(f"{path.name}.{label}-{n}")
        if not target.exists():
            break
        n += 1
    os.replace(path, target)
    fsync_folder(path.parent)
    return target
