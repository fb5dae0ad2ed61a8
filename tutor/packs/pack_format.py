"""The pack file: a zip holding ``manifest.json``, ``manifest.sig`` and ``files/...``.

The manifest lists every file with its size and SHA-256; the Ed25519 signature covers the
manifest's exact bytes, so one signature check plus one hash per file proves the whole pack.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from tutor.i18n import _
from tutor.packs.pack_errors import PackError

FORMAT = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
FILES_PREFIX = "files/"
SUFFIX = ".tpack"

# Limits: generous for lessons (text and small images), far below what harms an old PC.
MAX_MEMBERS = 5_000
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members over 64 KiB

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
PART_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative, forward slashes, inside files/
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    pack_id: str
    version: int
    title: str
    languages: tuple[str, ...]
    created: str
    files: tuple[FileEntry, ...]
    key_id: str = ""
    public_key: str = ""  # the signer's public key line, so any PC can check integrity

    def to_bytes(self) -> bytes:
        """Canonical bytes: what is signed, and what the verifier re-reads."""
        doc = {
            "format": FORMAT,
            "id": self.pack_id,
            "version": self.version,
            "title": self.title,
            "languages": list(self.languages),
            "created": self.created,
            "key_id": self.key_id,
            "public_key": self.public_key,
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files],
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def safe_relative_path(path: str) -> bool:
    """A member path that cannot leave the install folder on Linux or Windows."""
    if not path or "\\" in path or path.startswith("/") or ":" in path:
        return False
    parts = path.split("/")
    return all(PART_RE.match(p) and p not in (".", "..") for p in parts)


def _bad(reason: str) -> PackError:
    return PackError(
        "manifest-invalid", _("The pack's manifest is not valid: {reason}").format(reason=reason)
    )


def parse_manifest(data: bytes) -> Manifest:
    """Parse and validate manifest bytes; raises PackError naming what is wrong."""
    try:
        doc: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _bad(_("it is not JSON")) from None
    if not isinstance(doc, dict):
        raise _bad(_("it is not a JSON object"))
    if doc.get("format") != FORMAT:
        raise _bad(_("unknown format {value}").format(value=doc.get("format")))
    pack_id, version = doc.get("id"), doc.get("version")
    if not isinstance(pack_id, str) or not ID_RE.match(pack_id):
        raise _bad(_("bad pack id"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(_("bad version"))
    files = doc.get("files")
    if not isinstance(files, list) or not files:
        raise _bad(_("no file list"))
    entries = tuple(_file_entry(item) for item in files)
    if len({e.path.casefold() for e in entries}) != len(entries):
        raise _bad(_("a file is listed twice"))
    languages = doc.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise _bad(_("bad language list"))
    return Manifest(
        pack_id=pack_id,
        version=version,
        title=str(doc.get("title", "")),
        languages=tuple(languages),
        created=str(doc.get("created", "")),
        files=entries,
        key_id=str(doc.get("key_id", "")),
        public_key=str(doc.get("public_key", "")),
    )


def _file_entry(item: Any) -> FileEntry:
    if not isinstance(item, dict):
        raise _bad(_("a file entry is not an object"))
    path, size, sha = item.get("path"), item.get("size"), item.get("sha256")
    if not isinstance(path, str) or not safe_relative_path(path):
        raise _bad(_("unsafe file name {name!r}").format(name=path))
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_FILE_BYTES:
        raise _bad(_("bad size for {name}").format(name=path))
    if not isinstance(sha, str) or not SHA_RE.match(sha):
        raise _bad(_("bad checksum for {name}").format(name=path))
    return FileEntry(path, size, sha)
