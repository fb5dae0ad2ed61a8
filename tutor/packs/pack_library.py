"""Installed packs on this PC: install with an atomic swap, keep the previous version, roll back.

Layout under ``DataPaths.packs``::

    <pack-id>/current.json        which version folder is active, and the one before it
    <pack-id>/v<version>-<nonce>/  a complete, verified copy of the pack's files
    <pack-id>/.incoming-<nonce>/   an install in progress (removed on the next install)

A version folder gets its final name only once every file is written and fsynced, and
``current.json`` is replaced atomically, so a power cut at any point leaves the old or the
new version active, both complete.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.i18n import _
from tutor.packs.pack_errors import PackError
from tutor.packs.pack_format import FILES_PREFIX, Manifest, parse_manifest
from tutor.store.atomic_file import fsync_folder, write_all, write_file_atomic
from tutor.store.errors import DiskFullError, StoreError

if TYPE_CHECKING:  # pack_verify pulls in cryptography; listing packs at start must not
    from tutor.packs.pack_verify import VerifiedPack

POINTER = "current.json"
MANIFEST_COPY = ".manifest.json"


@dataclass(frozen=True)
class InstalledPack:
    pack_id: str
    version: int
    folder: Path
    previous_version: int | None
    manifest: Manifest


@dataclass(frozen=True)
class PackChanges:
    new: tuple[str, ...]
    updated: tuple[str, ...]
    removed: tuple[str, ...]


def _lesson_files(manifest: Manifest) -> dict[str, str]:
    """Lesson name (path without language and suffix) -> combined hash of its files."""
    out: dict[str, str] = {}
    for f in manifest.files:
        if f.path.endswith(".md") and not f.path.rsplit("/", 1)[-1].startswith("glossary"):
            stem = f.path.rsplit(".", 2)[0]
            out[stem] = out.get(stem, "") + f.sha256
    return out


def changes(old: Manifest | None, new: Manifest) -> PackChanges:
    """What installing ``new`` over ``old`` changes, lesson by lesson."""
    before = _lesson_files(old) if old else {}
    after = _lesson_files(new)
    return PackChanges(
        new=tuple(sorted(set(after) - set(before))),
        updated=tuple(sorted(k for k in set(after) & set(before) if after[k] != before[k])),
        removed=tuple(sorted(set(before) - set(after))),
    )


def _fsync_all(files: list[Path], top: Path) -> None:
    """Make every unpacked file and folder durable before the swap.

    On POSIX one ``os.sync()`` flushes them all at once, far cheaper than hundreds of
    per-file fsyncs on a slow disk (measured in bench/bench_pack_install.py); Windows has
    no such call, so there each file is flushed.
    """
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in files:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for folder in sorted({p.parent for p in files} | {top}, reverse=True):
        fsync_folder(folder)


class PackLibrary:
    def __init__(self, root: Path) -> None:
        self.root = root

    # -- reading ------------------------------------------------------------------------

    def _pointer(self, pack_id: str) -> dict:
        try:
            doc = json.loads((self.root / pack_id / POINTER).read_text("utf-8"))
            return doc if isinstance(doc, dict) else {}
        except (OSError, ValueError):
            return {}

    def installed(self) -> list[InstalledPack]:
        if not self.root.is_dir():
            return []
        found = []
        for folder in sorted(self.root.iterdir()):
            pack = self.get(folder.name) if folder.is_dir() else None
            if pack is not None:
                found.append(pack)
        return found

    def get(self, pack_id: str) -> InstalledPack | None:
        pointer = self._pointer(pack_id)
        active = pointer.get("active")
        if not isinstance(active, str):
            return None
        folder = self.root / pack_id / active
        try:
            manifest = parse_manifest((folder / MANIFEST_COPY).read_bytes())
        except (OSError, PackError):
            return None
        previous = pointer.get("previous_version")
        return InstalledPack(
            pack_id,
            manifest.version,
            folder,
            previous if isinstance(previous, int) else None,
            manifest,
        )

    def lesson_folders(self) -> list[Path]:
        """The active lesson folder of every installed pack."""
        return [p.folder / "files" for p in self.installed()]

    # -- installing -----------------------------------------------------------------------

    def plan(self, pack: VerifiedPack) -> tuple[InstalledPack | None, PackChanges]:
        current = self.get(pack.manifest.pack_id)
        return current, changes(current.manifest if current else None, pack.manifest)

    def install(
        self,
        pack: VerifiedPack,
        *,
        allow_older: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> InstalledPack:
        """Unpack a verified pack beside the current version, then swap. Raises PackError."""
        manifest = pack.manifest
        current = self.get(manifest.pack_id)
        if current and current.manifest.to_bytes() == manifest.to_bytes():
            return current  # the same pack again: keep the real roll-back copy
        if current and manifest.version < current.version and not allow_older:
            raise PackError(
                "older",
                _("This pack (version {new}) is older than the installed one ({old}).").format(
                    new=manifest.version, old=current.version
                ),
            )
        pack_dir = self.root / manifest.pack_id
        try:
            pack_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._os_error(exc) from exc
        self._clean_incoming(pack_dir)
        nonce = secrets.token_hex(4)
        incoming = pack_dir / f".incoming-{nonce}"
        try:
            self._unpack(pack, incoming, progress)
            final = pack_dir / f"v{manifest.version}-{nonce}"
            os.replace(incoming, final)
            fsync_folder(pack_dir)
            pointer = {
                "active": final.name,
                "version": manifest.version,
                "previous": current.folder.name if current else None,
                "previous_version": current.version if current else None,
            }
            write_file_atomic(pack_dir / POINTER, json.dumps(pointer).encode())
        except OSError as exc:
            shutil.rmtree(incoming, ignore_errors=True)
            raise self._os_error(exc) from exc
        except PackError:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        except StoreError as exc:
            shutil.rmtree(incoming, ignore_errors=True)
            code = "disk-full" if isinstance(exc, DiskFullError) else "write-failed"
            raise PackError(code, str(exc)) from exc
        self._prune(pack_dir)
        installed = self.get(manifest.pack_id)
        assert installed is not None
        return installed

    def _unpack(
        self, pack: VerifiedPack, incoming: Path, progress: Callable[[int, int], None] | None
    ) -> None:
        """Write every file, re-checking each hash: the stick may have changed since verify."""
        incoming.mkdir()
        (incoming / MANIFEST_COPY).write_bytes(pack.manifest.to_bytes())
        from tutor.packs.pack_verify import open_zip, stream_member

        written: list[Path] = []
        with open_zip(pack.path) as zf:
            total = len(pack.manifest.files)
            for done, entry in enumerate(pack.manifest.files, 1):
                target = incoming / "files" / entry.path
                target.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(
                    target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644
                )
                try:
                    digest = stream_member(
                        zf,
                        zf.getinfo(FILES_PREFIX + entry.path),
                        lambda chunk, fd=fd: write_all(fd, chunk),
                    )
                finally:
                    os.close(fd)
                if digest != entry.sha256:
                    raise PackError(
                        "hash-mismatch",
                        _(
                            "{name} changed on the USB stick during the install. Nothing was "
                            "changed; copy the pack again."
                        ).format(name=entry.path),
                    )
                written.append(target)
                if progress:
                    progress(done, total)
        _fsync_all(written, incoming)

    def rollback(self, pack_id: str) -> InstalledPack:
        """Make the previous version active again (one step back)."""
        pack_dir = self.root / pack_id
        pointer = self._pointer(pack_id)
        previous = pointer.get("previous")
        if not isinstance(previous, str) or not (pack_dir / previous).is_dir():
            raise PackError(
                "no-previous",
                _("There is no earlier version of {pack} to go back to.").format(pack=pack_id),
            )
        current = self.get(pack_id)
        new_pointer = {
            "active": previous,
            "version": pointer.get("previous_version"),
            "previous": pointer.get("active"),
            "previous_version": current.version if current else None,
        }
        write_file_atomic(pack_dir / POINTER, json.dumps(new_pointer).encode())
        restored = self.get(pack_id)
        if restored is None:
            raise PackError(
                "no-previous",
                _("There is no earlier version of {pack} to go back to.").format(pack=pack_id),
            )
        return restored

    # -- housekeeping -----------------------------------------------------------------------

    def _clean_incoming(self, pack_dir: Path) -> None:
        for leftover in pack_dir.glob(".incoming-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def _prune(self, pack_dir: Path) -> None:
        """Keep only the active and the previous version folders."""
        pointer = self._pointer(pack_dir.name)
        keep = {pointer.get("active"), pointer.get("previous")}
        for folder in pack_dir.glob("v*-*"):
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _os_error(exc: OSError) -> PackError:
        if exc.errno == errno.ENOSPC:
            return PackError(
                "disk-full",
                _("The disk is full. Nothing was changed; free some space and try again."),
            )
        return PackError(
            "write-failed",
            _("Could not write the lessons ({reason}). Nothing was changed.").format(
                reason=exc.strerror or exc
            ),
        )
