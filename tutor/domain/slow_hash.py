"""A slow salted hash (scrypt) for PINs and staff passwords.

Every parameter travels with the hash, so the cost can grow later without breaking stored
hashes. A malformed stored hash never matches.

hashlib and hmac are imported where a hash is made or checked: loading OpenSSL costs ~10 ms,
and the tutor's first screen needs no hash.
"""

from __future__ import annotations

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # ~50 ms here: slow for guessing, fine on old PCs
MAXMEM = 64 * 1024 * 1024


def hash_secret(secret: str, salt: bytes, n: int = SCRYPT_N) -> str:
    import hashlib

    digest = hashlib.scrypt(secret.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, maxmem=MAXMEM)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def secret_matches(stored: str, secret: str) -> bool:
    """Compare in constant time."""
    import hashlib
    import hmac

    try:
        kind, n, r, p, salt_hex, digest_hex = stored.split("$")
        if kind != "scrypt":
            return False
        digest = hashlib.scrypt(
            secret.encode(),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=MAXMEM,
        )
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
