"""Find pack files on USB sticks: Linux mount points and Windows drive letters."""

from __future__ import annotations

import os
import string
from collections.abc import Iterable
from pathlib import Path

from tutor.packs.pack_format import SUFFIX


def removable_roots(platform_is_windows: bool = os.name == "nt") -> list[Path]:
    """Folders where a USB stick usually appears on this PC."""
    if platform_is_windows:
        return [
            Path(f"{letter}:\\")
            for letter in string.ascii_uppercase[3:]
            if Path(f"{letter}:\\").exists()
        ]
    roots: list[Path] = []
    for base in (Path("/media"), Path("/run/media"), Path("/mnt")):
        if not base.is_dir():
            continue
        for child in base.iterdir():
            # /media/USER/STICK and /run/media/USER/STICK, or /media/STICK, /mnt/STICK
            inner = [p for p in _dirs(child)] if child.is_dir() else []
            roots.extend(inner or [child])
    return roots


def _dirs(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir()]
    except OSError:
        return []


def find_packs(folders: Iterable[Path], depth: int = 2) -> list[Path]:
    """Pack files in the folders and their subfolders down to ``depth``; unreadable ones skipped."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_file() and folder.name.endswith(SUFFIX):
            found.append(folder)
            continue
        found.extend(_walk(folder, depth))
    return sorted(set(found))


def _walk(folder: Path, depth: int) -> list[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [p for p in entries if p.is_file() and p.name.endswith(SUFFIX)]
    if depth > 0:
        for sub in entries:
            if sub.is_dir() and not sub.name.startswith("."):
                found.extend(_walk(sub, depth - 1))
    return found
