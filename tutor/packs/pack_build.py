"""Build one signed pack file from a lesson folder, after the same checks as ``lessons check``."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tutor.i18n import _
from tutor.packs.pack_errors import PackError
from tutor.packs.pack_format import (
    FILES_PREFIX,
    MANIFEST,
    SIGNATURE,
    FileEntry,
    Manifest,
    safe_relative_path,
)
from tutor.packs.pack_keys import key_id, public_line

LESSON_SUFFIXES = (".md", ".yaml", ".yml", ".png", ".jpg", ".txt")


def collect_files(src: Path) -> list[tuple[str, Path]]:
    """Files of a lesson tree, sorted, with names safe on every PC; skips hidden files."""
    found = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        if path.is_symlink():
            raise PackError(
                "link", _("{name} is a link; packs hold only plain files.").format(name=rel)
            )
        if path.is_file() and path.suffix.lower() in LESSON_SUFFIXES:
            if not safe_relative_path(rel):
                raise PackError(
                    "bad-name", _("{name}: this file name cannot go in a pack.").format(name=rel)
                )
            found.append((rel, path))
    return found


def languages_of(names: list[str]) -> tuple[str, ...]:
    langs = {n.rsplit(".", 2)[-2] for n in names if n.endswith(".md") and n.count(".") >= 2}
    return tuple(sorted(langs & {"en", "ur"}))


def build_pack(
    src: Path,
    key: Ed25519PrivateKey,
    out: Path,
    *,
    pack_id: str,
    version: int,
    title: str = "",
    now: dt.datetime | None = None,
    check: bool = True,
) -> Manifest:
    """Check the lessons, then write ``out`` atomically; returns the manifest written."""
    if check:
        from tutor.lessons.check import check_tree

        errors = [p for p in check_tree(src) if p.severity == "error"]
        if errors:
            raise PackError(
                "lessons-invalid",
                _(
                    "The lessons have {n} problems; run 'tutor lessons check' and fix them first."
                ).format(n=len(errors)),
            )
    files = collect_files(src)
    if not files:
        raise PackError("empty", _("There are no lesson files in {path}.").format(path=src))
    entries = []
    for rel, path in files:
        data = path.read_bytes()
        entries.append(FileEntry(rel, len(data), hashlib.sha256(data).hexdigest()))
    created = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest = Manifest(
        pack_id,
        version,
        title,
        languages_of([r for r, _ in files]),
        created,
        tuple(entries),
        key_id(public_line(key.public_key())),
        public_line(key.public_key()),
    )
    manifest_bytes = manifest.to_bytes()
    try:
        _write_zip(out, manifest_bytes, key.sign(manifest_bytes), files)
    except OSError as exc:
        raise PackError(
            "write-failed",
            _("Could not write {path}: {reason}").format(path=out, reason=exc.strerror or exc),
        ) from exc
    return manifest


def _write_zip(out: Path, manifest: bytes, signature: bytes, files: list[tuple[str, Path]]) -> None:
    """Write the pack beside its final name, then rename: a half-written pack never exists."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, manifest)
            zf.writestr(SIGNATURE, signature)
            for rel, path in files:
                zf.write(path, FILES_PREFIX + rel)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
