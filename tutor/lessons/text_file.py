"""Reading lesson-tree files as text, turning every way that can fail into a problem.

Lesson files come from trainers' USB sticks and old PCs: Notepad's UTF-8 BOM, Windows line
endings, a Word document renamed to ``.md`` or an InPage export in another encoding. Each
gets a clear problem instead of a traceback.
"""

from __future__ import annotations

import stat
from pathlib import Path

from tutor.lessons.problems import Problem, problem

# No real lesson comes near this; a bigger file is a mistake or hostile, and parsing it
# would only slow the tutor down.
MAX_FILE_BYTES = 1024 * 1024


def read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """The text of ``path`` with ``\\n`` line ends, or ``None`` and the reason why not."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device named like a lesson would block or never end.
            return None, [problem("unreadable", file, 0, reason="not a regular file")]
        if info.st_size > MAX_FILE_BYTES:
            return None, [problem("too-large", file, 1, size=info.st_size, limit=MAX_FILE_BYTES)]
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may grow while we read
    except OSError as exc:
        return None, [problem("unreadable", file, 0, reason=exc.strerror or type(exc).__name__)]
    return decode_text(data, file)


def path_kind(path: Path) -> str:
    """``"dir"``, ``"file"``, ``"missing"`` or, when the path cannot even be looked at (a
    name too long, a folder without permission), the system's reason."""
    try:
        if path.is_dir():
            return "dir"
        return "file" if path.exists() else "missing"
    except (OSError, ValueError) as exc:
        return getattr(exc, "strerror", None) or type(exc).__name__


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode file bytes as UTF-8 (a BOM is allowed) and normalise line endings."""
    if len(data) > MAX_FILE_BYTES:
        return None, [problem("too-large", file, 1, size=len(data), limit=MAX_FILE_BYTES)]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [problem("binary", file, line)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [problem("not-utf8", file, line)]
    if not text.strip():
        return None, [problem("empty", file, 1)]
    return normalise_newlines(text), []


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n`` so line numbers match what editors show."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
