"""Enrolment codes and device tokens: made from a random source, stored only as hashes.

A code is what programme staff read out or write on a card, so it avoids letters people
confuse (0/O, 1/I/L, U/V) and ignores case, spaces and dashes. A token is what a PC keeps.
"""

from __future__ import annotations

import hashlib
import random

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 12
TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
TOKEN_LENGTH = 40


def new_code(rng: random.Random) -> str:
    """A fresh enrolment code shown as ``XXXX-XXXX-XXXX``."""
    raw = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch not in " -\t")


def code_hash(code: str) -> str:
    return hashlib.sha256(("code:" + normalise_code(code)).encode()).hexdigest()


def new_token(rng: random.Random) -> str:
    return "".join(rng.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def token_hash(token: str) -> str:
    return hashlib.sha256(("token:" + token).encode()).hexdigest()
