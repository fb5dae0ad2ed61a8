"""Helpers that craft hostile packs byte by byte, and the small lesson tree packs are built from."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tutor.packs.pack_keys import key_id, public_line

LESSONS = Path(__file__).parents[1] / "ui" / "fixtures" / "lessons"


def craft(
    path: Path,
    key: Ed25519PrivateKey | None,
    files: dict[str, bytes],
    *,
    manifest_files: list[dict] | None = None,
    extra: list[tuple[zipfile.ZipInfo, bytes]] = (),
    manifest_patch: dict | None = None,
    sign_bytes: bytes | None = None,
) -> Path:
    """A pack whose manifest lists ``manifest_files`` (default: ``files`` honestly)."""
    if manifest_files is None:
        manifest_files = [
            {"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
            for n, d in files.items()
        ]
    doc = {
        "format": 1,
        "id": "hostile",
        "version": 1,
        "title": "",
        "languages": ["en"],
        "created": "",
        "files": manifest_files,
    }
    if key is not None:
        doc["public_key"] = public_line(key.public_key())
        doc["key_id"] = key_id(doc["public_key"])
    doc.update(manifest_patch or {})
    manifest = json.dumps(doc).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", manifest)
        if key is not None:
            zf.writestr(
                "manifest.sig", key.sign(sign_bytes if sign_bytes is not None else manifest)
            )
        for name, data in files.items():
            zf.writestr("files/" + name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return path
