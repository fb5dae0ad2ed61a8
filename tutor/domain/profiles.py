"""Trainee profiles and PIN rules.

A PIN on a shared PC keeps one trainee's progress from being changed by another; it is not
strong security. Still, it is hashed with a slow salted hash (scrypt) so a copied state file
does not reveal it, and five wrong tries lock the profile for a minute.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tutor.domain.slow_hash import hash_secret, secret_matches

MAX_TRIES = 5
LOCK_MS = 60_000
NAME_MAX = 40


@dataclass(frozen=True)
class Profile:
    id: str  # learner id: random, global, travels with the trainee between PCs
    name: str
    created_ms: int
    lang: str = "en"
    pin_hash: str = ""  # "scrypt$n$r$p$salthex$hashhex", or "" for no PIN
    failed_tries: int = 0
    locked_until_ms: int = 0

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)


class ProfileError(ValueError):
    """A rule broken by user input; the message is shown to the user (already translated)."""


def valid_pin(pin: str) -> bool:
    return len(pin) == 4 and pin.isascii() and pin.isdigit()


def clean_name(name: str) -> str:
    """Trim and collapse spaces; the empty string means "no valid name"."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_MAX or not cleaned.isprintable():
        return ""
    return cleaned


def hash_pin(pin: str, salt: bytes) -> str:
    return hash_secret(pin, salt)


def pin_matches(pin_hash: str, pin: str) -> bool:
    return secret_matches(pin_hash, pin)


def is_locked(profile: Profile, now_ms: int) -> bool:
    return now_ms < profile.locked_until_ms


def seconds_locked(profile: Profile, now_ms: int) -> int:
    return max(0, -(-(profile.locked_until_ms - now_ms) // 1000))


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    profile: Profile  # with updated try counter / lock
    locked: bool = False


def check_pin(profile: Profile, pin: str, now_ms: int) -> PinCheck:
    """Check a PIN, counting failures; while locked nothing is checked at all."""
    if not profile.has_pin:
        return PinCheck(True, profile)
    if is_locked(profile, now_ms):
        return PinCheck(False, profile, locked=True)
    if pin_matches(profile.pin_hash, pin):
        return PinCheck(True, replace(profile, failed_tries=0, locked_until_ms=0))
    tries = profile.failed_tries + 1
    if tries >= MAX_TRIES:
        locked = replace(profile, failed_tries=0, locked_until_ms=now_ms + LOCK_MS)
        return PinCheck(False, locked, locked=True)
    return PinCheck(False, replace(profile, failed_tries=tries))
