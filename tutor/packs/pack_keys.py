"""The programme's Ed25519 signing keys.

The private key stays with whoever builds packs and is encrypted with a passphrase; the
public key is one short line (``ed25519:BASE64``) that a trainer types or copies onto each
PC with ``tutor pack trust``.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tutor.i18n import _
from tutor.packs.pack_errors import PackError

PUBLIC_PREFIX = "ed25519:"


def generate(passphrase: bytes) -> tuple[bytes, str]:
    """A new key pair: (encrypted private key PEM, public key line)."""
    if len(passphrase) < 8:
        raise PackError("weak-passphrase", _("The passphrase must be at least 8 characters."))
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    return pem, public_line(key.public_key())


def public_line(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PUBLIC_PREFIX + base64.b64encode(raw).decode("ascii")


def parse_public(line: str) -> Ed25519PublicKey:
    """A public key from its line; PackError for anything else."""
    text = line.strip()
    try:
        if not text.startswith(PUBLIC_PREFIX):
            raise ValueError
        raw = base64.b64decode(text[len(PUBLIC_PREFIX) :], validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise PackError("bad-public-key", _("This is not a tutor public key.")) from None


def key_id(public: Ed25519PublicKey | str) -> str:
    """A short fingerprint trainers can compare by eye."""
    line = public if isinstance(public, str) else public_line(public)
    return hashlib.sha256(line.strip().encode("ascii")).hexdigest()[:16]


def load_private(path: Path, passphrase: bytes) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(
            "key-unreadable",
            _("Cannot read the key file {path}: {reason}").format(path=path, reason=exc.strerror),
        ) from exc
    try:
        key = serialization.load_pem_private_key(data, password=passphrase)
    except (ValueError, TypeError):
        raise PackError("key-locked", _("Wrong passphrase, or not a tutor signing key.")) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError("key-locked", _("Wrong passphrase, or not a tutor signing key."))
    return key


def verify_signature(public: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        public.verify(signature, message)
    except InvalidSignature:
        return False
    return True
