"""Verify a pack file before anything is written: structure, limits, signature, hashes.

Every check reads from the pack only; nothing on the PC changes. A stick pulled out during
reading surfaces as a clear PackError, never a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tutor.i18n import _
from tutor.packs.pack_errors import PackError
from tutor.packs.pack_format import (
    FILES_PREFIX,
    MANIFEST,
    MAX_FILE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    SIGNATURE,
    Manifest,
    parse_manifest,
    safe_relative_path,
)
from tutor.packs.pack_keys import key_id, parse_public, verify_signature

TRUSTED, UNKNOWN_KEY, UNSIGNED = "trusted", "unknown-key", "unsigned"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class VerifiedPack:
    path: Path
    manifest: Manifest
    trust: str  # TRUSTED | UNKNOWN_KEY | UNSIGNED
    signer: str  # key id, "" when unsigned


def read_error(exc: OSError) -> PackError:
    return PackError(
        "read-failed",
        _(
            "Could not read the pack ({reason}). Was the USB stick removed? Nothing was changed."
        ).format(reason=exc.strerror or exc),
    )


def open_zip(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        message = _("There is no pack file at {path}.").format(path=path)
        raise PackError("missing", message)
    with _reading():
        return zipfile.ZipFile(path)


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def check_members(infos: Iterable[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """Members by name, after refusing anything that could harm the PC."""
    members: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if len(members) >= MAX_MEMBERS:
            raise PackError("too-many", _("The pack has too many files."))
        if name.casefold() in folded:
            raise PackError("duplicate", _("The pack holds {name} twice.").format(name=name))
        if _is_link(info):
            raise PackError(
                "link",
                _("The pack holds a link ({name}); packs hold only plain files.").format(name=name),
            )
        if name not in (MANIFEST, SIGNATURE):
            inner = name[len(FILES_PREFIX) :] if name.startswith(FILES_PREFIX) else ""
            if info.is_dir() or not safe_relative_path(inner):
                raise PackError(
                    "unsafe-path", _("The pack holds an unsafe file name: {name}").format(name=name)
                )
        if info.file_size > max(MAX_FILE_BYTES, MAX_MANIFEST_BYTES):
            raise PackError("too-big", _("{name} in the pack is too big.").format(name=name))
        if info.file_size > 64 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise PackError(
                "zip-bomb",
                _("{name} in the pack is compressed suspiciously well (a zip bomb?).").format(
                    name=name
                ),
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackError("too-big", _("The pack is too big to install."))
        members[name] = info
        folded.add(name.casefold())
    return members


def read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with _reading(), zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise PackError("too-big", _("{name} in the pack is too big.").format(name=info.filename))
    return data


def stream_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sink: Callable[[bytes], None]) -> str:
    """Feed a member's bytes to ``sink`` and return their SHA-256; bounded by its size.

    Read errors become PackError("read-failed"); errors raised by ``sink`` (the disk being
    written) pass through unchanged, so the caller can tell a pulled stick from a full disk.
    """
    digest = hashlib.sha256()
    seen = 0
    with _reading():
        fh = zf.open(info)
    with fh:
        while True:
            with _reading():
                chunk = fh.read(CHUNK)
            if not chunk:
                break
            seen += len(chunk)
            if seen > info.file_size or seen > MAX_FILE_BYTES:
                raise PackError(
                    "too-big", _("{name} in the pack is too big.").format(name=info.filename)
                )
            digest.update(chunk)
            sink(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _reading() -> Iterator[None]:
    """Turn failures while reading the pack into PackErrors the trainer understands."""
    try:
        yield
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise PackError(
            "truncated",
            _("The pack file is damaged or incomplete. Copy it to the USB stick again."),
        ) from None
    except OSError as exc:
        raise read_error(exc) from exc


def _trust(
    manifest: Manifest, signature: bytes | None, manifest_bytes: bytes, trusted_keys: Iterable[str]
) -> tuple[str, str]:
    if signature is None:
        return UNSIGNED, ""
    try:
        public = parse_public(manifest.public_key)
    except PackError:
        raise PackError("bad-signature", _("The pack's signature is missing its key.")) from None
    if not verify_signature(public, signature, manifest_bytes):
        raise PackError(
            "bad-signature",
            _("The pack's signature does not match: it was changed after it was signed."),
        )
    signer = key_id(manifest.public_key)
    trusted = {key_id(k) for k in trusted_keys}
    return (TRUSTED if signer in trusted else UNKNOWN_KEY), signer


def verify_pack(
    path: Path, trusted_keys: Iterable[str] = (), progress: Callable[[int, int], None] | None = None
) -> VerifiedPack:
    """Check everything about a pack; raises PackError with the first reason to refuse it."""
    with open_zip(path) as zf:
        try:
            infos = zf.infolist()
        except OSError as exc:
            raise read_error(exc) from exc
        members = check_members(infos)
        if MANIFEST not in members:
            raise PackError("manifest-missing", _("The pack has no manifest."))
        manifest_bytes = read_small(zf, members[MANIFEST], MAX_MANIFEST_BYTES)
        manifest = parse_manifest(manifest_bytes)
        signature = read_small(zf, members[SIGNATURE], 1024) if SIGNATURE in members else None
        trust, signer = _trust(manifest, signature, manifest_bytes, trusted_keys)
        listed = {FILES_PREFIX + f.path: f for f in manifest.files}
        for name in members:
            if name not in listed and name not in (MANIFEST, SIGNATURE):
                raise PackError(
                    "not-listed",
                    _("{name} is in the pack but not in its manifest.").format(name=name),
                )
        for done, (name, entry) in enumerate(listed.items(), 1):
            info = members.get(name)
            if info is None:
                raise PackError(
                    "missing-file",
                    _("{name} is listed in the manifest but missing from the pack.").format(
                        name=entry.path
                    ),
                )
            if (
                info.file_size != entry.size
                or stream_member(zf, info, lambda _b: None) != entry.sha256
            ):
                raise PackError(
                    "hash-mismatch",
                    _(
                        "{name} in the pack differs from its manifest: the pack was changed or "
                        "damaged."
                    ).format(name=entry.path),
                )
            if progress:
                progress(done, len(listed))
    return VerifiedPack(path, manifest, trust, signer)
